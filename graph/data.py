"""The property graph as plain data: what the builder makes and the stores write."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Node:
    label: str
    props: dict[str, Any]

    @property
    def id(self) -> str:
        return self.props["id"]


@dataclass(frozen=True)
class Edge:
    type: str
    src: tuple[str, str]  # (label, id)
    dst: tuple[str, str]
    props: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GraphData:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for n in self.nodes:
            out[n.label] += 1
        for e in self.edges:
            out[e.type] += 1
        return dict(out)
