"""The extraction pipeline: text → documents → facts → resolved facts.

Like a spaCy pipeline, it is a list of small named components. Extractors
read one document (a `Section`) each and return facts as printed; resolvers
then see the facts of every input together, so that a unit or a person named
in two gazettes is resolved once.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from tqdm import tqdm

from ingest import appointments, contacts, memberships, people, readers, responsibilities, units
from ingest.facts import Fact
from ingest.segment import Section, split
from ingest.text import Text

log = logging.getLogger(__name__)

Extractor = Callable[[Text, Section], list[Fact]]
Resolver = Callable[[list[Fact], Mapping[str, Text]], list[Fact]]

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


@dataclass(frozen=True)
class Extraction:
    facts: tuple[Fact, ...]
    warnings: tuple[str, ...]


def extract_text(text: Text) -> list[Fact]:
    """Facts as printed in one text, before resolution."""
    facts: list[Fact] = []
    for section in split(text):
        facts.append(section.document)
        for _, extractor in EXTRACTORS:
            facts.extend(extractor(text, section))
    return facts


def resolve(facts: Iterable[Fact], texts: Sequence[Text] = ()) -> list[Fact]:
    """Run the resolvers over the facts of all `texts` together."""
    by_file = {t.file: t for t in texts}
    resolved = list(facts)
    for _, resolver in RESOLVERS:
        resolved = resolver(resolved, by_file)
    return resolved


def extract_texts(texts: Sequence[Text]) -> Extraction:
    facts: list[Fact] = []
    warnings: list[str] = []
    progress = tqdm(texts, desc="extract", unit="file", disable=len(texts) < 2 or not sys.stderr.isatty())
    for text in progress:
        found = extract_text(text)
        if not found:
            warnings.append(f"{text.file}: no official document found (no 文号 line); 0 facts")
        facts.extend(found)
    for w in warnings:
        log.warning(w)
    return Extraction(tuple(resolve(facts, texts)), tuple(warnings))


def extract(paths: Sequence[str | Path]) -> Extraction:
    """Read and extract every path; raises `InputError` on bad input."""
    return extract_texts(readers.read_many(paths))
