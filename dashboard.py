"""govkg dashboard: a page for every unit, person, group, task and document, linked; search; questions; Cypher.

Run with `govkg dashboard` (or `streamlit run dashboard.py -- --db DIR`).
Every view has its own URL (`?page=unit&id=…&lang=zh`), so it can be
bookmarked and sent, and only the open view runs its queries, answered from a
cache keyed by the store's version: a gazette ingested while the dashboard
runs shows on the next load. The views live in `govkg/views/`.

Whatever a gazette or a visitor typed is text here, never markup: Markdown
pieces go through `md`, tables and links are built with every value escaped,
picture tooltips are escaped, and pictures run in a `data:` iframe, an
opaque origin whose script cannot reach the app. Source lines come from the
store, never from a file a facts record names. Errors never show a traceback.
"""

from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from govkg.views import data
from govkg.views.ask import ask, picture
from govkg.views.cypher_page import cypher_page
from govkg.views.i18n import LANGS, class_label, t
from govkg.views.links import Names
from govkg.views.pages import PAGES, View
from govkg.views.picture import show_picture
from govkg.views.search import index
from govkg.views.search_page import search_page
from govkg.views.text import md
from graph.schema import load as load_schema
from graph.store import StoreError

__all__ = ["main", "md", "picture", "show_picture"]
log = logging.getLogger("govkg.dashboard")
VIEWS = {"ask": ask, "search": search_page, "cypher": cypher_page}


def _go(**params: str) -> None:
    """Open another view in this session (a button's callback): the URL follows."""
    lang = st.query_params.get("lang", "en")
    st.query_params.clear()
    st.query_params.update({**params, "lang": lang})


def sidebar(chosen: data.Settings, opened: data.Opened, lang: str) -> None:
    with st.sidebar:
        st.markdown(f"### {t('app', lang)}")
        picked = st.segmented_control(t("language", lang), LANGS, default=lang, key="lang",
                                      format_func=lambda l: {"en": "English", "zh": "中文"}[l])
        if picked and picked != lang:
            st.query_params["lang"] = picked
            st.rerun()
        for view in ("search", "ask", "cypher"):
            st.button(t({"search": "search", "ask": "ask", "cypher": "console"}[view], lang), key=f"nav-{view}",
                      on_click=_go, kwargs={"page": view}, width="stretch")
        st.markdown(f"**{t('store', lang)}**")
        st.caption(t("store_where", lang, name=opened.store.name, where=chosen.where()))
        counts = data.counts(opened)
        labels = [n.label for n in load_schema().nodes]
        st.dataframe(pd.DataFrame([{t("kind", lang): class_label(k, lang), t("count", lang): counts[k]}
                                   for k in labels if counts.get(k)]), hide_index=True, width="stretch")


def empty(chosen: data.Settings, lang: str) -> None:
    st.info(t("empty_store", lang))
    where = f" --db {chosen.folder}" if chosen.target == "ladybug" else " --target neo4j"
    st.code(f"govkg ingest data/gazettes/*.txt{where}", language="bash")


def page() -> None:
    lang = st.query_params.get("lang", "en")
    lang = lang if lang in LANGS else "en"
    chosen = data.settings()
    try:
        opened = data.open_current(chosen)
    except StoreError as e:
        st.error(md(e))
        empty(chosen, lang)
        st.stop()
    sidebar(chosen, opened, lang)
    if not data.counts(opened).get("Document"):
        empty(chosen, lang)
        return
    names = Names(index(opened))
    view = st.query_params.get("page", "ask")
    if view in PAGES:
        PAGES[view](View(opened, names, lang), st.query_params.get("id", ""))
    else:
        VIEWS.get(view, ask)(opened, names, lang)


def main() -> None:
    st.set_page_config(page_title="govkg", page_icon="🏛️", layout="wide")
    st.set_option("client.showErrorDetails", "none")
    try:
        page()
    except Exception:  # st.stop() and reruns are BaseExceptions and pass through
        log.exception("dashboard error")
        st.error(t("server_error", st.query_params.get("lang", "en") if st.query_params.get("lang") in LANGS
                   else "en"))


if __name__ == "__main__":
    main()
