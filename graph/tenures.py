"""Tenures: the state that appointment events create and end (design.md).

An appointment opens a tenure of a person in a post; only an explicit removal
(免去, 自然免去, 退休) ends it; absence from a later notice ends nothing. An
open tenure is "current as of" the latest document that mentions the person
in that unit. The builder derives tenures for one extraction; the stores
derive them again over every appointment they hold after each write, with the
people resolved over the whole store (`graph.derived`), so that a removal
printed in a later gazette ends a tenure opened by an earlier one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from graph.data import Edge, GraphData, Node
from ingest.people import unit_key


@dataclass(frozen=True)
class Event:
    """An appointment or removal, reduced to what pairing needs."""

    appointment: str  # Appointment node id
    person: str  # Person node id
    name: str
    post: str  # Post node id
    title: str
    unit: str | None
    action: str  # appoint | remove
    date: str | None
    source: tuple[str, int]  # (file, line): orders events of one date as printed


@dataclass(frozen=True)
class Mention:
    """A document that names the person in a unit (a group member list)."""

    person: str
    unit: str
    date: str


def derive(events: Iterable[Event], mentions: Iterable[Mention] = ()) -> GraphData:
    """Pair each person's appointments and removals in each post into tenures."""
    seen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for m in mentions:
        seen[(m.person, m.unit)].append(m.date)
    histories: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in events:
        histories[(e.person, _post_key(e))].append(e)
    nodes: list[Node] = []
    edges: list[Edge] = []
    for history in histories.values():
        opened: Event | None = None
        for e in sorted(history, key=lambda e: (e.date or "", e.source)):
            if e.action == "appoint":
                opened = opened or e
                continue
            _tenure(opened, e, seen, nodes, edges)
            opened = None
        if opened is not None:
            _tenure(opened, None, seen, nodes, edges)
    return GraphData(tuple(nodes), tuple(edges))


def _post_key(e: Event) -> str:
    """The post as paired: gazettes print a street office with and without its
    government (北京市东城区人民政府东四街道办事处 / 北京市东城区东四街道办事处),
    and each ingest names the unit after the form it printed."""
    return f"{unit_key(e.unit)}|{e.title}" if e.unit else e.post


def _tenure(start: Event | None, end: Event | None, seen: dict[tuple[str, str], list[str]],
            nodes: list[Node], edges: list[Edge]) -> None:
    first = start or end
    assert first is not None
    start_date = start.date if start else None
    end_date = end.date if end else None
    dates = [d for d in (start_date, end_date) if d] + seen.get((first.person, first.unit or ""), [])
    key = ("Tenure", f"{first.person}|{first.post}|{first.appointment}")
    nodes.append(Node("Tenure", {
        "id": key[1], "name": f"{first.name} {first.title} {start_date or '?'}–{end_date or ''}",
        "start_date": start_date, "end_date": end_date, "as_of": end_date or (max(dates) if dates else None),
    }))
    edges.append(Edge("HOLDS", ("Person", first.person), key))
    edges.append(Edge("OF_POST", key, ("Post", first.post)))
    if start:
        edges.append(Edge("STARTED_BY", key, ("Appointment", start.appointment)))
    if end:
        edges.append(Edge("ENDED_BY", key, ("Appointment", end.appointment)))


