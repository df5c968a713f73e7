"""A name the sentence gives as an example ("systems like the Patriot …", "Countries like France and Germany …") is
not asked as a true/false swap, as the set of examples or typed in: another system or country may be one as well."""

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


def test_an_example_is_not_typed_in_either_but_still_chosen_among_systems_of_its_class():
    """Blind review 38: "systems like the ____ missile defense system" typed in has every other system the Allies sent as
    a true answer the key does not list (rejected by both reviewers), and so has the second example of the "like"
    ("… and Germany's ____ air defense system"). Chosen among four systems, the example is still asked."""
    questions = result_for(SEEDS / PAPER).questions
    assert not [q for q in questions if q.type == QuestionType.CLOZE and "systems like the" in q.stem]
    chosen = [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and "systems like the ____" in q.stem]
    assert [next(c["text"] for c in q.choices if c["id"] == q.answer["correct"]) for q in chosen] == ["Patriot"]
