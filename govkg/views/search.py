"""Finding things by name: one ranked search over units, people, posts, groups, tasks and documents.

Staff type what they have heard (区应急局, 应急局, "emergency bureau", gas),
so a name matches in every printed form, English words match the units'
English names and, through a small glossary (`terms.tsv`), the Chinese words
of names and task texts. An empty answer is never silent: the visitor hears
that the name is unknown, which English words have no gloss, and the nearest
known names (rapidfuzz over names, printed forms and English names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import streamlit as st
from rapidfuzz import fuzz, process

from govkg.views.data import Opened
from graph.schema import load as load_schema
from ingest.segment import squeeze

KINDS = ("Unit", "Person", "Post", "LeadingGroup", "Task", "Measure", "Document")
# Words of every unit's name: what is left of a name without them says which unit it is (教育 of 区教育局).
GENERIC = re.compile(r"北京市|东城区|人民政府|委员会|办公室|管理|中心|[区市县局委办处科]")
TERMS = Path(__file__).with_name("terms.tsv")
_ENGLISH = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Entity:
    kind: str  # an ontology class
    id: str
    name: str
    forms: tuple[str, ...]  # every name it is printed under (a unit's aliases), squeezed
    english: str  # the English name, lower case ('' when none)
    text: str  # a task's text ('' for other kinds)
    docs: tuple[str, ...]  # ids of the documents it comes from


@dataclass(frozen=True)
class Hit:
    entity: Entity
    score: int
    how: str  # what matched: a form, English words, a gloss (gas → 燃气)


@dataclass(frozen=True)
class Answer:
    hits: tuple[Hit, ...]
    unglossed: tuple[str, ...]  # English words of the question that no gloss knows
    glossed: tuple[tuple[str, str], ...]  # (English word, Chinese words) used
    suggestions: tuple[Entity, ...]  # nearest known names, when nothing matched


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    """English word → Chinese words, from terms.tsv."""
    out = {}
    for line in TERMS.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, chinese = line.split("\t")
            out[word] = tuple(chinese.split(","))
    return out


def _docs_by_entity(opened: Opened) -> dict[str, set[str]]:
    """Documents each entity comes from: its own DERIVED_FROM, and for people those of the facts naming them."""
    store = opened.store
    schema = load_schema()
    derived = {a for a, _ in schema.rel("DERIVED_FROM").pairs}
    out: dict[str, set[str]] = {}
    for kind in KINDS:
        if kind in derived:
            for id_, doc in store.query(f"MATCH (n:{kind})-[:DERIVED_FROM]->(d:Document) RETURN n.id, d.id").rows:
                out.setdefault(id_, set()).add(doc)
    for pattern in ("(p:Person)<-[:NAMES]-(f:Appointment)", "(p:Person)-[:HAS_MEMBERSHIP]->(f:Membership)",
                    "(p:Person)<-[:CONTACT_PERSON]-(f:ContactPoint)"):
        for id_, doc in store.query(f"MATCH {pattern}-[:DERIVED_FROM]->(d:Document) RETURN p.id, d.id").rows:
            out.setdefault(id_, set()).add(doc)
    return out


@st.cache_data(max_entries=8, show_spinner=False)
def _index(_opened: Opened, key: tuple) -> tuple[Entity, ...]:
    store = _opened.store
    docs = _docs_by_entity(_opened)
    extra = {"Unit": "n.aliases AS forms, n.name_en AS english, '' AS text",
             "Task": "NULL AS forms, '' AS english, n.task AS text", "Measure": "NULL AS forms, '' AS english, n.task AS text",
             "Document": "[n.doc_number, n.title] AS forms, '' AS english, '' AS text"}
    plain = "NULL AS forms, '' AS english, '' AS text"
    entities = []
    for kind in KINDS:
        rows = store.query(f"MATCH (n:{kind}) RETURN n.id AS id, n.name AS name, {extra.get(kind, plain)}").rows
        for id_, name, forms, english, text in rows:
            name = name or id_
            names = tuple(dict.fromkeys(squeeze(f) for f in [name, *(forms or [])] if f))
            entities.append(Entity(kind, id_, name, names, (english or "").lower(), text or "",
                                   tuple(sorted(docs.get(id_, ())) if kind != "Document" else (id_,))))
    return tuple(entities)


def index(opened: Opened) -> tuple[Entity, ...]:
    """Every searchable entity of the store, read once per store version."""
    return _index(opened, opened.key)


def _score(entity: Entity, wanted: str) -> tuple[int, str]:
    for form in entity.forms:
        if form == wanted:
            return 100, form
    for form in entity.forms:
        if form.startswith(wanted):
            return 90, form
    for form in entity.forms:
        if wanted in form:
            return 80, form
    if wanted in squeeze(entity.text):
        return 60, wanted
    return 0, ""


def _translations(words: list[str]) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    known = glossary()
    glossed = [(w, known[w]) for w in words if w in known]
    return glossed, [w for w in words if w not in known]


def _by_gloss(entity: Entity, glossed: list[tuple[str, tuple[str, ...]]]) -> bool:
    haystack = " ".join(entity.forms) + squeeze(entity.text)
    return bool(glossed) and all(any(zh in haystack for zh in chinese) for _, chinese in glossed)


def search(opened: Opened, text: str, limit: int = 500) -> Answer:
    """Entities matching `text`, best first; suggestions when none does."""
    entities = index(opened)
    wanted = squeeze(text)
    hits: list[Hit] = []
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    glossed, unglossed = _translations(words)
    for entity in entities:
        score, how = _score(entity, wanted) if wanted else (0, "")
        if not score and words and entity.english and all(w in entity.english for w in words):
            score, how = 70, entity.english
        if not score and words and not unglossed and _by_gloss(entity, glossed):
            score, how = 65, " ".join("/".join(zh) for _, zh in glossed)
        if score:
            hits.append(Hit(entity, score, how))
    order = {k: i for i, k in enumerate(KINDS)}
    hits.sort(key=lambda h: (-h.score, order[h.entity.kind], len(h.entity.name), h.entity.name))
    suggestions = () if hits else nearest(entities, text, glossed)
    return Answer(tuple(hits[:limit]), tuple(unglossed), tuple((w, "/".join(zh)) for w, zh in glossed), suggestions)


def nearest(entities: tuple[Entity, ...], text: str, glossed: list[tuple[str, tuple[str, ...]]] = (),
            limit: int = 6) -> tuple[Entity, ...]:
    """Known names closest to `text`: by spelling (names, printed forms, English names), and
    entities that print some of the glossed words."""
    named = [e for e in entities if e.kind in ("Unit", "Person", "Post", "LeadingGroup", "Document")]
    choices = {}
    for i, e in enumerate(named):
        for form in e.forms:
            choices[(i, form)] = form
        if e.english:
            choices[(i, "en")] = e.english
    query = text.lower() if _ENGLISH.search(text) else squeeze(text)
    matches = process.extract(query, choices, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=50)
    scored: dict[int, float] = {}
    for _, score, (i, _) in matches:
        scored[i] = max(scored.get(i, 0), score)
    core = GENERIC.sub("", squeeze(text))
    if core and core != squeeze(text):
        for i, e in enumerate(named):
            if any(core in form for form in e.forms):
                scored[i] = scored.get(i, 50) + 15
    if glossed:
        # A rare word (住房) says more than a common one (局).
        found = [[i for i, e in enumerate(named) if any(zh in " ".join(e.forms) for zh in chinese)]
                 for _, chinese in glossed]
        for matched in found:
            for i in matched:
                scored[i] = max(scored.get(i, 0), 60 + 40 / len(matched))
    best = sorted(scored, key=lambda i: (-scored[i], len(named[i].name)))
    return tuple(named[i] for i in best[:limit])
