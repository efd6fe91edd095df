"""Careers across gazettes (issue 8), measured on a series of our own.

`tests/fixtures/careers/` holds seven gazettes of 2019–2023 (Dongcheng
district notices in the gazette layout and as standard 公文 with masthead,
a Dongcheng gazette issue with a leading group and a notice, and a Beijing
city notice), written in the language of real personnel notices: promotions,
transfers, removals, retirements, homonyms in other units and at city level,
two 王伟 in one notice and in one member list, a person who returns to an
earlier unit, a name reused after its holder retired. `gold.jsonl` says which
mentions are one person (`mention` records) and which tenures they held
(`tenure` records).

Each gazette is ingested on its own, as a user would, and people are scored
with B-cubed F1 and tenures by exact start and end. Resolution runs over
every order of the series in memory, and several orders on the real stores.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import govkg
import graph.store
from graph import derived
from graph.data import GraphData
from graph.rdf import to_rdf
from ingest.facts import Appointment, Fact, Membership, PersonIdentity
from ingest.people import cluster, mentions_of_facts
from ingest.pipeline import digests
from tests.conftest import GAZETTE, STORES

SERIES_DIR = Path(__file__).parent / "fixtures" / "careers"
SERIES = sorted(SERIES_DIR.glob("*.txt"))
GOLD = [json.loads(line) for line in (SERIES_DIR / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
GOLD_PEOPLE = {(r["doc_number"], r["person"], r["action"], r["position"]): r["gold"] for r in GOLD if r["type"] == "mention"}
GOLD_TENURES = {(r["gold"], r["post"], r["start"], r["end"]) for r in GOLD if r["type"] == "tenure"}
CHEN_LEI_NOTICE = SERIES_DIR / "03-dongcheng-2021-renmian.txt"

Key = tuple[str | None, str, str, str | None]  # (document, name, appoint | remove | member, position)


def mention_key(fact: Fact) -> Key | None:
    if isinstance(fact, Appointment):
        return fact.doc_number, fact.person, fact.action, fact.position
    if isinstance(fact, Membership):
        return fact.doc_number, fact.person, "member", fact.position
    return None


def bcubed(predicted: dict[Key, str], gold: dict[Key, str]) -> float:
    """B-cubed F1 of a clustering of the gold mentions (Bagga and Baldwin 1998)."""
    precision = recall = 0.0
    for m in gold:
        mine = {k for k in gold if predicted[k] == predicted[m]}
        theirs = {k for k in gold if gold[k] == gold[m]}
        precision += len(mine & theirs) / len(mine)
        recall += len(mine & theirs) / len(theirs)
    precision, recall = precision / len(gold), recall / len(gold)
    return 2 * precision * recall / (precision + recall)


def stored_people(store) -> dict[Key, str]:
    rows = store.query("MATCH (a:Appointment)-[:NAMES]->(p:Person) "
                       "RETURN a.doc_number AS doc, a.person AS name, a.action AS kind, a.position AS position, "
                       "p.id AS person").records()
    rows += store.query("MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership) "
                        "RETURN m.doc_number AS doc, m.person AS name, 'member' AS kind, m.position AS position, "
                        "p.id AS person").records()
    return {(r["doc"], r["name"], r["kind"], r["position"]): r["person"] for r in rows}


def stored_tenures(store) -> set[tuple[str, str, str | None, str | None]]:
    """(person id, post, start, end) of every tenure."""
    rows = store.query("MATCH (p:Person)-[:HOLDS]->(t:Tenure)-[:OF_POST]->(po:Post) "
                       "RETURN p.id AS person, po.name AS post, t.start_date AS start_date, t.end_date AS end_date").rows
    return {tuple(r) for r in rows}


def gold_tenures_of(people: dict[Key, str], tenures: set[tuple]) -> set[tuple]:
    """Tenures with each person named by the gold label most of their mentions carry."""
    labels = {}
    for person in set(people.values()):
        votes = Counter(GOLD_PEOPLE[k] for k, p in people.items() if p == person and k in GOLD_PEOPLE)
        labels[person] = votes.most_common(1)[0][0] if votes else person
    return {(labels[p], post, start, end) for p, post, start, end in tenures}


def ingest_one_by_one(store, paths) -> None:
    for path in paths:
        govkg.ingest([path], store)


def state(store) -> tuple:
    """What must not depend on the order of ingests: people (ids and mentions), tenures,
    the pairs offered for review."""
    return stored_people(store), stored_tenures(store), govkg.review(store)


@pytest.fixture(scope="module")
def facts_per_gazette() -> list[list[Fact]]:
    """Each gazette's facts as its own ingest extracts them (units resolved within it)."""
    return [[f for f in govkg.extract([p]).facts if not isinstance(f, PersonIdentity)] for p in SERIES]


def test_the_series_is_read_as_the_gold_expects(facts_per_gazette):
    """Scores below measure resolution, not extraction: every gold mention is extracted."""
    assert len(SERIES) >= 6
    extracted = [mention_key(f) for facts in facts_per_gazette for f in facts if mention_key(f)]
    assert Counter(extracted) == Counter(list(GOLD_PEOPLE))


def test_people_and_tenures_reach_the_bars(ladybug, capsys):
    ingest_one_by_one(ladybug, SERIES)
    people = stored_people(ladybug)
    f1 = bcubed(people, GOLD_PEOPLE)
    tenures = gold_tenures_of(people, stored_tenures(ladybug))
    exact = len(tenures & GOLD_TENURES) / len(GOLD_TENURES)
    with capsys.disabled():
        print(f"\ncareers: B-cubed F1 {f1:.3f} over {len(GOLD_PEOPLE)} mentions; tenures exact "
              f"{exact:.3f} of {len(GOLD_TENURES)}, {len(tenures - GOLD_TENURES)} spurious")
    assert f1 >= 0.97
    assert exact >= 0.95
    assert not tenures - GOLD_TENURES
    # Who held a post on a date: the retired 周明 of 2019 is not the 周明 appointed in 2022.
    holders = lambda unit, on: [(r["person"], r["title"], r["start_date"], r["end_date"])  # noqa: E731
                                for r in govkg.query(ladybug, "post-holders", unit=unit, date=on).records()]
    assert holders("区公园管理中心", "2022-01-01") == [("李明", "主任", "2021-05-10", "2023-02-15")]
    assert holders("区民政局", "2019-01-01") == [("周明", "副局长", None, "2019-03-15")]
    assert holders("区民政局", "2022-06-01") == [("周明", "副局长", "2022-03-20", "2023-02-15")]
    (zhou_then,), (zhou_now,) = (govkg.query(ladybug, "post-holders", unit="区民政局", date=on).records()
                                 for on in ("2019-01-01", "2022-06-01"))
    assert zhou_then["person_id"] != zhou_now["person_id"]


def test_every_order_of_the_series_gives_the_same_people(facts_per_gazette):
    """All 5040 orders of the seven gazettes, through the resolver the stores run."""
    results = set()
    for order in itertools.permutations(facts_per_gazette):
        facts = [f for gazette in order for f in gazette]
        keys = {i: mention_key(f) for i, f in enumerate(facts)}
        resolution = cluster(mentions_of_facts(facts))
        results.add(frozenset((p.id, p.alternate_ids, frozenset(keys[r] for r in p.refs), p.evidence)
                              for p in resolution.people))
    assert len(results) == 1


def test_people_do_not_depend_on_the_process():
    """Sets iterate in another order under another hash seed: ids and evidence must not follow."""
    script = ("import glob, hashlib, govkg; from ingest.people import cluster, mentions_of_facts; "
              f"facts = [f for p in sorted(glob.glob({str(SERIES_DIR / '*.txt')!r})) for f in govkg.extract([p]).facts]; "
              "people = cluster(mentions_of_facts(facts)).people; "
              "print(hashlib.sha1(repr([(p.id, p.alternate_ids, p.evidence) for p in people]).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(digests) == 1


@pytest.mark.parametrize("store_fixture", STORES)
def test_stores_give_the_same_people_and_tenures_in_any_order(request, store_fixture, tmp_path):
    store = request.getfixturevalue(store_fixture)
    orders = [SERIES, SERIES[::-1], SERIES[3:] + SERIES[:3]]
    if store_fixture == "ladybug":
        orders += [SERIES[1::2] + SERIES[::2], SERIES[5:] + SERIES[:5]]
    states = []
    for order in orders:
        store.clear()
        ingest_one_by_one(store, order)
        states.append(state(store))
    assert all(s == states[0] for s in states)
    # Both stores, same answers: the reference is LadybugDB fed in the first order.
    with govkg.open_store("ladybug", tmp_path / "reference") as reference:
        ingest_one_by_one(reference, SERIES)
        assert states[0] == state(reference)
        for name, params in (("succession", {"post": "园林绿化局"}), ("person-career", {"person": "王伟"}),
                             ("post-holders", {"unit": "区民政局", "date": "2022-06-01"}),
                             ("person-identity", {"person": "张建国"})):
            assert govkg.query(store, name, **params).records() == govkg.query(reference, name, **params).records()


def derived_state(graph: GraphData) -> tuple[set, set]:
    """The people and tenures of a graph, and the edges that tie them, as comparable sets."""
    nodes = {(n.label, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in n.props.items())))
             for n in graph.nodes if n.label in derived.LABELS}
    return nodes, {(e.type, e.src, e.dst) for e in graph.edges if e.type in derived.EDGES}


@pytest.mark.parametrize("store_fixture", STORES)
def test_a_load_derives_again_the_people_of_its_names_as_deriving_everyone_would(request, store_fixture):
    """A write derives again only the people of the names it prints, and of the names a reviewer
    judged one person with them (graph.derived.touched): the store must then hold what deriving
    everyone gives, here after a cross-name merge and a gazette that prints one of the two names."""
    store = request.getfixturevalue(store_fixture)
    store.clear()
    *earlier, last = SERIES
    ingest_one_by_one(store, earlier)
    named_last = {f.person for f in govkg.extract([last]).facts if isinstance(f, (Appointment, Membership))}
    people = store.people().people
    (again,) = [p for p in people if p.name in named_last][:1]
    (other,) = [p for p in people if p.name not in named_last and p.name != again.name][:1]
    govkg.merge(store, again.id, other.id)
    ingest_one_by_one(store, [last])
    everyone = derived.derive(derived.records(store.query))
    assert derived_state(store.graph()) == derived_state(everyone)
    assert sum(label == "Person" for label, _ in derived_state(everyone)[0]) == len(store.people().people) > 10
    assert any(other.id in (p.id, *p.alternate_ids) and again.id in (p.id, *p.alternate_ids)
               for p in store.people().people)


@pytest.mark.parametrize("store_fixture", STORES)
def test_an_ingest_in_batches_derives_people_once_as_one_ingest_per_gazette_would(request, store_fixture,
                                                                                  monkeypatch):
    """The batches of one ingest leave people to the last (graph.derived.pending): one derivation,
    and the people and tenures of one ingest per gazette; the same when it derives a few names
    per transaction (`Store.derive`), each transaction a derivation of its own."""
    store = request.getfixturevalue(store_fixture)
    store.clear()
    ingest_one_by_one(store, SERIES)
    one_by_one = state(store)
    names = {name for (name,) in store.query("MATCH (p:Person) RETURN DISTINCT p.name").rows}
    calls = []
    monkeypatch.setattr(derived, "derive", lambda *a, _derive=derived.derive: calls.append(a) or _derive(*a))
    for per_transaction, derivations in ((20_000, 1), (3, -(-len(names) // 3))):
        store.clear()
        calls.clear()
        monkeypatch.setattr(graph.store, "DERIVE_NAMES", per_transaction)
        report = govkg.ingest(SERIES, store, batch_bytes=1)  # a batch for every gazette
        assert len(report.files) == len(SERIES) and len(calls) == derivations
        assert state(store) == one_by_one


@pytest.mark.parametrize("store_fixture", STORES)
def test_people_a_killed_ingest_left_pending_are_derived_by_the_next(request, store_fixture):
    """A batch before the last writes its facts and deletes the people of its names; killed there,
    the ingest leaves those names pending, and the next ingest, even one that skips every file,
    derives them."""
    store = request.getfixturevalue(store_fixture)
    store.clear()
    *earlier, last = SERIES
    ingest_one_by_one(store, earlier)
    read = derived.records(store.query)
    assert derived.pending(read) == []
    printed = {f.person for f in govkg.extract([last]).facts if isinstance(f, (Appointment, Membership))}
    store.write(govkg.build(govkg.extract([last]).facts, store.schema), derive=False,
                files={digests([last])[0]: str(last)})
    assert set(derived.pending(read)) >= printed
    assert not printed & {name for (name,) in store.query("MATCH (p:Person) RETURN p.name").rows}
    report = govkg.ingest([last], store)
    assert report.files == () and report.skipped  # nothing read again: the file is recorded
    assert derived.pending(read) == []
    assert derived_state(store.graph()) == derived_state(derived.derive(read))


@pytest.mark.neo4j
def test_a_neo4j_load_stopped_after_any_statement_of_its_people_is_completed_by_the_next(neo4j, monkeypatch):
    """Neo4j commits a write statement by statement. Stopped after its first (the names marked
    pending), or after its facts, after each statement that deletes or creates people, tenures
    or their edges, and before the file is recorded, a load leaves what the next ingest of the
    same file completes into the state of a load never stopped; once its facts are written,
    what `derive` alone completes too (the marks, not the file, say what is left to do)."""
    from graph.neo4j_store import Neo4jStore

    *earlier, last = SERIES
    neo4j.clear()
    ingest_one_by_one(neo4j, SERIES)
    expected = state(neo4j)
    statements: list[str] = []
    apply = Neo4jStore._apply

    def counted(self, plan, done=lambda n: None, stop=None):
        for statement, rows in plan:
            if rows and stop is not None and len(statements) == stop:
                raise KeyboardInterrupt("stopped")
            apply(self, [(statement, rows)], done)
            statements.append(statement) if rows else None

    neo4j.clear()
    ingest_one_by_one(neo4j, earlier)
    monkeypatch.setattr(Neo4jStore, "_apply", counted)
    govkg.ingest([last], neo4j)
    facts_written = next(i for i, s in enumerate(statements) if "DETACH DELETE t" in s)
    stops = [1, *range(facts_written, len(statements))]
    assert "MERGE (n:PendingName" in statements[0] and "IngestedFile" in statements[-1] and len(stops) > 8
    for stop in stops:
        neo4j.clear()
        monkeypatch.setattr(Neo4jStore, "_apply", apply)
        ingest_one_by_one(neo4j, earlier)
        statements.clear()
        monkeypatch.setattr(Neo4jStore, "_apply", lambda self, p, d=lambda n: None: counted(self, p, d, stop))
        with pytest.raises(KeyboardInterrupt):
            govkg.ingest([last], neo4j)
        monkeypatch.setattr(Neo4jStore, "_apply", apply)
        if stop >= facts_written:
            neo4j.derive()
            assert state(neo4j) == expected, f"derived after statement {stop}: {statements[-1]}"
        report = govkg.ingest([last], neo4j)
        assert report.files and state(neo4j) == expected, f"stopped after statement {stop}: {statements[-1]}"


@pytest.mark.parametrize("store_fixture", STORES)
def test_chen_lei_is_one_person_whose_tenure_a_later_gazette_ends(request, store_fixture):
    store = request.getfixturevalue(store_fixture)
    for order in ([GAZETTE, CHEN_LEI_NOTICE], [CHEN_LEI_NOTICE, GAZETTE]):
        store.clear()
        ingest_one_by_one(store, order)
        career = govkg.query(store, "person-career", person="陈雷").records()
        assert len({r["person_id"] for r in career}) == 1
        park = [(r["start_date"], r["end_date"]) for r in career if r["post"] == "北京市东城区公园管理中心主任"]
        assert park == [("2020-01-10", "2021-05-10")]
        succession = govkg.query(store, "succession", post="北京市东城区公园管理中心主任").records()
        assert [r["person"] for r in succession] == ["陈雷", "李明"]
        (identity,) = govkg.query(store, "person-identity", person="陈雷").records()
        assert identity["evidence"] and "东政任〔2021〕5号" in identity["evidence"][0]
        (merged_away,) = identity["alternate_ids"]  # the id the 2021 notice alone gives him
        assert govkg.query(store, "person-career", person=merged_away).records() == career


@pytest.mark.parametrize("store_fixture", STORES)
def test_a_merge_and_a_split_survive_a_reingest_of_every_gazette(request, store_fixture):
    store = request.getfixturevalue(store_fixture)
    ingest_one_by_one(store, SERIES)
    (weak,) = [p for p in govkg.review(store) if p.name == "马骏" and p.status == "merged"]
    sports, parks = sorted({p for k, p in stored_people(store).items() if k[1] == "李强"})
    assert govkg.split(store, weak.left, weak.right)[0] != govkg.split(store, weak.left, weak.right)[1]
    assert govkg.merge(store, sports, parks) in (sports, parks)

    ingest_one_by_one(store, SERIES[::-1])
    people = stored_people(store)
    assert len({p for k, p in people.items() if k[1] == "李强"}) == 1
    assert len({p for k, p in people.items() if k[1] == "马骏"}) == 2
    assert not [p for p in govkg.review(store) if p.name == "马骏" or p.status == "apart" and p.name == "李强"]
    for id_ in (sports, parks):  # either id finds the one person
        assert {r["person"] for r in govkg.query(store, "person-career", person=id_).records()} == {"李强"}
    judgements = [n for n in store.graph().nodes if n.label == "Judgement"]
    assert sorted(n.props["verdict"] for n in judgements) == ["negative", "positive"]
    exported = to_rdf(store.graph()).serialize(format="turtle")
    assert exported.count("govkg:Judgement") == 2 and '"negative"' in exported


def test_people_commands_review_merge_and_split(tmp_path):
    from click.testing import CliRunner

    from govkg.cli import main

    db = ["--db", str(tmp_path / "db")]
    cli = CliRunner()
    assert cli.invoke(main, ["ingest", *db, *map(str, SERIES[:3])]).exit_code == 0
    review = cli.invoke(main, ["people", "review", *db, "--format", "json"])
    pairs = json.loads(review.stdout)
    (ma,) = [p for p in pairs if p["name"] == "马骏"]
    assert ma["status"] == "merged" and "东政任〔2020〕7号" in ma["evidence"]
    split = cli.invoke(main, ["people", "split", *db, ma["left"], ma["right"]])
    assert split.exit_code == 0 and f"now {ma['left']} and {ma['right']}" in split.stdout
    merge = cli.invoke(main, ["people", "merge", *db, ma["left"], ma["right"]])
    assert merge.exit_code == 0 and f"now {ma['left']}" in merge.stdout  # the later word on a pair replaces the earlier
    unknown = cli.invoke(main, ["people", "merge", *db, ma["left"], "person:无名@00000000"])
    assert unknown.exit_code != 0 and "no person or item person:无名@00000000" in unknown.output
    exported = cli.invoke(main, ["export", *db])
    assert exported.exit_code == 0 and exported.stdout.count("govkg:Judgement") == 1
