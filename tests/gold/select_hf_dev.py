"""Pick the HF development set that ``hf_dev.jsonl`` annotates by hand.

Deterministic, no randomness: every Hugging Face ``api/daily_papers`` file under
``/work/shared/data/hf_daily_papers_api`` is read in date order, items are split into
those with a ``githubRepo`` (on the item or its ``paper``) and those without, and 50
evenly spaced items are taken from each chronological pool, so the 100 papers span the
whole date range and about half carry repository metadata. The original API items are
written unchanged, as one JSON list, to ``hf_dev_papers.json`` (readable by
``paperkg extract`` like any HF file).

Usage::

    python tests/gold/select_hf_dev.py [SOURCE_DIR] [OUTPUT_JSON]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SOURCE = Path("/work/shared/data/hf_daily_papers_api")
OUTPUT = Path(__file__).with_name("hf_dev_papers.json")
PER_POOL = 50


def github_repo(item: dict) -> str:
    """The item's ``githubRepo`` metadata (on the paper or the item), or ''."""
    return (item.get("paper") or {}).get("githubRepo") or item.get("githubRepo") or ""


def load_items(source: Path) -> list[dict]:
    """All items of all daily files, in date order, first occurrence of each paper id."""
    seen: set[str] = set()
    items = []
    for path in sorted(source.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            pid = item["paper"]["id"]
            if pid not in seen:
                seen.add(pid)
                items.append(item)
    return items


def spread(pool: list[dict], count: int) -> list[dict]:
    """``count`` items evenly spaced over ``pool`` (all of it when smaller)."""
    if len(pool) <= count:
        return list(pool)
    step = len(pool) / count
    return [pool[int(i * step + step / 2)] for i in range(count)]


def select(items: list[dict], per_pool: int = PER_POOL) -> list[dict]:
    """Half from papers with a githubRepo, half without, each spread over time."""
    with_repo = [it for it in items if github_repo(it)]
    without = [it for it in items if not github_repo(it)]
    chosen = spread(with_repo, per_pool) + spread(without, per_pool)
    return sorted(chosen, key=lambda it: it["paper"]["id"])


def main(argv: list[str]) -> None:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    output = Path(argv[2]) if len(argv) > 2 else OUTPUT
    chosen = select(load_items(source))
    output.write_text(json.dumps(chosen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(chosen)} papers -> {output}")


if __name__ == "__main__":
    main(sys.argv)
