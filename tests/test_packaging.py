"""The distribution: one import package `kg`, with pipelines/queries/visualizations mounted inside it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    return next(out.glob("paperkg-*.whl"))


def test_wheel_holds_only_kg_with_mounted_packages_and_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.startswith("paperkg-")}
    assert top == {"kg"}
    for expected in ("kg/pipelines/__init__.py", "kg/queries/__init__.py", "kg/queries/shared-benchmarks.cypher",
                     "kg/visualizations/__init__.py", "kg/visualizations/template.html", "kg/visualizations/view.js",
                     "kg/visualizations/view.css", "kg/visualizations/static/vis-network.min.js",
                     "kg/visualizations/static/NOTICE-vis-network.txt", "kg/extract/data/NOTICE"):
        assert expected in names, expected
    assert not any(n.startswith(("pipelines/", "queries/", "visualizations/", "tests/")) for n in names)


def test_wheel_holds_the_c_trie_when_a_compiler_is_there(wheel):
    """setup.py builds kg.extract._speedups when it can (it is optional: see setup.py)."""
    if not shutil.which("cc") and os.environ.get("CI") != "true":
        pytest.skip("no C compiler: the wheel is pure Python")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("kg/extract/_speedups.") and n.endswith(".so") for n in names), names


def test_wheel_holds_each_compiled_module_with_its_source_and_record(wheel):
    """setup.py compiles kg._compiled.COMPILED_MODULES with Cython (optional too): the wheel keeps
    the .py beside each, and the record of which source it was compiled from."""
    from kg._compiled import COMPILED_MODULES, SOURCE_SUFFIX

    if not shutil.which("cc") and os.environ.get("CI") != "true":
        pytest.skip("no C compiler: the wheel is pure Python")
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    for module in COMPILED_MODULES:
        path = module.replace(".", "/")
        compiled = [n for n in names if n.startswith(path + ".") and n.endswith(".so")]
        assert len(compiled) == 1 and path + ".py" in names, module
        record = archive.read(compiled[0] + SOURCE_SUFFIX).decode().strip()
        assert record == hashlib.sha256(archive.read(path + ".py")).hexdigest(), module


def test_installed_package_imports_the_mounted_packages():
    code = "import kg.pipelines, kg.queries, kg.visualizations; print(kg.queries.__file__)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("queries/__init__.py")
