"""The search page: ranked results over every kind, facets by kind and document, and never a silent nothing."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from govkg.views import data
from govkg.views.i18n import class_label, t
from govkg.views.links import PAGES, Names
from govkg.views.pages import suggest
from govkg.views.search import search
from govkg.views.table import Col, table


def search_page(opened: data.Opened, names: Names, lang: str) -> None:
    text = st.text_input(t("search_box", lang), value=st.query_params.get("q", ""), key="search")
    if text != st.query_params.get("q", ""):
        st.query_params["q"] = text
    if not text.strip():
        return
    answer = search(opened, text)
    if answer.unglossed:
        st.info(t("english_hint", lang, words=t("no_gloss", lang, words=", ".join(answer.unglossed))))
    if answer.glossed:
        st.caption(" · ".join(t("via_gloss", lang, word=w, zh=zh) for w, zh in answer.glossed))
    if not answer.hits:
        st.warning(t("unknown_name", lang, text=text))
        suggest(names, answer.suggestions, lang)
        return
    kinds = Counter(h.entity.kind for h in answer.hits)
    chosen = st.pills(t("facet_kind", lang), list(kinds), selection_mode="multi", key="facet-kind",
                      format_func=lambda k: f"{class_label(k, lang)} ({kinds[k]})")
    hits = [h for h in answer.hits if not chosen or h.entity.kind in chosen]
    docs = Counter(d for h in hits for d in h.entity.docs)
    doc = st.selectbox(t("facet_doc", lang), ["", *sorted(docs)], key="facet-doc",
                       format_func=lambda d: f"{names.short('Document', d)} ({docs[d]})" if d else "—")
    hits = [h for h in hits if not doc or doc in h.entity.docs]
    st.subheader(t("results", lang, n=len(hits)))
    rows = [{"kind": class_label(h.entity.kind, lang), "name": h.entity.id, "page": PAGES[h.entity.kind],
             "matched": h.how, "documents": list(h.entity.docs)} for h in hits]
    by_page: dict[str, list[dict]] = {}
    for r in rows:
        by_page.setdefault(r["page"], []).append(r)
    for page, group in by_page.items():
        table(group, [Col("kind", label=t("kind", lang)), Col("name", page, t("names", lang)),
                      Col("matched", label=t("matched_by", lang)),
                      Col("documents", "document", t("facet_doc", lang))],
              names, lang, f"search-{page}")
