"""Questions: the catalog's named queries, asked with the words a visitor has.

A unit parameter takes any printed form, full name or English words; when it
names no unit, the page says so and offers the nearest known names instead of
an empty table. An English keyword is read through the glossary (gas → 燃气),
or the page says that task texts are Chinese.
"""

from __future__ import annotations

import re

import streamlit as st

import govkg
from govkg.views import data
from govkg.views.i18n import class_label, column_label, t, title
from govkg.views.links import Names, href
from govkg.views.pages import suggest
from govkg.views.picture import Picture, render, show_picture
from govkg.views.search import glossary, index, nearest
from govkg.views.table import Col, table
from govkg.views.text import md, sources
from graph.store import StoreError
from queries.catalog import match_units

ENTITY_COLUMNS = {  # column → the kind of entity its values name
    "lead": "Unit", "units": "Unit", "unit": "Unit", "person": "Person", "contact": "Person",
    "group_name": "LeadingGroup", "post": "Post", "doc_number": "Document", "appointed_in": "Document",
    "removed_in": "Document", "parent": "Document",
}
SUBJECT_COLUMNS = {"task": "Task", "post": "Post", "title": "Document", "person": "Person"}
PAGE_OF = {"Unit": "unit", "Person": "person", "LeadingGroup": "group", "Post": "post", "Document": "document"}
HIDDEN = {"source_file", "line_start", "line_end", "person_id"}
PICTURE_CAP = 60


def picture(result: govkg.Result, names: Names | None = None, lang: str = "en") -> str:
    """The rows as a picture: each row's subject linked to the entities it names, one node per
    entity when `names` resolves them (区人社局 and 区人力社保局 are one unit), at most PICTURE_CAP nodes."""
    drawn = Picture()
    for row in result.records():
        subject_col = next((c for c in SUBJECT_COLUMNS if row.get(c)), None)
        if subject_col is None:
            continue
        kind = SUBJECT_COLUMNS[subject_col]
        text = f"{row.get('item') or ''} {row[subject_col]}".strip()
        own = names.resolve(str(row.get("doc_number")), ("Document",)) if names and kind == "Document" else None
        subject = f"{kind}:{own.id}" if own else f"row:{text}"
        if len(drawn.nodes) >= PICTURE_CAP and subject not in drawn.nodes:
            break
        drawn.node(subject, kind, text[:14] + ("…" if len(text) > 14 else ""), [text],
                   href(kind, own.id, lang) if own else "")
        for col, entity_kind in ENTITY_COLUMNS.items():
            if col == subject_col or not row.get(col):
                continue
            for value in map(str, row[col] if isinstance(row[col], list) else [row[col]]):
                entity = names.resolve(value, (entity_kind,)) if names else None
                key = f"{entity_kind}:{entity.id if entity else value}"
                if key == subject:
                    continue
                label = names.short(entity_kind, entity.id) if entity else value[:16]
                drawn.node(key, entity_kind, label, [f"{class_label(entity_kind, lang)}: {entity.name if entity else value}"],
                           href(entity_kind, entity.id, lang) if entity else "")
                drawn.edge(key, subject, column_label(col, lang))
    return render(drawn, lang)


def _unknown_unit(opened: data.Opened, text: str, lang: str) -> None:
    st.warning(t("unknown_name", lang, text=text))
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    glossed = [(w, glossary()[w]) for w in words if w in glossary()]
    close = [e for e in nearest(index(opened), text, glossed) if e.kind == "Unit"] or nearest(index(opened), text)
    suggest(Names(index(opened)), close, lang)


def _keyword(text: str, lang: str) -> str:
    """An English keyword in Chinese through the glossary, saying so; other keywords as typed."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)]
    if not words:
        return text
    known = [w for w in words if w in glossary()]
    missing = [w for w in words if w not in glossary()]
    if missing:
        st.info(t("english_hint", lang, words=t("no_gloss", lang, words=", ".join(missing))))
        return text
    chinese = "".join(glossary()[w][0] for w in known)
    st.caption(" · ".join(t("via_gloss", lang, word=w, zh="/".join(glossary()[w])) for w in known))
    return chinese


def ask(opened: data.Opened, names: Names, lang: str) -> None:
    queries = {name: q for name, q in govkg.catalog().items() if q.page is None}
    name = st.selectbox(t("question", lang), list(queries), format_func=lambda n: title(queries[n], lang),
                        key="question")
    query = queries[name]
    st.caption(query.description)
    values = {}
    for p in query.params:
        values[p.name] = st.text_input(column_label(p.name, lang, query), key=f"param-{name}-{p.name}",
                                       help=p.description, placeholder=p.description)
    if any(not values[p.name] and not p.optional for p in query.params):
        st.info(t("fill_params", lang))
        return
    for p in query.params:
        if p.kind == "unit" and values[p.name] and not match_units(opened.store, values[p.name]):
            return _unknown_unit(opened, values[p.name], lang)
        if p.name == "keyword":
            values[p.name] = _keyword(values[p.name], lang)
    try:
        result = data.ask(opened, name, **values)
    except (govkg.QueryError, StoreError) as e:
        st.error(md(e))
        return
    st.subheader(t("rows", lang, n=len(result.rows)))
    records = result.records()
    cols = [Col(c, PAGE_OF.get(ENTITY_COLUMNS.get(c) or SUBJECT_COLUMNS.get(c, ""))) for c in result.columns
            if c not in HIDDEN]
    table(records, cols, names, lang, name, query)
    if result.rows:
        show_picture(picture(result, names, lang))
    sources(opened, names, records, lang, doc_column="doc_number")
