"""People and tenures: the state a store derives again over all it holds after every write.

A person is not a fact any gazette prints: it is a conclusion drawn from
every mention of a name in every gazette ingested, and a later gazette can
change it (a removal that shows two mentions are one person). So stores keep
the mentions (appointments, group memberships, contacts) and the reviewers'
judgements as facts, and after each write resolve people over all of them
(`ingest.people.cluster`) and pair appointments into tenures for those people
(`graph.tenures.derive`). The result depends only on what the store holds,
never on the order in which gazettes came.
"""

from __future__ import annotations

from typing import Callable

from graph.data import Edge, GraphData, Node
from graph.tenures import Event, Mention as Seen, derive as derive_tenures
from ingest import people

Run = Callable[[str], list[dict]]  # a read statement → its rows

LABELS = ("Person", "Tenure")
EDGES = ("NAMES", "HAS_MEMBERSHIP", "CONTACT_PERSON", "ABOUT", "HOLDS", "OF_POST", "STARTED_BY", "ENDED_BY")

APPOINTMENTS = (
    "MATCH (a:Appointment) "
    "OPTIONAL MATCH (a)-[:DERIVED_FROM]->(d:Document) "
    "OPTIONAL MATCH (a)-[:FOR_POST]->(po:Post) "
    "OPTIONAL MATCH (po)-[:POST_IN]->(u:Unit) "
    "RETURN a.id AS ref, a.person AS name, a.action AS action, coalesce(d.id, a.doc_number, '') AS doc, "
    "coalesce(d.date, a.date) AS date, a.quote AS quote, a.position AS position, "
    "coalesce(u.id, a.organization) AS unit, a.title AS title, a.note AS note, po.id AS post, "
    "a.source_file AS file, a.line_start AS line"
)
MEMBERSHIPS = (
    "MATCH (m:Membership) "
    "OPTIONAL MATCH (m)-[:DERIVED_FROM]->(d:Document) "
    "OPTIONAL MATCH (m)-[:POSITION_IN]->(u:Unit) "
    "RETURN m.id AS ref, m.person AS name, coalesce(d.id, m.doc_number, '') AS doc, d.date AS date, "
    "m.group_name AS grp, m.role AS role, m.position AS position, u.id AS unit"
)
CONTACTS = (
    "MATCH (c:ContactPoint) "
    "OPTIONAL MATCH (c)-[:DERIVED_FROM]->(d:Document) "
    "OPTIONAL MATCH (c)-[:CONTACT_UNIT]->(u:Unit) "
    "RETURN c.id AS ref, c.person AS name, coalesce(d.id, c.doc_number, '') AS doc, d.date AS date, "
    "c.item AS item, c.unit AS printed_unit, u.id AS unit"
)
JUDGEMENTS = "MATCH (j:Judgement) RETURN j.id AS id, j.left AS left, j.right AS right, j.verdict AS verdict"


def without_derived(data: GraphData) -> GraphData:
    """`data` less its people and tenures: a store derives them itself over everything it holds."""
    return GraphData(tuple(n for n in data.nodes if n.label not in LABELS),
                     tuple(e for e in data.edges if e.type not in EDGES))


class Mentions:
    """The rows a store holds about people, read once."""

    def __init__(self, run: Run):
        self.appointments = run(APPOINTMENTS)
        self.memberships = run(MEMBERSHIPS)
        self.contacts = run(CONTACTS)
        self.judgements = run(JUDGEMENTS)

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


def derive(run: Run) -> GraphData:
    """People, the edges that name them, and their tenures, over all the store holds."""
    rows = Mentions(run)
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
