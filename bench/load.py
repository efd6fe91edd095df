"""Synthetic facts for load benchmarks and tests, and the naive Neo4j baseline (bench/run.py).

Facts in the shapes the extractor produces (responsibilities with three
units, appointments, group memberships and contacts), over pools of units and
people that grow with their number, like many gazettes would: no extraction
needed to load a million of them.
"""

from __future__ import annotations

import random

from graph.neo4j_store import Neo4jStore
from graph.store import write_plan
from ingest.facts import Appointment, Contact, Document, Fact, Membership, Responsibility, Source

def synthetic(n: int, seed: int = 7, first: int = 0) -> list[Fact]:
    """n facts over a pool of units and people that grows with n, like many gazettes would: one
    dated document for every hundred facts, the others a quarter each of responsibilities,
    appointments, memberships and contacts. Facts are numbered from `first`: the facts of later
    gazettes (numbered past a store's) are new documents about the units and people it holds."""
    rng = random.Random(seed)
    units = [f"北京市第{i}区应急管理局" for i in range(max(50, n // 200))]
    people = [f"人员{i}" for i in range(max(100, n // 20))]
    facts: list[Fact] = []
    for i in range(first, first + n):
        doc = f"京政发〔2020〕{i // 100}号"
        src = Source("synthetic.txt", i + 1, i + 1, doc, "")
        kind = i % 4
        if i % 100 == 0:  # the document the next hundred facts come from, dated across years
            year, month = 2010 + (i // 100) % 14, 1 + (i // 100) % 12
            facts.append(Document(doc, f"关于印发第{i // 100}号文件的通知", rng.choice(units), f"{year}-{month:02d}-15",
                                  None, src))
        elif kind == 0:
            us = tuple(rng.sample(units, 3))
            facts.append(Responsibility(doc, str(i), f"任务{i}", us, us[0], "task", src, us, us[0]))
        elif kind == 1:
            p, u = rng.choice(people), rng.choice(units)
            facts.append(Appointment(doc, p, rng.choice(["appoint", "remove"]), f"{u}副局长", u, "副局长",
                                     False, None, src, f"person:{p}", u))
        elif kind == 2:
            p = rng.choice(people)
            facts.append(Membership(f"领导小组{i // 500}", p, "成员", "副局长", doc, src, f"person:{p}", None))
        else:
            p = rng.choice(people)
            facts.append(Contact(doc, str(i - 3), p, ("64000000",), "a@b.cn", None, src, f"person:{p}", None))
    return facts


def naive_neo4j(store: Neo4jStore, data) -> None:
    """The baseline: one auto-committed MERGE statement per node and per relationship."""
    store.ensure_schema()
    with store.driver.session(database=store.database) as session:
        for statement, rows in write_plan(data, store.schema):
            for row in rows:
                session.run(statement, rows=[row]).consume()


