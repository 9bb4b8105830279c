"""Code, model and data repository links (GitHub, GitLab, Hugging Face Hub).

Finds every link whatever its decoration (no scheme, ``www.``, trailing punctuation,
``.git``, LaTeX ``{...}`` / markdown ``](...)`` remnants, ``/tree/main/...`` sub-paths,
a stray space or line break right after a slash) and normalises it to a key:

>>> [r.key for r in find_repositories("see https://github.com/Owner/Repo.git).")]
['github:Owner/Repo']
>>> [r.key for r in find_repositories("github.com/org and hf.co/datasets/a/b,")]
['github:org', 'hf:datasets/a/b']

Also sets ``code_promised`` when code or data is announced without any link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.state import Candidate, cands, lowered_text, props, text_of

_HOST = re.compile(r"(github\.com|gitlab\.com|huggingface\.co|hf\.co)(?=\s?/)", re.I)
_PREFIX = re.compile(r"(?:https?:?//\s?)?(?:www\.)?$", re.I)
_HOST_WORDS = ("github.com", "gitlab.com", "huggingface.co", "hf.co")
#: Every ``_PROMISE`` match holds one of these, lowercased (its last word, or "upon / after acceptance"):
#: a text with none of them promises nothing (most frequent first).
_PROMISE_WORDS = ("availab", "releas", "public", "share", "open-sourc", "open sourc", "accessib", "acceptance")
#: Every ``_PROMISE`` match holds one of these (its verb or its last word), lowercased.
_PROMISE_CUES = ("released", "available", "open-sourced", "open sourced", "public", "accessible", "shared", "will",
                 "plan to", "intend to", "commit to", "promise to", "acceptance")
_LINK_WORDS = ("http", "www.", ".github.io", ".com/", ".org/", ".io/", ".ai/", ".net/")
#: The link words that begin with a ".", in one pattern: it stops only at full stops (one scan instead of six).
_DOTTED_LINK_WORD = re.compile("|".join(re.escape(word) for word in _LINK_WORDS if word.startswith(".")))
_SEGMENT = re.compile(r"/(?:[ \t]?\n?[ \t]?)?([A-Za-z0-9_.\-]+)")
_GLUE_WORDS = frozenset("for and to the with at or in on of is are from by as which where this http https www".split())
_HOSTS = {"github.com": "github", "gitlab.com": "gitlab", "huggingface.co": "hf", "hf.co": "hf"}
_GITHUB_RESERVED = frozenset(
    "features topics about sponsors marketplace pricing login join settings explore collections trending "
    "apps site contact security enterprise readme issues pulls notifications search".split()
)
_HF_NOT_REPO = frozenset("papers docs blog collections learn posts chat join login pricing tasks".split())
_GITLAB_STOP = frozenset({"-", "tree", "blob", "issues", "merge_requests", "wikis", "raw"})
_PROMISE = re.compile(
    r"\b(?:(?:code|codes|data|dataset|datasets|models?|weights|checkpoints|implementation|benchmark|resources|"
    r"toolkit|source code|artifacts)\b[^.]{0,80}?\b(?:will be|would be|are to be|is to be|to be|shall be|"
    r"are being|will soon be)\s+(?:made\s+|released\s+|open[- ]sourced\s+)?(?:publicly\s+|freely\s+|fully\s+)?"
    r"(?:released|available|open[- ]sourced|public|accessible|shared)"
    r"|we\s+(?:will|plan to|intend to|commit to|promise to)\s+(?:publicly\s+|fully\s+)?(?:release|open[- ]source|"
    r"make\s+[^.]{0,60}?(?:public|available)|share)"
    r"|(?:code|data|dataset|models?|weights|checkpoints|implementation|benchmark|resources|artifacts|toolbox|"
    r"toolkit|library|framework|suite|pipeline)[^.]{0,60}?\b(?:are|is|have been|has been)\s+"
    r"(?:(?:fully|publicly|freely|openly|all)\s+)*(?:available|open[- ]sourced|released)"
    r"|(?:upon|after)\s+(?:acceptance|publication))",
    re.I,
)


@dataclass(frozen=True)
class RepoLink:
    """One normalised repository link found in text."""

    host: str  #: github.com | gitlab.com | huggingface.co
    owner: str
    name: str  #: "" for an organisation / user link
    kind: str  #: repository | organization | model | dataset | space
    start: int
    end: int

    @property
    def key(self) -> str:
        """``github:Owner/Repo``, ``github:Org``, ``hf:datasets/o/n``, ``hf:spaces/o/n``, ``gitlab:a/b/c``."""
        prefix = _HOSTS[self.host]
        path = f"{self.owner}/{self.name}" if self.name else self.owner
        if self.kind in ("dataset", "space"):
            path = f"{self.kind}s/{path}"
        return f"{prefix}:{path}"

    @property
    def url(self) -> str:
        """Canonical https URL."""
        path = self.key.split(":", 1)[1]
        return f"https://{self.host}/{path}"


def _segments(text: str, pos: int) -> tuple[list[str], int]:
    """Path segments after a host, and the offset where the link ends."""
    segments, end = [], pos
    while True:
        match = _SEGMENT.match(text, end)
        if not match:
            break
        spaced = len(match.group(0)) > len(match.group(1)) + 1
        if spaced and (len(segments) >= 2 or match.group(1).lower() in _GLUE_WORDS
                       or text[match.end():match.end() + 1] == ":"):
            break
        segments.append(match.group(1))
        end = match.end()
    return segments, end


def _clean_last(segments: list[str]) -> list[str]:
    """Strip trailing dots and ``.git`` from the path."""
    while segments:
        # a segment holds no line break, so ``(?:\.git)?\.*$`` then ``\.git$`` drop two ".git" at most
        last = segments[-1].rstrip(".").removesuffix(".git").removesuffix(".git")
        if last:
            segments[-1] = last
            return segments
        segments.pop()
    return segments


def _interpret(host: str, segs: list[str]) -> tuple[str, str, str] | None:
    """(owner, name, kind) of a path on ``host``, or None when it is not a repository."""
    if not segs:
        return None
    if host == "github.com":
        if segs[0].lower() == "orgs" and len(segs) > 1:
            return segs[1], "", "organization"
        if segs[0].lower() in _GITHUB_RESERVED:
            return None
        return (segs[0], segs[1], "repository") if len(segs) > 1 else (segs[0], "", "organization")
    if host == "gitlab.com":
        path = []
        for seg in segs:
            if seg in _GITLAB_STOP:
                break
            path.append(seg)
        return (path[0], "/".join(path[1:]), "repository") if len(path) > 1 else (path[0], "", "organization")
    first = segs[0].lower()
    if first in ("datasets", "spaces") and len(segs) >= 3:
        return segs[1], segs[2], first[:-1]
    if first in _HF_NOT_REPO or first in ("datasets", "spaces", "models"):
        return None
    return (segs[0], segs[1], "model") if len(segs) > 1 else (segs[0], "", "organization")


def find_repositories(text: str) -> list[RepoLink]:
    """Every repository link in ``text``, in order, duplicates (same lowercased key) dropped."""
    lowered = text.lower()
    return _find_repositories(text, lowered) if _names_host(lowered) else []


def _names_host(lowered: str) -> bool:
    """True when the lowercased text names a repository host anywhere."""
    # pre-check: every host name holds ".co", absent from 80% of abstracts (one scan instead of four)
    return ".co" in lowered and any(word in lowered for word in _HOST_WORDS)


def _find_repositories(text: str, lowered: str) -> list[RepoLink]:
    """:func:`find_repositories` with ``text.lower()`` already computed."""
    found: dict[str, RepoLink] = {}
    for match in _host_matches(text, lowered):
        host = match.group(1).lower()
        link_start = _PREFIX.search(text, max(0, match.start() - 13), match.start()).start()
        host = "huggingface.co" if host == "hf.co" else host
        segs, end = _segments(text, match.end())
        segs = _clean_last(segs)
        parsed = _interpret(host, segs)
        if parsed is None:
            continue
        end = _trim_end(text, link_start, end)
        link = RepoLink(host, *parsed, start=link_start, end=end)
        found.setdefault(link.key.lower(), link)
    return list(found.values())


def _host_matches(text: str, lowered: str) -> Iterator[re.Match]:
    """``_HOST.finditer(text)``, tried only where ``str.find`` sees a host name: the
    case-insensitive scan of every position cost ~80 us per abstract with a link."""
    if len(lowered) != len(text):  # lower() moved the offsets (a rare "İ"): scan everything
        yield from _HOST.finditer(text)
        return
    starts = []
    for word in _HOST_WORDS:
        pos = lowered.find(word)
        while pos >= 0:
            starts.append(pos)
            pos = lowered.find(word, pos + len(word))
    for pos in sorted(starts):  # host names never overlap, so these are finditer's matches
        match = _HOST.match(text, pos)
        if match:
            yield match


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop trailing punctuation and ``.git`` from the matched span."""
    while end > start and text[end - 1] in ".,;:/":
        end -= 1
    if text[start:end].lower().endswith(".git"):
        end -= 4
    return end


def parse_repository_url(url: str) -> RepoLink | None:
    """Normalise one URL from metadata (HF ``githubRepo``); None when it is not a repository."""
    links = find_repositories(url.strip())
    return links[0] if links else None


def repository_properties(link: RepoLink, source: str) -> dict[str, str]:
    """The Repository properties of the mention contract."""
    return {"url": link.url, "host": link.host, "owner": link.owner, "name": link.name or link.owner,
            "kind": link.kind, "source": source}


def code_promised(text: str) -> bool:
    """True when ``text`` announces code/data/models but contains no link at all."""
    lowered = text.lower()
    return not _names_host(lowered) and _promises_without_link(text, lowered)


def _promises_without_link(text: str, lowered: str) -> bool:
    """:func:`code_promised` for a text already known to name no repository host."""
    # the rarer condition first: 57% of abstracts have no promise word, 30% have a link
    for word in _PROMISE_WORDS:  # (a loop rather than any(…): compiled, a generator expression is an object)
        if word in lowered:
            break
    else:
        return False
    if _names_link(lowered):
        return False
    # A promise never spans a full stop and always holds a cue word: search only the pieces
    # between full stops with a cue (searching the whole abstract cost ~0.4 ms).
    if len(lowered) != len(text):  # lower() moved the offsets (a rare "İ"), but kept every "."
        return any(_PROMISE.search(piece) for piece, lowered_piece in zip(text.split("."), lowered.split("."))
                   if any(cue in lowered_piece for cue in _PROMISE_CUES))
    # each piece found from its cues' offsets (splitting the whole text twice cost ~15 us), searched
    # in place: the pattern looks at no character outside the piece
    searched, ascii_text = set(), text.isascii()
    for cue in _PROMISE_CUES:
        at = lowered.find(cue)
        while at >= 0:
            start, end = lowered.rfind(".", 0, at) + 1, lowered.find(".", at)
            end = len(text) if end < 0 else end
            if start not in searched:
                if _promise_between(text, lowered, start, end) if ascii_text else _PROMISE.search(text, start, end):
                    return True
                searched.add(start)
            at = lowered.find(cue, end)
    return False


#: Every ``_PROMISE`` match begins with one of these, lowercased (a prefix of its first word).
_PROMISE_STARTS = ("code", "data", "model", "we", "checkpoints", "implementation", "benchmark", "resources", "tool",
                   "source", "artifacts", "library", "framework", "suite", "pipeline", "upon", "after")


def _promise_between(text: str, lowered: str, start: int, end: int) -> bool:
    """Whether ``_PROMISE.search(text, start, end)`` finds a promise, for ASCII ``text``: the pattern
    is tried only where one of its first words begins (``re.I`` with a leading alternation tried
    every character: ~35k instructions per abstract, 2% of the extractor's). Only for ASCII:
    ``re.I`` also matches "ſ" to "s" and "K" (Kelvin) to "k", which ``str.find`` on lowered text would miss."""
    for word in _PROMISE_STARTS:
        at = lowered.find(word, start, end)
        while at >= 0:
            if _PROMISE.match(text, at, end):
                return True
            at = lowered.find(word, at + 1, end)
    return False


def _names_link(lowered: str) -> bool:
    """True when the lowercased text holds one of ``_LINK_WORDS``."""
    return "http" in lowered or "www." in lowered or _DOTTED_LINK_WORD.search(lowered) is not None


@Language.factory("kg_code_links")
def make_code_links(nlp: Language, name: str) -> "CodeLinks":
    """Registered factory: ``nlp.add_pipe("kg_code_links")``."""
    return CodeLinks()


class CodeLinks:
    """Adds Repository candidates (and a Dataset for each HF dataset link)."""

    def __call__(self, doc: Doc) -> Doc:
        text: str = text_of(doc)  # (typed: the compiled module slices and searches it with C calls)
        lowered = lowered_text(doc)
        if not _names_host(lowered):  # no link to add, but maybe a promise of one
            if _promises_without_link(text, lowered):
                props(doc)["code_promised"] = True
            return doc
        out = cands(doc)
        for link in _find_repositories(text, lowered):
            out.append(Candidate("Repository", link.key, link.start, link.end, "code_links.url", 0.99,
                                 "HAS_CODE", properties=repository_properties(link, "abstract")))
            if link.kind == "dataset":
                out.append(Candidate("Dataset", link.name, link.start, link.end, "code_links.hf_dataset", 0.8,
                                     aliases=(f"{link.owner}/{link.name}",), properties={"hub_id": f"{link.owner}/{link.name}"}))
        return doc
