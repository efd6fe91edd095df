"""Graph pictures: vis-network in a `data:` frame, small, offline and readable.

The page of a picture holds only its data and a little script (tens of KB):
vis-network itself, the copy pyvis ships, is served by this Streamlit server
(registered as a component's folder), so an intranet without a CDN draws it
and the page stays far below the size that makes browsers slow.

Whatever a gazette printed is text here, never markup: every tooltip is
HTML-escaped before the picture's popup shows it, labels are drawn on a
canvas, and the frame is a `data:` page, an opaque origin whose script cannot
reach the app. Clicking a node shows its neighbours, which the page already
holds (Bloom's expand gesture); double-clicking opens the node's page in a
new tab, the one navigation a Streamlit frame may start.
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyvis
import streamlit as st
import streamlit.components.v1 as components

from govkg.views.i18n import class_label, t
from graph.schema import load as load_schema

VIS = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
components.declare_component("vis", path=str(VIS))  # serves VIS at /component/<module>.vis/
VIS_PATH = f"/component/{__name__}.vis/vis-network.min.js"
HEIGHT = 560


@dataclass
class Picture:
    """Nodes and edges as vis-network takes them, and what a click on a node adds."""

    nodes: dict[str, dict] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict] = field(default_factory=dict)
    more: dict[str, dict[str, list]] = field(default_factory=dict)  # node → {"nodes": […], "edges": […]}
    total: int = 0  # neighbours before the cap
    classes: set[str] = field(default_factory=set)

    def node(self, key: str, kind: str, label: str, lines: list[str], page: str = "", centre: bool = False) -> None:
        if key in self.nodes:
            return
        self.classes.add(kind)
        self.nodes[key] = _node(key, kind, label, lines, page, centre)

    def edge(self, a: str, b: str, label: str, lines: list[str] | None = None) -> None:
        existing = self.edges.get((a, b))
        if existing and label not in existing["label"].split(" · "):
            existing["label"] += " · " + label
        elif not existing:
            self.edges[(a, b)] = _edge(a, b, label, lines)


def _node(key: str, kind: str, label: str, lines: list[str], page: str, centre: bool = False) -> dict:
    colour = load_schema().node(kind).colour
    return {"id": key, "label": label, "title": "<br>".join(html.escape(line) for line in lines), "color": colour,
            "shape": "dot", "size": 22 if centre else 13, "page": page, "kind": kind,
            "font": {"size": 15 if centre else 13, "strokeWidth": 3, "strokeColor": "#ffffff"}}


def _edge(a: str, b: str, label: str, lines: list[str] | None) -> dict:
    return {"from": a, "to": b, "label": label, "arrows": "to", "font": {"size": 10, "align": "middle"},
            "title": "<br>".join(html.escape(line) for line in (lines or [label])), "color": "#9aa0a6"}


def _legend(classes: set[str], lang: str) -> str:
    order = [n.label for n in load_schema().nodes]
    chips = "".join(f'<span><i style="background:{load_schema().node(k).colour}"></i>{html.escape(class_label(k, lang))}'
                    f"</span>" for k in sorted(classes, key=order.index))
    return f'<div id="legend">{chips}</div>'


TEMPLATE = """<!doctype html><html><head><meta charset="utf-8">
<style>
html,body{margin:0;font-family:sans-serif;font-size:13px}
#net{width:100%;height:__HEIGHT__px;border:1px solid #e0e0e0;position:relative}
#legend{display:flex;flex-wrap:wrap;gap:10px;padding:4px 2px}
#legend i{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:4px;vertical-align:-1px}
#help{color:#666;padding:2px}
div.popup{position:absolute;display:none;background:#fffdf5;border:1px solid #999;border-radius:3px;
padding:5px 7px;max-width:420px;box-shadow:2px 2px 8px rgba(0,0,0,.2);z-index:5;pointer-events:none}
.vis-tooltip{display:none!important}
</style>
<script src="__VIS__"></script></head><body>
__LEGEND__<div id="net"></div><div id="help">__HELP__</div>
<script>
var nodes = new vis.DataSet(__NODES__);
var edges = new vis.DataSet(__EDGES__);
var more = __MORE__;
var base = __BASE__;
var container = document.getElementById('net');
var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
  physics: {solver: 'forceAtlas2Based', forceAtlas2Based: {gravitationalConstant: -80, springLength: 150},
            stabilization: {iterations: 200, fit: true}},
  interaction: {hover: true, tooltipDelay: 150},
  edges: {smooth: false}});
// Physics lays the nodes out, then stops: a still picture, and `stable` for the tests.
function settle() {
  window.stable = false;
  network.once('stabilizationIterationsDone', function () { network.setOptions({physics: false}); window.stable = true; });
}
settle();
var popup = document.createElement('div');
popup.className = 'popup';
container.appendChild(popup);
// Titles were escaped by the server: this shows them as text.
function showPopup(id) {
  var item = nodes.get(id) || edges.get(id);
  if (!item || !item.title) return;
  popup.innerHTML = item.title;
  var pos = nodes.get(id) ? network.canvasToDOM(network.getPositions([id])[id]) : {x: 10, y: 10};
  popup.style.left = (pos.x + 14) + 'px';
  popup.style.top = (pos.y - 10) + 'px';
  popup.style.display = 'block';
}
network.on('showPopup', showPopup);
network.on('hidePopup', function () { popup.style.display = 'none'; });
network.on('click', function (p) {
  var id = p.nodes[0];
  if (id === undefined || !more[id]) return;
  var add = more[id];
  delete more[id];
  nodes.update(add.nodes.filter(function (n) { return nodes.get(n.id) === null; }));
  edges.update(add.edges);
  settle();
  network.setOptions({physics: {enabled: true}});
  network.stabilize(80);
});
network.on('doubleClick', function (p) {
  var n = p.nodes.length ? nodes.get(p.nodes[0]) : null;
  if (n && n.page && base) window.open(base + n.page, '_blank', 'noopener');
});
</script></body></html>"""


def _json(value: object) -> str:
    # "</" would end the script element whatever the JSON means: write it as "<\\/".
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def vis_url() -> str:
    """vis-network as this server serves it, by absolute URL: a `data:` page has no base to resolve from."""
    url = st.context.url or ""
    parts = urlsplit(url)
    prefix = parts.path.rsplit("/", 1)[0] if parts.scheme else ""
    return f"{parts.scheme}://{parts.netloc}{prefix}{VIS_PATH}" if parts.scheme else VIS_PATH


def app_base() -> str:
    """The app's address as the visitor reached it, for the links a picture opens."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.scheme else ""


def render(picture: Picture, lang: str, height: int = HEIGHT) -> str:
    """The picture's page: data, legend and script; vis-network is loaded from this server."""
    return (TEMPLATE.replace("__HEIGHT__", str(height))
            .replace("__VIS__", html.escape(vis_url()))
            .replace("__LEGEND__", _legend(picture.classes, lang))
            .replace("__HELP__", html.escape(t("picture_help", lang)))
            .replace("__NODES__", _json(list(picture.nodes.values())))
            .replace("__EDGES__", _json(list(picture.edges.values())))
            .replace("__MORE__", _json(picture.more))
            .replace("__BASE__", _json(app_base())))


def show_picture(page: str, height: int = HEIGHT + 70) -> None:
    """The picture in a `data:` iframe: its own opaque origin, so its script cannot reach the app."""
    st.iframe("data:text/html;base64," + base64.b64encode(page.encode("utf-8")).decode("ascii"), height=height)
