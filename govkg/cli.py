"""The `govkg` command: ingest gazettes, query the graph, export facts, serve the dashboard.

Every command says what it did; bad input ends with a one-line error naming
the file and a non-zero exit, before anything is written. Commands that only
read open the store read-only (and refuse a --db that holds no store), and no
message carries a password, whether it came in a flag or inside a URI.
"""

from __future__ import annotations

import functools
import ipaddress
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable

import click

import govkg
from govkg.tables import cell, csv_text
from ingest.pipeline import BATCH_BYTES
from graph.errors import redact
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
        def connect(read_only: bool = False) -> govkg.Store:
            try:
                return govkg.open_store(target, db, read_only=read_only, uri=neo4j_uri, user=neo4j_user,
                                        password=neo4j_password, database=neo4j_database)
            except govkg.StoreError as e:
                raise click.ClickException(redact(str(e), neo4j_password)) from None

        return command(connect=connect, **kwargs)

    return wrapper


class AliasedGroup(click.Group):
    """`govkg load` is `govkg ingest`: the name Neo4j users look for.

    Errors that reach the top are one line without credentials: a store or
    input error is the user's to fix, anything else is a bug whose traceback
    is shown only with GOVKG_DEBUG=1.
    """

    aliases = {"load": "ingest"}

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, self.aliases.get(name, name))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except (govkg.StoreError, govkg.InputError, govkg.QueryError) as e:
            raise click.ClickException(redact(str(e), os.environ.get("NEO4J_PASSWORD"))) from None
        except Exception as e:
            if os.environ.get("GOVKG_DEBUG"):
                raise
            message = redact(f"{type(e).__name__}: {e}", os.environ.get("NEO4J_PASSWORD"))
            raise click.ClickException(f"internal error ({message}); GOVKG_DEBUG=1 shows where") from None


@click.group(cls=AliasedGroup)
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: officials, units and responsibilities from Chinese government gazettes."""
    logging.basicConfig(format="govkg: %(message)s", level=logging.WARNING)




@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that extract [default: one per core].")
@click.option("--batch-mb", type=click.FloatRange(min=0.001), default=BATCH_BYTES / 1e6, show_default=True,
              help="Write the facts of about this much input at a time: what bounds the memory of an ingest.")
@click.option("--bulk", is_flag=True,
              help="Neo4j only: fill an empty database with neo4j-admin database import "
                   "(stops and restarts the server of services/neo4j/).")
@store_options
def ingest(connect, paths: tuple[Path, ...], workers: int | None, batch_mb: float, bulk: bool) -> None:
    """Extract gazettes (.txt .md .html .pdf), facts exports (.jsonl) or folders of them into the graph.

    Idempotent: ingesting the same gazette again changes nothing, and a file whose content
    was ingested before is skipped, so a stopped ingest resumes. (Also: `govkg load`.)
    """
    progress = sys.stderr.isatty()
    if bulk:
        from graph.neo4j_import import bulk_import

        ctx = click.get_current_context()
        if ctx.params.get("target") != "neo4j":
            raise click.UsageError("--bulk fills a Neo4j database: add --target neo4j")
        report = bulk_import(paths, connect, workers=workers, progress=progress)
        name, where = "neo4j", "neo4j-admin database import"
    else:
        with connect() as store:
            report = govkg.ingest(paths, store, progress=progress, workers=workers, batch_bytes=batch_mb * 1e6)
            name = store.name
            where = store.folder if store.name == "ladybug" else store.settings["uri"]  # type: ignore[attr-defined]
    for file, why in report.skipped:
        click.echo(f"skipped {file}: {why}")
    facts = ", ".join(f"{n} {t}" for t, n in sorted(report.facts.items()))
    click.echo(f"extracted from {len(report.files)} file(s): {facts or 'no facts'}")
    click.echo(f"graph in {name} ({where}):")
    for key in report.after:
        added = report.after[key] - report.before.get(key, 0)
        click.echo(f"  {key:<20} {report.after[key]:>6}" + (f"  (+{added})" if added else ""))


def _format(result: govkg.Result, fmt: str) -> str:
    records = result.records()
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        return csv_text(result.columns, result.rows).rstrip("\n")
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
    with connect(read_only=True) as store:
        result = govkg.query(store, name, **given)
    click.echo(_format(result, fmt))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["jsonl", "turtle"]), default="jsonl", show_default=True,
              help="jsonl: the facts (gold format, plus source and ids); turtle: their graph as RDF.")
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Print the facts of gazettes as JSON Lines, or their graph as RDF (Turtle)."""
    extraction = govkg.extract(paths)
    if fmt == "turtle":
        from graph.build import build
        from graph.rdf import to_rdf

        click.echo(to_rdf(build(extraction.facts)).serialize(format="turtle"))
        return
    for fact in extraction.facts:
        click.echo(json.dumps(fact.to_record(), ensure_ascii=False))


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "json-ld"]), default="turtle", show_default=True)
@store_options
def export(connect, fmt: str) -> None:
    """Print the whole graph of the store as RDF, reviewers' judgements included."""
    from graph.rdf import to_rdf

    with connect(read_only=True) as store:
        click.echo(to_rdf(store.graph(), store.schema).serialize(format=fmt))


@main.group()
def people() -> None:
    """Review who is who: doubtful pairs, and judgements that merge or split people.

    Ids are those of people (person:NAME@…) or of their other items (alternate ids,
    shown by `govkg query person-identity`). Judgements are kept in the store and
    applied again after every ingest.
    """


@people.command()
@click.option("--name", default=None, help="Only pairs of this name.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@store_options
def review(connect, name: str | None, fmt: str) -> None:
    """List pairs joined on weak evidence only, or kept apart although a rule joins them."""
    with connect(read_only=True) as store:
        pairs = [p for p in govkg.review(store) if name in (None, p.name)]
    if fmt != "table":
        columns = ("name", "status", "left", "right", "rule", "evidence")
        click.echo(_format(govkg.Result(columns, tuple(tuple(getattr(p, c) for c in columns) for p in pairs)), fmt))
        return
    for p in pairs:  # the evidence is the point: in full, under each pair
        click.echo(f"{p.name}  {p.status} ({p.rule})  {p.left}  {p.right}\n    {cell(p.evidence)}")
    click.echo(f"({len(pairs)} pairs) judge one with `govkg people merge LEFT RIGHT` "
               "or `govkg people split LEFT RIGHT`")


@people.command()
@click.argument("left")
@click.argument("right")
@store_options
def merge(connect, left: str, right: str) -> None:
    """Record that LEFT and RIGHT are one person."""
    with connect() as store:
        person = govkg.merge(store, left, right)
    click.echo(f"judged one person: {left} ~ {right}; now {person}")


@people.command()
@click.argument("left")
@click.argument("right")
@store_options
def split(connect, left: str, right: str) -> None:
    """Record that LEFT and RIGHT are two people."""
    with connect() as store:
        a, b = govkg.split(store, left, right)
    click.echo(f"judged two people: {left} ~ {right}; now {a} and {b}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. The dashboard has no login: anyone who reaches it reads the graph.")
@click.option("--port", default=8501, show_default=True)
@click.option("--query-timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds a Cypher console query may run [default: $GOVKG_CONSOLE_TIMEOUT or 10].")
@click.option("--max-rows", type=click.IntRange(min=1), default=None,
              help="Rows a Cypher console query may return [default: $GOVKG_CONSOLE_MAX_ROWS or 1000].")
@store_options
def dashboard(connect, host: str, port: int, query_timeout: float | None, max_rows: int | None) -> None:
    """Serve the dashboard (Streamlit) on http://HOST:PORT, read-only."""
    ctx = click.get_current_context()
    connect(read_only=True).close()  # fail here, with a clear message, rather than in the browser
    app = Path(__file__).resolve().parent.parent / "dashboard.py"
    args = [f"--target={ctx.params.get('target', 'ladybug')}"]
    if ctx.params.get("db"):
        args.append(f"--db={ctx.params['db']}")
    # The Neo4j flags and the console limits reach the app as the variables it reads.
    env = {**os.environ, **{f"NEO4J_{k.upper()}": ctx.params[f"neo4j_{k}"]
                            for k in ("uri", "user", "password", "database") if ctx.params.get(f"neo4j_{k}")}}
    if query_timeout is not None:
        env["GOVKG_CONSOLE_TIMEOUT"] = str(query_timeout)
    if max_rows is not None:
        env["GOVKG_CONSOLE_MAX_ROWS"] = str(max_rows)
    if not _loopback(host):
        click.echo(f"govkg: warning: listening on {host}: the dashboard has no login, so anyone who can reach "
                   f"{host}:{port} can read the whole graph", err=True)
    click.echo(f"govkg dashboard on http://{host}:{port} ({ctx.params.get('target', 'ladybug')})")
    sys.stdout.flush()
    # The server replaces this process: a signal to `govkg dashboard` is a signal to it.
    os.execve(sys.executable, [sys.executable, "-m", "streamlit", "run", str(app), f"--server.address={host}",
                               f"--server.port={port}", "--server.headless=true", "--client.showErrorDetails=none",
                               "--browser.gatherUsageStats=false", "--", *args], env)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


if __name__ == "__main__":
    main()
