"""A page for every unit, person, group, task or measure, document and post.

Each page is what its visitor came for, first: for a unit, its names, the
tasks it leads and shares, its posts and their holders, its groups and
contacts; for a person, the timeline of appointments and removals; for a
task, its units with the lead marked and whom to call. Every name links to
its own page, and each page ends with the entity's neighbourhood as a
picture. Only the open page's queries run, answered from the per-version cache.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape
from typing import Sequence

import streamlit as st

from govkg.views import data, ego
from govkg.views.i18n import class_label, column_label, t, value_label
from govkg.views.links import KIND_OF_PAGE, Names
from govkg.views.picture import render, show_picture
from govkg.views.search import Entity, nearest
from govkg.views.table import Col, table
from govkg.views.text import clean, md, sources
from queries.catalog import get


@dataclass(frozen=True)
class View:
    opened: data.Opened
    names: Names
    lang: str

    def ask(self, name: str, **params: str) -> list[dict]:
        return data.ask(self.opened, name, **params).records()

    def link(self, kind: str, id_: str | None, text: str | None = None) -> str:
        return self.names.link(kind, id_, self.lang, text)

    def section(self, heading: str, name: str, cols: list[Col], rows: list[dict] | None = None, **params: str) -> None:
        """A heading and the linked table of catalog query `name` (or of `rows` already read from it)."""
        st.subheader(heading)
        table(self.ask(name, **params) if rows is None else rows, cols, self.names, self.lang, name, get(name))

    def header(self, kinds: tuple[str, ...], page: str, id_: str, title: str | None = None) -> Entity | None:
        """The entity's title and class; None, after saying so and offering near names, for an unknown id."""
        entity = self.names.find(id_, kinds)
        if entity is None:
            missing(self, page, id_)
            return None
        st.title(title or entity.name)
        st.caption(class_label(entity.kind, self.lang))
        return entity


def _fact(label: str, value_html: str) -> None:
    """One line `label: value`; the value is HTML whose text was escaped."""
    if value_html:
        st.html(f"<div><b>{escape(label)}</b>: {value_html}</div>")


def suggest(names: Names, entities: Sequence[Entity], lang: str) -> None:
    """Links to the nearest known names, after a name the store does not know."""
    if entities:
        st.html(f"<div>{escape(t('did_you_mean', lang))} "
                + " · ".join(names.link(e.kind, e.id, lang) for e in entities) + "</div>")


def picture(view: View, kind: str, id_: str) -> None:
    st.subheader(t("picture", view.lang))
    drawn = ego.ego(view.opened, view.names, kind, id_, view.lang)
    if drawn.total > ego.CAP:
        st.caption(t("picture_cap", view.lang, shown=ego.CAP, total=drawn.total))
    show_picture(render(drawn, view.lang))


def missing(view: View, page: str, id_: str) -> None:
    """An id the store does not know: say so, and offer the nearest names."""
    kinds = KIND_OF_PAGE[page]
    st.warning(t("not_found", view.lang, kind=class_label(kinds[0], view.lang)))
    suggest(view.names, nearest(tuple(view.names.by_key.values()), id_), view.lang)


def unit(view: View, id_: str) -> None:
    if view.header(("Unit",), "unit", id_, view.names.unit_short(id_)) is None:
        return
    lang = view.lang
    (head,) = view.ask("unit", unit=id_) or [{}]
    _fact(t("names", lang), escape(id_))
    _fact(t("printed_forms", lang), "、".join(escape(a) for a in head.get("aliases") or []))
    _fact(t("english_name", lang), escape(head.get("name_en") or ""))
    _fact(t("part_of", lang), view.link("Unit", head.get("part_of")))
    tasks: dict[str, dict] = {}
    for r in view.ask("unit-tasks", unit=id_):
        row = tasks.setdefault(r["task_id"], {**r, "lead": id_ if r["role"] == "lead" else None, "with": []})
        if r["other"]:
            row["with"].append(r["other"])
            if r["other_lead"]:
                row["lead"] = r["other"]
    cols = [Col("task_id", "task"), Col("kind"), Col("lead", "unit"),
            Col("with", "unit", t("co_units", lang)), Col("doc_number", "document")]
    for role, heading in (("lead", "tasks_led"), ("co-responsible", "tasks_shared")):
        rows = [r for r in tasks.values() if r["role"] == role]
        st.subheader(t(heading, lang, n=len(rows)))
        table(rows, cols, view.names, lang, f"unit-{role}", get("unit-tasks"))
    view.section(t("posts_holders", lang), "unit-posts", [Col("post_id", "post"), Col("person_id", "person"),
                 Col("start_date"), Col("end_date"), Col("as_of")], unit=id_)
    view.section(t("groups", lang), "unit-groups", [Col("group_id", "group"), Col("role"), Col("person_id", "person"),
                 Col("position")], unit=id_)
    view.section(t("contacts", lang), "unit-contacts", [Col("task_id", "task"), Col("person_id", "person"),
                 Col("phones"), Col("email")], unit=id_)
    picture(view, "Unit", id_)


def person(view: View, id_: str) -> None:
    if view.header(("Person",), "person", id_) is None:
        return
    lang = view.lang
    (head,) = view.ask("person", person=id_) or [{}]
    for line in head.get("evidence") or []:
        st.caption(md(line))
    timeline = [{**r, "action": f"{value_label(r['action'], lang)} {t('implied', lang) if r['implied'] else ''}".strip()}
                for r in view.ask("person-timeline", person=id_)]
    view.section(t("timeline", lang), "person-timeline", [Col("date"), Col("action"), Col("post_id", "post"),
                 Col("position"), Col("note"), Col("doc_id", "document")], rows=timeline)
    sources(view.opened, view.names, timeline, lang)
    view.section(t("posts_held", lang), "person-posts", [Col("post_id", "post"), Col("unit", "unit"),
                 Col("start_date"), Col("end_date"), Col("as_of")], person=id_)
    view.section(t("memberships", lang), "person-groups", [Col("group_id", "group"), Col("role"), Col("position"),
                 Col("doc_id", "document")], person=id_)
    contact_for = view.ask("person-contacts", person=id_)
    if contact_for:
        view.section(t("contact_for", lang), "person-contacts", [Col("task_id", "task"), Col("phones"),
                     Col("email"), Col("doc_id", "document")], rows=contact_for)
    picture(view, "Person", id_)


def group(view: View, id_: str) -> None:
    entity = view.header(("LeadingGroup",), "group", id_)
    if entity is None:
        return
    lang = view.lang
    _fact(class_label("Document", lang), " · ".join(view.link("Document", d) for d in entity.docs))
    members = view.ask("group", group_id=id_)
    st.subheader(t("members_by_role", lang))
    by_role: dict[str, list[dict]] = defaultdict(list)
    for r in members:
        by_role[r["role"] or ""].append(r)
    for role, rows in by_role.items():
        st.markdown(f"**{md(role)}** ({len(rows)})")
        table(rows, [Col("person_id", "person"), Col("position"), Col("unit", "unit")], view.names, lang,
              f"group-{role}", get("group"))
    sources(view.opened, view.names, members, lang)
    picture(view, "LeadingGroup", id_)


def task(view: View, id_: str) -> None:
    entity = view.header(("Task", "Measure"), "task", id_)
    if entity is None:
        return
    lang = view.lang
    kind_name = class_label(entity.kind, lang)
    (head,) = view.ask("task", task=id_) or [{}]
    _fact(class_label("Document", lang), view.link("Document", head.get("doc_id")))
    units = view.ask("task-units", task=id_)
    view.section(t("units_of_task", lang), "task-units", [Col("rank"), Col("unit", "unit"), Col("printed"),
                 Col("is_lead")], rows=units)
    contacts = view.ask("task-contacts", task=id_)
    if contacts:
        view.section(t("contacts", lang), "task-contacts", [Col("person_id", "person"), Col("phones"), Col("email"),
                     Col("unit", "unit")], rows=contacts)
    else:
        st.subheader(t("contacts", lang))
        lead = next((u["unit"] for u in units if u["is_lead"]), None)
        if lead:
            st.info(t("no_contact", lang, kind=kind_name))
            _fact(class_label("Unit", lang), view.link("Unit", lead) + f" ({escape(lead)})")
        else:
            st.info(t("no_contact_no_lead", lang, kind=kind_name))
    sources(view.opened, view.names, [head], lang)
    picture(view, entity.kind, id_)


def document(view: View, id_: str) -> None:
    if view.header(("Document",), "document", id_) is None:
        return
    lang = view.lang
    (head,) = view.ask("document", document=id_) or [{}]
    query = get("document")
    _fact(column_label("doc_number", lang), escape(head.get("doc_number") or ""))
    _fact(column_label("issuer", lang, query), view.link("Unit", head.get("issuer_unit")) or escape(head.get("issuer") or ""))
    _fact(column_label("date", lang), escape(head.get("date") or ""))
    _fact(column_label("parent_id", lang, query), view.link("Document", head.get("parent_id")))
    st.subheader(t("facts_by_kind", lang))
    facts = view.ask("document-facts", document=id_)
    by_class: dict[str, list[dict]] = defaultdict(list)
    for r in facts:
        by_class[r["class"]].append(r)
    for kind, rows in by_class.items():
        st.markdown(f"**{md(class_label(kind, lang))}** ({len(rows)})")
        page = {"Person": "person", "LeadingGroup": "group"}.get(rows[0]["target_class"], "task")
        table(rows, [Col("name"), Col("target", page, class_label(rows[0]["target_class"], lang))], view.names, lang,
              f"doc-{kind}", get("document-facts"))
    if head.get("source_file"):
        with st.expander(t("text", lang)):
            printed = data.printed(view.opened, head["source_file"], head["line_start"], head["line_end"])
            if printed is None:
                st.caption(t("no_printed", lang))
            else:
                st.code(clean(printed), language=None, wrap_lines=True)
    picture(view, "Document", id_)


def post(view: View, id_: str) -> None:
    if view.header(("Post",), "post", id_) is None:
        return
    lang = view.lang
    holders = view.ask("post", post=id_)
    _fact(class_label("Unit", lang), view.link("Unit", holders[0]["unit"] if holders else None))
    view.section(t("holders", lang), "post", [Col("person_id", "person"), Col("start_date"), Col("end_date"),
                 Col("as_of"), Col("appointed_in", "document"), Col("removed_in", "document")],
                 rows=[h for h in holders if h["person_id"]])
    picture(view, "Post", id_)


PAGES = {"unit": unit, "person": person, "group": group, "task": task, "document": document, "post": post}
