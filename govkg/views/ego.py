"""The neighbourhood of one entity, read from the graph, as a picture of entities.

The graph keeps events and states as nodes of their own (a tenure between a
person and a post, a membership between a person and a group, an appointment,
a contact point): drawn as they are, a person's picture would be a ring of
"陈雷 主任 2020-01-10–" nodes. So these connectors are walked through: the
picture draws one node per entity (person, post, unit, group, task, document)
and labels the edge with what the connector says (组长, 任命, 担任…).

The statements are generated from the ontology (every relationship touching
the class, one `UNION ALL` branch each) in the Cypher both stores run, and
are asked for a set of ids at once, so the second ring, which a click on a
node reveals, costs one statement per class.
"""

from __future__ import annotations

from collections import defaultdict

import streamlit as st

from govkg.views.data import Opened
from govkg.views.i18n import class_label, rel_label, value_label
from govkg.views.links import PAGES, Names, href
from govkg.views.picture import Picture
from graph.schema import load as load_schema

CONNECTORS = {"Tenure": "''", "Membership": "k.role", "Appointment": "k.action", "ContactPoint": "''"}
CAP = 24  # neighbours drawn around the centre: more and their labels overlap
RING2_CAP = 10  # neighbours a click on a node adds


def _hops(kind: str) -> list[tuple[str, str, str]]:
    """(relationship, direction, neighbour class) of every relationship touching `kind`."""
    out = []
    for rel in load_schema().rels:
        for a, b in rel.pairs:
            if a == kind:
                out.append((rel.type, "->", b))
            if b == kind:
                out.append((rel.type, "<-", a))
    return out


def _arrow(rel: str, direction: str, var: str, label: str) -> str:
    return f"-[:{rel}]->({var}:{label})" if direction == "->" else f"<-[:{rel}]-({var}:{label})"


def statement(kind: str) -> str:
    """Neighbours of `kind` nodes whose id is in $ids: entities directly, and through connectors."""
    branches = []
    for rel, direction, other in _hops(kind):
        if other in CONNECTORS:
            for rel2, direction2, far in _hops(other):
                if far in CONNECTORS or (rel2 == rel and far == kind):
                    continue
                branches.append(
                    f"MATCH (a:{kind}){_arrow(rel, direction, 'k', other)}{_arrow(rel2, direction2, 'b', far)} "
                    f"WHERE a.id IN $ids AND b.id <> a.id RETURN a.id AS src, '{rel}' AS rel, '{direction}' AS dir, "
                    f"'{other}' AS via, {CONNECTORS[other]} AS note, '{far}' AS class, b.id AS id")
        elif other != "SourceText":
            branches.append(
                f"MATCH (a:{kind}){_arrow(rel, direction, 'b', other)} WHERE a.id IN $ids "
                f"RETURN a.id AS src, '{rel}' AS rel, '{direction}' AS dir, '' AS via, '' AS note, "
                f"'{other}' AS class, b.id AS id")
    return "\nUNION ALL\n".join(branches)


@st.cache_data(max_entries=500, show_spinner=False)
def _neighbours(_opened: Opened, key: tuple, kind: str, ids: tuple[str, ...]) -> list[dict]:
    return _opened.store.query(statement(kind), {"ids": list(ids)}).records()


def neighbours(opened: Opened, kind: str, ids: list[str]) -> list[dict]:
    """Rows (src, rel, dir, via, note, class, id) around the `kind` nodes `ids`, once per store version."""
    return _neighbours(opened, opened.key, kind, tuple(sorted(ids))) if ids else []


def _edge_label(row: dict, lang: str) -> str:
    if row["note"]:
        return str(value_label(row["note"], lang))
    return rel_label(row["rel"], lang)


def _lines(kind: str, id_: str, names: Names, lang: str) -> list[str]:
    e = names.get(kind, id_)
    lines = [f"{class_label(kind, lang)}: {e.name if e else id_}"]
    if e and kind == "Unit":
        lines += [f"{f}" for f in e.forms[1:4]] + ([e.english] if e.english else [])
    if e and e.text and e.text not in e.name:
        lines.append(e.text[:200])
    return lines


def _key(kind: str, id_: str) -> str:
    return f"{kind}:{id_}"


def _add(picture: Picture, names: Names, lang: str, kind: str, id_: str, centre: bool = False,
         brief: bool = False) -> None:
    lines = _lines(kind, id_, names, lang)
    picture.node(_key(kind, id_), kind, names.short(kind, id_), lines[:1] if brief else lines,
                 href(kind, id_, lang) if kind in PAGES else "", centre)


def _order(rows: list[dict]) -> list[dict]:
    """Neighbours worth seeing first: people, posts and groups before the many tasks and documents."""
    rank = {k: i for i, k in enumerate(("Person", "Post", "Unit", "LeadingGroup", "Document", "Task", "Measure"))}
    return sorted(rows, key=lambda r: (rank.get(r["class"], 9), r["id"]))


def _edge(picture: Picture, row: dict, src_key: str, lang: str, into: list | None = None) -> None:
    far = _key(row["class"], row["id"])
    a, b = (src_key, far) if row["dir"] == "->" else (far, src_key)
    label = _edge_label(row, lang)
    if into is None:
        picture.edge(a, b, label)
    else:
        into.append({"from": a, "to": b, "label": label, "arrows": "to", "font": {"size": 10}, "color": "#bbbbbb",
                     "title": label})


def ego(opened: Opened, names: Names, kind: str, id_: str, lang: str) -> Picture:
    """The picture around one entity: its neighbours (at most CAP), and for each of them theirs, revealed by a click."""
    picture = Picture()
    centre = _key(kind, id_)
    _add(picture, names, lang, kind, id_, centre=True)
    rows = _without_implied(neighbours(opened, kind, [id_]))
    distinct = list({(r["class"], r["id"]): r for r in _order(rows)})
    picture.total = len(distinct)
    shown = set(distinct[:CAP])
    for row in rows:
        if (row["class"], row["id"]) in shown:
            _add(picture, names, lang, row["class"], row["id"])
            _edge(picture, row, centre, lang)
    _second_ring(opened, names, picture, shown, centre, lang)
    return picture


def _without_implied(rows: list[dict]) -> list[dict]:
    """Rows less RESPONSIBLE_FOR where LEADS joins the same pair: a lead is responsible by definition."""
    leads = {(r["src"], r["id"]) for r in rows if r["rel"] == "LEADS"}
    return [r for r in rows if not (r["rel"] == "RESPONSIBLE_FOR" and (r["src"], r["id"]) in leads)]


def _second_ring(opened: Opened, names: Names, picture: Picture, shown: set[tuple[str, str]], centre: str,
                 lang: str) -> None:
    by_kind: dict[str, list[str]] = defaultdict(list)
    for kind, id_ in shown:
        by_kind[kind].append(id_)
    for kind, ids in by_kind.items():
        rows = defaultdict(list)
        for row in _without_implied(neighbours(opened, kind, ids)):
            rows[row["src"]].append(row)
        for src, around in rows.items():
            src_key = _key(kind, src)
            fresh = [r for r in _order(around) if _key(r["class"], r["id"]) not in picture.nodes][:RING2_CAP]
            if not fresh:
                continue
            extra = Picture()
            for row in fresh:
                _add(extra, names, lang, row["class"], row["id"], brief=True)
            edges: list[dict] = []
            for row in fresh:
                _edge(picture, row, src_key, lang, into=edges)
            picture.more[src_key] = {"nodes": list(extra.nodes.values()), "edges": edges}
            picture.classes |= extra.classes
