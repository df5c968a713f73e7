"""Blind review 36 (issue 13): what both reviewers turned down among the seed paper's true/false questions.

A true/false that swaps one weapons system for another of its class is surely false only when the sentence says
something beyond what the class is for. "The Panzerfaust 3, portable and highly effective against armored vehicles,
enabled Ukrainian forces to destroy numerous Russian tanks …" (the reading: the Javelins) was rejected by both
reviewers: destroying tanks is what every anti-tank weapon does, and the Panzerfaust 3 was sent to Ukraine. "The PzH
2000 systems … enabled Ukraine to launch strikes deep behind Russian lines" (the reading: HIMARS) was accepted by
both: reaching deep behind the lines is no howitzer's deed. The rule reads the class's own word in the sentence
("tanks" for anti-tank); the seed paper is where the generator makes both swaps."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import SEEDS, generate_file


def _system_swaps() -> dict[str, str]:
    """The swapped system -> the statement, of each true/false question that swaps a weapons system."""
    questions = generate_file(next(SEEDS.glob("002_*.txt"))).questions
    return {
        str(q.meta["tf_swapped"]): q.stem
        for q in questions
        if q.type == QuestionType.TRUE_FALSE and str(q.meta.get("tf_class", "")).startswith("system:")
    }


def test_a_system_is_not_swapped_where_the_sentence_says_what_its_whole_class_does():
    swaps = _system_swaps()
    assert not [stem for stem in swaps.values() if "tanks" in stem], swaps


def test_a_system_is_still_swapped_where_the_sentence_says_more_than_its_class_does():
    swaps = _system_swaps()
    assert any("deep behind Russian lines" in stem for stem in swaps.values()), swaps
