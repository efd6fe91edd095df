"""The store the dashboard reads, kept fresh, and its answers cached per store version.

A gazette ingested while the dashboard runs must show on the next page load,
yet a page must not rerun queries whose answers cannot have changed. So every
load reads a cheap *version* of the store (the LadybugDB files' sizes and
modification times, or Neo4j's node and relationship counts); the store is
reopened when the version of a LadybugDB folder changes (a reader opened
before an ingest keeps seeing the old data), and every cached answer is keyed
by the version, so a new version recomputes only what the open view asks for.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

import govkg
from graph.ladybug_store import FILE_NAME
from graph.store import DEFAULT_DB, Result, Store
from queries.catalog import get


@dataclass(frozen=True)
class Settings:
    """Everything that picks the store: equal settings, same store."""

    target: str
    db: str | None
    neo4j: tuple[str | None, ...]  # URI, user, password, database

    @property
    def folder(self) -> Path:
        return Path(self.db or os.environ.get("GOVKG_DB") or DEFAULT_DB).resolve()

    def where(self) -> str:
        """The folder or URI, for the sidebar (never the password)."""
        if self.target == "ladybug":
            return str(self.folder)
        from graph.neo4j_store import settings

        return settings(uri=self.neo4j[0])["uri"]


def settings() -> Settings:
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", default=os.environ.get("GOVKG_TARGET", "ladybug"))
    parser.add_argument("--db", default=os.environ.get("GOVKG_DB"))
    args = parser.parse_known_args(sys.argv[1:])[0]
    return Settings(args.target, args.db,
                    tuple(os.environ.get(f"NEO4J_{k}") for k in ("URI", "USER", "PASSWORD", "DATABASE")))


def _files_version(folder: Path) -> tuple:
    """Sizes and modification times of the database and its write-ahead log: an ingest changes them."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                        for p in folder.glob(f"{FILE_NAME}*") if p.is_file()))


@st.cache_resource(max_entries=4, on_release=lambda store: store.close(), show_spinner=False)
def _open(chosen: Settings, files: tuple) -> Store:
    """One store per settings and file version, shared by every visitor."""
    uri, user, password, database = chosen.neo4j
    return govkg.open_store(chosen.target, chosen.db, read_only=True, uri=uri, user=user, password=password,
                            database=database)


@dataclass(frozen=True)
class Opened:
    store: Store
    key: tuple  # settings and version: what every cached answer is keyed by


def open_current(chosen: Settings) -> Opened:
    """The store as it is now: reopened if a LadybugDB folder changed since the last load."""
    files = _files_version(chosen.folder) if chosen.target == "ladybug" else ()
    store = _open(chosen, files)
    if chosen.target == "ladybug":
        return Opened(store, (chosen, files))
    totals = store.query("MATCH (n) RETURN count(n) AS n").rows[0] + \
        store.query("MATCH ()-[e]->() RETURN count(e) AS n").rows[0]
    return Opened(store, (chosen, totals))


@st.cache_data(max_entries=2000, show_spinner=False)
def _catalog(_store: Store, key: tuple, name: str, params: tuple[tuple[str, Any], ...]) -> Result:
    return govkg.query(_store, name, **dict(params))


def ask(opened: Opened, name: str, **params: str) -> Result:
    """Catalog query `name`, answered once per store version and parameters."""
    get(name)  # an unknown name fails here, not inside the cache
    return _catalog(opened.store, opened.key, name, tuple(sorted(params.items())))


@st.cache_data(max_entries=200, show_spinner=False)
def _printed(_store: Store, key: tuple, file: str, start: int, end: int) -> str | None:
    return _store.printed(file, start, end)


def printed(opened: Opened, file: str, start: int, end: int) -> str | None:
    return _printed(opened.store, opened.key, file, start, end)


@st.cache_data(max_entries=8, show_spinner=False)
def _counts(_store: Store, key: tuple) -> dict[str, int]:
    return _store.counts()


def counts(opened: Opened) -> dict[str, int]:
    return _counts(opened.store, opened.key)
