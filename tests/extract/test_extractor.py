"""The extractor end to end on hand-written abstracts: roles, offsets, evidence, metadata."""

from __future__ import annotations

import pytest

from kg.extract import COMPONENTS, build_pipeline
from kg.model import Label, Paper, RelType

from tests.extract.extract_helpers import extractor, found, run


def test_pipeline_is_blank_english_with_registered_components() -> None:
    nlp = build_pipeline()
    assert nlp.lang == "en" and tuple(nlp.pipe_names) == COMPONENTS
    assert not nlp.meta.get("vectors", {}).get("width")


def test_offsets_index_the_field_exactly() -> None:
    paper = Paper(id="p", title="GradSign: Fast Inference",
                  abstract="We propose GradSign, a metric. It beats ResNet-50 on ImageNet. Code: github.com/o/r.")
    result = extractor().extract(paper)
    for m in result.mentions:
        if m.field == "metadata":
            continue
        text = paper.title if m.field == "title" else paper.abstract
        surface = text[m.start:m.end]
        assert surface.lower() == m.name.lower() or surface in m.aliases or m.label is Label.REPOSITORY, m
        assert m.evidence and surface.replace("\n", " ") in m.evidence


def test_title_name_is_proposed_and_later_mentions_merge() -> None:
    result = run("We propose GradSign, a metric. GradSign works.", title="GradSign: Fast Inference")
    proposed = [m for m in result.mentions if m.relation is RelType.PROPOSES]
    assert [(m.name, m.field) for m in proposed] == [("GradSign", "title")]


@pytest.mark.parametrize(
    ("abstract", "name", "aliases"),
    [
        ("We propose Reach-Aware Value Learning (RAVL), a simple method.", "Reach-Aware Value Learning", ("RAVL",)),
        ("We introduce STARC (STAndardised Reward Comparison), a class of metrics.", "STARC", ()),
        ("In this paper, we present a new benchmark, named VideoEval, for video models.", "VideoEval", ()),
        ("We present MambaOut, a simple architecture that beats baselines.", "MambaOut", ()),
    ],
)
def test_we_propose_patterns(abstract: str, name: str, aliases: tuple[str, ...]) -> None:
    result = run(abstract)
    proposed = {m.name: m for m in result.mentions if m.relation is RelType.PROPOSES}
    assert any(n == name or name in m.aliases for n, m in proposed.items()), proposed
    for alias in aliases:
        assert alias in proposed[name].aliases


def test_used_methods_and_evaluated_datasets() -> None:
    result = run("We fine-tune Llama-3-8B with LoRA and compare against GPT-4o. "
                 "Experiments on MS COCO and GSM8K show gains of 84.6% top-1 accuracy on ImageNet.")
    assert {"Llama-3-8B", "LoRA", "GPT-4o"} <= found(result, "Method", "USES")
    assert {"COCO", "GSM8K", "ImageNet"} <= found(result, "Dataset", "EVALUATES_ON")
    coco = next(m for m in result.mentions if m.name == "COCO")
    assert "MS COCO" in coco.aliases
    imagenet = next(m for m in result.mentions if m.name == "ImageNet")
    assert imagenet.properties["metric"] == "top-1 accuracy" and imagenet.properties["value"] == 84.6
    assert imagenet.properties["claimed"] is True


def test_model_class_acronyms_are_not_methods() -> None:
    result = run("Large language models (LLMs) and reinforcement learning (RL) are popular.")
    assert not found(result, "Method")


def test_metadata_link_keywords_and_promise() -> None:
    result = run("We study things. Code will be released.", title="Diffusion for semantic segmentation",
                 code_url="https://github.com/Org/Tool", keywords=("Semantic Segmentation", "diffusion"))
    repo = next(m for m in result.mentions if m.label is Label.REPOSITORY)
    assert (repo.name, repo.field, repo.properties["source"]) == ("github:Org/Tool", "metadata", "metadata")
    assert {"semantic segmentation", "diffusion"} <= found(result, "Concept")
    assert result.paper_properties == {"code_promised": True}


def test_cites_arxiv_ids_but_not_itself() -> None:
    result = extractor().extract(Paper(id="2401.00001", title="T", abstract="Extends arXiv:2312.01234v2 and 2401.00001."))
    assert found(result, "Paper", "CITES") == {"2312.01234"}


def test_extract_many_keeps_order_and_scales_to_workers() -> None:
    papers = [Paper(id=str(i), title=f"Tool{i}: x", abstract=f"We use BERT {i}.") for i in range(40)]
    one = [e.to_json() for e in extractor().extract_many(papers)]
    two = [e.to_json() for e in extractor().extract_many(papers, workers=2)]
    assert one == two and [e["id"] for e in two] == [str(i) for i in range(40)]


def test_output_is_deterministic() -> None:
    paper = Paper(id="p", title="X", abstract="We compare BERT, RoBERTa and T5 on GLUE and SQuAD.")
    assert extractor().extract(paper).to_json() == extractor().extract(paper).to_json()


def test_hostile_long_punctuation_runs_stay_fast() -> None:
    import time

    started = time.perf_counter()
    result = run("(" * 5000 + "A" * 50 + ")" * 5000 + " We use BERT.")
    assert time.perf_counter() - started < 5 and "BERT" in found(result, "Method")


_SAMPLE = Paper(
    id="p", title="GradSign: Fast Inference for Llama-3-8B",
    abstract="We propose GradSign, a metric. We compare with CLIP/SigLIP and BERT on the ImageNet-1k "
             "benchmark and GSM8K (84.6% accuracy). Code: https://github.com/o/GradSign.")


def test_default_pipeline_runs_without_docs_and_a_foreign_component_gets_them() -> None:
    """The components read only the text, so the default Extractor skips spaCy tokenisation;
    with any other component in the pipeline, papers become real Docs and nothing changes."""
    from spacy.tokens import Doc

    from kg.extract import Extractor

    assert not extractor().needs_doc and not isinstance(extractor().make_doc(_SAMPLE), Doc)
    nlp = build_pipeline()
    nlp.add_pipe("sentencizer", first=True)
    with_docs = Extractor(nlp)
    assert with_docs.needs_doc and isinstance(with_docs.make_doc(_SAMPLE), Doc)
    assert with_docs.extract(_SAMPLE).to_json() == extractor().extract(_SAMPLE).to_json()


def test_pipeline_called_on_text_sets_the_mentions_on_the_doc() -> None:
    doc = build_pipeline()("We fine-tune BERT and evaluate on SQuAD.")
    names = {c.name for c in doc.user_data[("._.", "kg_mentions", None, None)]}
    assert {"BERT", "SQuAD"} <= names and doc._.kg_mentions


def test_profile_names_every_step() -> None:
    steps = [name for name, _ in extractor().profile(_SAMPLE)]
    assert steps == ["start", *COMPONENTS, "mentions"]


def test_clear_caches_forgets_memoised_names_and_changes_no_result() -> None:
    """The memos hold only names met in text (none from loading the data files), and a paper
    extracted after ``clear_caches`` gives the same mentions as before."""
    from kg.extract.lexicon import NAME_KEYS
    from kg.extract.names import looks_like_name

    ex = extractor()
    before = ex.extract(_SAMPLE).to_json()
    assert "GradSign" in NAME_KEYS and looks_like_name.cache_info().currsize
    ex.clear_caches()
    assert len(NAME_KEYS) == 0 and looks_like_name.cache_info().currsize == 0
    assert not ex.nlp.get_pipe("kg_gazetteer")._prefix_memo
    assert ex.extract(_SAMPLE).to_json() == before


def test_bulk_runs_tune_the_collector_and_give_it_back() -> None:
    """extract_many freezes the objects that exist and raises the young threshold while it runs,
    and restores both at the end, also when runs interleave or the consumer stops early."""
    import gc

    from kg.extract import pipeline

    papers = [Paper(id=f"p{i}", title=f"Model{i}: Fast", abstract="We propose Model, a method. We evaluate on COCO.")
              for i in range(5)]
    before = gc.get_threshold()
    outer = extractor().extract_many(papers)
    next(outer)
    assert gc.get_threshold()[0] == max(pipeline.BULK_GC_THRESHOLD, before[0]) and gc.get_freeze_count() > 0
    inner = list(extractor().extract_many(papers))  # a second run inside the first keeps the settings
    assert gc.get_threshold()[0] == max(pipeline.BULK_GC_THRESHOLD, before[0]) and gc.get_freeze_count() > 0
    rest = list(outer)
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    assert [e.to_json() for e in inner] == [extractor().extract(paper).to_json() for paper in papers]  # same results
    assert len(rest) == len(papers) - 1
    stopped = extractor().extract_many(papers)
    next(stopped)
    stopped.close()  # a consumer that stops early: the generator's exit restores the settings
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
