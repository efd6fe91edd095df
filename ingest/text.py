"""A gazette as numbered lines: the one shape every reader produces.

Whatever the input format (plain text, Markdown, HTML, PDF), readers turn it
into lines of text in reading order, with table rows as tab-separated cells.
Line numbers are 1-based and are what every fact's provenance points at.
"""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """Bad input (empty, binary, unreadable): the message names the file."""


@dataclass(frozen=True)
class Text:
    file: str
    lines: tuple[str, ...]

    def line(self, number: int) -> str:
        """The line with 1-based `number`."""
        return self.lines[number - 1]

    def span(self, start: int, end: int) -> str:
        """Lines `start`..`end` (1-based, inclusive) joined by newlines."""
        return "\n".join(self.lines[start - 1 : end])

    @classmethod
    def from_string(cls, content: str, file: str = "<string>") -> "Text":
        return cls(file=file, lines=tuple(content.splitlines()))
