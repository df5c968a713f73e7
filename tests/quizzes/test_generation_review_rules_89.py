"""Blind review 89 (issue 13), on texts about the Salisbury poisoning, the Haiti security mission and the South China
Sea award nobody had run the generator on: whom Britain accused was never asked, "Chapter VII of the ____" gives the
UN Charter away, and a false year outside the decade its sentence names contradicts the sentence."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body


def test_whom_a_government_accused_of_a_deed_is_asked_and_typed_in():
    text = (
        "On 4 March 2018, Sergei Skripal and his daughter were poisoned in Salisbury, England, with a Novichok nerve agent. "
        "Later in March, the British government accused Russia of attempted murder and announced a series of punitive "
        "measures against Russia, including the expulsion of diplomats."
    )
    asked = {q.stem: q.answer["accepted"] for q in generate_body(text) if q.type == QuestionType.SHORT_ANSWER}
    assert asked.get("According to the reading, whom did the British government accuse of attempted murder?") == ["Russia"], asked


def test_the_document_a_chapter_belongs_to_is_not_asked():
    text = (
        "Adopting resolution 2699 by a recorded vote of 13 in favour with 2 abstentions, the Security Council, acting under "
        "Chapter VII of the UN Charter, authorized the Mission on the understanding that its cost will be borne by voluntary "
        "contributions from individual Member States and regional organizations."
    )
    assert not [q.stem for q in generate_body(text) if "Chapter VII of the ____" in q.stem]


def test_a_false_year_outside_the_decade_its_sentence_names_is_turned_down():
    """Review 89's reading gave "… from 2000 until his arrest" for 1995 after "In the 1990s" (which false year a
    sentence gets depends on a hash of the reading, so the rule is checked on the statement itself)."""
    from types import SimpleNamespace

    from quizzes.generation.review import _outside_its_decade

    quoted = "In the 1990s, Sergei Skripal worked as a double agent for the Secret Intelligence Service from {} until 2004."

    def statement(year: str) -> SimpleNamespace:
        return SimpleNamespace(meta={"tf_swapped": year, "tf_original": "1995"})

    assert _outside_its_decade(statement("2000"), quoted.format("2000"))  # type: ignore[arg-type]
    assert not _outside_its_decade(statement("1998"), quoted.format("1998"))  # type: ignore[arg-type]


def test_who_claimed_responsibility_for_an_attack_is_asked_and_typed_in():
    """Review 91's readings on the Kabul airport attack of 2021 were asked how many died, never who claimed the attack."""
    text = (
        "The terrorist group Islamic State-Khorasan claimed responsibility for the dual suicide blasts outside Kabul's "
        "airport on 26 August 2021 that killed 13 U.S. service members and at least 90 Afghan civilians."
    )
    asked = {q.stem: q.answer["accepted"] for q in generate_body(text) if q.type == QuestionType.SHORT_ANSWER}
    stem = "According to the reading, who claimed responsibility for the dual suicide blasts outside Kabul's airport on 26 August 2021?"
    assert asked.get(stem) == ["Islamic State-Khorasan"], asked
