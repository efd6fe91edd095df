"""The ontology drives the stores and the RDF export: check that it really does."""

from __future__ import annotations

import pyshacl
from rdflib import RDFS, Literal

from graph.build import build
from graph.ladybug_store import ddl
from graph.neo4j_store import constraints
from graph.rdf import shapes, to_rdf
from graph.schema import load

CLASSES = {"Person", "Unit", "Post", "Document", "Appointment", "Tenure", "LeadingGroup", "Membership",
           "Task", "Measure", "ContactPoint", "Judgement"}


def test_ontology_declares_the_model_with_keys_and_both_labels():
    schema = load()
    assert {n.label for n in schema.nodes} == CLASSES
    for node in schema.nodes:
        assert node.key == "id" and node.properties[0].name == "id"
        assert node.label_en and node.label_zh and node.label_zh != node.label
    for rel in schema.rels:
        assert rel.pairs and rel.label_zh
        assert (rel.iri, RDFS.label, Literal(rel.label_en, lang="en")) in schema.graph


def test_store_schemas_are_generated_from_the_ontology():
    schema = load()
    tables = ddl(schema)
    assert len(tables) == len(schema.nodes) + len(schema.rels)
    assert any(t.startswith("CREATE REL TABLE IF NOT EXISTS LEADS(FROM Unit TO Measure, FROM Unit TO Task)") for t in tables)
    unique = [c for c in constraints(schema) if "IS UNIQUE" in c]
    assert len(unique) == len(schema.nodes)


def test_rdf_export_conforms_to_the_shapes_derived_from_the_ontology(extraction):
    data = build(extraction.facts)
    g = to_rdf(data)
    conforms, _, report = pyshacl.validate(g, shacl_graph=shapes(), inference="none")
    assert conforms, report
    assert len(set(g.subjects())) == len(data.nodes)


def test_a_database_from_an_older_ontology_is_brought_up_to_date(tmp_path):
    from graph.ladybug_store import LadybugStore
    from graph.store import StoreError
    import govkg
    from tests.conftest import GAZETTE

    with LadybugStore(tmp_path / "db") as store:  # then make it look older
        store.execute("DROP TABLE POSITION_IN")
        store.execute("ALTER TABLE Unit DROP name_en")
    try:
        LadybugStore(tmp_path / "db", read_only=True)
        raise AssertionError("opened an outdated database read-only")
    except StoreError as e:
        assert "older govkg" in str(e) and "govkg ingest" in str(e)
    with LadybugStore(tmp_path / "db") as store:
        govkg.ingest([GAZETTE], store)
        assert store.counts()["POSITION_IN"] > 0
        assert govkg.query(store, "tasks-led-by", unit="emergency bureau").rows
    LadybugStore(tmp_path / "db", read_only=True).close()
