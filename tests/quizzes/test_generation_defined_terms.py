# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the sentences here do too
"""A term of the field that a sentence names and explains at once is asked as "Which term completes this sentence from
the reading?", with the pack's other terms of its kind as options (issue 13: the paper's "Russia's hybrid warfare
tactics - encompassing cyberattacks, disinformation campaigns, and political interference - pose …"). A plain blank on
the term is a guess among many words; the description beside it is what the student must recognise, so it must explain
the term (two of its marks), name none of its words, and fit no wrong option."""

from __future__ import annotations

from typing import Any

import pytest

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

STEM = "Which term completes this sentence from the reading?"
WAYS_OF_WAR = {"hybrid warfare", "guerrilla warfare", "war of attrition", "war of manoeuvre", "conventional warfare"}
OPENING = "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's posture on the eastern flank. "
DEFINED = (
    "Russia’s hybrid warfare tactics - encompassing cyberattacks, disinformation campaigns, and political interference - "
    "pose a long-term threat to Ukraine’s internal stability."
)


def _questions(text: str) -> list[Any]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _asked(text: str) -> dict[str, tuple[str, set[str]]]:
    """Term asked -> (the stem, the options)."""
    out = {}
    for q in _questions(text):
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith(STEM) and q.meta.get("understanding") == "defined-term":
            texts = {c["id"]: c["text"] for c in q.choices}
            out[texts[q.answer["correct"]]] = (q.stem, set(texts.values()))
    return out


def test_a_term_the_sentence_names_and_describes_is_blanked_and_chosen_among_its_kind():
    asked = _asked(OPENING + DEFINED)
    assert set(asked) == {"hybrid warfare"}
    stem, options = asked["hybrid warfare"]
    assert "Russia’s ____ tactics - encompassing cyberattacks, disinformation campaigns, and political interference - pose" in stem
    assert "hybrid" not in stem
    assert len(options) == 4 and options <= WAYS_OF_WAR


def test_a_term_the_reading_names_elsewhere_comes_last_among_the_options():
    # The war of attrition may be another question's key: offered here, it would tie the two into one exclusion group.
    text = OPENING + DEFINED + " Both armies are now locked in a war of attrition along the front."
    assert "war of attrition" not in _asked(text)["hybrid warfare"][1]


@pytest.mark.parametrize(
    "sentence",
    [
        # An apposition and a list after "including" set the description off as well as dashes do.
        "Moscow has relied on hybrid warfare, the use of disinformation, proxy forces and economic coercion, to weaken Kyiv.",
        "The Kremlin's hybrid warfare (including propaganda, sabotage of undersea cables by cyber operations, and election "
        "meddling) has targeted Moldova.",
        "Moscow's hybrid warfare — which combines propaganda, cyberattacks and unmarked troops — unsettled Kyiv in 2014.",
    ],
)
def test_other_constructions_that_set_a_description_off_are_asked(sentence):
    assert "hybrid warfare" in _asked(OPENING + sentence)


@pytest.mark.parametrize(
    ("sentence", "why"),
    [
        # One mark is a passing example, not an account of the concept.
        ("Russia's hybrid warfare tactics, including disinformation, pose a long-term threat to Ukraine.", "one mark"),
        # "Hybrid threats" in the description is the key's own word.
        (
            "Russia's hybrid warfare tactics - encompassing cyberattacks, disinformation and other hybrid threats - pose a threat.",
            "names the key",
        ),
        # Raids are guerrilla warfare's, tanks conventional warfare's: two options would fit, and too few are left.
        (
            "Russia's hybrid warfare tactics - encompassing cyberattacks, disinformation, raids and tanks - pose a threat.",
            "options fit",
        ),
        # No description set off: the term is only mentioned.
        ("Cyberattacks and disinformation campaigns show that Russia's hybrid warfare poses a long-term threat.", "no description"),
    ],
)
def test_a_description_that_does_not_single_out_the_term_is_not_asked(sentence, why):
    assert "hybrid warfare" not in _asked(OPENING + sentence), why


def test_a_way_of_war_the_description_also_fits_is_no_option():
    # Sabotage and raids are guerrilla warfare's as much as hybrid warfare's.
    text = OPENING + "Russia's hybrid warfare tactics - encompassing cyberattacks, disinformation, sabotage and raids - pose a threat."
    assert _asked(text)["hybrid warfare"][1] == WAYS_OF_WAR - {"guerrilla warfare"}


def test_a_way_of_war_the_sentence_names_is_no_option():
    text = OPENING + "Unlike the guerrilla warfare of the 1990s, " + DEFINED.replace("Russia’s", "Russia’s new", 1)
    assert _asked(text)["hybrid warfare"][1] == WAYS_OF_WAR - {"guerrilla warfare"}


def test_a_sentence_that_does_not_stand_alone_is_not_asked():
    text = OPENING + DEFINED.replace("Russia’s hybrid warfare tactics", "Its hybrid warfare tactics")
    assert _asked(text) == {}


def test_a_reading_outside_the_packs_asks_nothing():
    text = (
        "The city council debated the new budget for public libraries and parks. "
        "The mayor's hybrid warfare tactics - encompassing cyberattacks, disinformation campaigns, and political interference - "
        "were a joke among reporters."
    )
    assert _asked(text) == {}
