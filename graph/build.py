"""Facts → property graph: nodes and edges with deterministic ids.

Ids are built from what the text says (document number, name as printed,
post, item), never from counters, so that ingesting the same gazette twice
MERGEs onto the same nodes and changes nothing. Mentions are keyed by the
name as printed, not by the person resolved: who a mention is can change
with a later gazette (`graph.derived`), what it says cannot. Tenures come
from the appointment events through `graph.tenures`.
"""

from __future__ import annotations

from typing import Any, Iterable

from graph.data import Edge, GraphData, Node
from graph.schema import Property, Schema, load
from graph.tenures import Event, Mention, derive
from ingest.facts import (
    Appointment, Contact, Document, Fact, Membership, PersonIdentity, Responsibility, UnitAlias,
)
from ingest.units import canonical_unit, english_name


def _pid(fact: Appointment | Membership | Contact) -> str:
    return fact.person_id or f"person:{fact.person}"


def _provenance(fact: Fact) -> dict[str, Any]:
    s = fact.source  # type: ignore[attr-defined]
    return {"source_file": s.file, "line_start": s.line_start, "line_end": s.line_end, "quote": s.quote}


def _value(prop: Property, value: Any) -> Any:
    """Lists are never null: stores infer a batch's column type from its values."""
    return ([] if value is None else list(value)) if prop.is_list else value


class _Builder:
    """Collects nodes (merged by id) and edges (deduplicated) while walking facts."""

    def __init__(self, schema: Schema, facts: list[Fact]):
        self.schema = schema
        self.nodes: dict[tuple[str, str], dict[str, Any]] = {}
        self.edges: dict[tuple[str, tuple[str, str], tuple[str, str]], dict[str, Any]] = {}
        self.documents = {f.doc_id: f for f in facts if isinstance(f, Document)}
        self.aliases = {f.canonical: f for f in facts if isinstance(f, UnitAlias)}

    def node(self, label: str, id_: str, **props: Any) -> tuple[str, str]:
        current = self.nodes.setdefault((label, id_), {"id": id_})
        for k, v in props.items():
            if v is not None and current.get(k) is None:
                current[k] = v
        return (label, id_)

    def edge(self, type_: str, src: tuple[str, str] | None, dst: tuple[str, str] | None, **props: Any) -> None:
        """Add the edge; an end that is not in the graph (None) means there is none."""
        if src and dst:
            self.edges.setdefault((type_, src, dst), props)

    def unit(self, canonical: str | None, printed: str | None = None) -> tuple[str, str] | None:
        """The unit node, gathering every printed form of it as an alias."""
        if not canonical:
            return None
        alias = self.aliases.get(canonical)
        key = self.node("Unit", canonical, name=canonical, name_en=english_name(canonical),
                        evidence=list(alias.reasons) if alias else None)
        forms = set(alias.aliases if alias else ()) | ({printed} if printed else set())
        self.nodes[key]["aliases"] = sorted(set(self.nodes[key].get("aliases") or []) | forms)
        return key

    def person(self, fact: Appointment | Membership | Contact) -> tuple[str, str]:
        return self.node("Person", _pid(fact), name=fact.person)

    def derived(self, key: tuple[str, str], doc_id: str | None) -> None:
        """Provenance: the fact node comes from this document."""
        if doc_id in self.documents:
            self.edge("DERIVED_FROM", key, ("Document", doc_id))

    def result(self) -> GraphData:
        nodes = []
        for (label, _), props in self.nodes.items():
            node_type = self.schema.node(label)
            unknown = set(props) - {p.name for p in node_type.properties}
            if unknown:
                raise ValueError(f"{label}: properties not in ontology.ttl: {sorted(unknown)}")
            nodes.append(Node(label, {p.name: _value(p, props.get(p.name)) for p in node_type.properties}))
        edges = []
        for (type_, src, dst), props in self.edges.items():
            rel = self.schema.rel(type_)
            if (src[0], dst[0]) not in rel.pairs:
                raise ValueError(f"{type_}: {src[0]}→{dst[0]} not allowed by ontology.ttl")
            edges.append(Edge(type_, src, dst, {p.name: _value(p, props.get(p.name)) for p in rel.properties}))
        return GraphData(tuple(nodes), tuple(edges))


def build(facts: Iterable[Fact], schema: Schema | None = None) -> GraphData:
    """The graph of `facts` (already resolved by the ingest pipeline)."""
    facts = list(facts)
    b = _Builder(schema or load(), facts)

    for p in (f for f in facts if isinstance(f, PersonIdentity)):
        b.node("Person", p.person_id, name=p.name, evidence=list(p.evidence))

    for d in b.documents.values():
        key = b.node("Document", d.doc_id, name=d.title or d.doc_number or d.issuer or "(untitled)", doc_number=d.doc_number, title=d.title,
                     issuer=d.issuer, date=d.date, parent=d.parent, **_provenance(d))
        if d.parent in b.documents:  # a parent is named by its number, which is its id
            b.edge("PART_OF", key, ("Document", d.parent))
        b.edge("ISSUED_BY", key, b.unit(canonical_unit(d.issuer, d.issuer) if d.issuer else None, d.issuer))

    appointments = [f for f in facts if isinstance(f, Appointment)]
    for a in appointments:
        _appointment(b, a)
    _tenures(b, appointments, [f for f in facts if isinstance(f, Membership)])

    for m in (f for f in facts if isinstance(f, Membership)):
        group = b.node("LeadingGroup", m.group, name=m.group, doc_number=m.doc_number, **_provenance(m))
        key = b.node("Membership", _membership_id(m),
                     name=f"{m.role} {m.person}", role=m.role, person=m.person, position=m.position,
                     group_name=m.group, doc_number=m.doc_number, **_provenance(m))
        b.edge("HAS_MEMBERSHIP", b.person(m), key)
        b.edge("IN_GROUP", key, group)
        b.edge("POSITION_IN", key, b.unit(m.unit_id))
        b.derived(group, m.doc_id)
        b.derived(key, m.doc_id)

    items: dict[tuple[str, str], tuple[str, str]] = {}
    for r in (f for f in facts if isinstance(f, Responsibility)):
        label = "Measure" if r.kind == "measure" else "Task"
        key = b.node(label, f"{r.doc_id}|{r.kind}|{r.item}", name=f"{r.item} {r.task}",
                     item=r.item, task=r.task, kind=r.kind, units=list(r.units), lead=r.lead,
                     doc_number=r.doc_number, **_provenance(r))
        if label == "Measure" or (r.doc_id, r.item) not in items:
            items[(r.doc_id, r.item)] = key
        b.derived(key, r.doc_id)
        for rank, (printed, canonical) in enumerate(zip(r.units, r.unit_ids or r.units), 1):
            b.edge("RESPONSIBLE_FOR", b.unit(canonical, printed), key, rank=rank, printed=printed)
        b.edge("LEADS", b.unit(r.lead_id or r.lead, r.lead), key)

    for c in (f for f in facts if isinstance(f, Contact)):
        key = b.node("ContactPoint", f"{c.doc_id}|{c.item}|{c.person}", name=c.person,
                     person=c.person, phones=list(c.phones), email=c.email, unit=c.unit,
                     item=c.item, doc_number=c.doc_number, **_provenance(c))
        b.edge("CONTACT_PERSON", key, b.person(c))
        b.edge("HAS_CONTACT", items.get((c.doc_id, c.item)), key)
        b.edge("CONTACT_UNIT", key, b.unit(c.unit_id, c.unit))
        b.derived(key, c.doc_id)

    _sub_organizations(b)
    return b.result()


def _post_id(a: Appointment) -> str:
    return f"{a.unit_id or a.organization}|{a.title}"


def _appointment_id(a: Appointment) -> str:
    return f"{a.doc_id}|{a.person}|{a.action}|{a.position}"


def _membership_id(m: Membership) -> str:
    return f"{m.group}|{m.person}|{m.role}|{m.position or ''}"


def _appointment(b: _Builder, a: Appointment) -> None:
    doc = b.documents.get(a.doc_id)
    verb = "任命" if a.action == "appoint" else "免去"
    key = b.node("Appointment", _appointment_id(a), name=f"{verb} {a.person} {a.position}",
                 action=a.action, person=a.person, position=a.position, organization=a.organization,
                 title=a.title, implied=a.implied, note=a.note, date=doc.date if doc else None,
                 doc_number=a.doc_number, **_provenance(a))
    post = b.node("Post", _post_id(a), name=f"{a.unit_id or a.organization}{a.title}",
                  title=a.title, organization=a.organization, position=a.position)
    b.edge("NAMES", key, b.person(a))
    b.edge("FOR_POST", key, post)
    b.edge("POST_IN", post, b.unit(a.unit_id, a.organization))
    b.derived(key, a.doc_id)


def _tenures(b: _Builder, appointments: list[Appointment], memberships: list[Membership]) -> None:
    """The tenures of this extraction's appointments (graph.tenures)."""
    dates = {number: d.date for number, d in b.documents.items()}
    events = [
        Event(_appointment_id(a), _pid(a), a.person, _post_id(a), a.title, a.unit_id, a.action,
              dates.get(a.doc_id), (a.source.file, a.source.line_start))
        for a in appointments
    ]
    mentions = [Mention(_pid(m), m.unit_id, dates[m.doc_id]) for m in memberships
                if m.unit_id and dates.get(m.doc_id)]
    derived = derive(events, mentions)
    for n in derived.nodes:
        b.node(n.label, n.id, **{k: v for k, v in n.props.items() if k != "id"})
    for e in derived.edges:
        b.edge(e.type, e.src, e.dst)


def _sub_organizations(b: _Builder) -> None:
    """Link a unit to the longest other unit whose full name its own name extends."""
    ids = {id_ for (label, id_) in b.nodes if label == "Unit"}
    for id_ in sorted(ids):
        for cut in range(len(id_) - 2, 3, -1):
            if id_[:cut] in ids:
                b.edge("SUB_ORGANIZATION_OF", ("Unit", id_), ("Unit", id_[:cut]))
                break
