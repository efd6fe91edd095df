"""Facts exports (`.jsonl`) read back: every record checked before any becomes a fact.

A facts file is input like any other, so a record is held to the export
format (the gold format of `GOLD-FORMAT.md` plus `source` and resolved ids)
before `ingest.facts.from_record` sees it: `"units": "区应急局"` would
otherwise become the four units 区, 应, 急 and 局, and a record of the wrong
shape a traceback. What each field may hold is read from the fact classes'
own type hints, so the check follows the format wherever the classes go.
The first bad record stops the file with its line number; nothing is returned.
"""

from __future__ import annotations

import json
import types
from dataclasses import MISSING, fields
from pathlib import Path
from typing import Any, Iterator, Union, get_args, get_origin, get_type_hints

from ingest.facts import FACT_TYPES, Fact, Source, from_record
from ingest.text import InputError

# The fields every record of a type has in the gold format (GOLD-FORMAT.md); `person` records
# are the export's own. Other fields (source, ids, kind…) may be left out.
GOLD_FIELDS = {
    "document": ("doc_number", "title", "issuer", "date", "parent"),
    "appointment": ("doc_number", "person", "action", "position", "organization", "title", "implied", "note"),
    "membership": ("group", "person", "role", "position"),
    "responsibility": ("doc_number", "item", "task", "units", "lead"),
    "contact": ("doc_number", "item", "person", "phones", "email", "unit"),
    "unit_alias": ("canonical", "aliases"),
    "person": ("person_id", "name", "units"),
}


def read_facts(path: Path) -> Iterator[Fact]:
    """The facts of a facts export, one line at a time; `InputError` names the first bad line."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            for number, line in enumerate(f, 1):
                if line.strip():
                    yield _fact(line, f"{path}:{number}")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a govkg facts export (not UTF-8)") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def _fact(line: str, where: str) -> Fact:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not JSON ({e.msg})") from None
    problem = check(record)
    if problem:
        raise InputError(f"{where}: {problem}")
    return from_record(record)


def check(record: Any) -> str | None:
    """What is wrong with `record` as an export record, or None."""
    if not isinstance(record, dict):
        return f"a record is a JSON object, not {_kind(record)}"
    types_ = {cls.type: cls for cls in FACT_TYPES}
    cls = types_.get(record.get("type"))  # type: ignore[arg-type]
    if cls is None:
        return f"unknown record type {record.get('type')!r} (known: {', '.join(types_)})"
    hints = get_type_hints(cls)
    expected = {f.name: hints[f.name] for f in fields(cls)}
    unknown = sorted(set(record) - set(expected) - {"type"})
    if unknown:
        return f"{cls.type}: unknown field(s) {', '.join(unknown)}"
    for name, hint in expected.items():
        if name not in record:
            if name in GOLD_FIELDS[cls.type]:
                return f"{cls.type}: missing field {name!r}"
            continue
        if name == "source":
            problem = _check_source(record[name])
            if problem:
                return f"{cls.type}: source: {problem}"
        elif not _conforms(record[name], hint):
            return f"{cls.type}: {_mismatch(name, record[name], hint)}"
    return None


def _check_source(value: Any) -> str | None:
    if not isinstance(value, dict):
        return f"must be an object, not {_kind(value)}"
    hints = get_type_hints(Source)
    names = {f.name for f in fields(Source)}
    unknown = sorted(set(value) - names)
    if unknown:
        return f"unknown field(s) {', '.join(unknown)}"
    for f in fields(Source):
        if f.name not in value:
            if f.default is MISSING:
                return f"missing field {f.name!r}"
        elif not _conforms(value[f.name], hints[f.name]):
            return _mismatch(f.name, value[f.name], hints[f.name])
    if not 1 <= value["line_start"] <= value["line_end"]:
        return f"lines {value['line_start']}–{value['line_end']} are not a span of 1-based line numbers"
    return None


def _mismatch(name: str, value: Any, hint: Any) -> str:
    """Which value of field `name` breaks its type, said the way a person would."""
    if get_origin(hint) is tuple and isinstance(value, list):
        (item,) = [i for i, v in enumerate(value) if not _conforms(v, get_args(hint)[0])][:1]
        return _mismatch(f"{name}[{item}]", value[item], get_args(hint)[0])
    return f"{name} must be {_describe(hint)}, not {_kind(value)}"


def _conforms(value: Any, hint: Any) -> bool:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(_conforms(value, arg) for arg in get_args(hint))
    if hint is type(None):
        return value is None
    if origin is tuple:
        return isinstance(value, list) and all(_conforms(v, get_args(hint)[0]) for v in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _describe(hint: Any) -> str:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return " or ".join(_describe(arg) for arg in get_args(hint))
    if origin is tuple:
        return "a list of " + {str: "strings"}.get(get_args(hint)[0], _describe(get_args(hint)[0]))
    return {str: "a string", int: "an integer", bool: "true or false", type(None): "null"}.get(hint, str(hint))


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true or false", int: "a number",
            float: "a number", type(None): "null"}.get(type(value), type(value).__name__)
