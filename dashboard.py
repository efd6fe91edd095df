"""govkg dashboard: ask the catalog, search the graph, read the sources, write Cypher.

Run with `govkg dashboard` (or `streamlit run dashboard.py -- --db DIR`).
Every table comes with the source lines of its facts, and every picture is a
pyvis view of the nodes in the table, so that a researcher can move from a
question to the text that answers it in two clicks.

Whatever a gazette or a visitor typed is text here, never markup: Markdown
pieces go through `md`, picture tooltips are escaped whenever pyvis would
render them as HTML, and the picture runs in a `data:` iframe, an opaque
origin whose script cannot reach the app. Source lines come from the store,
never from a file a facts record names. Errors never show a traceback.
"""

from __future__ import annotations

import argparse
import base64
import html
import logging
import os
import re
import sys

import pandas as pd
import streamlit as st
from pyvis.network import Network

import govkg
from govkg.tables import cell, csv_text
from graph import console as cypher_console
from graph.schema import load as load_schema
from graph.store import Store, StoreError

log = logging.getLogger("govkg.dashboard")

ENTITY_COLUMNS = {  # column → the kind of node its values name, for the pictures
    "lead": "Unit", "units": "Unit", "unit": "Unit", "person": "Person", "contact": "Person",
    "group_name": "LeadingGroup", "post": "Post", "doc_number": "Document",
    "appointed_in": "Document", "removed_in": "Document",
}
SUBJECT_COLUMNS = ("task", "post", "title", "person")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", default=os.environ.get("GOVKG_TARGET", "ladybug"))
    parser.add_argument("--db", default=os.environ.get("GOVKG_DB"))
    return parser.parse_known_args(sys.argv[1:])[0]


@st.cache_resource
def connect(target: str, db: str | None, neo4j: tuple[str | None, ...]) -> Store:
    """One store for every visitor: each query gets a connection (LadybugDB) or session (Neo4j) of its own.

    Every setting that picks the store is an argument, so that the cache never hands out another store.
    """
    return govkg.open_store(target, db, read_only=True)


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#!|~:$])")
_LIST_MARKER = re.compile(r"^([-+]|\d+(?=[.)]))")


def md(text: object) -> str:
    """`text` on one line for a Markdown element, every character that Markdown or Streamlit
    reads (links, images, emphasis, HTML, emoji and colour codes, LaTeX, list markers) escaped."""
    escaped = _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))
    return _LIST_MARKER.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), escaped)


def _frame(result: govkg.Result) -> pd.DataFrame:
    return pd.DataFrame([[cell(v) if isinstance(v, list) else v for v in row] for row in result.rows],
                        columns=list(result.columns))


def picture(result: govkg.Result, height: int = 520) -> str:
    """A pyvis network of the rows: each row's subject linked to the entities it names."""
    schema = load_schema()
    colour = {n.label: n.colour for n in schema.nodes}
    net = Network(height=f"{height}px", width="100%", bgcolor="#ffffff", font_color="#222222", cdn_resources="in_line")
    net.barnes_hut(gravity=-4000, spring_length=120)
    for row in result.records()[:200]:
        subject_col = next((c for c in SUBJECT_COLUMNS if row.get(c)), None)
        if subject_col is None:
            continue
        subject = f"{row.get('item') or ''} {row[subject_col]}".strip()
        net.add_node(subject, label=subject[:24], title=subject, color="#9c755f", shape="box")
        for col, kind in ENTITY_COLUMNS.items():
            if col == subject_col or not row.get(col):
                continue
            values = row[col] if isinstance(row[col], list) else [row[col]]
            for value in map(str, values):
                net.add_node(value, label=value[:16], title=f"{kind}: {value}", color=colour[kind])
                net.add_edge(value, subject, title=col, width=3 if col == "lead" else 1)
    # vis-network shows a string tooltip as text, but pyvis switches every node's tooltip
    # to innerHTML as soon as one contains "href": then they must be escaped to stay text.
    if any("href" in node.get("title", "") for node in net.nodes):
        for node in net.nodes:
            node["title"] = html.escape(node["title"])
    return net.generate_html(notebook=False)


def show_picture(page: str, height: int = 540) -> None:
    """The picture in a `data:` iframe: its own opaque origin, so its script cannot reach the app."""
    st.iframe("data:text/html;base64," + base64.b64encode(page.encode("utf-8")).decode("ascii"), height=height)


def sources(store: Store, result: govkg.Result) -> None:
    """The printed lines behind each row, as the store holds them from the ingested gazette."""
    records = [r for r in result.records() if r.get("source_file") and r.get("line_start")]
    if not records:
        return
    with st.expander(f"Sources of {len(records)} rows (原文)"):
        for r in records[:50]:
            name = r["source_file"].replace("\\", "/").rsplit("/", 1)[-1]
            st.markdown(f"**{md(r.get('doc_number') or '')}** {md(name)} lines {r['line_start']}–{r['line_end']}")
            printed = store.printed(r["source_file"], r["line_start"], r["line_end"])
            if printed is None:
                st.caption("No printed text: the store holds only the gazettes govkg ingested itself.")
            else:
                st.code(printed, language=None, wrap_lines=True)


def ask(store: Store) -> None:
    queries = govkg.catalog()
    name = st.selectbox("Question", list(queries), format_func=lambda n: f"{queries[n].title} · {queries[n].title_zh}")
    query = queries[name]
    st.caption(query.description)
    values = {}
    for p in query.params:
        values[p.name] = st.text_input(f"{p.name} ({p.kind})", key=f"param-{name}-{p.name}", help=p.description,
                                       placeholder=p.description)
    if any(not values[p.name] and not p.optional for p in query.params):
        st.info("Fill in the parameters to run the query.")
        return
    try:
        result = govkg.query(store, name, **values)
    except (govkg.QueryError, StoreError) as e:
        st.error(md(e))
        return
    st.subheader(f"{len(result.rows)} rows")
    st.dataframe(_frame(result), hide_index=True, width="stretch")
    st.download_button("Download CSV", csv_text(result.columns, result.rows).encode("utf-8-sig"), f"{name}.csv",
                       "text/csv")
    if result.rows:
        show_picture(picture(result))
    sources(store, result)


def search(store: Store) -> None:
    text = st.text_input("Search names of units, people, posts, groups, tasks and documents", key="search")
    if not text:
        return
    frames = []
    for node in load_schema().nodes:
        # Labels come from the ontology, the search text travels as a parameter.
        r = store.query(f"MATCH (n:{node.label}) WHERE n.name CONTAINS $text OR n.id = $text "
                        f"RETURN n.id AS id, n.name AS name ORDER BY name LIMIT 50", {"text": text})
        if r.rows:
            frames.append(_frame(r).assign(kind=node.label))
    units = govkg.query(store, "responsibilities-of", unit=text)
    career = govkg.query(store, "person-career", person=text)
    if not frames and not units.rows and not career.rows:
        st.warning(f"Nothing matches {md(repr(text))}.")
        return
    if frames:
        st.dataframe(pd.concat(frames)[["kind", "name", "id"]], hide_index=True, width="stretch")
    if career.rows:
        st.subheader(f"Career of {md(text)} (任职经历)")
        st.dataframe(_frame(career), hide_index=True, width="stretch")
    if units.rows:
        st.subheader(f"Responsibilities of units matching {md(repr(text))}")
        st.dataframe(_frame(units), hide_index=True, width="stretch")
        show_picture(picture(units))


def console(store: Store) -> None:
    limits = cypher_console.Limits.from_env()
    st.caption(f"Read-only Cypher, one statement of MATCH, OPTIONAL MATCH, WITH, WHERE, RETURN, ORDER BY, SKIP, "
               f"LIMIT, UNWIND, UNION: {limits.describe()}. LadybugDB and Neo4j share the subset in the catalog.")
    cypher = st.text_area("Cypher", "MATCH (u:Unit)-[:LEADS]->(t:Task) RETURN u.id AS unit, count(t) AS tasks ORDER BY tasks DESC LIMIT 10",
                          key="cypher", height=120)
    if st.button("Run", key="run-cypher"):
        try:
            result = cypher_console.run(store, cypher, limits)
        except StoreError as e:
            st.error(md(e))
            return
        st.dataframe(_frame(result), hide_index=True, width="stretch")
        if result.truncated:
            st.caption(f"The first {limits.max_rows:,} rows only: the console's row limit.")


def main() -> None:
    st.set_page_config(page_title="govkg", page_icon="🏛️", layout="wide")
    st.set_option("client.showErrorDetails", "none")
    try:
        page()
    except Exception:  # st.stop() and reruns are BaseExceptions and pass through
        log.exception("dashboard error")
        st.error("Something went wrong on the server; the details are in its log.")


def page() -> None:
    args = _args()
    st.title("govkg · 政务知识图谱")
    try:
        store = connect(args.target, args.db,
                        tuple(os.environ.get(f"NEO4J_{k}") for k in ("URI", "USER", "PASSWORD", "DATABASE")))
    except StoreError as e:
        st.error(md(e))
        st.stop()
    with st.sidebar:
        st.header("Graph")
        counts = store.counts()
        st.dataframe(pd.DataFrame([{"kind": k, "count": v} for k, v in counts.items() if v]),
                     hide_index=True, width="stretch")
        st.caption(f"store: {store.name}")
    tab_ask, tab_search, tab_cypher = st.tabs(["Ask 查询", "Search 搜索", "Cypher"])
    with tab_ask:
        ask(store)
    with tab_search:
        search(store)
    with tab_cypher:
        console(store)


if __name__ == "__main__":
    main()
