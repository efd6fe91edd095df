"""The lexicons of official language, kept as data in `ingest/data/`.

Post words, roles in named bodies, standard short forms of unit names,
national bodies and English glosses are facts about Chinese administrative
language, not about code: they live in plain text files that a reviewer can
read and extend without touching a rule. `.txt` files hold one word a line,
`.tsv` files one tab-separated row a line; `#` starts a comment.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Iterable, Iterator

DATA = Path(__file__).parent / "data"


def _lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(line)
    return out


@cache
def words(name: str) -> tuple[str, ...]:
    """The words of `name`.txt, longest first (so that alternations prefer them)."""
    return tuple(sorted(dict.fromkeys(w.strip() for w in _lines(f"{name}.txt")), key=len, reverse=True))


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of `name`.tsv, cells stripped; empty trailing cells are kept as ''."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(f"{name}.tsv"))


def alternation(name: str) -> str:
    """The words of `name`.txt as one regular-expression group (a trie, `trie_pattern`)."""
    return trie_pattern(words(name))


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of `words` as a trie (应急(?:局|管理局)…), which Python's regex
    engine walks one character at a time instead of trying every word at every position;
    longer words win, as in a longest-first alternation."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        optional = "" in node
        body = branches[0] if len(branches) == 1 and not optional else f"(?:{'|'.join(branches)})"
        return f"{body}?" if optional and len(branches) == 1 else (f"(?:{'|'.join(branches)})?" if optional else body)

    return walk(trie)


def starts(pattern: re.Pattern[str], text: str) -> Iterator[int]:
    """Every position of `text` where `pattern` matches, overlapping matches too (a body
    word inside another), each found by the regex engine's own search."""
    found = pattern.search(text)
    while found:
        yield found.start()
        found = pattern.search(text, found.start() + 1)


def before(pattern: re.Pattern[str], text: str, reach: range) -> Iterator[int]:
    """The positions `reach` characters before each match of `pattern` in `text`: where a
    name that ends at such a match can begin (2 to 6 characters before 管委会)."""
    return (at - n for at in starts(pattern, text) for n in reach if n <= at)


def finditer_at(pattern: re.Pattern[str], text: str, positions: Iterable[int]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, tried only at `positions`, which must hold every
    position where a match can begin; `pattern` must match no empty string.

    A pattern that can begin with any character (a name before 管委会) is tried by
    `finditer` at every character of the text; a few lookups of where its matches can
    begin spare most of those tries."""
    end = 0
    for position in sorted(set(positions)):
        if position >= end and (found := pattern.match(text, position)):
            yield found
            end = found.end()
