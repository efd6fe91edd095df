"""The extractor on other shapes of input: a PDF of a gazette excerpt, prose, random text."""

from __future__ import annotations

import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govkg
from ingest.pipeline import extract_texts
from ingest.text import Text
from tests.conftest import GAZETTE
from tests.pdfs import build_pdf

GOLD_FIELDS = ("type", "doc_number", "person", "action", "position", "organization", "title", "implied",
               "note", "group", "role", "item", "task", "units", "lead", "phones", "email", "unit")


def _excerpt(first: int, last: int) -> list[str]:
    """Paragraphs of the bundled gazette's lines first..last (1-based), as a typesetter would set them."""
    lines = GAZETTE.read_text("utf-8").splitlines()[first - 1 : last]
    return [line.strip() for line in lines if line.strip()]


def _comparable(facts) -> list[tuple]:
    """Facts without their line numbers, which differ between a PDF and its text."""
    out = []
    for f in facts:
        r = f.to_record()
        out.append(tuple((k, str(r.get(k))) for k in GOLD_FIELDS if k in r))
    return sorted(out)


def test_a_pdf_of_a_gazette_excerpt_gives_the_same_facts_as_its_text(tmp_path):
    paragraphs = _excerpt(325, 374) + _excerpt(640, 700)  # two notices and the first measures
    text_facts = extract_texts([Text.from_string("\n\n".join(paragraphs), "excerpt.txt")]).facts
    pdf = build_pdf(tmp_path / "excerpt.pdf", paragraphs)
    pdf_facts = govkg.extract([pdf]).facts
    kinds = {f.type for f in text_facts}
    assert {"document", "appointment", "responsibility", "contact"} <= kinds
    assert _comparable(pdf_facts) == _comparable(text_facts)


def test_prose_without_documents_gives_no_facts_and_a_warning(tmp_path, caplog):
    prose = tmp_path / "prose.txt"
    prose.write_text("今天天气很好。我们去公园散步，看见许多人在跳舞。\n\n晚上回家吃饭。\n", "utf-8")
    with caplog.at_level(logging.WARNING):
        extraction = govkg.extract([prose])
    assert extraction.facts == ()
    assert len(extraction.warnings) == 1 and "prose.txt" in extraction.warnings[0]
    assert "prose.txt" in caplog.text


GAZETTE_LINES = GAZETTE.read_text("utf-8").splitlines()
_pieces = st.lists(st.sampled_from(GAZETTE_LINES), min_size=1, max_size=60)
_noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
_mutated = st.lists(st.one_of(st.sampled_from(GAZETTE_LINES), _noise, st.just("")), min_size=1, max_size=80)


def _check_sources_inside(lines: list[str]) -> None:
    text = Text(file="fuzz.txt", lines=tuple(lines))
    for fact in extract_texts([text]).facts:
        source = getattr(fact, "source", None)
        if source is not None:
            assert 1 <= source.line_start <= source.line_end <= len(lines), fact


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pieces)
def test_shuffled_gazette_lines_never_crash_and_sources_stay_inside(lines):
    _check_sources_inside(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated)
def test_mutated_text_never_crashes_and_sources_stay_inside(lines):
    _check_sources_inside(lines)
