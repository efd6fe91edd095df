"""Which mentions of a name are one person.

Chinese official documents name people without any identifier, and common
names recur (two 王强 in unrelated units are two people). Mentions are
therefore joined only on evidence: the same name twice in one document (a
notice removes a person from the old post and appoints them to the new
one), or the same name in compatible units across documents (黄斌,
东直门街道办事处副主任 in a member list, is the 黄斌 appointed to
北京市东城区人民政府东直门街道办事处副主任). Each person gets a
`PersonIdentity` fact that records the units and the evidence, so that a
reviewer can see why mentions were joined.

Ids are derived from the person's first mention (earliest document, then
line), so re-ingesting the same input gives the same ids and adding later
gazettes leaves existing ids alone.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from itertools import combinations
from typing import Mapping

from ingest import units
from ingest.posts import split_position
from ingest.facts import Appointment, Contact, Document, Fact, Membership, PersonIdentity
from ingest.text import Text

_MENTIONS = (Appointment, Membership, Contact)
_REGION = re.compile(r"(?:(?!政府)[\u4e00-\u9fff]){2,7}?(?:自治区|自治州|省|市|州|盟|区|县|旗)")
_GOVERNMENT = re.compile(r"^(?:人民政府|政府)")
_LEVEL = "省市区县州旗"

UnitKey = tuple[str | None, str]  # (jurisdiction or None when not printed, unit within it)


def _regions(s: str) -> list[str]:
    """The leading region names of a unit: 北京市东城区人民政府 → [北京市, 东城区]."""
    parts: list[str] = []
    while m := _REGION.match(s, sum(map(len, parts))):
        parts.append(m.group())
    return parts


def _canonical(printed: str, issuer: str | None) -> str:
    """The unit's canonical name where ingest.units offers one, else as printed."""
    canonical_unit = getattr(units, "canonical_unit", None)
    return canonical_unit(printed, issuer) if canonical_unit else printed


def unit_key(printed: str, issuer: str | None) -> UnitKey:
    """The unit as (jurisdiction, unit within it), comparable across printed forms.

    区统计局 in a notice of 北京市东城区人民政府 and 北京市东城区统计局 both
    give (北京市东城区, 统计局); a unit printed without any jurisdiction
    (东直门街道办事处) gives (None, 东直门街道办事处).
    """
    unit = _canonical(printed, issuer)
    own = _regions(unit)
    if own:
        return "".join(own), _GOVERNMENT.sub("", unit[len("".join(own)) :])
    home = _regions(issuer or "")
    if unit[:1] in _LEVEL and len(unit) > 1:
        levels = [i for i, part in enumerate(home) if part.endswith(unit[0])]
        if levels:
            return "".join(home[: levels[-1] + 1]), _GOVERNMENT.sub("", unit[1:])
    return None, unit


def compatible(a: UnitKey, b: UnitKey) -> bool:
    """Same unit, where a missing jurisdiction matches any."""
    return a[1] == b[1] and (a[0] is None or b[0] is None or a[0] == b[0])


@dataclass
class _Node:
    """All mentions of one name in one document."""

    name: str
    doc_id: str
    order: tuple[str, str, int]
    indexes: list[int] = field(default_factory=list)
    units: dict[str, UnitKey] = field(default_factory=dict)  # printed unit → key


def _printed_unit(fact: Fact, issuer: str | None) -> str | None:
    """The unit a mention places the person in.

    A bare post (副区长) is a post of the issuer's jurisdiction, whichever of
    its offices issued the document.
    """
    jurisdiction = "".join(_regions(issuer or "")) or issuer
    if isinstance(fact, Appointment):
        return fact.organization or jurisdiction
    if isinstance(fact, Membership):
        if not fact.position:
            return None
        return split_position(fact.position)[0] or jurisdiction
    return fact.unit


def _nodes(facts: list[Fact]) -> list[_Node]:
    documents = {f.doc_id: f for f in facts if isinstance(f, Document)}
    nodes: dict[tuple[str, str], _Node] = {}
    for i, fact in enumerate(facts):
        if not isinstance(fact, _MENTIONS) or not fact.person:
            continue
        doc_id = fact.doc_id or ""
        doc = documents.get(doc_id)
        issuer = doc.issuer if doc else None
        node = nodes.setdefault(
            (doc_id, fact.person),
            _Node(fact.person, doc_id, ((doc.date or "") if doc else "", doc_id, i)),
        )
        node.indexes.append(i)
        printed = _printed_unit(fact, issuer)
        if printed:
            node.units.setdefault(printed, unit_key(printed, issuer))
    return sorted(nodes.values(), key=lambda n: n.order)


def _clusters(nodes: list[_Node]) -> list[tuple[list[_Node], list[str]]]:
    """Nodes joined by compatible units (union-find), each cluster with its evidence."""
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    evidence: dict[int, list[str]] = {i: [] for i in range(len(nodes))}
    # Only same-named nodes can join: pairs are formed within a name (blocking), not across all
    # nodes, which was quadratic in the mentions of a whole corpus (issue 11).
    by_name: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
        by_name.setdefault(node.name, []).append(i)
    for i, j in (pair for same in by_name.values() for pair in combinations(same, 2)):
        a, b = nodes[i], nodes[j]
        shared = next(((u, v) for u in a.units for v in b.units if compatible(a.units[u], b.units[v])), None)
        if shared is None or root(i) == root(j):
            continue
        why = f"{a.name}: {shared[0]} ({a.doc_id}) ~ {shared[1]} ({b.doc_id}): same unit"
        ri, rj = root(i), root(j)
        parent[rj] = ri
        evidence[ri] += evidence.pop(rj) + [why]
    clusters: dict[int, list[_Node]] = {}
    for i in range(len(nodes)):
        clusters.setdefault(root(i), []).append(nodes[i])
    return [(members, evidence[r]) for r, members in clusters.items()]


def _person_id(first: _Node) -> str:
    unit = next(iter(first.units.values()), None)
    key = f"{unit[0] or ''}|{unit[1]}" if unit else first.doc_id
    return f"person:{first.name}@{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def resolve(facts: list[Fact], texts: Mapping[str, Text]) -> list[Fact]:
    """The facts with `person_id` filled in, followed by one `PersonIdentity` a person.

    Only the facts count as evidence; `texts` is part of every resolver's signature.
    """
    facts = [f for f in facts if not isinstance(f, PersonIdentity)]
    resolved = list(facts)
    identities: list[PersonIdentity] = []
    for members, evidence in _clusters(_nodes(facts)):
        person_id = _person_id(members[0])
        for node in members:
            for i in node.indexes:
                resolved[i] = replace(facts[i], person_id=person_id)
            if len(node.indexes) > 1:
                evidence.insert(0, f"{node.name}: named {len(node.indexes)} times in {node.doc_id}")
        printed_units = tuple(dict.fromkeys(u for node in members for u in node.units))
        identities.append(PersonIdentity(person_id, members[0].name, printed_units, tuple(evidence)))
    return resolved + sorted(identities, key=lambda p: p.person_id)
