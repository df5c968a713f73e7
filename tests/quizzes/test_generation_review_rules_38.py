"""What both reviewers of blind review 38 turned down, and the rules that now leave it out (issue 13): a person's blank a
pronoun before it points to, a meeting's venue given away by its city, and a blank on the European Union."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body

OPENING = "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's posture on the eastern flank. "


def _blanks(text: str) -> dict[str, list[str]]:
    """The stem of every cloze and single choice with a blank -> its first accepted answer or key."""
    out: dict[str, list[str]] = {}
    for q in generate_body(OPENING + text):
        if q.type == QuestionType.CLOZE:
            out.setdefault(q.stem, []).append(q.answer["accepted"][0])
        elif q.type == QuestionType.SINGLE_CHOICE and "____" in q.stem:
            out.setdefault(q.stem, []).append(next(c["text"] for c in q.choices if c["id"] == q.answer["correct"]))
    return out


def test_a_person_a_pronoun_before_the_blank_points_to_is_not_asked():
    text = (
        "NATO Secretary General Jens Stoltenberg spoke to reporters in Vilnius before the summit. "
        "During his comments, Jens Stoltenberg indicated that a concrete aid package would be formalized at the summit."
    )
    assert not [stem for stem, keys in _blanks(text).items() if "During his comments, ____" in stem]


def test_a_pronoun_that_stands_for_another_person_named_before_the_blank_does_not_stop_the_question():
    text = (
        "NATO Secretary General Jens Stoltenberg spoke to reporters in Vilnius before the summit. "
        "After President Biden said he would support the aid package, Jens Stoltenberg announced the summit agenda."
    )
    asked = [keys for stem, keys in _blanks(text).items() if "he would support the aid package, ____" in stem]
    assert asked and all("Jens Stoltenberg" in keys for keys in asked), _blanks(text)


def test_a_meeting_s_venue_and_a_blank_on_the_european_union_are_not_asked():
    text = (
        "The Ukraine Defense Contact Group convened at NATO Headquarters in Brussels to discuss further military aid. "
        "Russia has weaponized energy supplies, making it imperative for NATO and the European Union to help Ukraine."
    )
    keys = {key for found in _blanks(text).values() for key in found}
    assert "NATO Headquarters" not in keys and "European Union" not in keys, keys
