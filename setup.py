"""The one thing pyproject.toml does not declare: the optional compiled code of the extractor.

* ``kg/extract/_speedups.c`` holds the extractor's whole-text scans in C: the gazetteer's token
  trie, compound words, the keyword pass and sentence splitting (together 1.47x fewer
  instructions per abstract; each scan's pure-Python reference gives the same results).
* The modules of ``kg._compiled.COMPILED_MODULES`` (the extractor's rules, unchanged Python)
  are compiled with Cython, which pyproject.toml lists as a build requirement: ~17% fewer
  instructions per abstract again. Beside each one goes a ``.source`` file with the SHA-256 of
  the source it was compiled from; ``kg/_compiled.py`` imports a compiled module only while that
  still matches the ``.py`` (an edited source runs as Python until the next build).

Both are optional: without a C compiler or Cython the install still succeeds and the same code
runs as Python; under ``CI=true`` the tests fail if either was not built.
``PAPERKG_COMPILE=0`` in the environment skips the Cython step (a quicker build). Extensions are
declared here because ``[tool.setuptools.ext-modules]`` in pyproject.toml is still experimental
in setuptools.
"""

import hashlib
import os
import re
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
#: kg/_compiled.py, which says what is compiled and how its records are named (setup.py reads it
#: as text: importing ``kg`` needs its dependencies).
COMPILED_SPEC = (ROOT / "kg" / "_compiled.py").read_text(encoding="utf-8")


def compiled_modules() -> list[str]:
    """``kg._compiled.COMPILED_MODULES``."""
    block = re.search(r"^COMPILED_MODULES = \((.*?)^\)", COMPILED_SPEC, re.S | re.M)
    return re.findall(r'"([\w.]+)"', block.group(1))


#: ``kg._compiled.SOURCE_SUFFIX``: the suffix of the record beside a compiled module.
RECORD_SUFFIX = re.search(r'^SOURCE_SUFFIX = "([^"]+)"$', COMPILED_SPEC, re.M).group(1)


def cython_extensions() -> list[Extension]:
    """The Cython extensions, or none when Cython is missing or ``PAPERKG_COMPILE=0``."""
    if os.environ.get("PAPERKG_COMPILE", "1") == "0":
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        return []
    extensions = [Extension(name, [name.replace(".", "/") + ".py"], optional=True) for name in compiled_modules()]
    # binding=True: the functions keep Python's introspection (spaCy reads the factories' signatures)
    return cythonize(extensions, build_dir="build/cython", quiet=True, nthreads=os.cpu_count() or 1,
                     compiler_directives={"language_level": 3, "binding": True})


class BuildExt(build_ext):
    """``build_ext`` that compiles on every core and records, beside each compiled module, the
    SHA-256 of the Python source it came from."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def build_extension(self, ext: Extension) -> None:
        super().build_extension(ext)  # an optional extension that fails raises here: no record
        if _is_compiled_module(ext):
            source = ROOT / (ext.name.replace(".", "/") + ".py")
            record = Path(self.get_ext_fullpath(ext.name) + RECORD_SUFFIX)
            record.write_text(hashlib.sha256(source.read_bytes()).hexdigest() + "\n", encoding="ascii")

    # The records travel with the compiled modules: into the wheel, and into the source tree for
    # an in-place or editable build (which builds elsewhere and copies what these name).

    def get_outputs(self) -> list[str]:
        outputs = super().get_outputs()
        return outputs if self.inplace else sorted(outputs + [path + RECORD_SUFFIX for path in self._compiled()])

    def _get_output_mapping(self):
        yield from super()._get_output_mapping()
        if self.inplace:
            yield from ((regular + RECORD_SUFFIX, inplace + RECORD_SUFFIX) for regular, inplace in self._compiled_pairs())

    def copy_extensions_to_source(self) -> None:
        super().copy_extensions_to_source()
        for regular, inplace in self._compiled_pairs():
            if os.path.exists(regular + RECORD_SUFFIX):
                self.copy_file(regular + RECORD_SUFFIX, inplace + RECORD_SUFFIX, level=self.verbose)

    def _compiled(self) -> list[str]:
        return [os.path.join(self.build_lib, self.get_ext_filename(ext.name)) for ext in self.extensions
                if _is_compiled_module(ext)]

    def _compiled_pairs(self) -> list[tuple[str, str]]:
        build_py = self.get_finalized_command("build_py")
        return [self._get_inplace_equivalent(build_py, ext)[::-1] for ext in self.extensions if _is_compiled_module(ext)]


def _is_compiled_module(ext: Extension) -> bool:
    """A Cython-compiled Python module (not the hand-written C speedups)."""
    return ext.name != "kg.extract._speedups"


setup(
    ext_modules=[Extension("kg.extract._speedups", sources=["kg/extract/_speedups.c"], optional=True)]
    + cython_extensions(),
    cmdclass={"build_ext": BuildExt},
)
