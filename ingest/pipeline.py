"""The extraction pipeline: text → documents → facts → resolved facts.

Like a spaCy pipeline, it is a list of small named components. Extractors
read one document (a `Section`) each and return facts as printed; resolvers
then see the facts of every input together, so that a unit or a person named
in two gazettes is resolved once.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import multiprocessing.pool
import os
import sys
import zlib
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from tqdm import tqdm

from ingest import appointments, contacts, layout, memberships, people, readers, responsibilities, script, units
from ingest.facts import Fact
from ingest.segment import Section, split
from ingest.text import Text

log = logging.getLogger(__name__)

Extractor = Callable[[Text, Section], list[Fact]]
Resolver = Callable[[list[Fact], Mapping[str, units.Prose]], list[Fact]]

EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("appointments", appointments.extract),
    ("memberships", memberships.extract),
    ("responsibilities", responsibilities.extract),
    ("contacts", contacts.extract),
)
RESOLVERS: tuple[tuple[str, Resolver], ...] = (
    ("units", units.resolve),
    ("people", people.resolve),
)
# What an ingest runs: a store resolves people itself, over all it holds (`graph.derived`).
STORE_RESOLVERS = tuple((name, r) for name, r in RESOLVERS if name != "people")
# Files are resolved and written in batches of about this much input, so that an ingest of
# any number of files holds a bounded amount of it (`extract_batches`).
BATCH_BYTES = 32_000_000


@dataclass(frozen=True)
class Extraction:
    facts: tuple[Fact, ...]
    warnings: tuple[str, ...]


def extract_text(raw: Text) -> tuple[list[Fact], list[str], units.Prose]:
    """Facts as printed in one text, before resolution; warnings about what could not
    be read; and what the resolvers need of the text (`units.Prose`).

    The text is read in simplified characters (`ingest.script`) and its facts are
    given back in the characters it printed.
    """
    facts: list[Fact] = []
    warnings: list[str] = []
    folded, folding = script.fold(raw)
    text = layout.clean(folded)
    for section in split(text, layout.metadata(folded)):
        found: list[Fact] = [section.document]
        for _, extractor in EXTRACTORS:
            found.extend(extractor(text, section))
        if folding:
            found = [folding.back(f) for f in found]
        if section.layout == "none":
            missing = [f for f in ("doc_number", "title", "issuer", "date") if getattr(section.document, f) is None]
            if len(found) == 1 and len(missing) == 4:
                warnings.append(f"{text.file}: no document header and no facts found; 0 facts")
                continue
            warnings.append(f"{text.file}: no document header recognised; read as one document "
                            f"without {', '.join(missing) or 'nothing'}; {len(found) - 1} facts")
        facts.extend(found)
    return facts, warnings, units.read_prose(facts, folding.back(text) if folding else text)


def resolve(facts: Iterable[Fact], prose: Mapping[str, units.Prose],
            resolvers: Sequence[tuple[str, Resolver]] = RESOLVERS) -> list[Fact]:
    """Run the resolvers over the facts of many files together, with what they need of each
    file's text (file → `units.Prose`)."""
    resolved = list(facts)
    for _, resolver in resolvers:
        resolved = resolver(resolved, prose)
    return resolved


def extract_texts(texts: Sequence[Text]) -> Extraction:
    facts: list[Fact] = []
    warnings: list[str] = []
    prose: dict[str, units.Prose] = {}
    progress = tqdm(texts, desc="extract", unit="file", disable=len(texts) < 2 or not sys.stderr.isatty())
    for raw in progress:
        found, warned, prose[raw.file] = extract_text(raw)
        facts.extend(found)
        warnings.extend(warned)
    for w in warnings:
        log.warning(w)
    return Extraction(tuple(resolve(facts, prose)), tuple(warnings))


def extract(paths: Sequence[str | Path]) -> Extraction:
    """Read and extract every path; raises `InputError` on bad input."""
    return extract_texts(readers.read_many(paths))


# --- many files: folders walked, files extracted in parallel, resolution after -------------------

FACTS_SUFFIX = ".jsonl"
SUFFIXES = readers.TEXT_SUFFIXES | readers.HTML_SUFFIXES | {".pdf", FACTS_SUFFIX}


def walk(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: a folder stands for every gazette or facts export under it (in name
    order, hidden ones and gold files left out); a file named is read whatever its suffix."""
    out: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            out.append(path)
            continue
        found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                 and not p.name.endswith(".gold.jsonl")
                 and not any(part.startswith(".") for part in p.relative_to(path).parts)]
        out += sorted(found)
    return out


class PackedLines(Mapping[str, tuple[str, ...]]):
    """The printed lines of files, kept zlib-compressed (a gazette shrinks about fourfold) and
    unpacked when asked for: a store keeps the printed text of every file it ingests, and takes
    it file by file instead of every line of every file at once."""

    def __init__(self) -> None:
        self._packed: dict[str, bytes] = {}

    def add_packed(self, file: str, packed: bytes) -> None:
        self._packed[file] = packed

    def __getitem__(self, file: str) -> tuple[str, ...]:
        return _unpack(self._packed[file])

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)


def _pack(lines: Sequence[str]) -> bytes:
    return zlib.compress("\n".join(lines).encode("utf-8"), 1)


def _unpack(packed: bytes) -> tuple[str, ...]:
    return tuple(zlib.decompress(packed).decode("utf-8").split("\n"))


def digests(paths: Sequence[Path]) -> list[str]:
    """The content hash of each file: what resuming recognises a file by, whatever its name.
    A file that cannot be read raises the reader's one-line `InputError`."""
    return [hashlib.sha256(readers._read_bytes(path)).hexdigest() for path in paths]


@dataclass(frozen=True)
class FileResult:
    """What a worker sends back for one file: its facts as printed (unresolved), its text packed
    and what the resolvers need of it (none for a facts export, whose facts are resolved already)."""

    path: Path
    size: int
    facts: tuple[Fact, ...]
    warnings: tuple[str, ...] = ()
    raw: bytes = b""  # the lines as read, for the store's copy of the printed text
    prose: units.Prose = units.Prose()


def extract_file(path: Path) -> FileResult:
    """One file's facts before resolution."""
    from ingest.records import read_facts

    if path.suffix == FACTS_SUFFIX:
        return FileResult(path, path.stat().st_size, tuple(read_facts(path)))
    raw = readers.read(path)
    facts, warnings, prose = extract_text(raw)
    return FileResult(path, path.stat().st_size, tuple(facts), tuple(warnings), _pack(raw.lines), prose)


def extract_files(paths: Sequence[Path], workers: int | None = None, progress: bool = False,
                  ahead: int = BATCH_BYTES) -> Iterator[FileResult]:
    """Each file's `FileResult`, in the order of `paths` whatever the order they finish in, so that
    resolution sees the facts exactly as a serial run gives them. `workers` processes extract
    (default: one per core; one runs in this process), at most `ahead` bytes of files ahead of
    the caller, who writes meanwhile; the first bad file raises `InputError`."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(paths)))
    bar = tqdm(total=sum(p.stat().st_size for p in paths), unit="B", unit_scale=True, desc="extract",
               disable=not progress)
    files = facts = 0
    pool = None
    try:
        if workers == 1:
            results: Iterable[FileResult] = map(extract_file, paths)
        else:
            # Forked workers start at once with the lexicons already loaded; a spawned or forkserver
            # worker would first import the caller's __main__ (the whole CLI, its stores and drivers).
            pool = multiprocessing.get_context("fork").Pool(workers)
            results = _ahead(pool, paths, ahead)
        for result in results:
            files += 1
            facts += len(result.facts)
            bar.update(result.size)
            bar.set_postfix_str(f"{files}/{len(paths)} files, {facts:,} facts", refresh=False)
            yield result
    finally:
        bar.close()
        if pool is not None:
            pool.terminate()
            pool.join()


def _ahead(pool: multiprocessing.pool.Pool, paths: Sequence[Path], ahead: int) -> Iterator[FileResult]:
    """The pool's results in order, with files handed out while those not yet taken by the caller
    come to less than `ahead` bytes: workers keep extracting while the caller writes, and a
    caller slower than them does not make results pile up in memory."""
    pending: deque[tuple[int, multiprocessing.pool.AsyncResult]] = deque()
    queued = 0
    for path in paths:
        while pending and queued >= ahead:
            size, result = pending.popleft()
            queued -= size
            yield result.get()
        size = path.stat().st_size
        pending.append((size, pool.apply_async(extract_file, (path,))))
        queued += size
    while pending:
        yield pending.popleft()[1].get()


@dataclass(frozen=True)
class Batch:
    """The resolved facts of some files, and their printed texts (packed) for the store."""

    extraction: Extraction
    texts: PackedLines  # file → the lines as read, of the gazettes (not the facts exports)
    paths: tuple[Path, ...]  # the files read, gazettes and facts exports
    last: bool = True  # the last batch of the ingest


def extract_batches(paths: Sequence[Path], workers: int | None = None, progress: bool = False,
                    batch_bytes: float = BATCH_BYTES,
                    resolvers: Sequence[tuple[str, Resolver]] = RESOLVERS) -> Iterator[Batch]:
    """Extract `paths` in parallel and resolve the gazettes' facts together, as `extract_texts`
    does for texts in memory, in batches of about `batch_bytes` of input: each is resolved
    alone, as if its files were ingested by a command of their own, and the next is extracted
    while the caller writes this one. Facts exports are taken as they are, after the facts
    resolved."""
    printed: list[Fact] = []
    exported: list[Fact] = []
    warnings: list[str] = []
    raw, prose = PackedLines(), {}
    read: list[Path] = []
    size = 0
    for n, result in enumerate(extract_files(paths, workers, progress, min(batch_bytes, BATCH_BYTES)), 1):
        read.append(result.path)
        size += result.size
        if not result.raw:
            exported.extend(result.facts)
        else:
            printed.extend(result.facts)
            warnings.extend(result.warnings)
            raw.add_packed(str(result.path), result.raw)
            prose[str(result.path)] = result.prose
        if size >= batch_bytes or n == len(paths):
            for w in warnings:
                log.warning(w)
            facts = tuple(resolve(printed, prose, resolvers)) + tuple(exported)
            yield Batch(Extraction(facts, tuple(warnings)), raw, tuple(read), last=n == len(paths))
            printed, exported, warnings, raw, prose, read, size = [], [], [], PackedLines(), {}, [], 0


def extract_many(paths: Sequence[Path], workers: int | None = None, progress: bool = False) -> Batch:
    """`extract_batches` in one batch: every file resolved with every other."""
    return next(extract_batches(paths, workers, progress, batch_bytes=float("inf")), None) or \
        Batch(Extraction((), ()), PackedLines(), ())
