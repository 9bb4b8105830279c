"""The optional C speedups of the extractor's whole-text scans (``kg/extract/_speedups.c``), or None.

setup.py builds them when a C compiler is there; without one the install still works and
the pure-Python code they replace runs instead, with the same results (the tests compare
the two, and under ``CI=true`` fail if the module was not built). ``PAPERKG_PURE_PYTHON=1``
in the environment leaves them out, to compare or to rule them out when something looks wrong.
"""

from __future__ import annotations

import os
from types import ModuleType

#: Set to a non-empty value (other than "0") to run without the C speedups.
PURE_PYTHON_VARIABLE = "PAPERKG_PURE_PYTHON"

speedups: ModuleType | None = None
if os.environ.get(PURE_PYTHON_VARIABLE, "0") in ("", "0"):
    try:
        from kg.extract import _speedups as speedups
    except ImportError:  # built without a C compiler
        speedups = None

#: Whether the C speedups are in use.
NATIVE = speedups is not None
