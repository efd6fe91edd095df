"""Load throughput: Neo4j batched vs one MERGE per element, and LadybugDB, in one run.

    services/neo4j/start && python bench/load.py [--sizes 100000 1000000] [--naive-cap 20000]

Synthetic facts (responsibilities with three units, appointments, group
memberships and contacts, in the shapes the extractor produces) are built
into a graph and written to each store. Figures are facts per second and
ratios against the naive Neo4j baseline measured in the same process. The
naive baseline (an auto-committed MERGE per node and per relationship) is
timed on the first --naive-cap facts only, which is enough for a stable
rate; the stores are emptied before each measurement.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from graph.build import build
from graph.ladybug_store import LadybugStore
from graph.neo4j_store import Neo4jStore
from graph.store import write_plan
from ingest.facts import Appointment, Contact, Fact, Membership, Responsibility, Source

ROOT = Path(__file__).resolve().parent.parent


def synthetic(n: int, seed: int = 7) -> list[Fact]:
    """n facts over a pool of units and people that grows with n, like many gazettes would."""
    rng = random.Random(seed)
    units = [f"北京市第{i}区应急管理局" for i in range(max(50, n // 200))]
    people = [f"人员{i}" for i in range(max(100, n // 20))]
    facts: list[Fact] = []
    for i in range(n):
        doc = f"京政发〔2020〕{i // 100}号"
        src = Source("synthetic.txt", i + 1, i + 1, doc, "")
        kind = i % 4
        if kind == 0:
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


def timed(label: str, n: int, work) -> float:
    start = time.perf_counter()
    work()
    rate = n / (time.perf_counter() - start)
    print(f"  {label:<34} {rate:>10,.0f} facts/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--naive-cap", type=int, default=20_000)
    args = parser.parse_args()
    neo = Neo4jStore()
    lines = ["| facts | Neo4j one MERGE each | Neo4j batched UNWIND | LadybugDB batched | batched / naive (Neo4j) | LadybugDB / naive |",
             "|---:|---:|---:|---:|---:|---:|"]
    for n in args.sizes:
        print(f"{n:,} synthetic facts")
        facts = synthetic(n)
        data = build(facts)
        cap = min(n, args.naive_cap)
        sample = build(facts[:cap])
        neo.clear()
        naive = timed(f"neo4j, one MERGE each ({cap:,})", cap, lambda: naive_neo4j(neo, sample))
        neo.clear()
        batched = timed("neo4j, batched UNWIND MERGE", n, lambda: neo.write(data))
        neo.clear()
        with tempfile.TemporaryDirectory() as tmp, LadybugStore(Path(tmp) / "db") as lb:
            ladybug = timed("ladybug, batched UNWIND MERGE", n, lambda: lb.write(data))
        lines.append(f"| {n:,} | {naive:,.0f} | {batched:,.0f} | {ladybug:,.0f} | {batched / naive:.1f}x | {ladybug / naive:.1f}x |")
    neo.close()
    print("\n".join(["", *lines]))


if __name__ == "__main__":
    main()
