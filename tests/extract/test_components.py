"""The rule components one by one: sentences, gazetteers, proposals, contexts, results, concepts."""

from __future__ import annotations

import pytest

from kg.extract.concepts import title_concepts
from kg.extract.names import looks_like_name, phrase_is_name
from kg.extract.results import find_results
from kg.extract.roles import classify_long_form
from kg.extract.sentences import split_sentences

from tests.extract.extract_helpers import found, run


def test_sentences_respect_abbreviations_and_decimals() -> None:
    text = "We use e.g. BERT et al. for 3.5 points. Then Fig. 2 shows it! Done."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["We use e.g. BERT et al. for 3.5 points.", "Then Fig. 2 shows it!", "Done."]


@pytest.mark.parametrize(
    ("abstract", "label", "names"),
    [
        ("We fine-tune Qwen2.5-7B-Instruct and Llama-3.1-8B.", "Method", {"Qwen2.5-7B-Instruct", "Llama-3.1-8B"}),
        ("Results on SWE-bench Verified and OSWorld-G.", "Dataset", {"SWE-bench Verified", "OSWorld-G"}),
        ("We report scores on BFCL v3 and AIME2025.", "Dataset", {"BFCL v3", "AIME 2025"}),
        ("A CLIP-based retriever is trained.", "Method", {"CLIP"}),
        ("It is evaluated on Librispeech.", "Dataset", {"LibriSpeech"}),
    ],
)
def test_gazetteer_names_variants_and_case(abstract: str, label: str, names: set[str]) -> None:
    assert names <= found(run(abstract), label)


@pytest.mark.parametrize(
    "abstract",
    [
        "We train transformer-based models on custom datasets of real-world data.",
        "The quality of the results improves with cross-attention.",
        "Large language models (LLMs) and vision-language models (VLMs) are compared.",
    ],
)
def test_generic_words_are_not_entities(abstract: str) -> None:
    assert not found(run(abstract), "Method") and not found(run(abstract), "Dataset")


def test_images_resolutions_fold_into_the_dataset() -> None:
    assert found(run("On ImageNet-256, our model reaches an FID of 1.5."), "Dataset") == {"ImageNet"}


def test_negated_use_is_not_a_use() -> None:
    assert "Importance Sampling" not in found(run("The algorithm does not require importance sampling at all."))


@pytest.mark.parametrize(
    ("abstract", "expected"),
    [
        ("We propose a model-agnostic framework RLMRec that aligns recommenders.", "RLMRec"),
        ("We then propose a novel regularizer, namely BEllman Equation-based automatic rank Regularizer (BEER).",
         "BEllman Equation-based automatic rank Regularizer"),
        ("Experiments on our proposed ViewBench benchmark show gains.", "ViewBench"),
        ("This \"Inner Monologue\" method improves quality.", "Inner Monologue"),
        ("We collectively refer to these approaches as stealth editing methods.", "stealth editing"),
        ("CounterMATH, a new benchmark of counterexamples, is released.", "CounterMATH"),
    ],
)
def test_proposal_rules(abstract: str, expected: str) -> None:
    assert expected in found(run(abstract), relation="PROPOSES")


def test_coined_task_names_are_concepts_not_proposals() -> None:
    result = run("We refer to this task as model performance inference (MPI).")
    assert not found(result, relation="PROPOSES")
    assert "model performance inference" in found(result, "Concept")


@pytest.mark.parametrize(
    ("title", "name"),
    [("Yes, we CANN: Constrained Approximate Nearest Neighbors", "CANN"),
     ("UI-Venus Technical Report: Building GUI Agents", "UI-Venus"),
     ("Taming Polysemanticity in LLMs: Provable Feature Recovery", None),
     ("The Quest for the Right Mediator: A History", None)],
)
def test_title_names(title: str, name: str | None) -> None:
    proposed = found(run("An abstract.", title=title), relation="PROPOSES")
    assert proposed == ({name} if name else set())


def test_proposed_name_absorbs_variants_and_inner_names() -> None:
    result = run("We propose Inverse IFEval, a benchmark. Inverse IFEval-Hard is harder than Inverse IFEval.",
                 title="Inverse IFEval: A Benchmark")
    assert found(result, relation="PROPOSES") == {"Inverse IFEval"} and not found(result, "Dataset", "EVALUATES_ON")


def test_unseen_benchmark_names_and_context_lists() -> None:
    result = run("Experiments on FlexTravelBench and TravelPlanner show that it outperforms MetaGPT and AutoGen.")
    assert {"FlexTravelBench", "TravelPlanner"} <= found(result, "Dataset")
    assert {"MetaGPT", "AutoGen"} <= found(result, "Method")


@pytest.mark.parametrize(
    ("long", "short", "label"),
    [("Group Relative Policy Optimization", "GRPO", "Method"), ("neural architecture search", "NAS", "Concept"),
     ("large language models", "LLMs", None), ("Recurrent Neural Networks", "RNNs", "Method"),
     ("Word Error Rate", "WER", None), ("Lightweight Gated Fusion Unit", "LGFU", None)],
)
def test_acronym_long_form_classes(long: str, short: str, label: str | None) -> None:
    assert classify_long_form(long, short) == label


def test_claimed_results() -> None:
    (r,) = find_results("reaches 84.6% top-1 accuracy on ImageNet")
    assert (r.metric, r.value, r.unit) == ("top-1 accuracy", 84.6, "%")


def test_title_concepts() -> None:
    assert title_concepts("CoRe: Context-Regularized Text Embedding Learning for Text-to-Image Personalization") == [
        "text-to-image personalization"]


def test_name_shapes() -> None:
    assert looks_like_name("GradSign") and looks_like_name("Qwen2.5") and not looks_like_name("Results")
    assert phrase_is_name("Stable Diffusion") and not phrase_is_name("Large Language Models")


def test_novel_acronym_definition_is_proposed_and_names_never_span_title_and_abstract() -> None:
    result = run("Resa is trained via a novel and efficient sparse\nautoencoder tuning (SAE-Tuning) procedure.",
                 title="Train On-Policy Distillation")
    assert "sparse autoencoder tuning" in found(result, relation="PROPOSES")
    assert all("\n" not in m.name for m in result.mentions)
