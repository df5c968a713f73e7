"""The seed paper laid out again in other ways (other widths, hyphenated breaks, headings glued
to their text, stray indentation) must give the same sections and the same text: the splitter
reads the form of the text, not this one file."""

from __future__ import annotations

import random
import textwrap

import pytest

from courseware.ingest.pipeline import ParsedReading, parse_reading
from tests.courseware.readings_support import PAPER_HEADINGS, SEED_PAPER

LIMIT = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def original() -> ParsedReading:
    return parse_reading(SEED_PAPER.read_bytes(), filename=SEED_PAPER.name, max_bytes=LIMIT)


def relayout(parsed: ParsedReading, *, width: int, glue_headings: bool, indent_share: float, seed: int) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    for section in parsed.sections:
        out.append(section.heading)
        if not glue_headings:
            out.append("")
        for paragraph in section.text.split("\n\n") if section.text else []:
            lines = textwrap.wrap(paragraph, width=width, break_on_hyphens=True, break_long_words=False)
            out.extend((" " + line) if index and rng.random() < indent_share else line for index, line in enumerate(lines))
            out.append("")
    return "\n".join(out)


@pytest.mark.parametrize("width", [60, 72, 95])
@pytest.mark.parametrize("glue_headings", [False, True], ids=["blank-after-heading", "heading-glued-to-text"])
def test_the_seed_paper_in_another_layout_splits_the_same(original, width, glue_headings):
    text = relayout(original, width=width, glue_headings=glue_headings, indent_share=0.1, seed=width)
    parsed = parse_reading(text.encode(), filename="relaid.txt", max_bytes=LIMIT)
    assert [section.heading for section in parsed.sections] == PAPER_HEADINGS
    assert [section.kind for section in parsed.sections] == [section.kind for section in original.sections]
    for mine, theirs in zip(parsed.sections, original.sections, strict=True):
        assert mine.text == theirs.text, mine.heading
