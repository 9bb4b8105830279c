"""The spaCy pipeline and the :class:`Extractor` that turns papers into mentions.

>>> from kg.model import Paper
>>> ex = Extractor()
>>> result = ex.extract(Paper(id="x", title="GradSign: Fast Inference",
...     abstract="We propose GradSign, a metric. Code: https://github.com/o/r."))
>>> sorted((m.label.value, m.name, m.relation.value) for m in result.mentions)
[('Concept', 'inference', 'MENTIONS'), ('Method', 'GradSign', 'PROPOSES'), ('Repository', 'github:o/r', 'HAS_CODE')]
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import re
import threading
import time
from typing import Any, Callable, Iterable, Iterator

import spacy
from spacy.language import Language

# Importing the component modules registers their factories.
from kg.extract import acronyms, cites, code_links, concepts, contexts, gazetteer, proposals, results, roles, sentences  # noqa: F401
from kg.extract.code_links import parse_repository_url, repository_properties
from kg.extract.state import Candidate, PaperText, TITLE_SEP, Workspace, abstract_start, get, put, sentence_locator, text_of
from kg.extract.lexicon import NAME_KEYS, normalise_name
from kg.extract.names import clear_caches as clear_name_caches
from kg.ids import clean_text
from kg.ids import normalise_name as normalise_unmemoised
from kg.model import Extraction, Label, Mention, Paper, RelType

#: The components of the default pipeline, in order.
COMPONENTS = (
    "kg_sentences",
    "kg_code_links",
    "kg_acronyms",
    "kg_gazetteer",
    "kg_proposals",
    "kg_contexts",
    "kg_concepts",
    "kg_cites",
    "kg_results",
    "kg_roles",
)


def build_pipeline(components: Iterable[str] = COMPONENTS) -> Language:
    """A ``spacy.blank("en")`` pipeline with the extractor's registered components.

    No statistical model is needed. Any component but ``kg_roles`` (which produces the
    mentions) can be left out to measure what it contributes.
    """
    nlp = spacy.blank("en")
    _split_final_period(nlp)
    for name in components:
        nlp.add_pipe(name)
    if "kg_roles" not in nlp.pipe_names:
        nlp.add_pipe("kg_roles")
    return nlp


def _split_final_period(nlp: Language) -> None:
    """Split a sentence-final period after an upper-case name ("… on GSM8K."), which the
    English defaults keep attached as if it were an abbreviation."""
    suffixes = list(nlp.Defaults.suffixes) + [r"(?<=[A-Z0-9][A-Z0-9])\.", r"(?<=[a-z][A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


#: spaCy's tokenizer is quadratic on one long run of punctuation ("((((…" 6,000 characters took
#: 7 s): such chunks are blanked, same length, in the copy it tokenises. Paper text is untrusted.
_LONG_CHUNK = re.compile(r"\S{300,}")


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


class Extractor:
    """Extracts mentions from papers (title, abstract and source metadata).

    The pipeline's components never read spaCy tokens, so when every component is one of
    paperkg's own (the default), papers are processed as :class:`PaperText` and no ``Doc``
    is built: tokenising cost more than all the rules together. A pipeline with any other
    component (a statistical NER, say) gets real ``Doc`` objects.
    """

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp if nlp is not None else build_pipeline()
        factories = {self.nlp.get_pipe_meta(name).factory for name in self.nlp.pipe_names}
        self.needs_doc = not factories <= set(COMPONENTS)

    def make_doc(self, paper: Paper) -> Workspace:
        """Run the pipeline over ``title + "\\n\\n" + abstract`` of one paper."""
        doc = self._start(paper)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        return doc

    def _start(self, paper: Paper) -> Workspace:
        """The workspace for one paper: a ``PaperText``, or a tokenised ``Doc`` when needed."""
        title, abstract = paper.title or "", paper.abstract or ""
        text = f"{title}{TITLE_SEP}{abstract}" if title else abstract
        if self.needs_doc:
            doc = self.nlp.make_doc(_LONG_CHUNK.sub(_blank, text))
            doc.user_data["kg_text"] = text  # the components read the real text; offsets are the same
        else:
            doc = PaperText(text)
        put(doc, "kg_title_end", len(title))
        return doc

    def clear_caches(self) -> None:
        """Forget every name memoised while extracting: normalised names (``NAME_KEYS``), the
        name tests of ``kg.extract.names``, rounded confidences and each component's own
        memos. Results never depend on them. A long-running process may call this to give the
        memory back (each cache is bounded anyway), and ``benchmarks/bench_extract.py`` calls
        it to measure papers the extractor has never seen: names recur when a corpus is
        repeated, which made a repeated corpus ~9% cheaper in instructions than fresh papers."""
        NAME_KEYS.clear()
        _ROUNDED.clear()
        clear_name_caches()
        for _, proc in self.nlp.pipeline:
            clear = getattr(proc, "clear_caches", None)
            if clear is not None:
                clear()

    def profile(self, paper: Paper) -> list[tuple[str, float]]:
        """CPU seconds spent in each step of extracting ``paper`` (``benchmarks/bench_components.py``)."""
        clock = time.process_time
        start = clock()
        doc = self._start(paper)
        times = [("start" if not self.needs_doc else "tokenizer", clock() - start)]
        for name, proc in self.nlp.pipeline:
            start = clock()
            doc = proc(doc)
            times.append((name, clock() - start))
        start = clock()
        self._mentions(doc, paper)
        times.append(("mentions", clock() - start))
        return times

    def extract(self, paper: Paper) -> Extraction:
        """All mentions of one paper, in text order, then metadata mentions."""
        mentions, paper_props = self._extract_parts(paper)
        return Extraction(paper=paper, mentions=mentions, paper_properties=paper_props)

    def _extract_parts(self, paper: Paper) -> tuple[tuple[Mention, ...], dict[str, Any]]:
        return self._mentions(self.make_doc(paper), paper)

    def _extract_batch(self, papers: list[Paper]) -> list[tuple[tuple[Mention, ...], dict[str, Any]]]:
        """``_extract_parts`` for a few papers, component by component rather than paper by paper:
        each rule's patterns and tables stay in the CPU caches (measured 10-15% faster at 64
        papers; every paper's result is the same either way)."""
        docs = [self._start(paper) for paper in papers]
        for _, proc in self.nlp.pipeline:
            docs = [proc(doc) for doc in docs]
        return [self._mentions(doc, paper) for doc, paper in zip(docs, papers)]

    def _mentions(self, doc: Workspace, paper: Paper) -> tuple[tuple[Mention, ...], dict[str, Any]]:
        """The settled candidates as mentions (field-relative offsets, sentence index and
        cleaned evidence), then the metadata mentions. What every mention needs from the
        paper's state is read once here, not per mention (~1 us a read)."""
        locate = sentence_locator(doc)
        title_end = get(doc, "kg_title_end", 0)
        shift = abstract_start(doc)
        text: str = text_of(doc)  # (typed: the compiled module slices it with C calls)
        evidence: dict[int, str] = {}  # sentence start -> cleaned text (mentions share sentences)
        mentions = []
        linked = False  # a repository link in the text
        for cand in get(doc, "kg_mentions", []):
            if cand.relation == "CITES" and cand.name == paper.id:
                continue
            index, s, e = locate(cand.start)
            sentence = evidence.get(s)
            if sentence is None:
                sentence = evidence[s] = clean_text(text[s:e])
            if cand.start < title_end:  # offsets are never negative: no title, no title mentions
                mentions.append(_to_mention(cand, index, sentence, "title", 0))
            else:
                mentions.append(_to_mention(cand, index, sentence, "abstract", shift))
            linked = linked or cand.label == "Repository"
        mentions.extend(_metadata_mentions(paper, mentions))
        paper_props = {k: v for k, v in get(doc, "kg_props", {}).items() if not k.startswith("_")}
        if linked:
            paper_props.pop("code_promised", None)
        return tuple(mentions), paper_props

    def extract_many(self, papers: Iterable[Paper], workers: int = 1,
                     progress: Callable[[int], Any] | Any | None = None) -> Iterator[Extraction]:
        """Extract many papers, in input order. ``workers > 1`` uses a fork pool whose workers
        return plain mentions (never Docs). ``progress`` is called with 1 (or ``.update(1)``)
        per paper."""
        tick = getattr(progress, "update", progress)
        with bulk_collection():
            if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
                for chunk in _chunks(papers, _CACHE_BATCH):
                    for paper, (mentions, props) in zip(chunk, self._extract_batch(chunk)):
                        yield Extraction(paper=paper, mentions=mentions, paper_properties=props)
                        if tick:
                            tick(1)
                return
            yield from self._extract_pool(papers, workers, tick)

    def _extract_pool(self, papers: Iterable[Paper], workers: int, tick: Callable | None) -> Iterator[Extraction]:
        """Batches of papers handed to a fresh fork pool: the workers inherit the batch (no
        pickling of papers), get index ranges and send back plain tuples (never Docs)."""
        for batch in _chunks(papers, _BATCH_SIZE):
            yield from self._run_batch(batch, workers, tick)

    def _run_batch(self, batch: list[Paper], workers: int, tick: Callable | None) -> Iterator[Extraction]:
        global _WORKER, _BATCH
        _WORKER, _BATCH = self, batch
        step = max(1, min(_CACHE_BATCH, len(batch) // (4 * workers) or 1))
        ranges = [(i, min(i + step, len(batch))) for i in range(0, len(batch), step)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for (lo, _), rows_of_range in zip(ranges, pool.imap(_worker_range, ranges)):
                    for offset, (rows, props) in enumerate(rows_of_range):
                        yield Extraction(paper=batch[lo + offset], mentions=tuple(_from_row(r) for r in rows),
                                         paper_properties=props)
                        if tick:
                            tick(1)
        finally:
            _BATCH = []


#: The young generation's threshold during a bulk run (Python's default is 700).
BULK_GC_THRESHOLD = 20_000
_bulk_depth = 0  #: how many bulk runs are open (extract_many is a generator: they can interleave)
_saved_threshold: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def bulk_collection() -> Iterator[None]:
    """Python's cyclic garbage collector tuned for a bulk run, and restored after it.

    * The objects that exist when the run starts (the interpreter's and spaCy's modules, the
      gazetteers: ~130,000 tracked objects) are moved out of the collector's sight with
      ``gc.freeze()``: a full collection otherwise traverses all of them, ~140 ms, and one came
      every ~5,000 papers. ``gc.unfreeze()`` gives them back at the end.
    * The young generation is collected after :data:`BULK_GC_THRESHOLD` net new container
      objects rather than 700. Extracting a paper allocates and frees many more than 700, and
      every crossing cost a collection: 464 of them over 7,300 papers, ~21 µs a paper (4% of the
      time). Garbage with cycles waits a little longer for collection; the extractor makes
      almost none, and memory use did not change measurably.

    The results never depend on it. Nested or interleaved runs keep the settings until the last
    one ends.
    """
    global _bulk_depth, _saved_threshold
    with _BULK_LOCK:
        if _bulk_depth == 0:
            _saved_threshold = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(max(BULK_GC_THRESHOLD, _saved_threshold[0]), *_saved_threshold[1:])
        _bulk_depth += 1
    try:
        yield
    finally:
        with _BULK_LOCK:
            _bulk_depth -= 1
            if _bulk_depth == 0:
                gc.set_threshold(*_saved_threshold)
                gc.unfreeze()


_BULK_LOCK = threading.Lock()
_BATCH_SIZE = 4000  #: papers per fork pool
_CACHE_BATCH = 64  #: papers run component by component (see Extractor._extract_batch)
_WORKER: Extractor | None = None
_BATCH: list[Paper] = []


def _worker_range(bounds: tuple[int, int]) -> list[tuple[list[tuple], dict[str, Any]]]:
    """In a forked worker: extract ``_BATCH[lo:hi]`` and return plain rows."""
    assert _WORKER is not None
    return [([_to_row(m) for m in mentions], props)
            for mentions, props in _WORKER._extract_batch(_BATCH[bounds[0]:bounds[1]])]


def _chunks(items: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    chunk: list[Paper] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_LABELS = {label.value: label for label in Label}
_RELATIONS = {relation.value: relation for relation in RelType}


def _to_row(m: Mention) -> tuple:
    return (m.label.value, m.name, m.relation.value, m.rule, m.confidence, m.start, m.end, m.sentence,
            m.evidence, m.field, m.aliases, m.properties)


def _from_row(row: tuple) -> Mention:
    label, name, relation, rule, conf, start, end, sentence, evidence, fld, aliases, properties = row
    return Mention.of_fields(_LABELS[label], name, _RELATIONS[relation], rule, conf, start, end, sentence, evidence,
                             fld, aliases, properties)


#: ``round(confidence, 3)`` of each confidence met: the rules give a handful of values, and
#: rounding a float formats it in C (~2,700 instructions a call, 0.7% of the extractor's).
_ROUNDED: dict[float, float] = {}


def _rounded(confidence):  # (no ``float`` annotation: compiled, it would make a C double to box again)
    """``round(confidence, 3)``, memoised in :data:`_ROUNDED` (bounded). A subscript, not ``.get``:
    ~1,100 instructions a call against ~1,850 (compiled, ``.get`` on a module dict makes a bound method)."""
    try:
        return _ROUNDED[confidence]
    except KeyError:
        if len(_ROUNDED) >= 1024:
            _ROUNDED.clear()
        value = _ROUNDED[confidence] = round(confidence, 3)
        return value


def _to_mention(cand: Candidate, sentence: int, evidence: str, field: str, shift: int) -> Mention:
    """One settled candidate as a mention of ``field`` (its offsets moved back by ``shift``)."""
    written: str = cand.name  # (typed locals: compiled, their methods are C calls, not method lookups)
    name = " ".join(written.split())
    aliases: tuple[str, ...] = ()
    if cand.aliases:  # each spelling once, in order, but none that normalises like the name
        key, spellings = normalise_name(name), {}
        for alias in cand.aliases:  # (loops, not generator expressions: compiled, each of those is an object)
            alias = " ".join(alias.split())
            if alias not in spellings and normalise_name(alias) != key:
                spellings[alias] = None
        aliases = tuple(spellings)
    properties: dict = cand.properties
    return Mention.of_fields(_LABELS[cand.label], name, _RELATIONS[cand.relation], cand.rule, _rounded(cand.confidence),
                             cand.start - shift, cand.end - shift, sentence, evidence, field, aliases,
                             properties.copy())


def _metadata_mentions(paper: Paper, found: list[Mention]) -> list[Mention]:
    """HAS_CODE from the source's code link, MENTIONS from the source's keywords the title names."""
    out = []
    link = parse_repository_url(paper.code_url) if paper.code_url else None
    if link is not None:
        out.append(Mention.of_fields(Label.REPOSITORY, link.key, RelType.HAS_CODE, "metadata.code_url", 1.0, None, None,
                                     None, "", "metadata", (), repository_properties(link, "metadata")))
    if not paper.keywords:
        return out
    title: str = normalise_unmemoised(paper.title or "")  # (a title comes once)
    seen: set[str] | None = None  # the found concepts' keys, built for the first keyword the title names
    for keyword in paper.keywords:
        cleaned: str = clean_text(keyword)  # (typed locals: compiled, their methods are C calls)
        name: str = cleaned.lower()
        # the key, not memoised (10,288 of the 13,030 keywords in the HF files come once); a cleaned,
        # lower-cased ASCII name with no hyphen or underscore is its own key already
        key: str = name if name.isascii() and "-" not in name and "_" not in name else normalise_unmemoised(name)
        # Only keywords the title itself claims: measured on hf_dev, all keywords give concept
        # F1 0.15 (P 0.10), title keywords 0.24 (P 0.23). The rest stay on the Paper node.
        if name and key in title:
            if seen is None:
                concept = Label.CONCEPT  # (read once: an Enum member read is an attribute lookup on its class)
                seen = {normalise_name(m.name) for m in found if m.label is concept}
            if key not in seen:
                seen.add(key)
                out.append(Mention.of_fields(Label.CONCEPT, name, RelType.MENTIONS, "metadata.keywords", 0.7, None, None,
                                             None, "", "metadata", (), {"kind": "keyword"}))
    return out
