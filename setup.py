"""The one thing pyproject.toml does not declare: the optional C extension.

``kg/extract/_speedups.c`` is the gazetteer's token trie walked in C (~4x faster than the
pure-Python walk in ``kg/extract/phrases.py``, which gives the same hits). It is optional:
without a C compiler the install still succeeds and the pure-Python walk is used; under
``CI=true`` ``tests/extract/test_phrases.py`` fails if the module was not built. Extensions
are declared here because ``[tool.setuptools.ext-modules]`` in pyproject.toml is still
experimental in setuptools.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "kg.extract._speedups",
            sources=["kg/extract/_speedups.c"],
            optional=True,
        )
    ]
)
