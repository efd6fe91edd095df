"""Which mentions of a name are one person, over every gazette a store holds.

Chinese official documents name people without any identifier and common
names recur, so mentions join only on evidence, strongest first:

1. a later removal from a post the person holds (免去X的P职务);
2. a later appointment that ends a post the person holds (任命X为Q，免去其P职务,
   其原任P职务自然免去);
3. the name twice in one document (a report and the list appended to it);
4. a group member whose printed position is a post the person holds (a
   special case of the same unit, and the more telling one, so it ranks first);
5. the name in the same unit, 6. or in its parent or child unit, within
   `PLAUSIBLE_YEARS`.

Evidence against keeps people apart whatever links them: one document that
places the name in unrelated units in two items (two people of one name),
posts held at once in unrelated units, a post taken after retirement, and a
reviewer's split. A reviewer's merge joins the two people the rules make,
whatever the evidence against.

Rules rather than learned weights (splink, dedupe): there is no labelled
data to learn from, and a reviewer must be able to read why two mentions are
one person. Links are applied strongest first, each only where the two sides
do not conflict (clustering with cannot-links over networkx's union-find);
the input is sorted first, so the same mentions give the same people in any
order of ingests, and stores run this over all they hold after every write.

Ids: each *item* (one name in one sentence or list line of one document) has
an id made from its document and what it says. A person takes the id of its
earliest item and keeps the others as alternate ids, so every id a person
ever had names an item, and resolves to whoever holds that item now, in any
order of ingests. Judgements name items by these ids and so outlive
re-ingests and re-clusterings.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import combinations
from operator import attrgetter
from typing import Any, Hashable, Iterable, Mapping

from networkx.utils import UnionFind

from ingest.facts import Appointment, Contact, Document, Fact, Membership, PersonIdentity
from ingest.posts import first_post

PLAUSIBLE_YEARS = 10
# Rules by strength (index 1 is the strongest); links of weaker rules are uncertain.
RULES = {
    1: "removed from a post held",
    2: "appointed, leaving a post held (免去其/自然免去)",
    3: "named twice in one document",
    4: "group member in a post held",
    5: "same unit",
    6: "parent or child unit",
}
CERTAIN = 4  # rules up to this one are strong enough not to need a reviewer
POSITIVE, NEGATIVE = "positive", "negative"
_STREET_OFFICE = re.compile(r"^(.+?[省市区县旗盟州])人民政府(?=.+街道办事处$)")


@dataclass(frozen=True, slots=True)
class Mention:
    """One fact that names a person, reduced to what identity needs."""

    ref: Hashable  # where it lives: a fact's index or a graph node's id
    name: str
    kind: str  # appoint | remove | member | contact
    doc_id: str
    date: str | None
    item: str  # the sentence or list line printed: one item names one person once
    position: str | None
    unit: str | None  # canonical unit
    title: str | None
    retired: bool = False  # a removal that retires the person (办理退休手续)

    @property
    def post(self) -> str | None:
        return f"{unit_key(self.unit)}|{self.title}" if self.unit and self.title else None

    @property
    def signature(self) -> str:
        """What the mention says, for the item's id: stable across re-ingests."""
        return f"{self.kind}|{self.position or ''}|{self.item if self.kind in ('member', 'contact') else ''}"


@dataclass(frozen=True, slots=True)
class Judgement:
    """A reviewer's word on two items (by id): one person (positive) or two (negative)."""

    left: str
    right: str
    verdict: str


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    alternate_ids: tuple[str, ...]  # ids of its other items: every id it ever had
    refs: tuple[Hashable, ...]
    units: tuple[str, ...]
    evidence: tuple[str, ...]  # one line per link that joined it: the rule and both items


@dataclass(frozen=True, slots=True)
class Pair:
    """Two items a reviewer may want to look at: joined on weak evidence, or kept apart."""

    left: str
    right: str
    name: str
    status: str  # merged | apart
    rule: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Resolution:
    people: tuple[Person, ...]
    uncertain: tuple[Pair, ...]

    def person_of(self) -> dict[Hashable, str]:
        return {ref: p.id for p in self.people for ref in p.refs}


@lru_cache(maxsize=65536)
def unit_key(unit: str) -> str:
    """The unit as compared: a street office with or without 人民政府 is one unit
    (北京市东城区人民政府东华门街道办事处 = 北京市东城区东华门街道办事处), as
    gazettes print both."""
    return _STREET_OFFICE.sub(r"\1", unit)


def related(a: str, b: str) -> bool:
    """Same unit, or one a part of the other by name, a government itself excepted
    (every office of a district extends 北京市东城区人民政府)."""
    a, b = unit_key(a), unit_key(b)
    short, long_ = sorted((a, b), key=len)
    return a == b or (long_.startswith(short) and not short.endswith("政府") and len(short) >= 4)


# Most items name no post of most kinds: they share this one empty set, which spares the
# garbage collector a set an item for each (its full passes walk every live set).
_NONE: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Item:
    """One name in one sentence or list line of one document. Every pair of items of a
    name compares their posts and units, so they are worked out once, when the item is made."""

    id: str
    name: str
    doc_id: str
    date: str | None
    mentions: list[Mention]
    order: tuple[str, str, str] = ("", "", "")
    held: frozenset[str] = field(init=False)  # posts it shows held: appointed to or listed in
    removed: frozenset[str] = field(init=False)  # posts it removes from
    listed: frozenset[str] = field(init=False)  # posts of the group lists it is in
    appointed: bool = field(init=False)  # appoints to a post
    units: tuple[str, ...] = field(init=False)  # sorted, so that links name the same unit first
    unit_keys: frozenset[str] = field(init=False)
    events: tuple[tuple[str, str, int, str], ...] = field(init=False)  # dated (post, date, holds, unit)
    retired: bool = field(init=False)

    def __post_init__(self) -> None:
        held, removed, listed, events = [], [], [], []
        self.appointed = False
        for m in self.mentions:
            if not (post := m.post):
                continue
            if m.kind == "appoint":
                held.append(post)
                self.appointed = True
            elif m.kind == "member":
                held.append(post)
                listed.append(post)
            elif m.kind == "remove":
                removed.append(post)
            else:
                continue
            if m.date:
                events.append((post, m.date, 0 if m.kind == "remove" else 1, m.unit))
        self.held = frozenset(held) if held else _NONE
        self.removed = frozenset(removed) if removed else _NONE
        self.listed = frozenset(listed) if listed else _NONE
        self.units = tuple(sorted({m.unit for m in self.mentions if m.unit}))
        self.unit_keys = frozenset(map(unit_key, self.units)) if self.units else _NONE
        self.events = tuple(events)
        self.retired = any(m.retired for m in self.mentions)

    def units_of(self, kind: str) -> set[str]:
        return {m.unit for m in self.mentions if m.kind == kind and m.unit}

    @property
    def text(self) -> str:
        first = self.mentions[0]
        if first.kind == "contact":
            number, _, unit = first.item.partition("|")
            said = f"contact for item {number}" + (f" ({unit})" if unit else "")
        else:
            said = first.item if first.kind in ("appoint", "remove") else " ".join(first.item.split("|"))
        return f"{self.doc_id} ({self.date or 'undated'}) {said}"


def _items(mentions: Iterable[Mention]) -> list[_Item]:
    grouped: dict[tuple[str, str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        grouped[(m.doc_id, m.name, m.item)].append(m)
    items = []
    for (doc_id, name, _), ms in grouped.items():
        if len(ms) > 1:
            ms.sort(key=lambda m: (m.signature, str(m.ref)))
        digest = hashlib.sha1(f"{doc_id}|{name}|{ms[0].signature}".encode()).hexdigest()[:8]
        items.append(_Item(f"person:{name}@{digest}", name, doc_id, ms[0].date, ms))
    items.sort(key=lambda i: (i.date or "", i.doc_id, i.id, i.mentions[0].item))
    seen: dict[str, int] = defaultdict(int)
    for item in items:  # one document printing the same thing in two items: number them
        seen[item.id] += 1
        if seen[item.id] > 1:
            item.id += f"#{seen[item.id]}"
        item.order = (item.date or "", item.doc_id, item.id)
    return items


def _years(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    return abs(int(a[:4]) - int(b[:4]))


def _before(a: str | None, b: str | None) -> bool:
    return not a or not b or a <= b


@lru_cache(maxsize=65536)
def _parents(key: str) -> tuple[str, ...]:
    """The unit keys `related` takes for units `key` is a part of: its prefixes of four
    characters or more, but a government's. Units recur across names: worked out once a unit."""
    return tuple(key[:end] for end in range(4, len(key)) if not key.endswith("政府", 0, end))


class _Links:
    """Every pair of items of one name: the strongest rule that joins them, or a veto."""

    def __init__(self, items: list[_Item]):
        self.items = items
        self.removals: dict[str, list[str]] = defaultdict(list)  # post → dates of removals from it
        for item in items:
            for post, date, holds, _ in item.events:
                if not holds:
                    self.removals[post].append(date)

    def pairs(self) -> list[tuple[_Item, _Item]]:
        """The pairs (in the order of the items) some rule may join: in one document, naming
        one post, or in related units; `link` finds nothing in any other. Found by index
        rather than by trying every pair, as a common name can have thousands of items."""
        by_doc: dict[str, list[int]] = defaultdict(list)
        by_post: dict[str, list[int]] = defaultdict(list)
        by_unit: dict[str, list[int]] = defaultdict(list)
        for n, item in enumerate(self.items):
            by_doc[item.doc_id].append(n)
            for post in item.held | item.removed:
                by_post[post].append(n)
            for key in item.unit_keys:
                by_unit[key].append(n)
        found = {pair for index in (by_doc, by_post, by_unit) for group in index.values() if len(group) > 1
                 for pair in combinations(group, 2)}
        for key, group in by_unit.items():
            for parent in _parents(key):
                if others := by_unit.get(parent):
                    found.update((min(n, o), max(n, o)) for n in group for o in others if o != n)
        return [(self.items[i], self.items[j]) for i, j in sorted(found)]

    def held(self, holder: _Item, leaver: _Item, named: frozenset[str]) -> frozenset[str]:
        """Posts `holder` holds that `leaver` names (`named`), with no removal between."""
        posts = holder.held & named
        if not posts or not _before(holder.date, leaver.date):
            return frozenset()
        return frozenset(p for p in posts if not any(_between(d, holder.date, leaver.date) for d in self.removals[p]))

    def link(self, a: _Item, b: _Item) -> tuple[int, str] | None:
        """(rule, what it rests on), None without evidence, (0, why) for a veto."""
        if a.doc_id == b.doc_id:
            if _apart(a, b):
                return 0, "two items of one document place the name in unrelated units"
            return 3, ""
        for x, y in ((a, b), (b, a)):
            posts = self.held(x, y, y.removed)
            if posts:
                return (2 if y.appointed else 1), "、".join(sorted(posts))
        for x, y in ((a, b), (b, a)):
            posts = self.held(x, y, y.listed)
            if posts:
                return 4, "、".join(sorted(posts))
        if _years(a.date, b.date) > PLAUSIBLE_YEARS:
            return None
        pairs = [(u, v) for u in a.units for v in b.units if related(u, v)]
        same = [u for u, v in pairs if unit_key(u) == unit_key(v)]
        if same:
            return 5, same[0]
        if pairs:
            return 6, "、".join(pairs[0])
        return None


def _between(d: str, start: str | None, end: str | None) -> bool:
    return bool(start and end and start < d < end)


def _apart(a: _Item, b: _Item) -> bool:
    """Two items of one document that each place the name in a post, in unrelated units:
    a notice names one person once, so these are two people of one name."""
    for kind in ("appoint", "member"):
        ua, ub = a.units_of(kind), b.units_of(kind)
        if ua and ub and not any(related(u, v) for u in ua for v in ub):
            return True
    return False


Interval = tuple[str, tuple[str, int], tuple[str, int]]  # (unit, start, end): (date, 0) = just before date


def _holdings(items: list[_Item]) -> list[Interval]:
    """When the person is known to hold each post: from an appointment (or listing) to
    the removal that ends it, else to the last document that shows it held."""
    events: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for item in items:
        for post, date, holds, unit in item.events:
            events[post].append((date, holds, unit))
    out: list[Interval] = []
    for post in sorted(events):
        start = last = None
        for date, holds, unit in sorted(events[post]):
            if holds:
                start, last = start or (date, 1), (date, 1)
                continue
            out.append((unit, start or (date, 0), (date, 0)))
            start = last = None
        if start and last:
            out.append((unit, start, last))
    return out


@dataclass(slots=True)
class _Cluster:
    items: list[_Item]
    evidence: list[tuple[tuple, str]] = field(default_factory=list)  # (rank, line) of each link that made it

    @property
    def retired(self) -> str | None:
        return min((i.date for i in self.items if i.retired and i.date), default=None)

    def takes_post_after(self, date: str) -> bool:
        return any(i.date and i.date > date and i.held for i in self.items)


def _vetoed(x: _Cluster, y: _Cluster, vetoes: dict[str, set[str]]) -> bool:
    ids = {i.id for i in y.items}
    return any(vetoes.get(i.id, set()) & ids for i in x.items)


def _conflict(x: _Cluster, y: _Cluster, vetoes: dict[str, set[str]]) -> str | None:
    """Why `x` and `y` cannot be one person, or None."""
    if _vetoed(x, y, vetoes):
        return "one document names two people of this name"
    for a, b in ((x, y), (y, x)):
        if a.retired and b.takes_post_after(a.retired):
            return f"a post taken after retirement on {a.retired}"
    theirs = _holdings(y.items)
    for ua, sa, ea in _holdings(x.items):
        for ub, sb, eb in theirs:
            if not related(ua, ub) and max(sa, sb) <= min(ea, eb):
                return f"posts held at once in unrelated units ({ua}, {ub}) on {max(sa, sb)[0]}"
    return None


def cluster(mentions: Iterable[Mention], judgements: Iterable[Judgement] = ()) -> Resolution:
    """The people behind `mentions`: the same people for the same mentions and judgements,
    whatever their order."""
    items = _items(mentions)
    by_id = {i.id: i for i in items}
    uf = UnionFind(by_id)
    clusters: dict[str, _Cluster] = {}  # by root, of the items links joined; any other item is alone

    def cluster_of(item: _Item) -> _Cluster:
        return clusters.get(uf[item.id]) or _Cluster([item])

    def union(a: _Item, b: _Item, rank: tuple, line: str) -> None:
        ra, rb = uf[a.id], uf[b.id]
        x, y = cluster_of(a), cluster_of(b)
        uf.union(ra, rb)
        root = uf[ra]
        first, second = (x, y) if root == ra else (y, x)
        clusters.pop(ra, None)
        clusters.pop(rb, None)
        clusters[root] = _Cluster(first.items + second.items, first.evidence + second.evidence + [(rank, line)])

    human_vetoes: dict[str, set[str]] = defaultdict(set)
    judged = set()
    for j in sorted(judgements, key=lambda j: (j.left, j.right)):
        if j.left in by_id and j.right in by_id:
            judged.add(frozenset((j.left, j.right)))
            if j.verdict == NEGATIVE:
                human_vetoes[j.left].add(j.right)
                human_vetoes[j.right].add(j.left)
    vetoes: dict[str, set[str]] = defaultdict(set, {k: set(v) for k, v in human_vetoes.items()})
    candidates = []
    by_name: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_name[item.name].append(item)
    for name in sorted(by_name):
        links = _Links(by_name[name])
        for a, b in links.pairs():
            found = links.link(a, b)
            if found is None:
                continue
            rule, why = found
            if rule == 0:
                vetoes[a.id].add(b.id)
                vetoes[b.id].add(a.id)
            else:
                candidates.append((rule, _years(a.date, b.date), a.order, b.order, a, b, why))

    uncertain: list[Pair] = []
    for rule, years, _, _, a, b, why in sorted(candidates, key=lambda c: c[:4]):
        if uf[a.id] == uf[b.id]:
            continue
        x, y = cluster_of(a), cluster_of(b)
        if frozenset((a.id, b.id)) in judged or _vetoed(x, y, human_vetoes):
            continue  # a reviewer has spoken
        line = f"{RULES[rule]}{': ' + why if why else ''}: {a.text} ~ {b.text}"
        reason = _conflict(x, y, vetoes)
        if reason:
            uncertain.append(Pair(a.id, b.id, a.name, "apart", RULES[rule], f"{line}; against: {reason}"))
            continue
        union(a, b, (rule, years, a.order, b.order), line)
        if rule > CERTAIN:
            uncertain.append(Pair(a.id, b.id, a.name, "merged", RULES[rule], line))

    # A reviewer's merge joins the two people as the rules make them, whatever evidence
    # against them the rules see; only a reviewer's split stands in its way.
    for j in sorted(judgements, key=lambda j: (j.left, j.right)):
        a, b = by_id.get(j.left), by_id.get(j.right)
        if j.verdict == POSITIVE and a and b and uf[a.id] != uf[b.id] and \
                not _vetoed(cluster_of(a), cluster_of(b), human_vetoes):
            line = f"judged one person by a reviewer: {a.text} ~ {b.text}"
            union(a, b, (len(RULES) + 1, 0, a.order, b.order), line)

    joined = {i.id for c in clusters.values() for i in c.items}
    people = [_person(c.items, c.evidence) for c in clusters.values()]
    people += [_person([i], []) for i in items if i.id not in joined]
    people.sort(key=attrgetter("id"))
    # A pair kept apart but joined later through other items is no longer in doubt, and
    # two people kept apart are shown once, by the strongest link between them.
    still, shown = [], set()
    for p in uncertain:
        sides = frozenset((uf[p.left], uf[p.right]))
        if p.status == "merged" or (len(sides) == 2 and sides not in shown):
            still.append(p)
            shown.add(sides)
    return Resolution(tuple(people), tuple(still))


def _person(items: list[_Item], evidence: list[tuple[tuple, str]]) -> Person:
    members = sorted(items, key=attrgetter("order")) if len(items) > 1 else items
    mentions = [m for i in members for m in i.mentions]
    return Person(members[0].id, members[0].name, tuple([i.id for i in members[1:]]),
                  tuple([m.ref for m in mentions]), tuple(dict.fromkeys([m.unit for m in mentions if m.unit])),
                  tuple([line for _, line in sorted(evidence)]))


def appointment_mention(ref: Hashable, name: str, action: str, doc_id: str, date: str | None, quote: str,
                       position: str, unit: str | None, title: str | None, note: str | None) -> Mention:
    return Mention(ref, name, action, doc_id, date, quote, position, unit, title,
                   retired=action == "remove" and "退休" in (note or ""))


def member_mention(ref: Hashable, name: str, doc_id: str, date: str | None, group: str, role: str,
                   position: str | None, unit: str | None) -> Mention:
    """A group member; the printed position (区统计局局长) places them in a post."""
    return Mention(ref, name, "member", doc_id, date, f"{group}|{role}|{position or ''}", position, unit,
                   _title(position) if position else None)


@lru_cache(maxsize=65536)
def _title(position: str) -> str | None:
    """Lists print the same few positions over and over."""
    return first_post(position)[1] or None


def contact_mention(ref: Hashable, name: str, doc_id: str, date: str | None, item: str | None,
                    printed_unit: str | None, unit: str | None) -> Mention:
    return Mention(ref, name, "contact", doc_id, date, f"{item}|{printed_unit or ''}", None, unit, None)


def mentions_of_facts(facts: list[Fact]) -> list[Mention]:
    """The mentions of an extraction, each referring to its fact by index; units as the
    graph has them (the resolved unit, else the organization as printed)."""
    dates = {f.doc_id: f.date for f in facts if isinstance(f, Document)}
    out = []
    for i, f in enumerate(facts):
        if not isinstance(f, (Appointment, Membership, Contact)) or not f.person:
            continue
        doc_id, date = f.doc_id or "", dates.get(f.doc_id)
        if isinstance(f, Appointment):
            out.append(appointment_mention(i, f.person, f.action, doc_id, date, f.source.quote, f.position,
                                           f.unit_id or f.organization, f.title, f.note))
        elif isinstance(f, Membership):
            out.append(member_mention(i, f.person, doc_id, date, f.group, f.role, f.position, f.unit_id))
        else:
            out.append(contact_mention(i, f.person, doc_id, date, f.item, f.unit, f.unit_id))
    return out


def resolve(facts: list[Fact], prose: Mapping[str, Any]) -> list[Fact]:
    """The facts with `person_id` filled in, followed by one `PersonIdentity` a person.

    Only the facts count as evidence; `prose` is part of every resolver's signature.
    """
    facts = [f for f in facts if not isinstance(f, PersonIdentity)]
    resolution = cluster(mentions_of_facts(facts))
    person_of: dict[Any, str] = resolution.person_of()
    resolved = [replace(f, person_id=person_of[i]) if i in person_of else f  # type: ignore[call-arg]
                for i, f in enumerate(facts)]
    identities = [PersonIdentity(p.id, p.name, p.units, p.evidence) for p in resolution.people]
    return resolved + identities
