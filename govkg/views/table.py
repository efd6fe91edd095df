"""Tables whose every name is a link, with CSV and JSON of what they show.

A table is HTML that Streamlit sanitises (`st.html`), built here with every
value escaped: whatever a gazette printed stays text. Cells that hold an
entity's id show its name and link to its page; a list of ids is a list of
links; stored words (appoint, lead, measure) show in the visitor's language;
a missing value is an empty cell, never `None`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Any, Sequence

import streamlit as st

from govkg.tables import csv_text
from govkg.views.i18n import column_label, t, value_label
from govkg.views.links import KIND_OF_PAGE, Names
from queries.catalog import Query

STYLE = """<style>
table.govkg{border-collapse:collapse;width:100%;font-size:0.9rem}
table.govkg th{text-align:left;background:#f3f4f6;padding:4px 8px;border-bottom:2px solid #d0d4da;white-space:nowrap}
table.govkg td{padding:4px 8px;border-bottom:1px solid #eceef1;vertical-align:top}
table.govkg a{text-decoration:none}
</style>"""
MAX_ROWS = 300


@dataclass(frozen=True)
class Col:
    name: str  # the result column
    page: str | None = None  # the page its ids open (unit, person, …); None for plain values
    label: str | None = None  # a header other than the column's own label


def _cell(value: Any, col: Col, names: Names, lang: str) -> tuple[str, str]:
    """(HTML, plain text) of one value."""
    if value is None or value == "" or value == []:
        return "", ""
    if isinstance(value, list):
        parts = [_cell(v, col, names, lang) for v in value]
        return "、".join(p[0] for p in parts), "、".join(p[1] for p in parts)
    if isinstance(value, bool):
        return ("✓", t("yes", lang)) if value else ("", "")
    if col.page:
        entity = names.resolve(str(value), KIND_OF_PAGE[col.page])
        if entity is not None:
            return names.link(entity.kind, entity.id, lang), names.display(entity)
    text = str(value_label(value, lang))
    return html.escape(text), text


def table(records: Sequence[dict[str, Any]], cols: Sequence[Col], names: Names, lang: str, key: str,
          query: Query | None = None) -> None:
    """`records` as a linked table with downloads; an empty table says so."""
    if not records:
        st.caption(t("nothing_here", lang))
        return
    headers = [c.label or column_label(c.name, lang, query) for c in cols]
    cells = [[_cell(r.get(c.name), c, names, lang) for c in cols] for r in records]
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{h}</td>" for h, _ in row) + "</tr>" for row in cells[:MAX_ROWS])
    st.html(f'{STYLE}<table class="govkg"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
    if len(cells) > MAX_ROWS:
        st.caption(t("rows", lang, n=f"{MAX_ROWS} / {len(cells)}"))
    left, right, _ = st.columns([1, 1, 10])
    left.download_button(t("download_csv", lang), csv_text(headers, [[p for _, p in row] for row in cells])
                         .encode("utf-8-sig"), f"{key}.csv", "text/csv", key=f"csv-{key}")
    right.download_button(t("download_json", lang), json.dumps(list(records), ensure_ascii=False, indent=1,
                                                                default=str),
                          f"{key}.json", "application/json", key=f"json-{key}")
