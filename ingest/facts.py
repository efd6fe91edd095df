"""The typed facts that extraction produces and everything downstream consumes.

Facts are frozen dataclasses so that a fact, once read from a gazette, cannot
be changed on its way to the graph: resolution and graph building derive new
values instead of patching old ones. Field names follow the gold format
(`GOLD-FORMAT.md`) so that the JSON Lines export is a plain `asdict`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import MISSING, asdict, dataclass, field, fields, replace
from typing import Any, ClassVar


@dataclass(frozen=True)
class Source:
    """Where a fact was read: the file, the document and the 1-based line span.

    `doc_id` names the document in the graph: its number where one is
    printed, else a hash of its text (`ingest.segment.doc_id`).
    """

    file: str
    line_start: int
    line_end: int
    doc_number: str | None = None
    quote: str = ""
    doc_id: str | None = None


@dataclass(frozen=True)
class Fact:
    """Base of every fact type; `type` is the record type of the export."""

    type: ClassVar[str] = ""

    @property
    def doc_id(self) -> str | None:
        """The document this fact was read from: `Source.doc_id`, else (a fact made
        by hand) its printed number."""
        source = getattr(self, "source", None)
        return (source.doc_id if isinstance(source, Source) else None) or getattr(self, "doc_number", None)

    def to_record(self) -> dict[str, Any]:
        """The export record: the gold fields first, then `source` and extras."""
        record: dict[str, Any] = {"type": self.type}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Source):
                value = asdict(value)
            elif isinstance(value, tuple):
                value = list(value)
            record[f.name] = value
        return record


@dataclass(frozen=True)
class Document(Fact):
    type: ClassVar[str] = "document"
    doc_number: str | None
    title: str | None
    issuer: str | None
    date: str | None  # ISO date of the signature (落款日期), as precise as printed
    parent: str | None
    source: Source


@dataclass(frozen=True)
class Appointment(Fact):
    """One (person, action, position) of an appointment or removal notice."""

    type: ClassVar[str] = "appointment"
    doc_number: str | None
    person: str
    action: str  # "appoint" | "remove"
    position: str
    organization: str
    title: str
    implied: bool
    note: str | None
    source: Source
    person_id: str | None = None  # filled by resolution (ingest.people)
    unit_id: str | None = None  # canonical unit (ingest.units)


@dataclass(frozen=True)
class Membership(Fact):
    """A person listed with a role in a named body (领导小组, 指挥部, …)."""

    type: ClassVar[str] = "membership"
    group: str
    person: str
    role: str
    position: str | None
    doc_number: str | None
    source: Source
    person_id: str | None = None
    unit_id: str | None = None  # the unit of `position`, when one is printed


@dataclass(frozen=True)
class Responsibility(Fact):
    """A task, table row, work group or measure with the units responsible.

    `kind` says which: "task" (numbered plan task), "row" (task-table row),
    "group" (work group with a 牵头单位) or "measure" (numbered measure of a
    policy document, usually with contacts).
    """

    type: ClassVar[str] = "responsibility"
    doc_number: str | None
    item: str | None
    task: str
    units: tuple[str, ...]
    lead: str | None
    kind: str
    source: Source
    unit_ids: tuple[str, ...] = ()  # canonical units, same order as `units`
    lead_id: str | None = None


@dataclass(frozen=True)
class Contact(Fact):
    """A contact person printed for a measure, with phones and e-mail."""

    type: ClassVar[str] = "contact"
    doc_number: str | None
    item: str | None  # the measure it is printed under; None for a notice's closing contact
    person: str
    phones: tuple[str, ...]
    email: str | None
    unit: str | None
    source: Source
    person_id: str | None = None
    unit_id: str | None = None


@dataclass(frozen=True)
class UnitAlias(Fact):
    """The printed forms that name one real-world unit, and why they were joined."""

    type: ClassVar[str] = "unit_alias"
    canonical: str
    aliases: tuple[str, ...]
    name_en: str | None = None
    reasons: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class PersonIdentity(Fact):
    """One real-world person behind same-named mentions, and why they were joined."""

    type: ClassVar[str] = "person"
    person_id: str
    name: str
    units: tuple[str, ...]
    evidence: tuple[str, ...] = field(default=())


FACT_TYPES: tuple[type[Fact], ...] = (
    Document, Appointment, Membership, Responsibility, Contact, UnitAlias, PersonIdentity,
)


def from_record(record: dict[str, Any]) -> Fact:
    """The fact of an export record (the inverse of `Fact.to_record`)."""
    cls = next((c for c in FACT_TYPES if c.type == record.get("type")), None)
    if cls is None:
        raise ValueError(f"unknown record type {record.get('type')!r}")
    values = {}
    for f in fields(cls):
        if f.name not in record:
            if f.default is MISSING and f.default_factory is MISSING and f.name != "source":
                values[f.name] = None  # gold records omit fields they cannot know
            continue
        value = record[f.name]
        if f.name == "source" and isinstance(value, dict):
            value = Source(**value)
        elif isinstance(value, list):
            value = tuple(value)
        values[f.name] = value
    if "source" in {f.name for f in fields(cls)}:
        values["source"] = _with_doc_id(values.get("source") or Source(file="", line_start=0, line_end=0), record)
    return cls(**values)


def _with_doc_id(source: Source, record: dict[str, Any]) -> Source:
    """A source that names its document, for records written without one (gold files)."""
    if source.doc_id:
        return source
    doc_id = record.get("doc_number") or source.doc_number
    if doc_id is None and record.get("type") == "document":
        printed = json.dumps([record.get(k) for k in ("title", "issuer", "date")], ensure_ascii=False)
        doc_id = f"doc:{hashlib.sha1(printed.encode()).hexdigest()[:12]}"
    return replace(source, doc_id=doc_id)
