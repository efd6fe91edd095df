"""Issue 11 at test size: synthetic issues, parallel extraction, resuming, and the bulk paths.

The fast paths must change nothing but speed: extraction in several processes
gives the facts of a serial run, a COPY (LadybugDB) or CREATE (Neo4j) first
load gives the graph a MERGE load gives, and Neo4j's import tool gives the
graph of a transactional load. The big figures live in bench/ (`make bench`).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

import govkg
from bench import synth
from graph import bulk, derived
from graph.build import build
from graph.data import Edge, GraphData, Node
from graph.ladybug_store import LadybugStore
from graph.neo4j_import import import_graph, write_csv
from ingest.pipeline import extract_many, extract_texts, walk
from ingest.readers import read_many
from ingest.text import InputError
from tests.conftest import GAZETTE, ROOT, _neo4j_or_skip
from tests.test_crash import SCHEMA, dump

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
from score_facts import score  # noqa: E402  (the scorer of GOLD-FORMAT.md, as shipped)


@pytest.fixture(scope="module")
def issues(tmp_path_factory) -> list[Path]:
    return synth.write(tmp_path_factory.mktemp("synth"), 4)


def _merge_only(data, run):
    """`graph.bulk.split` as if the store held every node: everything goes through MERGE."""
    return GraphData((), ()), data


def _merge_ladybug(monkeypatch):
    """LadybugDB loads as if the store held every node: no COPY, no CREATE, MERGE only."""
    monkeypatch.setattr(bulk, "split", _merge_only)
    monkeypatch.setattr(LadybugStore, "_empty", lambda self: False)


def test_synthetic_issues_are_deterministic_and_read_as_printed(issues, tmp_path):
    again = synth.write(tmp_path, 4)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in issues]
    assert all(120_000 < p.stat().st_size < 140_000 for p in issues)
    for path in issues:
        gold = [json.loads(line) for line in path.with_suffix(".gold.jsonl").read_text("utf-8").splitlines()]
        predicted = [f.to_record() for f in govkg.extract([path]).facts]
        report = score(gold, predicted)
        assert {"document", "appointment", "membership", "responsibility", "contact", "unit_alias.pairs"} <= set(report)
        assert {line: r["f1"] for line, r in report.items() if r["f1"] < 0.97} == {}, path.name


def test_careers_continue_across_issues_of_one_government():
    people = {}
    for issue in synth.issues(len(synth.GOVERNMENTS) * 3):
        for r in issue.gold:
            if r["type"] == "appointment":
                people.setdefault((issue.name.split("-")[2], r["person"]), set()).add(issue.name)
    assert sum(len(seen) > 1 for seen in people.values()) > 20


def test_parallel_extraction_gives_the_facts_of_a_serial_run(issues):
    paths = [*issues, GAZETTE]
    serial = extract_texts(read_many(paths))
    assert extract_many(paths, workers=1).extraction == serial
    assert extract_many(paths, workers=2).extraction == serial


def test_folders_are_walked_without_gold_or_hidden_files(issues, tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(issues[0].parent, folder / "a")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.txt").write_text("任命张三为区应急局局长。", "utf-8")
    found = walk([folder, GAZETTE])
    assert found == sorted(folder / "a" / p.name for p in issues) + [GAZETTE]


def test_resume_skips_exactly_the_files_already_ingested(issues, tmp_path):
    with LadybugStore(tmp_path / "db") as store:
        first = govkg.ingest(issues[:2], store)
        assert first.files == tuple(map(str, issues[:2])) and first.skipped == ()
        copy = tmp_path / "renamed.txt"
        shutil.copy(issues[0], copy)
        second = govkg.ingest([issues[0].parent, copy], store)
        assert second.files == tuple(map(str, issues[2:]))
        assert second.skipped == ((str(issues[0]), "already ingested"), (str(issues[1]), "already ingested"),
                                  (str(copy), f"already ingested as {issues[0]}"))
        counts = store.counts()
        third = govkg.ingest([issues[0].parent], store)
        assert third.files == () and len(third.skipped) == 4 and store.counts() == counts


def test_a_bad_file_in_a_later_batch_stops_the_ingest_after_the_batches_before_it(issues, tmp_path):
    """What the batches before a bad file wrote stays, people derived (none left pending), and
    the error says so; the bad file's own batch writes nothing, and a second run resumes."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(issues[0], folder / "a.txt")
    shutil.copy(issues[1], folder / "b.txt")
    (folder / "c.txt").write_bytes(b"\x01\x02\x03\x04\x05\x06\x07\x08ab" * 50)
    with LadybugStore(tmp_path / "db") as store, LadybugStore(tmp_path / "good") as good:
        with pytest.raises(InputError, match=r"c\.txt: binary file.*\(the 2 file\(s\) before it are ingested: run "
                                             r"again to resume\)"):
            govkg.ingest([folder], store, batch_bytes=1)  # a batch for every file
        assert derived.pending(derived.records(store.query)) == []
        govkg.ingest([folder / "a.txt", folder / "b.txt"], good, batch_bytes=1)
        assert store.graph() == good.graph() and store.counts()["Person"] > 0
        with pytest.raises(InputError) as again:
            govkg.ingest([folder], store, batch_bytes=1)
        assert "before it" not in str(again.value) and store.graph() == good.graph()


def test_cli_ingests_a_folder_and_says_what_it_skipped(issues, tmp_path):
    from click.testing import CliRunner

    from govkg.cli import main

    db = tmp_path / "db"
    run = lambda *args: CliRunner().invoke(main, ["ingest", *map(str, args), "--db", str(db)])  # noqa: E731
    first = run(issues[0].parent, "--workers", "2")
    assert first.exit_code == 0, first.output
    assert f"extracted from {len(issues)} file(s)" in first.output
    again = run(issues[0].parent)
    assert again.output.count("already ingested") == len(issues) and "(+" not in again.output


def test_ladybug_copy_first_load_equals_a_merge_load(issues, tmp_path, monkeypatch):
    data = build(govkg.extract(issues).facts)
    with LadybugStore(tmp_path / "copy") as store:
        store.write(data)
        copied = dump(store)
    _merge_ladybug(monkeypatch)
    with LadybugStore(tmp_path / "merge") as store:
        store.write(data)
        merged = dump(store)
        store.write(data)  # and a second load of the same graph changes nothing
        assert dump(store) == merged
    assert copied == merged and sum(map(len, copied.values())) > 3000


def test_ladybug_mixed_load_creates_new_and_merges_held_nodes(issues, tmp_path, monkeypatch):
    """A later gazette's new nodes are CREATEd beside the ones it shares with an earlier one."""
    first, second = build(govkg.extract(issues[:2]).facts), build(govkg.extract(issues[1:]).facts)
    with LadybugStore(tmp_path / "mixed") as store:
        store.write(first)
        store.write(second)
        mixed = dump(store)
    _merge_ladybug(monkeypatch)
    with LadybugStore(tmp_path / "merge") as store:
        store.write(first)
        store.write(second)
        assert dump(store) == mixed


@pytest.mark.neo4j
def test_neo4j_create_load_equals_a_merge_load(issues, monkeypatch):
    data = build(govkg.extract(issues[:2]).facts)
    store = _neo4j_or_skip()
    try:
        store.clear()
        store.write(data)
        created = dump(store)
        store.write(data)
        assert dump(store) == created
        store.clear()
        monkeypatch.setattr(bulk, "split", _merge_only)
        store.write(data)
        assert dump(store) == created
    finally:
        store.close()


def test_import_csv_numbers_nodes_and_names_the_files_with_line_breaks(tmp_path):
    unit, doc = Node("Unit", {"id": "u1", "name": "单位"}), Node("Document", {"id": "d1", "title": "第一行\n第二行"})
    data = GraphData((unit, doc), (Edge("ISSUED_BY", ("Document", "d1"), ("Unit", "u1")),))
    args = write_csv(data, {"a.txt": ["一", "二"]}, {}, SCHEMA, tmp_path)
    assert args[:3] == ["--id-type=actual", "--multiline-fields-format=v2",
                        f"--multiline-fields={tmp_path / 'Document.csv'},{tmp_path / 'SourceText.csv'}"]
    numbers = {n.split(",")[1]: n.split(",")[0] for path in ("Unit.csv", "Document.csv")
               for n in (tmp_path / path).read_text("utf-8").splitlines()[1:2]}
    edge = (tmp_path / "ISSUED_BY-Document-Unit.csv").read_text("utf-8").splitlines()[1]
    assert edge == f"{numbers['d1']},{numbers['u1']}" and sorted(numbers.values()) == ["0", "1"]
    with pytest.raises(govkg.StoreError, match="twice"):
        write_csv(GraphData((unit, unit), ()), {}, {}, SCHEMA, tmp_path)
    with pytest.raises(govkg.StoreError, match="not among the nodes"):
        write_csv(GraphData((doc,), data.edges), {}, {}, SCHEMA, tmp_path)


@pytest.mark.neo4j
def test_neo4j_admin_import_equals_a_transactional_load(issues):
    paths = issues[:2]
    store = _neo4j_or_skip()
    try:
        store.clear()
        govkg.ingest(paths, store)
        loaded = dump(store)
        with pytest.raises(govkg.StoreError, match="not empty"):
            import_graph(GraphData((), ()), _neo4j_or_skip)
        store.clear()
    finally:
        store.close()
    from graph.neo4j_import import bulk_import

    report = bulk_import(paths, _neo4j_or_skip)
    assert report.files == tuple(map(str, paths))
    store = _neo4j_or_skip()
    try:
        assert dump(store) == loaded
        assert govkg.ingest(paths, store).files == ()  # the import recorded the files too
    finally:
        store.clear()
        store.close()
