"""People and tenures: the state a store derives again over all it holds after every write.

A person is not a fact any gazette prints: it is a conclusion drawn from
every mention of a name in every gazette ingested, and a later gazette can
change it (a removal that shows two mentions are one person). So stores keep
the mentions (appointments, group memberships, contacts) and the reviewers'
judgements as facts, and after each write resolve people over all of them
(`ingest.people.cluster`) and pair appointments into tenures for those people
(`graph.tenures.derive`). The result depends only on what the store holds,
never on the order in which gazettes came.

Mentions join only mentions of the same name (a reviewer's judgement may join
two names), so a write derives again only the people of the names it prints
(`touched`): the others cannot change, and a gazette added to a store of ten
years costs its own names, not the store's.

A write first marks the names it touches pending (a `PendingName` node each,
not an ontology class), then writes its facts and deletes the people of those
names; a write that derives derives every pending name and unmarks it last.
An ingest of many batches so derives once, with its last batch, instead of
deriving a name printed in every issue at every batch; and a load killed
anywhere before that leaves its names marked, so the next ingest derives them.
The marks make the work still to do a lookup, not a search of every mention
the store holds for one no person names: on a store of ten years, a gazette
added costs its own names.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Any, Callable, Collection, Iterator

from graph.data import Edge, GraphData, Node
from graph.tenures import Event, Mention as Seen, derive as derive_tenures
from ingest import people

Run = Callable[[str, dict[str, Any]], list[dict]]  # a read statement and its parameters → its rows

LABELS = ("Person", "Tenure")
MENTION_LABELS = ("Appointment", "Membership", "ContactPoint")  # the facts that name a person (`person`)
PENDING_LABEL = "PendingName"  # a name whose people are still to derive
EDGES = ("NAMES", "HAS_MEMBERSHIP", "CONTACT_PERSON", "ABOUT", "HOLDS", "OF_POST", "STARTED_BY", "ENDED_BY")

# Each statement reads everyone's mentions, or those of the names in $names ({of} filled in below):
# UNWIND and a lookup by the name, which both stores answer from an index or a hash join.
APPOINTMENTS = (
    "{of}MATCH (a:Appointment{name}) "
    "OPTIONAL MATCH (a)-[:DERIVED_FROM]->(d:Document) "
    "OPTIONAL MATCH (a)-[:FOR_POST]->(po:Post) "
    "OPTIONAL MATCH (po)-[:POST_IN]->(u:Unit) "
    "RETURN a.id AS ref, a.person AS name, a.action AS action, coalesce(d.id, a.doc_number, '') AS doc, "
    "coalesce(d.date, a.date) AS date, a.quote AS quote, a.position AS position, "
    "coalesce(u.id, a.organization) AS unit, a.title AS title, a.note AS note, po.id AS post, "
    "a.source_file AS file, a.line_start AS line"
)
MEMBERSHIPS = (
    "{of}MATCH (m:Membership{name}) "
    "OPTIONAL MATCH (m)-[:DERIVED_FROM]->(d:Document) "
    "OPTIONAL MATCH (m)-[:POSITION_IN]->(u:Unit) "
    "RETURN m.id AS ref, m.person AS name, coalesce(d.id, m.doc_number, '') AS doc, d.date AS date, "
    "m.group_name AS grp, m.role AS role, m.position AS position, u.id AS unit"
)
CONTACTS = (
    "{of}MATCH (c:ContactPoint{name}) "
    "OPTIONAL MATCH (c)-[:DERIVED_FROM]->(d:Document) "
    "OPTIONAL MATCH (c)-[:CONTACT_UNIT]->(u:Unit) "
    "RETURN c.id AS ref, c.person AS name, coalesce(d.id, c.doc_number, '') AS doc, d.date AS date, "
    "c.item AS item, c.unit AS printed_unit, u.id AS unit"
)
JUDGEMENTS = "MATCH (j:Judgement) RETURN j.id AS id, j.left AS left, j.right AS right, j.verdict AS verdict"
OF_DOCUMENTS = "UNWIND $ids AS id MATCH (m:{label})-[:DERIVED_FROM]->(d:Document {{id: id}}) RETURN DISTINCT m.person AS name"


def records(run: Callable[[str, dict[str, Any]], Any]) -> Run:
    """A store's statement runner, whose results are `graph.store.Result`s, as this module reads rows."""
    return lambda cypher, params: run(cypher, params).records()


def _of(statement: str, names: Collection[str] | None) -> str:
    if names is None:
        return statement.format(of="", name="")
    return statement.format(of="UNWIND $names AS name ", name=" {person: name}")


def item_name(item: str) -> str:
    """The name an item id (`ingest.people`: person:NAME@digest) is of."""
    return item.removeprefix("person:").rsplit("@", 1)[0]


def touched(data: GraphData, run: Run) -> list[str]:
    """The names whose people a write of `data` may change: those its facts print, those the
    store's facts of the documents it writes print (a document printed again may bring a date),
    and, through reviewers' judgements, the names judged one person with any of these."""
    names = {n.props["person"] for n in data.nodes if n.label in MENTION_LABELS and n.props.get("person")}
    names |= {item_name(n.props[side]) for n in data.nodes if n.label == "Judgement" for side in ("left", "right")}
    documents = [n.id for n in data.nodes if n.label == "Document"]
    if documents:
        for label in MENTION_LABELS:
            names |= {r["name"] for r in run(OF_DOCUMENTS.format(label=label), {"ids": documents}) if r["name"]}
    return judged_with(names, run)


def pending(run: Run) -> list[str]:
    """The names whose people are still to derive (marked by a write that did not derive them,
    or by a load killed before it did), and, through reviewers' judgements, the names judged
    one person with any of these."""
    return judged_with({r["name"] for r in run(f"MATCH (n:{PENDING_LABEL}) RETURN n.name AS name", {})}, run)


def mark_plan(names: Collection[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The statement that marks `names` pending: the first of a write, so that a load killed
    after it, in any statement or transaction, leaves them to the next."""
    return [(f"UNWIND $rows AS r MERGE (n:{PENDING_LABEL} {{name: r.name}})", [{"name": n} for n in names])]


def unmark_plan(names: Collection[str] | None) -> list[tuple[str, list[dict[str, Any]]]]:
    """The statement that unmarks `names` (every name: None), the last of a derivation."""
    if names is None:
        return [(f"UNWIND $rows AS r MATCH (n:{PENDING_LABEL}) DELETE n", [{"all": True}])]
    return [(f"UNWIND $rows AS r MATCH (n:{PENDING_LABEL} {{name: r.name}}) DELETE n", [{"name": n} for n in names])]


def judged_with(names: set[str], run: Run) -> list[str]:
    """`names` and every name a reviewer's judgement joins to one of them, closed."""
    judged = [(item_name(r["left"]), item_name(r["right"])) for r in run(JUDGEMENTS, {})]
    while grown := {b for pair in judged for a, b in (pair, pair[::-1]) if a in names and b not in names}:
        names |= grown
    return sorted(names)


def delete_plan(names: Collection[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The statements that delete the people of `names` and their tenures, as (statement, rows)."""
    rows = [{"name": n} for n in names]
    return [("UNWIND $rows AS r MATCH (p:Person {name: r.name})-[:HOLDS]->(t:Tenure) DETACH DELETE t", rows),
            ("UNWIND $rows AS r MATCH (p:Person {name: r.name}) DETACH DELETE p", rows)]


def without_derived(data: GraphData) -> GraphData:
    """`data` less its people and tenures: a store derives them itself over everything it holds."""
    return GraphData(tuple(n for n in data.nodes if n.label not in LABELS),
                     tuple(e for e in data.edges if e.type not in EDGES))


class Mentions:
    """The rows a store holds about people, read once."""

    def __init__(self, run: Run, names: Collection[str] | None = None):
        given = {"names": list(names)} if names is not None else {}
        self.appointments = run(_of(APPOINTMENTS, names), given)
        self.memberships = run(_of(MEMBERSHIPS, names), given)
        self.contacts = run(_of(CONTACTS, names), given)
        self.judgements = run(JUDGEMENTS, {})

    def resolve(self) -> people.Resolution:
        mentions = [people.appointment_mention(r["ref"], r["name"], r["action"], r["doc"], r["date"], r["quote"] or "",
                                               r["position"], r["unit"], r["title"], r["note"])
                    for r in self.appointments]
        mentions += [people.member_mention(r["ref"], r["name"], r["doc"], r["date"], r["grp"], r["role"],
                                           r["position"], r["unit"]) for r in self.memberships]
        mentions += [people.contact_mention(r["ref"], r["name"], r["doc"], r["date"], r["item"], r["printed_unit"],
                                            r["unit"]) for r in self.contacts]
        judgements = [people.Judgement(r["left"], r["right"], r["verdict"]) for r in self.judgements]
        return people.cluster(mentions, judgements)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Derivation allocates millions of small objects at 10^6 facts and frees few until it ends:
    the garbage collector's passes over them find little and cost a fifth of its time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def derive(run: Run, names: Collection[str] | None = None) -> GraphData:
    """People, the edges that name them, and their tenures, over all the store holds: of
    everyone, or of `names` only (a list `touched` closed under judgements)."""
    with collector_paused():
        return _derive(run, names)


def _derive(run: Run, names: Collection[str] | None) -> GraphData:
    rows = Mentions(run, names)
    resolution = rows.resolve()
    person_of = resolution.person_of()
    nodes = [Node("Person", {"id": p.id, "name": p.name, "evidence": list(p.evidence),
                             "alternate_ids": list(p.alternate_ids)}) for p in resolution.people]
    edges = [Edge("NAMES", ("Appointment", r["ref"]), ("Person", person_of[r["ref"]])) for r in rows.appointments]
    edges += [Edge("HAS_MEMBERSHIP", ("Person", person_of[r["ref"]]), ("Membership", r["ref"]))
              for r in rows.memberships]
    edges += [Edge("CONTACT_PERSON", ("ContactPoint", r["ref"]), ("Person", person_of[r["ref"]]))
              for r in rows.contacts]
    item_person = {i: p.id for p in resolution.people for i in (p.id, *p.alternate_ids)}
    edges += [Edge("ABOUT", ("Judgement", r["id"]), ("Person", item_person[side]))
              for r in rows.judgements for side in (r["left"], r["right"]) if side in item_person]
    events = [Event(r["ref"], person_of[r["ref"]], r["name"], r["post"], r["title"], r["unit"], r["action"],
                    r["date"], (r["file"] or "", r["line"] or 0)) for r in rows.appointments if r["post"]]
    seen = [Seen(person_of[r["ref"]], r["unit"], r["date"]) for r in rows.memberships if r["unit"] and r["date"]]
    tenures = derive_tenures(events, seen)
    unique = {(e.type, e.src, e.dst): e for e in edges}  # a list named in two documents is one node
    return GraphData(tuple(nodes) + tenures.nodes, tuple(unique.values()) + tenures.edges)
