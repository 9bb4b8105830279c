"""CSV files in the ``neo4j-admin database import`` header format.

One file per label (``nodes_<Label>.csv``, header ``key:ID(<Label>),<prop>:<type>,…``) and one
per relationship type and label pair (``relationships_<TYPE>_<From>_<To>.csv``, header
``:START_ID(<From>),:END_ID(<To>),<prop>:<type>,…``). Each label is its own ID space, so keys
never clash across labels, and the ``key`` column is stored as the ``key`` property, as
``paperkg push`` stores it. Lists are joined with :data:`ARRAY_DELIMITER`. ``import.args``
holds the matching ``neo4j-admin`` arguments (see :func:`import_arguments`)::

    neo4j-admin database import full --overwrite-destination $(cat DIR/import.args) neo4j

Output is deterministic: rows sorted, columns sorted, ``\\n`` line ends.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from kg.atomic import atomic_write_text
from kg.errors import ExportError
from kg.export import register_exporter
from kg.model import Label
from kg.neo4j.cypher import node_rows, relationship_rows

#: Joins list elements (neo4j-admin ``--array-delimiter``); a unit separator never occurs in paper text.
ARRAY_DELIMITER = "\u001f"
FIXED_OPTIONS = ("--multiline-fields=true", "--id-type=string", "--strict=true", "--quote=\"")


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, list):
        inner = {_type_of(v) for v in value} or {"string"}
        return ("double" if inner == {"long", "double"} else inner.pop() if len(inner) == 1 else "string") + "[]"
    return "string"


def column_types(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """``{property: neo4j-admin type}`` over all rows (ints mixed with floats become double;
    an empty list says nothing about its element type)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for props in rows:
        for name, value in props.items():
            kinds = seen[name]
            if value != []:
                kinds.add(_type_of(value))
    return {name: _one_type(name, found) for name, found in sorted(seen.items())}


def _one_type(name: str, found: set[str]) -> str:
    if not found:
        return "string[]"
    if found <= {"long", "double"}:
        return "double" if "double" in found else "long"
    if len(found) == 1:
        return next(iter(found))
    raise ExportError(f"property {name!r} has values of several types ({', '.join(sorted(found))}); neo4j-admin needs one")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"{value!r} cannot be imported into Neo4j")
        return repr(value)
    if isinstance(value, list):
        items = [_cell(v) for v in value]
        if any(ARRAY_DELIMITER in item for item in items):
            raise ExportError(f"a list element contains the array delimiter U+001F: {value!r}")
        return ARRAY_DELIMITER.join(items)
    return str(value)


def _csv_text(header: list[str], rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def node_file(label: Label, rows: list[dict[str, Any]]) -> str:
    """The CSV text of one label's nodes (rows are ``{key, props}`` from :func:`node_rows`)."""
    props = [{k: v for k, v in r["props"].items() if k != "key"} for r in rows]
    types = column_types(props)
    header = [f"key:ID({label.value})"] + [f"{name}:{kind}" for name, kind in types.items()]
    body = ([r["key"]] + [_cell(p.get(name)) for name in types] for r, p in zip(rows, props))
    return _csv_text(header, body)


def relationship_file(source: Label, target: Label, rows: list[dict[str, Any]]) -> str:
    """The CSV text of one relationship group (rows are ``{src, dst, props}``)."""
    types = column_types(r["props"] for r in rows)
    header = [f":START_ID({source.value})", f":END_ID({target.value})"] + [f"{name}:{kind}" for name, kind in types.items()]
    body = ([r["src"], r["dst"]] + [_cell(r["props"].get(name)) for name in types] for r in rows)
    return _csv_text(header, body)


def generate_neo4j_csv(graph: nx.MultiDiGraph) -> dict[str, str]:
    """``{file name: CSV text}`` for the whole graph, plus ``import.args``."""
    files: dict[str, str] = {}
    args = []
    for label, rows in node_rows(graph).items():
        name = f"nodes_{label.value}.csv"
        files[name] = node_file(label, rows)
        args.append(f"--nodes={label.value}={name}")
    for (rel, source, target), rows in relationship_rows(graph).items():
        name = f"relationships_{rel.value}_{source.value}_{target.value}.csv"
        files[name] = relationship_file(source, target, rows)
        args.append(f"--relationships={rel.value}={name}")
    files["import.args"] = "\n".join(args) + "\n"
    return dict(sorted(files.items()))


def import_arguments(folder: str | Path) -> list[str]:
    """The ``neo4j-admin database import full`` options for a folder written by :func:`write_neo4j_csv`."""
    folder = Path(folder).resolve()
    lines = (folder / "import.args").read_text(encoding="utf-8").split()
    resolved = []
    for line in lines:
        option, _, rest = line.partition("=")
        kind, _, name = rest.partition("=")
        resolved.append(f"{option}={kind}={folder / name}")
    return [*resolved, "--array-delimiter=\\u001F", *FIXED_OPTIONS]


@register_exporter("neo4j-csv", "CSV files for neo4j-admin database import (one per label / relationship type)", target="dir")
def write_neo4j_csv(graph: nx.MultiDiGraph, path: str | Path, **_: object) -> None:
    """Write the CSV files (and ``import.args``) into the folder ``path`` (created if needed)."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: neo4j-csv writes a folder, and this is a file")
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in generate_neo4j_csv(graph).items():
        atomic_write_text(folder / name, text)
