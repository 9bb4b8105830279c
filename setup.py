"""The one thing pyproject.toml does not declare: the optional C extension.

``kg/extract/_speedups.c`` holds the extractor's whole-text scans in C: the gazetteer's token
trie, compound words, the keyword pass and sentence splitting (together 1.47x fewer
instructions per abstract; each scan's pure-Python reference gives the same results). It is
optional: without a C compiler the install still succeeds and the Python scans are used; under
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
