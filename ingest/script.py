"""Traditional script read as simplified, printed as it was.

Documents of Hong Kong, Macao, Taiwan and many older or reprinted web copies
are set in traditional characters (江西省人民政府辦公廳關於…, 贛府廳字〔2019〕38號).
The language is the same, so the rules and lexicons need not be written
twice: a text is read in simplified characters (OpenCC's t2s conversion,
which maps one character to one, so every position still points at the
printed text) and what is extracted is given back in the characters the
document printed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import cache
from typing import Any, TypeVar

import opencc

from ingest.text import Text

T = TypeVar("T")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(s: str) -> str:
    """`s` in simplified characters, of the same length (character by character where a
    phrase conversion would change it)."""
    if not s:
        return s  # half the lines of a gazette are blank: no call into OpenCC for them
    out = _converter().convert(s)
    if len(out) != len(s):
        out = "".join(c if len(conv := _converter().convert(c)) != 1 else conv for c in s)
    return out


_TRADITIONAL_SHARE = 0.02  # of the characters: a simplified text has a few that OpenCC would change (著, 乾)


def printed_like(s: str, samples: list[str]) -> str:
    """`s`, a name built in simplified characters, in the script of the printed
    `samples` it was built from (黑河市人大常委會 → 黑河市人民代表大會常務委員會)."""
    pairs = [(a, b) for sample in samples for a, b in zip(sample, simplified(sample)) if a != b]
    if len(pairs) <= _TRADITIONAL_SHARE * sum(map(len, samples)):
        return s
    printed = dict(pairs)
    return "".join(printed.get(c) or _traditional().convert(c) for c in s)


@cache
def _traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@dataclass(frozen=True)
class Folding:
    """How one document's characters were folded: simplified → the character printed."""

    printed: dict[str, str]

    def back(self, value: T) -> T:
        """`value` (a string, a tuple of them, or a fact) in the document's own characters."""
        if isinstance(value, str):
            return "".join(self.printed.get(c, c) for c in value)  # type: ignore[return-value]
        if isinstance(value, tuple):
            return tuple(self.back(v) for v in value)  # type: ignore[return-value]
        if is_dataclass(value) and not isinstance(value, type):
            changes: dict[str, Any] = {f.name: self.back(getattr(value, f.name)) for f in fields(value)
                                       if f.name != "file"}
            return replace(value, **changes)
        return value


def fold(text: Text) -> tuple[Text, Folding | None]:
    """The text in simplified characters, and how to give its facts back; (text, None)
    for a text in simplified characters."""
    lines = tuple(simplified(line) for line in text.lines)
    seen: dict[str, Counter[str]] = {}
    changed = 0
    for original, folded in zip(text.lines, lines):
        if original != folded:
            for a, b in zip(original, folded):
                if a != b:
                    seen.setdefault(b, Counter())[a] += 1
                    changed += 1
    if changed <= _TRADITIONAL_SHARE * sum(map(len, text.lines)):
        return text, None
    printed = {b: counts.most_common(1)[0][0] for b, counts in seen.items()}
    return Text(text.file, lines), Folding(printed)
