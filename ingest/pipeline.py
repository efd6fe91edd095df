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

from ingest import appointments, contacts, layout, memberships, people, readers, responsibilities, script, units
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


def extract_text(raw: Text) -> tuple[list[Fact], list[str], Text]:
    """Facts as printed in one text, before resolution; warnings about what could not
    be read; and the text cleaned of furniture (`layout.clean`), for the resolvers.

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
    return facts, warnings, folding.back(text) if folding else text


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
    cleaned: list[Text] = []
    progress = tqdm(texts, desc="extract", unit="file", disable=len(texts) < 2 or not sys.stderr.isatty())
    for raw in progress:
        found, warned, text = extract_text(raw)
        cleaned.append(text)
        facts.extend(found)
        warnings.extend(warned)
    for w in warnings:
        log.warning(w)
    return Extraction(tuple(resolve(facts, cleaned)), tuple(warnings))


def extract(paths: Sequence[str | Path]) -> Extraction:
    """Read and extract every path; raises `InputError` on bad input."""
    return extract_texts(readers.read_many(paths))
