"""Every entity has a page with its own URL, and a short name to show for it.

URLs carry the page, the entity's id and the language as query parameters
(`?page=unit&id=…&lang=zh`), so any page can be bookmarked and sent, and a
link is a plain link: it works in a table, a picture and a browser bar alike.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from govkg.views.search import Entity
from ingest.segment import squeeze

PAGES = {"Unit": "unit", "Person": "person", "Post": "post", "LeadingGroup": "group", "Task": "task",
         "Measure": "task", "Document": "document"}
KIND_OF_PAGE = {"unit": ("Unit",), "person": ("Person",), "post": ("Post",), "group": ("LeadingGroup",),
                "task": ("Task", "Measure"), "document": ("Document",)}
LABEL_CHARS = 12
# A province or city, then a district or county, printed before a body: the label drops them.
_PLACES = re.compile(r"^(?:[^市区县省]{1,6}[省市])?(?:[^市区县地]{1,3}[区县])?")


def href(kind: str, id_: str, lang: str) -> str:
    """The relative URL of the entity's page."""
    return "?" + urlencode({"page": PAGES[kind], "id": id_, "lang": lang})


def anchor(url: str, text: str) -> str:
    """A link that opens in this tab (Streamlit opens Markdown links in a new one), its text escaped."""
    return f'<a href="{html.escape(url)}" target="_self">{html.escape(text)}</a>'


def _cut(text: str, n: int = LABEL_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


class Names:
    """Short names of the store's entities, for links and picture labels."""

    def __init__(self, entities: tuple[Entity, ...]):
        self.by_key = {(e.kind, e.id): e for e in entities}
        self.by_id: dict[str, list[Entity]] = {}
        self.by_form: dict[str, list[Entity]] = {}
        for e in entities:
            self.by_id.setdefault(e.id, []).append(e)
            for form in e.forms:
                self.by_form.setdefault(form, []).append(e)

    def get(self, kind: str, id_: str) -> Entity | None:
        return self.by_key.get((kind, id_))

    def find(self, id_: str, kinds: tuple[str, ...]) -> Entity | None:
        return next((e for e in self.by_id.get(id_, []) if e.kind in kinds), None)

    def resolve(self, value: str, kinds: tuple[str, ...]) -> Entity | None:
        """The entity `value` names: by id, else the one entity printed under that name (区人社局)."""
        found = self.find(value, kinds)
        if found is None:
            named = {e.id: e for e in self.by_form.get(squeeze(value), []) if e.kind in kinds}
            found = next(iter(named.values())) if len(named) == 1 else None
        return found

    def display(self, entity: Entity) -> str:
        """The name shown for an entity in tables and links: a unit's short printed form, a document's
        number, else the name."""
        if entity.kind == "Unit":
            return self.unit_short(entity.id)
        if entity.kind == "Document" and not entity.id.startswith("doc:"):
            return entity.id
        return entity.name

    def link(self, kind: str, id_: str | None, lang: str, text: str | None = None) -> str:
        """An HTML link to the entity's page ('' without an id)."""
        if not id_:
            return ""
        entity = self.get(kind, id_)
        return anchor(href(kind, id_, lang), text or (self.display(entity) if entity else id_))

    def unit_short(self, id_: str) -> str:
        """A unit's shortest printed form of at least three characters (区应急局), else its full name."""
        e = self.get("Unit", id_)
        forms = sorted((f for f in (e.forms if e else ()) if len(f) >= 3), key=len)
        shortest = forms[0] if forms else id_
        local = _PLACES.sub("", shortest)
        return local if len(local) >= 3 and local != shortest and shortest == id_ else shortest

    def short(self, kind: str, id_: str) -> str:
        """A label readable at first sight: 区应急局, 陈雷, 区统计局局长, 5 健全安全监管…, 东政任〔2020〕1号."""
        e = self.get(kind, id_)
        if kind == "Unit":
            return _cut(self.unit_short(id_))
        if kind == "Post" and "|" in id_:
            unit, title = id_.rsplit("|", 1)
            return _cut(self.unit_short(unit) + title, LABEL_CHARS + 4)
        if e is None:
            return _cut(id_)
        if kind == "Document":
            return id_ if not id_.startswith("doc:") else _cut(e.name)
        return _cut(e.name)
