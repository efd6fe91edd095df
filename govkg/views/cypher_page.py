"""The Cypher console for notebook users: the schema beside the editor, examples, answers as
a table and, when nodes or paths come back, as a picture; errors in a sentence.

It stays read-only on both stores: every statement goes through
`graph.console.run` (one statement of read clauses, a time limit, a row cap).
Whole nodes show as their names linked to their pages, never as internal ids.
"""

from __future__ import annotations

import json
from typing import Any

import streamlit as st

from govkg.views import data
from govkg.views.i18n import class_label, rel_label, short, t
from govkg.views.links import PAGES, Names, href
from govkg.views.picture import Picture, render, show_picture
from govkg.views.table import Col, table
from graph import console
from graph.console import ReadOnlyError
from graph.schema import load as load_schema
from graph.store import Result, StoreError

EXAMPLES = (
    "MATCH (u:Unit)-[:LEADS]->(t:Task) RETURN u.id AS unit, count(t) AS tasks ORDER BY tasks DESC LIMIT 10",
    "MATCH (p:Person)-[:HAS_MEMBERSHIP]->(m:Membership)-[:IN_GROUP]->(g:LeadingGroup) "
    "RETURN g.name AS group_name, m.role AS role, p.name AS person LIMIT 20",
    "MATCH (u:Unit)-[r:LEADS]->(t:Task) WHERE u.id CONTAINS '应急' RETURN u, r, t LIMIT 15",
    "MATCH path = (p:Person)-[:HOLDS]->(:Tenure)-[:OF_POST]->(:Post)-[:POST_IN]->(:Unit) RETURN path LIMIT 10",
    "MATCH (d:Document) RETURN d.doc_number AS doc_number, d.title AS title, d.date AS date ORDER BY date",
)
# What the read-only check says of a statement it cannot read at all: a syntax error, not a write.
STRUCTURE = ("is not closed", "cannot read the statement", "statement is empty", "starts with a clause")
ERRORS = (  # (words of the engine's message, the sentence for the visitor)
    (("parser exception", "invalid input", "syntax", *STRUCTURE), "error_syntax"),
    (("binder exception", "cannot find", "does not exist", "not exist", "unknown"), "error_unknown"),
)
INTERNAL = ("_ID", "_SRC", "_DST", "_LABEL")


def schema_sidebar(lang: str) -> None:
    schema = load_schema()
    st.markdown(f"**{t('labels', lang)}**")
    for node in schema.nodes:
        with st.expander(f"{node.label} · {class_label(node.label, lang)}"):
            st.caption(", ".join(f"{p.name} ({short(p.label_zh if lang == 'zh' else p.label_en)})"
                                 for p in node.properties))
    st.markdown(f"**{t('rel_types', lang)}**")
    for rel in schema.rels:
        pairs = ", ".join(f"{a}→{b}" for a, b in rel.pairs[:3]) + (" …" if len(rel.pairs) > 3 else "")
        st.caption(f"{rel.type} · {rel_label(rel.type, lang)}: {pairs}")


def explain(error: StoreError, lang: str) -> None:
    """The error in a sentence, the engine's own words below it."""
    message = str(error)
    lowered = message.lower()
    if isinstance(error, ReadOnlyError) and not any(w in lowered for w in STRUCTURE):
        key = "error_readonly"
    elif "time limit" in lowered:
        key = "error_timeout"
    else:
        key = next((k for words, k in ERRORS if any(w in lowered for w in words)), "error_other")
    st.error(t(key, lang))
    st.caption(t("engine_says", lang))
    st.code(message, language=None, wrap_lines=True)


def _items(value: Any) -> list[dict]:
    """Nodes and relationships inside a returned value (a node, a relationship, a path, a list)."""
    if isinstance(value, dict) and "_NODES" in value:
        return [*value["_NODES"], *value["_RELS"]]
    if isinstance(value, dict) and "_LABEL" in value:
        return [value]
    if isinstance(value, list):
        return [item for v in value for item in _items(v)]
    return []


def _key(node: dict) -> str:
    return json.dumps(node["_ID"], sort_keys=True) if isinstance(node["_ID"], dict) else str(node["_ID"])


def _plain(value: Any, lang: str) -> Any:
    """A value for the table: a node as its id (linked by the table), others without internal keys."""
    if isinstance(value, dict) and value.get("_LABEL") in PAGES and "id" in value:
        return value["id"]
    if isinstance(value, dict) and "_NODES" in value:
        return " → ".join(str(n.get("name") or n.get("id")) for n in value["_NODES"])
    if isinstance(value, dict) and "_LABEL" in value and "_SRC" in value:
        return rel_label(value["_LABEL"], lang) if value["_LABEL"] in {r.type for r in load_schema().rels} \
            else value["_LABEL"]
    if isinstance(value, dict):
        return json.dumps({k: v for k, v in value.items() if k not in INTERNAL}, ensure_ascii=False, default=str)
    return value


def graph_of(result: Result, names: Names, lang: str) -> Picture | None:
    """The nodes and relationships the rows hold, or None when they hold none."""
    items = [item for row in result.rows for value in row for item in _items(value)]
    nodes = {_key(i): i for i in items if "_SRC" not in i and i.get("_LABEL") in {n.label for n in load_schema().nodes}}
    if not nodes:
        return None
    drawn = Picture()
    for key, node in nodes.items():
        kind = node["_LABEL"]
        label = names.short(kind, node["id"]) if kind in PAGES else str(node.get("name") or "")[:14]
        lines = [f"{class_label(kind, lang)}: {node.get('name') or node.get('id')}"]
        drawn.node(key, kind, label, lines, href(kind, node["id"], lang) if kind in PAGES else "")
    for rel in (i for i in items if "_SRC" in i):
        src, dst = (json.dumps(rel[k], sort_keys=True) if isinstance(rel[k], dict) else str(rel[k])
                    for k in ("_SRC", "_DST"))
        if src in nodes and dst in nodes:
            drawn.edge(src, dst, rel_label(rel["_LABEL"], lang))
    return drawn


def cypher_page(opened: data.Opened, names: Names, lang: str) -> None:
    limits = console.Limits.from_env()
    editor, side = st.columns([3, 1])
    with side:
        st.markdown(f"#### {t('schema', lang)}")
        schema_sidebar(lang)
    with editor:
        st.caption(t("console_limits", lang, limits=limits.describe()))
        example = st.selectbox(t("examples", lang), EXAMPLES, key="example")
        cypher = st.text_area("Cypher", example, key="cypher", height=120)
        if not st.button(t("run", lang), key="run-cypher"):
            return
        try:
            result = console.run(opened.store, cypher, limits)
        except StoreError as e:
            explain(e, lang)
            return
        st.subheader(t("rows", lang, n=len(result.rows)))
        if result.truncated:
            st.caption(t("truncated", lang, n=f"{limits.max_rows:,}"))
        records = [{c: _plain(v, lang) for c, v in zip(result.columns, row)} for row in result.rows]
        kinds = {c: next((v["_LABEL"] for row in result.rows for v in [row[i]] if isinstance(v, dict)
                          and v.get("_LABEL") in PAGES), None) for i, c in enumerate(result.columns)}
        table(records, [Col(c, PAGES[kinds[c]] if kinds[c] else None, c) for c in result.columns], names, lang,
              "cypher")
        drawn = graph_of(result, names, lang)
        if drawn is not None:
            show_picture(render(drawn, lang))
