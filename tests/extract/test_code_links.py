"""Code links in every decoration an abstract writes them."""

from __future__ import annotations

import pytest

from kg.extract.code_links import code_promised, find_repositories, parse_repository_url


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Code: https://github.com/Owner/Repo.", ["github:Owner/Repo"]),
        ("github.com/anyasims/edge-of-reach.", ["github:anyasims/edge-of-reach"]),
        ("(https://github.com/facebookresearch/schedule_free).", ["github:facebookresearch/schedule_free"]),
        ("https://github.com/UCSB-NLP-Chang/Prereq_tune.git.", ["github:UCSB-NLP-Chang/Prereq_tune"]),
        ("https://github.com/mlvlab/CAF{https://github.com/mlvlab/CAF}.", ["github:mlvlab/CAF"]),
        ("[GitHub](https://github.com/fighting-Zhang/StrandDesigner).", ["github:fighting-Zhang/StrandDesigner"]),
        ("https://github.com/Bekhouche/SegDT{GitHub}.", ["github:Bekhouche/SegDT"]),
        ("https://github.com/apple/corenet/tree/main/projects/kv-prediction .", ["github:apple/corenet"]),
        ("https://github.com/ org/Repo_x now", ["github:org/Repo_x"]),
        ("at github.com/org/\nrepo-name today", ["github:org/repo-name"]),
        ("see https://github.com/aixiv-org. Website", ["github:aixiv-org"]),
        ("https://gitlab.com/group/sub/name/-/tree/main", ["gitlab:group/sub/name"]),
        ("\\url{https://huggingface.co/spaces/wsntxxn/efficient_audio_captioning}.", ["hf:spaces/wsntxxn/efficient_audio_captioning"]),
        ("(huggingface.co/datasets/mcosarinsky/CheXmask-U), a", ["hf:datasets/mcosarinsky/CheXmask-U"]),
        ("https://huggingface.co/katanemo/Arch-Router-1.5B.", ["hf:katanemo/Arch-Router-1.5B"]),
        ("\\url{https://huggingface.co/lelapa} to", ["hf:lelapa"]),
        ("Project page: https://llm-stacking.github.io/ and https://huggingface.co/papers/2401.00001", []),
        ("https://github.com/a/b and https://github.com/A/B/ again", ["github:a/b"]),
    ],
)
def test_repository_links_are_normalised(text: str, keys: list[str]) -> None:
    assert [link.key for link in find_repositories(text)] == keys


def test_link_span_is_the_written_url_without_trailing_punctuation() -> None:
    text = "Code at https://github.com/o/r.git)."
    (link,) = find_repositories(text)
    assert text[link.start:link.end] == "https://github.com/o/r"


def test_org_only_link_is_an_organization() -> None:
    (link,) = find_repositories("https://github.com/OpenGVLab")
    assert (link.kind, link.name, link.key) == ("organization", "", "github:OpenGVLab")


def test_metadata_url_parses() -> None:
    link = parse_repository_url("https://github.com/vmicheli/delta-iris")
    assert link is not None and link.key == "github:vmicheli/delta-iris"
    assert parse_repository_url("https://example.org/project") is None


@pytest.mark.parametrize(
    ("text", "promised"),
    [
        ("Code will be made publicly available.", True),
        ("We will release our code and models.", True),
        ("The dataset is publicly available.", True),
        ("Code is available at https://github.com/o/r.", False),
        ("Our project page is https://x.github.io/ and code will be released.", False),
        ("We study the release of code in open-source projects.", False),
        ("The code is to be made public.", True),  # no "will" and no "release": the pre-check missed it
        ("Models and data shall be accessible upon acceptance.", True),
    ],
)
def test_code_promised_only_without_link(text: str, promised: bool) -> None:
    assert code_promised(text) is promised


def test_every_promise_holds_a_promise_word() -> None:
    """``_promises_without_link`` turns a text away when it holds none of ``_PROMISE_WORDS``: every
    ``_PROMISE`` match must hold one (fuzzed from the pattern's own words)."""
    import random

    from kg.extract import code_links

    rng = random.Random(17)
    pieces = ["code", "Data", "models", "weights", "we", "We", "will", "would be", "to be", "is to be", "shall be",
              "are being", "made", "publicly", "freely", "released", "available", "open-sourced", "open sourced",
              "public", "accessible", "shared", "plan to", "intend to", "commit to", "promise to", "release",
              "open-source", "make", "share", "are", "is", "have been", "fully", "upon", "after", "acceptance",
              "publication", "toolkit", "x", ".", ","]
    matched = 0
    for _ in range(30_000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(2, 9)))
        if code_links._PROMISE.search(text):
            matched += 1
            assert any(word in text.lower() for word in code_links._PROMISE_WORDS), text
    assert matched > 1000


def test_a_bare_host_followed_by_another_url_is_not_a_repository() -> None:
    assert find_repositories("github.com/ https://github.com /") == []


def test_promise_search_from_start_words_finds_what_the_pattern_finds() -> None:
    """``_promise_between`` (the pattern tried at its first words) against ``_PROMISE.search`` on
    random ASCII sentences built from the pattern's own words, in random case."""
    import random

    from kg.extract.code_links import _PROMISE, _promise_between

    words = ("code codes source data dataset datasets models model weights checkpoints implementation benchmark "
             "resources toolkit toolbox artifacts library framework suite pipeline we will plan to intend commit "
             "promise publicly fully release open-source open source make public available share upon after "
             "acceptance publication is are have been has be to would shall being soon made released sourced "
             "freely openly all accessible shared the our x weightsy wed subcode").split()
    promises = ("code will be released", "we plan to release", "upon acceptance", "models are publicly available",
                "the dataset would be made publicly available", "we will open-source", "toolkit has been released",
                "we intend to make our code public", "after publication", "checkpoints are to be shared")
    rng = random.Random(5)
    found = 0
    for _ in range(20000):
        pieces = [rng.choice(words) for _ in range(rng.randint(1, 12))]
        if rng.random() < 0.5:  # a promise, maybe broken by a word put in or taken out
            promise = rng.choice(promises).split()
            if rng.random() < 0.5:
                promise.insert(rng.randint(0, len(promise)), rng.choice(words))
            if rng.random() < 0.3:
                promise.pop(rng.randrange(len(promise)))
            pieces[rng.randint(0, len(pieces)):0] = promise
        sentence = "".join(piece + rng.choice("  ,-\n") for piece in pieces)
        sentence = "".join(c.upper() if rng.random() < 0.1 else c for c in sentence)
        start = rng.randint(0, 3)
        expected = _PROMISE.search(sentence, start) is not None
        found += expected
        assert _promise_between(sentence, sentence.lower(), start, len(sentence)) is expected, sentence
    assert 1000 < found < 19000  # both outcomes are tested (~1,800 promises found)
