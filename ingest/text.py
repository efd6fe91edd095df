"""A gazette as numbered lines: the one shape every reader produces.

Whatever the input format (plain text, Markdown, HTML, PDF), readers turn it
into lines of text in reading order, with table rows as tab-separated cells.
Line numbers are 1-based and are what every fact's provenance points at.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache


@lru_cache(maxsize=1 << 14)  # the extractors squeeze the same lines again and again (about ten times each)
def squeeze(s: str) -> str:
    """Printed text without the white space and bold marks of PDF conversion."""
    s = "".join(s.split())
    return s.replace("**", "").replace("__", "") if "**" in s or "__" in s else s


class InputError(Exception):
    """Bad input (empty, binary, unreadable): the message names the file."""


@dataclass(frozen=True)
class Text:
    file: str
    lines: tuple[str, ...]

    def line(self, number: int) -> str:
        """The line with 1-based `number`."""
        return self.lines[number - 1]

    @cached_property
    def _flat(self) -> tuple[str, ...]:
        return tuple(squeeze(line) for line in self.lines)

    def flat(self, number: int) -> str:
        """The line with 1-based `number` squeezed (`squeeze`), computed once per text:
        every extractor reads lines that way."""
        return self._flat[number - 1]

    def span(self, start: int, end: int) -> str:
        """Lines `start`..`end` (1-based, inclusive) joined by newlines."""
        return "\n".join(self.lines[start - 1 : end])

    @classmethod
    def from_string(cls, content: str, file: str = "<string>") -> "Text":
        return cls(file=file, lines=tuple(content.splitlines()))
