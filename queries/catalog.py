"""The query catalog: named, parameterised Cypher shared by CLI, dashboard, notebooks and tests.

Each query is a file `catalog/NAME.cypher` whose leading `//` comments give
its title, description and parameters (like Neo4j Bloom's search phrases or
datasette's canned queries), the zh/en labels of columns and parameters that
the ontology does not name (`// label NAME: English / 中文`), and for the
queries behind the dashboard's entity pages the page they serve (`// page: unit`); any
other comment is a note for whoever reads the file. Values always travel as Cypher parameters,
never spliced into the text. A parameter of kind `unit` is resolved first:
whatever form the user typed (区应急局, 北京市东城区应急管理局, "emergency
bureau") becomes the list of matching unit ids the query receives; one of kind
`person` (a name, an id, or an id a merge folded into a person) the person ids; one of kind
`task` (words of a task) the ids of the tasks and measures that contain them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from graph.store import Result, Store
from ingest.segment import squeeze

CATALOG = Path(__file__).resolve().parent / "catalog"
_PARAM = re.compile(r"^param (\w+) \((\w+)(, optional)?\): (.*)$")
_LABEL = re.compile(r"^label (\w+): (.*?) / (.*)$")
_META = ("title", "title_zh", "description", "page")


class QueryError(Exception):
    """An unknown query or a missing parameter."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # unit | person | task | text | date
    optional: bool
    description: str


@dataclass(frozen=True)
class Query:
    name: str
    title: str
    title_zh: str
    description: str
    params: tuple[Param, ...]
    cypher: str
    labels: dict[str, tuple[str, str]]  # column or parameter → (English, 中文)
    page: str | None  # the entity page this query serves; None for a question of its own


def _parse(path: Path) -> Query:
    meta: dict[str, str] = {}
    params = []
    labels: dict[str, tuple[str, str]] = {}
    body = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("//"):
            text = line[2:].strip()
            m = _PARAM.match(text)
            label = _LABEL.match(text)
            if m:
                params.append(Param(m.group(1), m.group(2), bool(m.group(3)), m.group(4)))
            elif label:
                labels[label.group(1)] = (label.group(2), label.group(3))
            else:  # any other comment is a note for the reader of the file
                key, _, value = text.partition(":")
                if key.strip() in _META:
                    meta[key.strip()] = value.strip()
        else:
            body.append(line)
    return Query(path.stem, meta["title"], meta.get("title_zh", ""), meta.get("description", ""),
                 tuple(params), "\n".join(body).strip(), labels, meta.get("page"))


@lru_cache(maxsize=None)
def catalog() -> dict[str, Query]:
    return {q.name: q for q in map(_parse, sorted(CATALOG.glob("*.cypher")))}


def get(name: str) -> Query:
    try:
        return catalog()[name]
    except KeyError:
        raise QueryError(f"unknown query {name!r}; known: {', '.join(catalog())}") from None


# The three tests of `match_units`, each a scan of the units that returns only the ids it keeps:
# a store sends thousands of units slowly (Neo4j over Bolt), and a user means one or a few. The
# English words are compared with Cypher's toLower, Python's lower() for every ASCII name. LadybugDB
# takes no parameter inside any(…) (an internal assertion fails): $wanted is brought in by WITH.
_EXACT = "MATCH (u:Unit) WHERE u.id = $wanted OR $wanted IN u.aliases RETURN u.id"
_ENGLISH = ("MATCH (u:Unit) WHERE u.name_en <> '' AND all(w IN $words WHERE toLower(u.name_en) CONTAINS w) "
            "RETURN u.id")
_CONTAINED = ("WITH $wanted AS wanted MATCH (u:Unit) "
              "WHERE u.id CONTAINS wanted OR any(a IN u.aliases WHERE a CONTAINS wanted) RETURN u.id")


def match_units(store: Store, text: str) -> list[str]:
    """Ids of the units `text` names: an exact full name or printed form first,
    else every unit whose English name has all the words typed, else every
    unit whose name or printed forms contain the text."""
    wanted = squeeze(text)
    words = text.lower().split()
    ids = _ids(store, _EXACT, wanted=wanted)
    if not ids and words:
        ids = _ids(store, _ENGLISH, words=words)
    if not ids and wanted:
        ids = _ids(store, _CONTAINED, wanted=wanted)
    return ids


_PERSON_BY_ID = "MATCH (p:Person) WHERE p.id = $wanted RETURN p.id"
_PEOPLE_BY_NAME = "MATCH (p:Person) WHERE p.name = $wanted RETURN p.id"
_PERSON_BY_FOLDED_ID = "MATCH (p:Person) WHERE $wanted IN p.alternate_ids RETURN p.id"


def match_people(store: Store, text: str) -> list[str]:
    """Ids of the people `text` names: the person of that id, else those of that name, else the
    person a merge folded that id into. Each by a lookup of its own, so that the usual ones are
    answered from an index; the last, which no index answers, scans every person, and an id is
    never also a name or another person's folded id."""
    wanted = text.strip()
    return (_ids(store, _PERSON_BY_ID, wanted=wanted) or _ids(store, _PEOPLE_BY_NAME, wanted=wanted)
            or _ids(store, _PERSON_BY_FOLDED_ID, wanted=wanted))


# One scan per label, each returning only ids: a scan that returns whole rows reads every property of
# every task before it filters (LadybugDB), and one label per part lets Neo4j use its text index.
_TASKS = ("MATCH (t:Task) WHERE t.task CONTAINS $wanted RETURN t.id "
          "UNION ALL MATCH (t:Measure) WHERE t.task CONTAINS $wanted RETURN t.id")


def match_tasks(store: Store, text: str) -> list[str]:
    """Ids of the tasks and measures whose text contains `text`."""
    return _ids(store, _TASKS, wanted=text.strip())


def _ids(store: Store, cypher: str, **params: Any) -> list[str]:
    return sorted(row[0] for row in store.query(cypher, params).rows)


# A parameter of these kinds receives a list of ids.
MATCHERS = {"unit": match_units, "person": match_people, "task": match_tasks}


def bind(store: Store, query: Query, given: Mapping[str, str]) -> dict[str, Any]:
    """The Cypher parameters of `query` from the user's strings."""
    unknown = set(given) - {p.name for p in query.params}
    if unknown:
        raise QueryError(f"{query.name}: unknown parameter(s) {sorted(unknown)}; "
                         f"takes {[p.name for p in query.params]}")
    bound: dict[str, Any] = {}
    for p in query.params:
        value = (given.get(p.name) or "").strip()
        if not value and not p.optional:
            raise QueryError(f"{query.name}: missing parameter {p.name!r} ({p.description})")
        bound[p.name] = MATCHERS[p.kind](store, value) if p.kind in MATCHERS else value
    return bound


def run(store: Store, name: str, params: Mapping[str, str] | None = None) -> Result:
    """Run the catalog query `name` read-only with the user's parameter strings."""
    query = get(name)
    return store.query(query.cypher, bind(store, query, params or {}))
