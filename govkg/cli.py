"""The `govkg` command: ingest gazettes, query the graph, export facts, serve the dashboard.

Every command says what it did; bad input ends with a one-line error naming
the file and a non-zero exit, before anything is written.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import click

import govkg
from graph.store import DEFAULT_DB

TARGETS = click.Choice(["ladybug", "neo4j"])


def store_options(command: Callable) -> Callable:
    """--target, --db and the Neo4j connection flags (defaults from NEO4J_* variables)."""

    @click.option("--target", type=TARGETS, default="ladybug", show_default=True,
                  help="Graph store: embedded LadybugDB or a Neo4j server.")
    @click.option("--db", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help=f"LadybugDB folder [default: $GOVKG_DB or {DEFAULT_DB}].")
    @click.option("--neo4j-uri", envvar="NEO4J_URI", default=None, help="[env NEO4J_URI]")
    @click.option("--neo4j-user", envvar="NEO4J_USER", default=None, help="[env NEO4J_USER]")
    @click.option("--neo4j-password", envvar="NEO4J_PASSWORD", default=None, help="[env NEO4J_PASSWORD]")
    @click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, help="[env NEO4J_DATABASE]")
    @functools.wraps(command)
    def wrapper(target, db, neo4j_uri, neo4j_user, neo4j_password, neo4j_database, **kwargs):
        def connect() -> govkg.Store:
            try:
                return govkg.open_store(target, db, uri=neo4j_uri, user=neo4j_user,
                                        password=neo4j_password, database=neo4j_database)
            except govkg.StoreError as e:
                raise click.ClickException(str(e)) from e

        return command(connect=connect, **kwargs)

    return wrapper


class AliasedGroup(click.Group):
    """`govkg load` is `govkg ingest`: the name Neo4j users look for."""

    aliases = {"load": "ingest"}

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, self.aliases.get(name, name))


@click.group(cls=AliasedGroup)
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: officials, units and responsibilities from Chinese government gazettes."""
    logging.basicConfig(format="govkg: %(message)s", level=logging.WARNING)


def _extract(paths: tuple[Path, ...]) -> govkg.Extraction:
    try:
        return govkg.extract(paths)
    except govkg.InputError as e:
        raise click.ClickException(str(e)) from e


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_options
def ingest(connect, paths: tuple[Path, ...]) -> None:
    """Extract gazettes (.txt .md .html .pdf) or facts exports (.jsonl) into the graph.

    Idempotent: ingesting the same gazette again changes nothing. (Also: `govkg load`.)
    """
    with connect() as store:
        try:
            report = govkg.ingest(paths, store, progress=sys.stderr.isatty())
        except govkg.InputError as e:
            raise click.ClickException(str(e)) from e
        where = store.folder if store.name == "ladybug" else store.settings["uri"]  # type: ignore[attr-defined]
    facts = ", ".join(f"{n} {t}" for t, n in sorted(report.facts.items()))
    click.echo(f"extracted from {len(paths)} file(s): {facts or 'no facts'}")
    click.echo(f"graph in {store.name} ({where}):")
    for key in report.after:
        added = report.after[key] - report.before.get(key, 0)
        click.echo(f"  {key:<20} {report.after[key]:>6}" + (f"  (+{added})" if added else ""))


def _format(result: govkg.Result, fmt: str) -> str:
    records = result.records()
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1, default=str)
    cell = lambda v: "、".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(result.columns)
        w.writerows([[cell(v) for v in row] for row in result.rows])
        return out.getvalue().rstrip("\n")
    widths = [min(40, max([len(c)] + [len(cell(r[i])) for r in result.rows])) for i, c in enumerate(result.columns)]
    line = lambda vals: "  ".join(cell(v)[:w].ljust(w) for v, w in zip(vals, widths))
    return "\n".join([line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in result.rows]
                     + [f"({len(result.rows)} rows)"])


@main.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--list", "list_", is_flag=True, help="List the catalog's queries.")
@store_options
def query(connect, name: str | None, params: tuple[str, ...], fmt: str, list_: bool) -> None:
    """Run the catalog query NAME (see --list) with --param KEY=VALUE."""
    if list_ or not name:
        for q in govkg.catalog().values():
            args = " ".join(f"--param {p.name}=…" + ("" if not p.optional else " (optional)") for p in q.params)
            click.echo(f"{q.name:<20} {q.title} / {q.title_zh}  {args}")
        return
    given: dict[str, Any] = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep:
            raise click.BadParameter(f"{p!r} is not KEY=VALUE", param_hint="--param")
        given[key] = value
    with connect() as store:
        try:
            result = govkg.query(store, name, **given)
        except (govkg.QueryError, govkg.StoreError) as e:
            raise click.ClickException(str(e)) from e
    click.echo(_format(result, fmt))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "turtle"]), default="jsonl", show_default=True,
              help="jsonl: the facts (gold format, plus source and ids); turtle: their graph as RDF.")
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Print the facts of gazettes as JSON Lines, or their graph as RDF (Turtle)."""
    extraction = _extract(paths)
    if fmt == "turtle":
        from graph.build import build
        from graph.rdf import to_rdf

        click.echo(to_rdf(build(extraction.facts)).serialize(format="turtle"))
        return
    for fact in extraction.facts:
        click.echo(json.dumps(fact.to_record(), ensure_ascii=False))


@main.command()
@click.option("--port", default=8501, show_default=True)
@store_options
def dashboard(connect, port: int) -> None:
    """Serve the dashboard (Streamlit) on http://localhost:PORT."""
    ctx = click.get_current_context()
    store = connect()  # fail here, with a clear message, rather than in the browser
    store.close()
    app = Path(__file__).resolve().parent.parent / "dashboard.py"
    args = [f"--target={ctx.params.get('target', 'ladybug')}"]
    if ctx.params.get("db"):
        args.append(f"--db={ctx.params['db']}")
    # The Neo4j flags reach the app as the NEO4J_* variables it reads.
    env = {**os.environ, **{f"NEO4J_{k.upper()}": ctx.params[f"neo4j_{k}"]
                            for k in ("uri", "user", "password", "database") if ctx.params.get(f"neo4j_{k}")}}
    click.echo(f"govkg dashboard on http://localhost:{port} ({store.name})")
    raise SystemExit(subprocess.call([sys.executable, "-m", "streamlit", "run", str(app),
                                      f"--server.port={port}", "--server.headless=true",
                                      "--browser.gatherUsageStats=false", "--", *args], env=env))


if __name__ == "__main__":
    main()
