"""Compiled copies of the extractor's modules, imported only while they match their source.

setup.py compiles the modules listed in :data:`COMPILED_MODULES` with Cython when it can (a
quarter of the extractor's instructions went to the interpreter's loop: compiled, the same code
takes ~17% fewer instructions per abstract). Each compiled module sits beside its ``.py`` with a
``.source`` file that holds the SHA-256 of the source it was compiled from.

Python's own import system prefers an extension module to a ``.py`` of the same name, so an
edited source would silently keep running its old compiled copy. The finder installed here
(first on ``sys.meta_path``, by ``kg/__init__.py``) imports a compiled module only when its
``.source`` matches the ``.py`` as it is now; otherwise, or when ``PAPERKG_PURE_PYTHON`` is
set, it imports the ``.py``. Results are the same either way: the compiled module is the
same code (``benchmarks/extract_snapshot.py`` compares the two over the whole HF corpus).

>>> sorted(STATUS) == sorted(set(STATUS) & set(COMPILED_MODULES))
True
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

#: Set to a non-empty value (other than "0") to run without any compiled code: neither these
#: modules nor the C speedups of ``kg/extract/_speedups.c``.
PURE_PYTHON_VARIABLE = "PAPERKG_PURE_PYTHON"

#: The modules setup.py compiles (the extractor and the two modules its hot path calls into).
COMPILED_MODULES = (
    "kg.ids",
    "kg.model",
    "kg.extract.acronyms",
    "kg.extract.cites",
    "kg.extract.code_links",
    "kg.extract.concepts",
    "kg.extract.contexts",
    "kg.extract.gazetteer",
    "kg.extract.lexicon",
    "kg.extract.names",
    "kg.extract.phrases",
    "kg.extract.pipeline",
    "kg.extract.proposals",
    "kg.extract.results",
    "kg.extract.roles",
    "kg.extract.scan",
    "kg.extract.sentences",
    "kg.extract.state",
)

#: The suffix of the file beside a compiled module that names its source's SHA-256.
SOURCE_SUFFIX = ".source"

#: module name -> how it was imported: "compiled", or why not ("not built", "stale", "pure Python").
STATUS: dict[str, str] = {}


def pure_python() -> bool:
    """Whether ``PAPERKG_PURE_PYTHON`` asks for the pure-Python code."""
    return os.environ.get(PURE_PYTHON_VARIABLE, "0") not in ("", "0")


def source_digest(source: Path) -> str:
    """The SHA-256 (hex) of a source file, as setup.py records it beside the compiled module."""
    return hashlib.sha256(source.read_bytes()).hexdigest()


def compiled_path(source: Path) -> Path:
    """Where the compiled module of ``source`` is (for this interpreter)."""
    return source.with_name(source.stem + importlib.machinery.EXTENSION_SUFFIXES[0])


def is_fresh(source: Path, compiled: Path) -> bool:
    """Whether ``compiled`` exists and was compiled from ``source`` as it is now."""
    record = compiled.with_name(compiled.name + SOURCE_SUFFIX)
    try:
        recorded = record.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return compiled.is_file() and recorded == source_digest(source)


class CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds the modules of :data:`COMPILED_MODULES`: the compiled copy when it is fresh, else the source."""

    def find_spec(self, fullname, path, target=None):
        if fullname not in COMPILED_MODULES or not path:
            return None
        leaf = fullname.rpartition(".")[2]
        for directory in path:
            source = Path(directory, leaf + ".py")
            if source.is_file():
                break
        else:
            return None
        compiled = compiled_path(source)
        if pure_python():
            STATUS[fullname] = "pure Python"
        elif not compiled.is_file():
            STATUS[fullname] = "not built"
        elif not is_fresh(source, compiled):
            STATUS[fullname] = "stale"
        else:
            STATUS[fullname] = "compiled"
            loader = importlib.machinery.ExtensionFileLoader(fullname, str(compiled))
            return importlib.util.spec_from_file_location(fullname, compiled, loader=loader)
        loader = importlib.machinery.SourceFileLoader(fullname, str(source))
        return importlib.util.spec_from_file_location(fullname, source, loader=loader)


def install() -> None:
    """Put :class:`CompiledFinder` first on ``sys.meta_path`` (once)."""
    if not any(isinstance(finder, CompiledFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, CompiledFinder())


def summary() -> str:
    """One line on the compiled modules imported so far, for benchmarks: "18 of 18 compiled"."""
    compiled = sum(status == "compiled" for status in STATUS.values())
    line = f"{compiled} of {len(STATUS)} imported modules compiled"
    reasons = set(STATUS.values()) - {"compiled"}
    if not reasons:
        return line
    if compiled == 0 and len(reasons) == 1:
        return f"{line} ({reasons.pop()})"
    others = sorted(f"{name.rpartition('.')[2]}: {status}" for name, status in STATUS.items() if status != "compiled")
    return f"{line} ({', '.join(others)})"
