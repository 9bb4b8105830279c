"""The extractor's data: curated method names, cleaned dataset and task gazetteers.

Loaded once per process (:func:`load_lexicon` is cached) from ``kg/extract/data``.
Every name maps to a canonical display name; lookups are by exact surface form
(case kept), with a casefolded index for resolution.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.errors import ExtractionError
from kg.ids import normalise_name as _normalise_name

DATA_DIR = Path(__file__).parent / "data"


class NameKeys(dict):
    """``kg.ids.normalise_name`` memoised for the process (entity names repeat within and across
    abstracts): ``NAME_KEYS[name]``. A hit is a plain dict lookup, ~2x cheaper than an lru_cache
    hit, and roles and the mentions step look names up several times per candidate; emptied
    when it holds ``maxsize`` names, so memory stays bounded."""

    def __init__(self, maxsize: int):
        super().__init__()
        self.maxsize = maxsize

    def __missing__(self, name: str) -> str:
        if len(self) >= self.maxsize:
            self.clear()
        key = self[name] = _normalise_name(name)
        return key


#: Normalised form of every name met (``NAME_KEYS[name] == kg.ids.normalise_name(name)``).
NAME_KEYS = NameKeys(maxsize=1 << 17)
#: kg.ids.normalise_name, memoised in :data:`NAME_KEYS`.
normalise_name: Callable[[str], str] = NAME_KEYS.__getitem__

#: Acronyms and words that look like names but never denote a method or dataset.
GENERIC_NAMES = frozenset(
    """AI AGI ML DL NLP NLU NLG CV IR RL IL LLM LLMs VLM VLMs MLLM MLLMs LMM LMMs LM LMs SLM SLMs LRM LRMs
    GPU GPUs CPU CPUs TPU TPUs API APIs SOTA SoTA URL HTTP PDF HTML JSON SQL XML CSV GUI GUIs UI UX
    2D 3D 4D 6D 1D I II III IV US UK EU USA QA VQA FPS MSE MAE RMSE AUC ROC FID PSNR SSIM LPIPS BLEU ROUGE
    CIDEr METEOR WER CER EM F1 mAP mIoU IoU AP NDCG MRR KL OOD IID ID AR NAR DNN DNNs
    NN NNs ASR TTS OCR NER POS MT NMT QA KV FLOPs FLOP TFLOPs GB MB TB
    PhD MIT IEEE ACM CVPR ICCV ECCV NeurIPS ICLR ICML ACL EMNLP NAACL AAAI IJCAI KDD WWW SIGIR MICCAI
    OpenAI Google Meta Microsoft NVIDIA Nvidia Apple Amazon Alibaba Tencent ByteDance Baidu Huawei
    GitHub Github HuggingFace Huggingface Hugging Face arXiv ArXiv Python PyTorch TensorFlow JAX CUDA
    AIGC GenAI HCI IoT VR AR XR MR SR HR LR RGB RGB-D LiDAR CT MRI PET EEG ECG fMRI
    T2I T2V I2V V2V TTI TTV LLM-based Pass@1 pass@1 Pass@k pass@k OS SDK CLI IDE""".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One canonical entity of a gazetteer."""

    label: str  #: "Method" or "Dataset" or "Concept"
    name: str  #: canonical display name
    kind: str = ""  #: method kind (model, algorithm …) or dataset match mode (exact, context)
    aliases: tuple[str, ...] = ()


@dataclass
class Lexicon:
    """All gazetteers, indexed by surface form and by normalised form."""

    entries: list[Entry] = field(default_factory=list)
    tasks: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()
    by_norm: dict[str, Entry] = field(default_factory=dict)

    def add(self, entry: Entry) -> None:
        """Register an entry; the first entry to claim a normalised form keeps it."""
        self.entries.append(entry)
        for form in (entry.name, *entry.aliases):  # (not memoised in NAME_KEYS: see lookup_unmemoised)
            self.by_norm.setdefault(_normalise_name(form), entry)

    def lookup(self, surface: str) -> Entry | None:
        """The entry whose name or alias normalises like ``surface``."""
        return self.by_norm.get(normalise_name(surface))

    def lookup_unmemoised(self, surface: str) -> Entry | None:
        """:meth:`lookup` without memoising ``surface`` in :data:`NAME_KEYS`: for the data
        files' names while loading, so the memo holds only names met in text (and
        ``Extractor.clear_caches`` gives back the state of a fresh process)."""
        return self.by_norm.get(_normalise_name(surface))

    def is_common(self, word: str) -> bool:
        """A lowercase English word seen in ordinary abstract text."""
        return word.lower() in self.common


def _rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    if not path.exists():
        raise ExtractionError(f"missing extractor data file {path}; run python -m kg.extract.build_gazetteers")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def _aliases(cell: str) -> tuple[str, ...]:
    return tuple(a for a in cell.split("|") if a) if cell else ()


def _pwc_model_ok(name: str, lex: Lexicon) -> bool:
    return name not in GENERIC_NAMES and lex.lookup_unmemoised(name) is None and not re.fullmatch(r"[A-Z]{2,3}", name)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read every data file once (curated lists first, so they win normalised-form clashes)."""
    lex = Lexicon()
    for row in _rows("methods.tsv"):
        lex.add(Entry("Method", row[0], row[1] if len(row) > 1 else "", _aliases(row[2] if len(row) > 2 else "")))
    tasks = frozenset(r[0] for r in _rows("tasks.txt"))
    for source in ("datasets_extra.tsv", "datasets.tsv"):
        for row in _rows(source):
            if lex.lookup_unmemoised(row[0]) is None and row[0] not in GENERIC_NAMES:
                # a dataset named like a task ("Theory of Mind") needs dataset context
                mode = "context" if row[0].lower() in tasks and source == "datasets.tsv" else row[1]
                lex.add(Entry("Dataset", row[0], mode, _aliases(row[2] if len(row) > 2 else "")))
    for row in _rows("pwc_models.txt"):
        if _pwc_model_ok(row[0], lex):
            lex.add(Entry("Method", row[0], "model"))
    lex.tasks = tasks
    lex.common = frozenset(r[0] for r in _rows("common_words.txt"))
    return lex
