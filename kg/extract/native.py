"""The optional C speedups of the extractor's whole-text scans (``kg/extract/_speedups.c``), or None.

setup.py builds them when a C compiler is there; without one the install still works and
the pure-Python code they replace runs instead, with the same results (the tests compare
the two, and under ``CI=true`` fail if the module was not built). ``PAPERKG_PURE_PYTHON=1``
in the environment leaves them out (and the compiled modules of ``kg/_compiled.py``), to compare
or to rule them out when something looks wrong.
"""

from __future__ import annotations

from types import ModuleType

from kg._compiled import PURE_PYTHON_VARIABLE, pure_python

__all__ = ["NATIVE", "PURE_PYTHON_VARIABLE", "speedups"]

speedups: ModuleType | None = None
if not pure_python():
    try:
        from kg.extract import _speedups as speedups
    except ImportError:  # built without a C compiler
        speedups = None

#: Whether the C speedups are in use.
NATIVE = speedups is not None
