"""Fixtures shared by every test module.

Real things only: real sample files, the real extractor, real graphs. Services
(Neo4j, Chromium) are started by the fixtures of their own test folders; when one
is missing, :func:`require` fails the run under ``CI=true`` and skips otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from kg.model import Extraction, Label, Mention, Paper, RelType

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED_DATA = Path(os.environ.get("PAPERKG_SHARED_DATA", ROOT.parent / "shared" / "data"))
SAMPLE_LISTING = EXAMPLES / "daily_papers_listing.txt"
HF_DIR = SHARED_DATA / "hf_daily_papers_api"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# No timing in tests: a loaded 2-core machine must not turn a slow example into a failure.
settings.register_profile("paperkg", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("paperkg")


def require(condition: bool, reason: str) -> None:
    """Skip when ``condition`` is false, except under CI=true, where a missing service is a failure."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def hf_dir() -> Path:
    """The 112 real Hugging Face daily-papers responses (shared/data, beside the clone)."""
    require(HF_DIR.is_dir(), f"shared data not found at {HF_DIR} (set PAPERKG_SHARED_DATA)")
    return HF_DIR


@pytest.fixture(scope="session")
def extractor():
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def sample_papers() -> list[Paper]:
    from kg.ingest import IngestReport, read_papers

    return list(read_papers([SAMPLE_LISTING], report=IngestReport()))


@pytest.fixture(scope="session")
def sample_extractions(extractor, sample_papers) -> list[Extraction]:
    return list(extractor.extract_many(sample_papers))


@pytest.fixture(scope="session")
def _sample_graph(sample_extractions):
    from kg.graph import build_graph

    return build_graph(sample_extractions)


@pytest.fixture
def sample_graph(_sample_graph):
    """The graph of the 69-paper sample listing (a fresh copy per test)."""
    return _sample_graph.copy()


@pytest.fixture(scope="session")
def hf_graph(extractor, hf_dir):
    """The graph of all 1,833 HF papers (built once per session; do not mutate)."""
    from kg.graph import build_graph
    from kg.ingest import IngestReport, read_papers

    return build_graph(extractor.extract_many(read_papers([hf_dir], report=IngestReport())))


def _repo(key: str, source: str, field: str = "abstract") -> Mention:
    host, _, path = key.partition(":")
    owner, _, name = path.partition("/")
    return Mention(
        Label.REPOSITORY, key, RelType.HAS_CODE, "code_link", 1.0, field=field,
        properties={"url": f"https://github.com/{path}", "host": "github.com", "owner": owner, "name": name, "kind": "repository", "source": source},
    )


@pytest.fixture
def tiny_extractions() -> list[Extraction]:
    """Three hand-made papers covering every relationship type, acronym merging and a citation."""
    p1 = Paper("2401.00001", "GRPO: Group Relative Policy Optimization", "We propose Group Relative Policy Optimization (GRPO). We evaluate on COCO.",
               published="2024-01-02", url="https://arxiv.org/abs/2401.00001", source="test", authors=("Ada Lovelace", "Alan Turing"))
    p2 = Paper("2401.00002", "Using GRPO", "We use GRPO on COCO and ImageNet, following 2401.00001. Code: github.com/x/y",
               source="test", authors=("Ada Lovelace",))
    p3 = Paper("2401.00003", "A vision paper", "We train ResNet on ImageNet.", source="test")
    m = Mention
    return [
        Extraction(p1, (
            m(Label.METHOD, "Group Relative Policy Optimization", RelType.PROPOSES, "proposal.we_propose", 0.9, 11, 45, 0, "We propose Group Relative Policy Optimization (GRPO).", aliases=("GRPO",)),
            m(Label.DATASET, "COCO", RelType.EVALUATES_ON, "dataset.evaluate_on", 0.8, 68, 72, 1, "We evaluate on COCO.", properties={"metric": "mAP", "value": 50.1, "unit": "%", "claimed": True}),
            _repo("github:X/Y", "metadata", field="metadata"),
            m(Label.CONCEPT, "reinforcement learning", RelType.MENTIONS, "concept.keyword", 1.0, field="metadata", properties={"kind": "keyword"}),
        )),
        Extraction(p2, (
            m(Label.METHOD, "GRPO", RelType.USES, "method.gazetteer", 0.7, 7, 11, 0),
            m(Label.DATASET, "COCO", RelType.EVALUATES_ON, "dataset.gazetteer", 0.8, 15, 19, 0),
            m(Label.DATASET, "ImageNet", RelType.EVALUATES_ON, "dataset.gazetteer", 0.8, 24, 32, 0),
            m(Label.PAPER, "2401.00001", RelType.CITES, "cites.arxiv_id", 1.0, 44, 54, 0),
            _repo("github:x/y", "abstract"),
        )),
        Extraction(p3, (
            m(Label.METHOD, "ResNet", RelType.USES, "method.gazetteer", 0.8, 9, 15, 0),
            m(Label.DATASET, "ImageNet", RelType.EVALUATES_ON, "dataset.gazetteer", 0.8, 19, 27, 0),
        )),
    ]


@pytest.fixture
def tiny_graph(tiny_extractions):
    from kg.graph import build_graph

    return build_graph(tiny_extractions)


@pytest.fixture
def run_cli(capsys):
    """Run ``paperkg`` in-process: returns (exit code, stdout, stderr)."""
    from kg.cli import run

    def invoke(*args: str) -> tuple[int, str, str]:
        code = run([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
