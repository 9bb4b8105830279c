"""The optional C speedups of the gazetteer (``kg/extract/_speedups.c``), or None.

setup.py builds them when a C compiler is there; without one the install still works and
the pure-Python code they replace runs instead, with the same results (the tests compare
the two, and under ``CI=true`` fail if the module was not built).
"""

from __future__ import annotations

from types import ModuleType

speedups: ModuleType | None
try:
    from kg.extract import _speedups as speedups
except ImportError:  # built without a C compiler
    speedups = None

#: Whether the C speedups are in use.
NATIVE = speedups is not None
