"""Neo4j over Bolt against the embedded store, and loads that are repeated, extended or killed.

The catalog promises that its Cypher gives the same rows on both stores, and
`govkg load --target neo4j` promises idempotent, convergent MERGEs. Both are
checked on a real server: expected rows and counts come from LadybugDB and
from the graph the builder makes of the same facts, never from numbers
written here. Tests that empty the server come after the ones that read the
module's shared load.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

import govkg
from bench.load import synthetic
from graph.build import build
from graph.data import GraphData
from graph.neo4j_store import settings
from graph import derived
from graph.derived import without_derived
from graph.schema import load
from graph.store import StoreError
from queries.catalog import catalog
from tests.conftest import GAZETTE, ROOT, person_id, wait_for_killed_transactions

pytestmark = pytest.mark.neo4j

SCHEMA = load()
DERIVED = set(derived.LABELS) | set(derived.EDGES)

# Every catalog query with parameters that give rows on the bundled gazette; a
# person's id is written person:NAME and looked up in the store (ids are digests).
CASES = [
    ("documents", {}),
    ("group-members", {"group_name": "人口普查"}),
    ("person-career", {"person": "陈雷"}),
    ("person-career", {"person": "张志勇"}),  # removed from 东四街道办事处主任 by 东政任〔2020〕1号
    ("person-identity", {"person": "黄斌"}),  # appointed, then listed in the census group
    ("post-holders", {"unit": "北京市东城区王府井地区管理委员会", "date": "2020-02-01"}),
    ("post-holders", {"unit": "北京市东城区王府井地区管理委员会"}),
    ("responsibilities-of", {"unit": "区应急局"}),
    ("succession", {"post": "街道办事处主任"}),
    ("tasks-led-by", {"unit": "区应急局"}),
    ("who-is-responsible", {"keyword": "燃气"}),
    # The entity pages' queries (dashboard), asked with ids.
    ("unit", {"unit": "区应急局"}),
    ("unit-tasks", {"unit": "区应急局"}),
    ("unit-posts", {"unit": "北京市东城区王府井地区管理委员会"}),
    ("unit-groups", {"unit": "区统计局"}),
    ("unit-contacts", {"unit": "区金融办"}),
    ("person", {"person": "person:陈雷"}),
    ("person-timeline", {"person": "person:陈雷"}),
    ("person-posts", {"person": "person:陈雷"}),
    ("person-groups", {"person": "person:邹劲松"}),
    ("person-contacts", {"person": "person:曹军"}),
    ("group", {"group_id": "东城区第七次全国人口普查领导小组"}),
    ("task", {"task": "东政办发〔2020〕3号|measure|1"}),
    ("task-units", {"task": "东政办发〔2020〕1号|task|5"}),
    ("task-contacts", {"task": "东政办发〔2020〕3号|measure|1"}),
    ("document", {"document": "京政发〔2020〕2号"}),
    ("document-facts", {"document": "东政任〔2020〕1号"}),
    ("post", {"post": "北京市东城区公园管理中心|主任"}),
]

# The second gazette: a later notice of the same issuer, naming one person of
# the first gazette (魏搏, appointed 东四街道办事处主任 by 东政任〔2020〕2号)
# in the same office, and one person the first gazette does not know.
SECOND_GAZETTE = """北京市东城区人民政府

关于魏搏等两名同志任职的通知

东政任〔2020〕6号

各街道办事处，区政府各委、办、局，各区属机构：

经2020年2月18日北京市东城区人民政府第85次常务会议研究决定，现将魏搏等两名同志任职事项通知如下：

任命魏搏为北京市东城区人民政府东四街道办事处一级调研员；

任命李明远为北京市东城区人民政府东四街道办事处副主任（试用期一年）。

北京市东城区人民政府

2020年3月20日
"""


def full_counts(counts: dict[str, int]) -> dict[str, int]:
    """Counts with every label and type of the schema, absent ones as 0."""
    keys = [n.label for n in SCHEMA.nodes] + [r.type for r in SCHEMA.rels]
    return {k: counts.get(k, 0) for k in keys}


def graph_of(paths: list[Path]) -> GraphData:
    return build(govkg.extract(paths).facts)


def keys(data: GraphData) -> tuple[set, set]:
    """Node keys (label, id) and relationship keys (type, from, to) of a built graph."""
    return ({(n.label, n.id) for n in data.nodes}, {(e.type, e.src, e.dst) for e in data.edges})


def stored_keys(store) -> tuple[set, set]:
    nodes = {(n.label, id_) for n in SCHEMA.nodes
             for (id_,) in store.query(f"MATCH (n:{n.label}) RETURN n.id").rows}
    edges = set()
    for r in SCHEMA.rels:
        rows = store.query(f"MATCH (a)-[:{r.type}]->(b) RETURN labels(a)[0], a.id, labels(b)[0], b.id").rows
        edges |= {(r.type, (la, a), (lb, b)) for la, a, lb, b in rows}
    return nodes, edges


def load_cli(*paths: Path) -> subprocess.CompletedProcess:
    proc = subprocess.run(load_command(*paths), capture_output=True, text=True, env=load_env(), cwd=ROOT)
    if proc.returncode != 0:
        raise AssertionError(f"govkg load failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def load_command(*paths: Path) -> list[str]:
    return [sys.executable, "-m", "govkg.cli", "load", *map(str, paths), "--target", "neo4j"]


def load_env() -> dict[str, str]:
    """The connection the test store uses, handed to the CLI through NEO4J_* variables."""
    env = dict(os.environ)
    env.update({f"NEO4J_{k.upper()}": v for k, v in settings().items()})
    return env


def printed_counts(out: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r"^\s+(\w+)\s+(\d+)", out, re.M)}


# ------------------------------------------------------------------ parity (reads the module's load)


def test_cases_cover_the_whole_catalog():
    assert {name for name, _ in CASES} == set(catalog())


@pytest.mark.parametrize("name, params", CASES, ids=[f"{n}-{'-'.join(p.values())}" for n, p in CASES])
def test_catalog_query_gives_the_same_rows_on_both_stores(ingested_ladybug, ingested_neo4j, name, params):
    params = {k: person_id(ingested_ladybug, v.removeprefix("person:")) if v.startswith("person:") else v
              for k, v in params.items()}
    on_ladybug = govkg.query(ingested_ladybug, name, **params)
    on_neo4j = govkg.query(ingested_neo4j, name, **params)
    assert on_ladybug.rows, f"{name} {params} gives no rows: the comparison would prove nothing"
    assert on_neo4j.columns == on_ladybug.columns
    assert list(on_neo4j.rows) == list(on_ladybug.rows)


def test_counts_per_label_and_type_are_equal_in_both_stores(ingested_ladybug, ingested_neo4j, extraction):
    expected = full_counts(build(extraction.facts).counts())
    assert ingested_ladybug.counts() == expected
    assert ingested_neo4j.counts() == expected
    assert expected["Task"] > 50 and expected["Person"] > 50


def test_ontology_constraints_and_name_indexes_exist_after_a_load(ingested_neo4j):
    labels = {n.label: n.key for n in SCHEMA.nodes}
    constraints = ingested_neo4j.query(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
        "RETURN name, type, labelsOrTypes, properties").records()
    unique = Counter((c["labelsOrTypes"][0], tuple(c["properties"])) for c in constraints
                     if c["type"] == "UNIQUENESS" and c["labelsOrTypes"][0] in labels)
    assert unique == Counter({(label, (key,)): 1 for label, key in labels.items()})
    indexes = ingested_neo4j.query(
        "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, owningConstraint, state "
        "RETURN name, type, entityType, labelsOrTypes, properties, owningConstraint, state").records()
    names = Counter(i["labelsOrTypes"][0] for i in indexes
                    if i["entityType"] == "NODE" and i["type"] == "RANGE" and i["properties"] == ["name"]
                    and i["owningConstraint"] is None and i["labelsOrTypes"][0] in labels)
    assert names == Counter(labels.keys())
    assert all(i["state"] == "ONLINE" for i in indexes if i["labelsOrTypes"] and i["labelsOrTypes"][0] in labels)


# ------------------------------------------------------------------ read-only queries


@pytest.mark.parametrize("statement", [
    "CREATE (p:Person {id: 'intruder', name: 'intruder'}) RETURN p.id",
    "MERGE (p:Person {id: 'intruder'}) RETURN p.id",
    "MATCH (u:Unit) SET u.name = 'intruder' RETURN count(u)",
    "MATCH (u:Unit) DETACH DELETE u",
])
def test_a_write_through_query_is_refused_and_changes_nothing(ingested_neo4j, extraction, statement):
    before = ingested_neo4j.counts()
    with pytest.raises(StoreError):
        ingested_neo4j.query(statement)
    assert ingested_neo4j.counts() == before == full_counts(build(extraction.facts).counts())
    assert ingested_neo4j.query("MATCH (n) WHERE n.id = 'intruder' OR n.name = 'intruder' RETURN count(n)").rows == ((0,),)


# ------------------------------------------------------------------ `govkg load --target neo4j` (empties the server)


def test_loading_the_same_gazette_twice_changes_no_count(neo4j, extraction):
    first = load_cli(GAZETTE).stdout
    second = load_cli(GAZETTE).stdout
    expected = full_counts(build(extraction.facts).counts())
    assert printed_counts(first) == printed_counts(second) == expected
    assert neo4j.counts() == expected
    assert "(+" in first and "(+" not in second


def test_a_second_gazette_adds_only_what_is_new(neo4j, tmp_path):
    second = tmp_path / "dongcheng-gazette-2020-03.txt"
    second.write_text(SECOND_GAZETTE, "utf-8")
    # People and tenures are derived over the whole store (graph.derived), so only the
    # facts of the second gazette alone say what it adds; people are checked below.
    first_graph, second_graph = graph_of([GAZETTE]), graph_of([second])
    first_nodes, first_edges = keys(without_derived(first_graph))
    second_nodes, second_edges = keys(without_derived(second_graph))
    new_nodes, new_edges = second_nodes - first_nodes, second_edges - first_edges

    load_cli(GAZETTE)
    before = neo4j.counts()
    out = load_cli(second).stdout
    after = neo4j.counts()

    added = {k: after[k] - before[k] for k in after if after[k] != before[k]}
    expected = Counter(label for label, _ in new_nodes) + Counter(type_ for type_, _, _ in new_edges)
    assert {k: v for k, v in added.items() if k not in DERIVED} == dict(expected)
    assert {k: int(v) for k, v in re.findall(r"^\s+(\w+)\s+\d+\s+\(\+(\d+)\)", out, re.M)} == added
    stored_nodes, stored_edges = stored_keys(neo4j)
    assert ({n for n in stored_nodes if n[0] not in DERIVED}, {e for e in stored_edges if e[0] not in DERIVED}) == (
        first_nodes | second_nodes, first_edges | second_edges)
    # What the notice says is new: one document, two appointments opening two
    # tenures, and one person: 魏搏 is the person the first gazette already has.
    assert {k: added[k] for k in ("Document", "Appointment", "Tenure", "Person")} == {
        "Document": 1, "Appointment": 2, "Tenure": 2, "Person": 1}
    (wei,) = [n.id for n in first_graph.nodes if n.label == "Person" and n.props["name"] == "魏搏"]
    assert neo4j.query("MATCH (p:Person {name: '魏搏'}) RETURN p.id").rows == ((wei,),)
    career = govkg.query(neo4j, "person-career", person="魏搏").records()
    assert sorted((r["title"], r["appointed_in"]) for r in career) == [
        ("一级调研员", "东政任〔2020〕6号"), ("主任", "东政任〔2020〕2号")]


def test_a_load_in_small_batches_several_at_once_writes_the_same_graph(neo4j, tmp_path, monkeypatch):
    """A statement's batches run `WRITERS` at a time (graph.neo4j_store): in batches of 25 rows,
    a first load and a second gazette's (which deletes and derives again people of names the
    first holds) leave the graph that loads in whole batches leave."""
    from graph import neo4j_store

    second = tmp_path / "dongcheng-gazette-2020-03.txt"
    second.write_text(SECOND_GAZETTE, "utf-8")

    def loaded() -> tuple[list[str], list[str]]:
        neo4j.clear()
        govkg.ingest([GAZETTE], neo4j)
        govkg.ingest([second], neo4j)
        graph = neo4j.graph()
        return sorted(map(repr, graph.nodes)), sorted(map(repr, graph.edges))

    whole = loaded()
    assert neo4j_store.WRITERS > 1 and len(whole[1]) > 40 * 25
    monkeypatch.setattr(neo4j_store, "BATCH", 25)
    assert loaded() == whole


def test_a_load_killed_midway_converges_when_run_again(neo4j, tmp_path):
    facts_file = tmp_path / "synthetic.jsonl"
    with facts_file.open("w", encoding="utf-8") as f:
        for fact in synthetic(50_000):
            f.write(json.dumps(fact.to_record(), ensure_ascii=False) + "\n")
    inputs = [GAZETTE, facts_file]
    expected = full_counts(without_derived(graph_of(inputs)).counts())

    load_cli(*inputs)
    uninterrupted = neo4j.counts()
    assert {k: v for k, v in uninterrupted.items() if k not in DERIVED} == {
        k: v for k, v in expected.items() if k not in DERIVED}  # people are resolved over the store
    total_nodes = sum(uninterrupted[n.label] for n in SCHEMA.nodes)

    neo4j.clear()
    proc = subprocess.Popen(load_command(*inputs), env=load_env(), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300
        while neo4j.query("MATCH (n) RETURN count(n)").rows[0][0] < 5000:
            assert proc.poll() is None, "the load ended before it could be killed"
            assert time.monotonic() < deadline, "the load wrote nothing within 5 minutes"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    wait_for_killed_transactions(neo4j)
    partial = neo4j.query("MATCH (n) RETURN count(n)").rows[0][0]
    assert 5000 <= partial < total_nodes

    load_cli(*inputs)
    assert neo4j.counts() == uninterrupted


def test_a_second_gazette_keeps_the_unit_names_the_first_one_taught(neo4j, tmp_path):
    second = tmp_path / "dongcheng-gazette-2020-04.txt"
    second.write_text(SECOND_GAZETTE.replace("东政任〔2020〕6号", "东政任〔2020〕7号").replace(
        "北京市东城区人民政府东四街道办事处副主任", "北京市东城区应急管理局副局长"), "utf-8")
    load_cli(GAZETTE)
    led = govkg.query(neo4j, "tasks-led-by", unit="区应急局").rows
    assert len(led) > 10
    load_cli(second)
    aliases = neo4j.query("MATCH (u:Unit {id: '北京市东城区应急管理局'}) RETURN u.aliases").rows[0][0]
    assert "区应急局" in aliases
    assert govkg.query(neo4j, "tasks-led-by", unit="区应急局").rows == led
