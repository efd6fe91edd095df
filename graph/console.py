"""The read-only Cypher console: which statements may run, and for how long.

A read-only transaction stops graph writes, but not `LOAD FROM '/etc/shadow'`,
`COPY … TO` a file, `INSTALL httpfs`, `CALL timeout=1` or `ROLLBACK; …`,
which work outside the graph or outside the transaction. So every statement
that reaches `Store.query` must be one statement built only from read
clauses (an allow-list, checked here) before the store runs it in a
read-only transaction with a time limit and a row cap.

The check lexes the statement the way both engines do (strings with
backslash escapes, `//` and `/* */` comments, backquoted names, `;`) and
then looks at every unquoted word: wherever a clause can start (the start of
the statement or of a `{…}` subquery, after `UNION`, or right after an
operand) the word must be a read clause; `CALL` must name a subquery or a
procedure of `READ_PROCEDURES`; and words that start writes or file access
are refused wherever they stand unquoted, a second guard behind the first.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.errors import StoreError

if TYPE_CHECKING:
    from graph.store import Result, Store

READ_CLAUSES = frozenset({"MATCH", "OPTIONAL", "WITH", "WHERE", "RETURN", "ORDER", "SKIP", "LIMIT",
                          "UNWIND", "UNION", "CALL"})
# Words that may follow an operand inside a clause (infix operators, sort order, CASE parts).
_INFIX = frozenset({"AND", "OR", "XOR", "IN", "IS", "AS", "CONTAINS", "STARTS", "ENDS", "ASC", "DESC",
                    "ASCENDING", "DESCENDING", "WHEN", "THEN", "ELSE", "END", "YIELD"})
# Keywords after which an operand (not a clause) must come.
_EXPECT_OPERAND = (READ_CLAUSES | _INFIX | {"BY", "NOT", "CASE", "DISTINCT", "SHOW"}) - {"END", "ASC", "DESC",
                                                                                       "ASCENDING", "DESCENDING"}
# Clause words of LadybugDB or Neo4j that write the graph or touch files, settings or extensions.
WRITE_WORDS = frozenset({"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "LOAD", "COPY",
                         "INSTALL", "UNINSTALL", "ATTACH", "USE", "EXPORT", "IMPORT", "BEGIN", "COMMIT",
                         "ROLLBACK", "CHECKPOINT", "FOREACH", "INSERT", "GRANT", "DENY", "REVOKE", "TERMINATE"})
# Built-in procedures that only describe the schema (LadybugDB's, then Neo4j's).
READ_PROCEDURES = frozenset({
    "show_tables", "table_info", "show_connection", "db_version",
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
})
_SHOW_WHAT = frozenset({"INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"})
_SHOW_KINDS = frozenset({"ALL", "RANGE", "TEXT", "POINT", "LOOKUP", "FULLTEXT", "VECTOR", "UNIQUE", "UNIQUENESS",
                         "EXISTENCE", "EXIST", "KEY", "NODE", "REL", "RELATIONSHIP", "PROPERTY"})

_TOKEN = re.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<name>`(?:[^`]|``)*`)
  | (?P<param>\$(?:\w+|`(?:[^`]|``)*`))
  | (?P<number>0x[0-9a-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<word>[^\W\d]\w*)
  | (?P<unclosed>/\*|['"`])
  | (?P<punct>\.\.|::|->|<-|<>|<=|>=|=~|\+=|!=|\|\||[-+*/%^=<>.,:;|&!?(){}\[\]~])
""", re.VERBOSE | re.DOTALL)

# What may come next: a clause, a clause or a map key (after `{`), MATCH or CALL (after OPTIONAL),
# an operand, or what follows an operand.
CLAUSE, BLOCK, OPTIONAL, OPERAND, AFTER = "clause", "block", "optional", "operand", "after"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str

    @property
    def upper(self) -> str:
        return self.text.upper()


class ReadOnlyError(StoreError):
    """A statement that is not one read-only query: nothing of it ran."""


def tokens(cypher: str) -> list[Token]:
    """The statement's tokens without white space and comments."""
    out, pos = [], 0
    while pos < len(cypher):
        m = _TOKEN.match(cypher, pos)
        if m is None or m.lastgroup == "unclosed":
            what = "an unclosed string, name or comment" if m else repr(cypher[pos])
            raise ReadOnlyError(f"read-only console: cannot read the statement at offset {pos} ({what})")
        if m.lastgroup != "space":
            out.append(Token(m.lastgroup, m.group()))
        pos = m.end()
    return out


def read_only_statement(cypher: str) -> str:
    """`cypher` if it is one statement of read clauses; else `ReadOnlyError` saying what is refused."""
    toks = tokens(cypher)
    if any(t.text == ";" for t in toks):
        end = next(i for i, t in enumerate(toks) if t.text == ";")
        if any(t.text != ";" for t in toks[end:]):
            raise ReadOnlyError("read-only console: one statement at a time (no `;` between statements)")
        toks = toks[:end]
    if not toks:
        raise ReadOnlyError("read-only console: the statement is empty")
    _check(toks)
    return cypher


def _refuse(word: str, why: str) -> ReadOnlyError:
    allowed = "MATCH, OPTIONAL MATCH, WITH, WHERE, RETURN, ORDER BY, SKIP, LIMIT, UNWIND, UNION, CALL {…}"
    return ReadOnlyError(f"read-only console: {word} {why} (allowed: {allowed}, CALL of "
                         f"{', '.join(sorted(READ_PROCEDURES))})")


def _check(toks: list[Token]) -> None:
    state = CLAUSE
    brackets: list[str] = []
    i = 0
    if toks[0].kind != "word":
        raise ReadOnlyError(f"read-only console: a statement starts with a clause, not {toks[0].text!r}")
    if toks[0].upper == "SHOW":
        i = _show(toks)
        state = AFTER
    while i < len(toks):
        tok, prev = toks[i], toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if tok.kind == "word":
            if prev is not None and prev.text == ".":
                state = AFTER  # a property key or a name space: never a clause
            elif nxt is not None and nxt.text == ":" and brackets[-1:] == ["{"]:
                state = OPERAND  # a map key
            else:
                i, state = _word(toks, i, state, prev)
                continue
        elif tok.kind == "punct":
            state = _punct(tok.text, prev, brackets)
        else:
            state = AFTER  # literal, parameter or quoted name
        i += 1
    if brackets:
        raise ReadOnlyError(f"read-only console: {brackets[-1]!r} is not closed")


def _word(toks: list[Token], i: int, state: str, prev: Token | None) -> tuple[int, str]:
    """Check the word at `i`; the index after it and what may follow."""
    word = toks[i].upper
    if word in WRITE_WORDS:
        raise _refuse(word, "is not a read clause")
    if state == CLAUSE and word not in READ_CLAUSES:
        raise _refuse(word, "cannot start a clause here")
    if state == BLOCK and word not in READ_CLAUSES:
        raise _refuse(word, "cannot start a subquery")
    if state == AFTER and word not in READ_CLAUSES | _INFIX:
        raise _refuse(word, "is not a read clause")
    if state == OPTIONAL and word not in {"MATCH", "CALL"}:
        raise _refuse(f"OPTIONAL {word}", "is not a read clause")
    if word == "CALL":
        return _call(toks, i + 1), OPERAND
    if prev is not None and prev.upper in {"AS", "YIELD"} or word not in _EXPECT_OPERAND:
        return i + 1, AFTER  # a name, a literal keyword (NULL, TRUE, END) or a sort order
    if word == "UNION":
        return i + (2 if i + 1 < len(toks) and toks[i + 1].upper == "ALL" else 1), CLAUSE
    return i + 1, OPTIONAL if word == "OPTIONAL" else OPERAND


def _call(toks: list[Token], i: int) -> int:
    """After CALL: a subquery `{`, a scoped subquery `(vars) {`, or a read procedure `name(`."""
    if i < len(toks) and toks[i].text in "{(":
        return i
    name = []
    while i < len(toks) and toks[i].kind == "word":
        name.append(toks[i].text)
        if i + 1 < len(toks) and toks[i + 1].text == ".":
            i += 2
            continue
        i += 1
        break
    procedure = ".".join(name).lower()
    if procedure not in READ_PROCEDURES or i >= len(toks) or toks[i].text != "(":
        raise _refuse(f"CALL {procedure or '…'}", "is not a read-only procedure call")
    return i


def _show(toks: list[Token]) -> int:
    """`SHOW [kind…] INDEXES|CONSTRAINTS`, the schema listings of Neo4j; the index after them."""
    i = 1
    while i < len(toks) and toks[i].upper in _SHOW_KINDS:
        i += 1
    if i >= len(toks) or toks[i].upper not in _SHOW_WHAT:
        raise _refuse("SHOW " + (toks[i].text if i < len(toks) else ""), "is not a schema listing")
    return i + 1


def _punct(text: str, prev: Token | None, brackets: list[str]) -> str:
    pairs = {")": "(", "]": "[", "}": "{"}
    if text in "([{":
        brackets.append(text)
        return BLOCK if text == "{" else OPERAND
    if text in pairs:
        if not brackets or brackets.pop() != pairs[text]:
            raise ReadOnlyError(f"read-only console: unbalanced {text!r}")
        return AFTER
    if text == "*" and prev is not None and (prev.text == "(" or prev.upper in {"RETURN", "WITH", "DISTINCT"}):
        return AFTER  # RETURN *, count(*)
    return OPERAND


@dataclass(frozen=True)
class Limits:
    """What one console query may take: seconds of run time and rows returned."""

    timeout: float = 10.0
    max_rows: int = 1000

    @classmethod
    def from_env(cls) -> "Limits":
        """GOVKG_CONSOLE_TIMEOUT (seconds) and GOVKG_CONSOLE_MAX_ROWS, else the defaults."""
        try:
            timeout = float(os.environ.get("GOVKG_CONSOLE_TIMEOUT") or cls.timeout)
            max_rows = int(os.environ.get("GOVKG_CONSOLE_MAX_ROWS") or cls.max_rows)
        except ValueError as e:
            raise StoreError(f"console limits: {e}") from None
        if timeout <= 0 or max_rows <= 0:
            raise StoreError("console limits: GOVKG_CONSOLE_TIMEOUT and GOVKG_CONSOLE_MAX_ROWS must be positive")
        return cls(timeout, max_rows)

    def describe(self) -> str:
        return f"at most {self.max_rows:,} rows and {self.timeout:g} s per query"


def run(store: "Store", cypher: str, limits: Limits) -> "Result":
    """One visitor's statement, checked and run read-only within `limits`."""
    return store.query(cypher, timeout=limits.timeout, max_rows=limits.max_rows)
