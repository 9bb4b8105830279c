"""Build the cleaned gazetteers in ``kg/extract/data/`` from the raw Papers with Code lists.

Re-runnable and deterministic::

    python -m kg.extract.build_gazetteers /work/shared/data

It reads ``gazetteers/pwc_datasets_benchmarks.txt``, ``pwc_tasks.txt`` and
``pwc_sota_model_rows.tsv`` and writes:

* ``datasets.tsv``: ``name<TAB>mode<TAB>aliases`` (aliases ``|``-separated). ``mode`` is
  ``exact`` (matched anywhere, exact case) or ``context`` (a common word or a very short
  acronym: matched only next to "dataset", "benchmark", "corpus" …).
* ``tasks.txt``: lowercase task names (Concept kind ``task``).
* ``pwc_models.txt``: distinctive leaderboard model names (seed of the method list; the
  curated ``methods.tsv`` is written by hand and documented in docs/extraction.md).

Cleaning rules (each is a function below): drop junk (no letters, spam, questions, URLs),
strip parenthesised qualifiers and split suffixes ("COCO test-dev" -> "COCO"), strip a
trailing "dataset"/"benchmark" (kept as an alias), and mark ambiguous names (common English
words, as measured on abstract text, and acronyms of two or three letters) as ``context``.
Everything derived from the PwC lists is CC BY-SA 4.0 (see ``data/NOTICE``).
"""

from __future__ import annotations

import collections
import glob
import json
import re
import sys
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

_SPLIT_SUFFIX = re.compile(
    r"(?:[\s_\-]+(?:test|dev|val|valid|validation|train|training|test-dev|test-std|test-challenge|"
    r"testdev|minival|full|small|tiny|mini|clean|other|hard|easy|medium|public|private|official|"
    r"zero-shot|few-shot|\d+-shot|split|subset|set|online|offline|unseen|seen|overall|\d+\s?[x×]\s?\d+|"
    r"\d{4}|v\d+(?:\.\d+)?))+$",
    re.I,
)
_PAREN = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_HEAD = re.compile(r"\s+(?:dataset|data set|benchmark|corpus|database|challenge|suite)s?$", re.I)
_JUNK = re.compile(r"[?~#!*{}<>@$=\\|]|https?:|www\.|\.com\b")
_WORD = re.compile(r"(?<![\w\-])[A-Za-z][a-z]+(?![\w\-])")

#: Words that are never entity names on their own (beyond what the corpus statistics catch).
STOP = frozenset(
    "the a an and or of for in on with to from by at as is are we our this that data dataset datasets "
    "benchmark benchmarks model models method methods task tasks test train results other all none "
    "real synthetic images image text video audio speech language vision graph graphs time series".split()
)


def clean_dataset_name(raw: str) -> tuple[str, str] | None:
    """The cleaned display name and the raw form it came from, or None for junk."""
    name = " ".join(raw.split())
    if not name or _JUNK.search(name) or not re.search(r"[A-Za-z]{2}", name):
        return None
    if "/" in name and not re.fullmatch(r"[\w\-]+/[\w\-]+", name):
        return None
    name = _PAREN.sub("", name).strip(" -_,.:;")
    for _ in range(3):
        name = _SPLIT_SUFFIX.sub("", name).strip(" -_,.:;")
        name = _HEAD.sub("", name).strip(" -_,.:;")
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    if len(name) < 2 or len(name.split()) > 6 or not re.search(r"[A-Za-z]", name):
        return None
    if name.lower() in STOP or re.fullmatch(r"[\d\W]+", name) or not re.search(r"[A-Z0-9]", name):
        return None
    return name, raw.strip()


def common_words(corpus_texts: list[str]) -> set[str]:
    """Words written in lowercase at least twice, and at least as often as capitalised."""
    lower: collections.Counter[str] = collections.Counter()
    upper: collections.Counter[str] = collections.Counter()
    for text in corpus_texts:
        for word in _WORD.findall(text):
            (lower if word.islower() else upper)[word.lower()] += 1
    return {w for w, c in lower.items() if c >= 2 and c >= upper[w]} | english_words()


def english_words(min_zipf: float = 3.0) -> set[str]:
    """Frequent English words (Zipf >= 3, i.e. at least once per million words) from wordfreq,
    when it is installed (``pip install .[test]``); empty otherwise."""
    try:
        from wordfreq import top_n_list, zipf_frequency
    except ImportError:  # the corpus statistics alone still work
        return set()
    return {w for w in top_n_list("en", 60000) if w.isalpha() and zipf_frequency(w, "en") >= min_zipf}


def is_ambiguous(name: str, common: set[str]) -> bool:
    """A single common word ("Flowers", "PET"), or a short all-caps acronym."""
    if " " in name or "-" in name:
        parts = re.split(r"[\s\-]+", name)
        return all(p.lower() in common or p.lower() in STOP or p.isdigit() for p in parts)
    if re.fullmatch(r"[A-Z]{2,3}", name) or name.islower():
        return True
    if re.fullmatch(r"[A-Z0-9]{4,}", name):
        return False
    return name.lower() in common


def load_corpus(shared: Path) -> list[str]:
    """Abstract texts used only to measure which words are common English words."""
    texts: list[str] = []
    for path in sorted(glob.glob(str(shared / "hf_daily_papers_api" / "*.json"))):
        for item in json.loads(Path(path).read_text(encoding="utf-8")):
            texts.append(item.get("paper", {}).get("summary", ""))
    for path in sorted(glob.glob(str(shared / "scierc" / "*.jsonl"))):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["text"])
    return texts


def build_datasets(raw_lines: list[str], common: set[str]) -> list[str]:
    """TSV rows ``name<TAB>mode<TAB>aliases`` sorted by name."""
    groups: dict[str, dict] = {}
    for raw in raw_lines:
        cleaned = clean_dataset_name(raw)
        if cleaned is None:
            continue
        name, original = cleaned
        entry = groups.setdefault(name.casefold(), {"names": collections.Counter(), "aliases": set()})
        entry["names"][name] += 1
        if original != name and not _SPLIT_SUFFIX.search(_PAREN.sub("", original)) and "(" not in original:
            entry["aliases"].add(original)
    rows = []
    for entry in groups.values():
        name = sorted(entry["names"].items(), key=lambda kv: (kv[0].islower(), -kv[1], kv[0]))[0][0]
        if all(p.lower() in common or p.lower() in STOP for p in re.split(r"[\s\-]+", name) if not p.isdigit()):
            if not re.fullmatch(r"[A-Z0-9\-]{2,}", name):
                continue  # only common words ("Real-world", "Flowers"): never a safe dataset name
        mode = "context" if is_ambiguous(name, common) else "exact"
        aliases = sorted(a for a in entry["aliases"] if a.casefold() != name.casefold())
        rows.append(f"{name}\t{mode}\t{'|'.join(aliases)}")
    return sorted(set(rows), key=str.casefold)


def build_tasks(raw_lines: list[str]) -> list[str]:
    """Lowercase task names of two or more characters, without qualifiers."""
    out = set()
    for raw in raw_lines:
        name = _PAREN.sub("", " ".join(raw.split())).strip(" -_,.:;").lower()
        if len(name) >= 4 and not _JUNK.search(name) and name not in STOP and re.search(r"[a-z]{3}", name):
            out.add(name)
    return sorted(out)


def build_models(tsv_lines: list[str], common: set[str]) -> list[str]:
    """Distinctive leaderboard model names: no combos, no years, not common words."""
    out = set()
    for line in tsv_lines[1:]:
        name = _PAREN.sub("", line.split("\t")[0]).strip()
        name = re.sub(r"^\d+D\s+", "", name)
        if not name or _JUNK.search(name) or re.search(r"[+&:_/]|\bet al\b|\s(?:and|single|ensemble)\b", name, re.I):
            continue
        if len(name.split()) > 3 or len(name) < 3 or not re.search(r"[A-Z]", name):
            continue
        if " " not in name and name.lower() in common:
            continue
        if not re.search(r"[A-Z].*[A-Z0-9]|\d", name):  # needs some inner capital or digit
            continue
        out.add(name)
    return sorted(out, key=str.casefold)


def main(shared: str = "/work/shared/data") -> None:
    """Write the cleaned data files next to this module."""
    root = Path(shared)
    gaz = root / "gazetteers"
    common = common_words(load_corpus(root))
    read = lambda name: (gaz / name).read_text(encoding="utf-8").splitlines()  # noqa: E731
    DATA_DIR.mkdir(exist_ok=True)
    (DATA_DIR / "datasets.tsv").write_text(
        "# name\tmode\taliases  (CC BY-SA 4.0, Papers with Code; see NOTICE)\n"
        + "\n".join(build_datasets(read("pwc_datasets_benchmarks.txt"), common)) + "\n", encoding="utf-8")
    (DATA_DIR / "tasks.txt").write_text("\n".join(build_tasks(read("pwc_tasks.txt"))) + "\n", encoding="utf-8")
    (DATA_DIR / "pwc_models.txt").write_text(
        "\n".join(build_models(read("pwc_sota_model_rows.tsv"), common)) + "\n", encoding="utf-8")
    (DATA_DIR / "common_words.txt").write_text("\n".join(sorted(common)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
