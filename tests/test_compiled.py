"""kg._compiled: compiled modules are imported only while they match their source, they are
all built under CI, and the extractor gives the same mentions compiled and as pure Python."""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import _compiled
from kg._compiled import COMPILED_MODULES, PURE_PYTHON_VARIABLE, SOURCE_SUFFIX, CompiledFinder, compiled_path, is_fresh

ROOT = Path(__file__).resolve().parent.parent


def _fake_build(folder: Path, source_text: str = "x = 1\n") -> tuple[Path, Path]:
    """An ``ids.py`` and a stand-in "compiled" file with its record (never loaded here)."""
    source = folder / "ids.py"
    source.write_text(source_text)
    compiled = compiled_path(source)
    compiled.write_bytes(b"not a real extension")
    Path(str(compiled) + SOURCE_SUFFIX).write_text(hashlib.sha256(source.read_bytes()).hexdigest() + "\n")
    return source, compiled


def test_a_fresh_compiled_module_is_chosen(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(PURE_PYTHON_VARIABLE, raising=False)
    _, compiled = _fake_build(tmp_path)
    spec = CompiledFinder().find_spec("kg.ids", [str(tmp_path)])
    assert isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)
    assert spec.origin == str(compiled)


def test_an_edited_source_is_imported_instead_of_its_stale_compiled_copy(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(PURE_PYTHON_VARIABLE, raising=False)
    source, compiled = _fake_build(tmp_path)
    source.write_text("x = 2\n")
    assert not is_fresh(source, compiled)
    spec = CompiledFinder().find_spec("kg.ids", [str(tmp_path)])
    assert isinstance(spec.loader, importlib.machinery.SourceFileLoader)
    assert spec.origin == str(source)
    assert _compiled.STATUS["kg.ids"] == "stale"


def test_a_missing_or_unreadable_record_means_stale(tmp_path: Path) -> None:
    source, compiled = _fake_build(tmp_path)
    record = Path(str(compiled) + SOURCE_SUFFIX)
    record.write_bytes(b"\xff\xfe")
    assert not is_fresh(source, compiled)
    record.unlink()
    assert not is_fresh(source, compiled)


def test_pure_python_ignores_compiled_modules(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(PURE_PYTHON_VARIABLE, "1")
    source, _ = _fake_build(tmp_path)
    spec = CompiledFinder().find_spec("kg.ids", [str(tmp_path)])
    assert isinstance(spec.loader, importlib.machinery.SourceFileLoader) and spec.origin == str(source)


def test_modules_not_listed_are_left_to_python(tmp_path: Path) -> None:
    _fake_build(tmp_path)
    assert CompiledFinder().find_spec("kg.graph", [str(tmp_path)]) is None
    assert CompiledFinder().find_spec("kg.ids", None) is None


def test_every_listed_module_exists_and_setup_reads_the_same_list_and_suffix() -> None:
    for name in COMPILED_MODULES:
        assert (ROOT / (name.replace(".", "/") + ".py")).is_file(), name
    code = "import setup; print(setup.RECORD_SUFFIX); print('\\n'.join(setup.compiled_modules()))"
    env = dict(os.environ, PAPERKG_COMPILE="0")
    # setup.py calls setup() on import: give it a harmless command
    out = subprocess.run([sys.executable, "-c", f"import sys; sys.argv = ['setup.py', '--name']; {code}"], cwd=ROOT,
                         env=env, capture_output=True, text=True, check=True).stdout.split()
    assert out[1] == SOURCE_SUFFIX  # (the first line is the project's name)
    assert tuple(out[2:]) == COMPILED_MODULES


def _import_status(env: dict[str, str]) -> dict[str, str]:
    code = "import json, kg.extract.pipeline, kg._compiled as c; print(json.dumps(c.STATUS))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_every_module_is_compiled_under_ci() -> None:
    env = {k: v for k, v in os.environ.items() if k != PURE_PYTHON_VARIABLE}
    status = _import_status(env)
    assert set(status) == set(COMPILED_MODULES)
    not_compiled = {name: why for name, why in status.items() if why != "compiled"}
    if os.environ.get("CI") == "true":
        assert not not_compiled, f"not compiled (Cython missing, or sources edited since the build?): {not_compiled}"
    elif not_compiled:
        pytest.skip(f"running as Python: {not_compiled}")


_SAME_MENTIONS = """
import sys
from pathlib import Path
from kg.extract import Extractor
from kg.ingest import read_papers
papers = list(read_papers([Path(sys.argv[1])]))[::9]
for extraction in Extractor().extract_many(papers):
    print(repr((extraction.paper.id, extraction.mentions, sorted(extraction.paper_properties.items()))))
"""


def test_compiled_and_pure_python_give_the_same_mentions(hf_dir: Path) -> None:
    """The whole extractor on every ninth HF paper (~200), in two fresh processes."""
    outputs = []
    for pure in ("0", "1"):
        env = dict(os.environ, **{PURE_PYTHON_VARIABLE: pure})
        run = subprocess.run([sys.executable, "-c", _SAME_MENTIONS, str(hf_dir)], env=env, capture_output=True,
                             text=True, check=True)
        outputs.append(run.stdout)
    assert len(outputs[0].splitlines()) > 150
    assert outputs[0] == outputs[1]

