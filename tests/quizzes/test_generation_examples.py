"""A name the sentence gives as an example ("systems like the Patriot …", "Countries like France and Germany …") is
not asked as a true/false swap or as the set of examples: another system or country may be one as well."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from quizzes.generation.pipeline import GenerationResult
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import SEEDS, generate_file

BLANK = "____"
EXAMPLE = re.compile(r"\b(?:[Ll]ike|such as)\s+(?:the\s+)?" + re.escape(BLANK))
PAPER = "002_d5b0e1543fdd7663.txt"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@cache
def result_for(path: Path) -> GenerationResult:
    return generate_file(path)


READINGS = [SEEDS / PAPER, *sorted(p for p in CORPUS.iterdir() if p.suffix in {".md", ".html"} and p.stem != "README")]


@pytest.mark.parametrize("path", READINGS, ids=lambda p: p.stem)
def test_no_swap_or_select_all_on_a_name_given_as_an_example(path):
    """Blind review 25: "NATO allies have provided systems like the Hawk missile defense system" keyed False is true of
    the world (the Hawk was sent too), and "Countries like ____ have led in reconstructing healthcare …" asks which
    examples the author happened to name, beside neighbours that are not surely wrong (3 of 3 turned down or edited)."""
    for q in result_for(path).questions:
        quoted = str(q.meta.get("quoted", ""))
        swapped = str(q.meta.get("tf_swapped", ""))
        if q.type == QuestionType.TRUE_FALSE and swapped:
            assert not EXAMPLE.search(quoted.replace(swapped, BLANK, 1)), q.stem
        if q.type == QuestionType.MULTIPLE_RESPONSE:
            assert not EXAMPLE.search(quoted), q.stem


def test_the_seed_papers_examples_are_still_asked_as_a_typed_name():
    """What the rule leaves: the example's own sentence typed in ("systems like the ____ missile defense system")."""
    typed = [q for q in result_for(SEEDS / PAPER).questions if q.type == QuestionType.CLOZE and "systems like the" in q.stem]
    assert [q.answer["accepted"][0] for q in typed] == ["Patriot"]
