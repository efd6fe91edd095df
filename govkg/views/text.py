"""Gazette text on screen: escaped for Markdown, cleaned of markup, shown with its source.

A gazette is data, never markup: a title such as `![t](http://…)` must not
load an image, nor `<p>` show as a tag. Source lines come from the text the
store kept when govkg ingested the gazette, never from a file a facts record
names, and are shown under the number and title of their document.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

import streamlit as st

from govkg.views import data
from govkg.views.i18n import t
from govkg.views.links import Names

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#!|~:$])")
_LIST_MARKER = re.compile(r"^([-+]|\d+(?=[.)]))")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
SOURCES_SHOWN = 50


def md(text: object) -> str:
    """`text` on one line for a Markdown element, every character that Markdown or Streamlit
    reads (links, images, emphasis, HTML, emoji and colour codes, LaTeX, list markers) escaped."""
    escaped = _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))
    return _LIST_MARKER.sub(lambda m: m.group(1) + "\\" if m.group(1)[0].isdigit() else "\\" + m.group(1), escaped)


def clean(printed: str) -> str:
    """Printed lines without the HTML tags some copies carry (a table cell's <p>…</p>)."""
    return "\n".join(" ".join(_TAG.sub(" ", line).split()) for line in printed.split("\n"))


def document_heading(names: Names, doc_id: str | None, file: str) -> str:
    """`**number** title`, or the file's name when the lines belong to no document."""
    entity = names.get("Document", doc_id) if doc_id else None
    if entity is None:
        return md(file.replace("\\", "/").rsplit("/", 1)[-1])
    number = "" if entity.id.startswith("doc:") else f"**{md(entity.id)}** "
    return number + md(entity.name)


def sources(opened: data.Opened, names: Names, records: Sequence[dict[str, Any]], lang: str,
            doc_column: str = "doc_id") -> None:
    """The printed lines behind each record (source_file, line_start, line_end), in an expander."""
    records = [r for r in records if r.get("source_file") and r.get("line_start")]
    if not records:
        return
    with st.expander(t("sources", lang, n=len(records))):
        for r in records[:SOURCES_SHOWN]:
            doc = r.get(doc_column) or r.get("doc_number")
            st.markdown(f"{document_heading(names, doc, r['source_file'])} · "
                        f"{t('lines', lang, start=r['line_start'], end=r['line_end'])}")
            printed = data.printed(opened, r["source_file"], r["line_start"], r["line_end"])
            if printed is None:
                st.caption(t("no_printed", lang))
            else:
                st.code(clean(printed), language=None, wrap_lines=True)
