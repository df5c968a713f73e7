"""The sides of a debate (``understanding.debates``): "While some members support X to <purpose>, others remain
cautious" with the cautious side's reasons is asked as why the supporters support X (issue 13: the seed paper's
division among NATO members gave no question). The wrong options are reasons a state might have for supporting that
kind of thing (pack data, ``rules.json`` "debates"), offered only where the reading gives none of them and never one
of the key's theme: the cautious side's concerns turned to purposes were ruled out by logic alone."""

from __future__ import annotations

import re
from typing import Any

from quizzes.generation.packs import load_packs
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

OPENING = (
    "NATO Allies met in Brussels to discuss the Alliance's open door policy. "
    "Montenegro joined the Alliance in 2017 after a long accession process. "
)
SIDES = (
    "While some NATO members, particularly those in Eastern Europe, strongly support Moldova's membership to counter "
    "Russian influence, others remain cautious. "
)
NAMED = (
    "Countries like Portugal and Belgium have expressed concerns about the costs of defending a new member and the risks "
    "of provoking incidents with Russian forces. "
)
CLOSING = "The Alliance agreed to review its enlargement policy at the next summit."
STEM = "According to the reading, why do some NATO members, particularly those in Eastern Europe, strongly support "
KEY = "To counter Russian influence."


def _questions(text: str) -> list[Any]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


def _asked(text: str) -> list[tuple[str, str, set[str]]]:
    """(stem, key, every option) of each debate question."""
    out = []
    for q in _questions(text):
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("According to the reading, why do some "):
            texts = {c["id"]: c["text"] for c in q.choices}
            out.append((q.stem, texts[q.answer["correct"]], set(texts.values())))
    return out


def _pack() -> dict[str, Any]:
    [debates] = [p.rules["debates"] for p in load_packs() if "debates" in p.rules]
    return debates


def _purposes() -> dict[str, dict[str, Any]]:
    """The pack's reasons for supporting a membership, by their text."""
    return {p["text"]: p for kind in _pack()["support_purposes"] for p in kind["purposes"]}


def _named_in(text: str, purpose: dict[str, Any]) -> bool:
    return any(re.search(m, text, re.IGNORECASE) for m in purpose["marks"])


def test_the_supporters_purpose_is_asked_among_reasons_for_support_from_the_pack():
    text = OPENING + SIDES + NAMED + CLOSING
    [(stem, key, options)] = _asked(text)
    assert stem == STEM + "Moldova's membership?"
    assert key == KEY
    wrong = options - {key}
    assert len(wrong) == 3
    # Reasons a state might have for supporting a membership: none is a concern of the cautious side turned round.
    assert wrong <= set(_purposes())
    assert all(o.startswith("To ") and not o.startswith("To avoid") for o in wrong)
    # Three different themes: no two wrong options say the same thing.
    assert len({_purposes()[o]["theme"] for o in wrong}) == 3


def test_a_reason_the_reading_speaks_of_anywhere_is_no_wrong_option():
    # The reading names the burden of defence and arms markets elsewhere: those reasons may be the reading's own.
    aside = " Some Allies hope to share the burden of defence more evenly, and arms makers eye new markets in the region."
    text = OPENING + SIDES + NAMED + CLOSING + aside
    [(_, key, options)] = _asked(text)
    wrong = options - {key}
    assert wrong <= set(_purposes())
    assert not [o for o in wrong if _named_in(text, _purposes()[o])]
    # Without the aside those two are offered, so the aside is what keeps them out.
    [(_, _, plain)] = _asked(OPENING + SIDES + NAMED + CLOSING)
    assert {o for o in plain if o in _purposes() and _named_in(aside, _purposes()[o])}


def test_no_wrong_option_is_of_the_key_s_theme():
    # "counter Russian influence" is of the adversary theme: "To keep hostile forces away from their borders." says
    # the same in other words, though the reading never speaks of hostile forces or borders. Mentioning all but two
    # other themes' reasons leaves it as the third, so without the rule it would be offered.
    aside = " Allies spoke of the burden of defence, arms markets, voting, refugees, energy, trade and the United States."
    text = OPENING + SIDES + NAMED + CLOSING + aside
    key_themes = {t for t, marks in _pack()["themes"].items() if any(re.search(m, KEY, re.IGNORECASE) for m in marks)}
    assert key_themes == {"adversary"}
    offered = [t for t, p in _purposes().items() if p["theme"] in key_themes and not _named_in(text, p)]
    assert offered == ["To keep hostile forces away from their borders."]
    # Too few reasons of other themes left: no question rather than one of the key's theme.
    assert _asked(text) == []


def test_the_wrong_options_are_of_three_different_themes():
    # Supporters who mean to share the burden: both adversary reasons are unnamed in a reading that never speaks of
    # Russia, but they say the same thing, so only one of them may be offered, and one more theme is missing.
    burden = SIDES.replace("to counter Russian influence", "to share the burden of defence")
    calm = NAMED.replace("incidents with Russian forces", "incidents at sea")
    aside = " Allies spoke of arms markets, voting, refugees, energy, trade, the United States and ethnic minorities."
    text = OPENING + burden + calm + CLOSING + aside
    unnamed = [t for t, p in _purposes().items() if p["theme"] != "burden" and not _named_in(text, p)]
    assert len(unnamed) == 3
    assert len({_purposes()[t]["theme"] for t in unnamed}) == 2
    assert _asked(text) == []
    # One more theme left unnamed: the question is asked, with one reason of each theme.
    [(_, key, options)] = _asked(text.replace(", energy", ""))
    assert key == "To share the burden of defence."
    assert len({_purposes()[o]["theme"] for o in options - {key}}) == 3


def test_a_key_of_no_known_theme_or_a_thing_the_pack_has_no_reasons_for_gives_no_question():
    # "to honour a promise": nothing says which pack reason would mean the same.
    vague = SIDES.replace("to counter Russian influence", "to honour an old promise")
    assert _asked(OPENING + vague + NAMED + CLOSING) == []
    # A naval mission is no membership: the pack's reasons for supporting a membership do not fit it.
    mission = SIDES.replace("Moldova's membership", "a permanent naval mission in the Baltic Sea")
    assert _asked(OPENING + mission + NAMED + CLOSING) == []


def test_the_cautious_sides_reasons_may_be_given_in_the_sides_sentence_itself():
    fearing = "others remain cautious, fearing the costs of defending a new member and the strategic implications of a longer border."
    [(_, key, options)] = _asked(OPENING + SIDES.replace("others remain cautious.", fearing) + CLOSING)
    assert key == KEY
    assert options - {key} <= set(_purposes())


def test_a_reason_that_is_no_downside_of_the_thing_supported_makes_no_debate():
    # Supporters may back a membership to avoid escalation too: the sides need not disagree about it.
    fearing = "others remain cautious, fearing escalation and the costs of defending a new member."
    assert _asked(OPENING + SIDES.replace("others remain cautious.", fearing) + CLOSING) == []


def test_no_question_without_two_reasons_of_the_cautious_side_or_without_the_supporters_purpose():
    # The others' reasons missing: nothing shows what the sides disagree about.
    assert _asked(OPENING + SIDES + CLOSING) == []
    one = NAMED.replace(" and the risks of provoking incidents with Russian forces", "")
    assert _asked(OPENING + SIDES + one + CLOSING) == []
    # No purpose: nothing to ask why.
    no_purpose = SIDES.replace(" to counter Russian influence", "")
    assert _asked(OPENING + no_purpose + NAMED + CLOSING) == []


def test_the_reasons_must_be_about_the_others_named_right_after_the_sides_sentence():
    # A sentence between the two: the concerns may be anyone's.
    between = "Romania has offered to host a training centre. "
    assert _asked(OPENING + SIDES + between + NAMED + CLOSING) == []
    # The concerns of a group that is not a list of countries ("Countries like those on the Atlantic"): no question.
    vague = NAMED.replace("Portugal and Belgium", "those on the Atlantic")
    assert _asked(OPENING + SIDES + vague + CLOSING) == []


def test_a_noun_taking_its_own_to_is_no_purpose_and_a_reason_leaning_on_the_text_is_no_option():
    # "support efforts to counter …": what the efforts are for, not why the members support them.
    efforts = SIDES.replace("Moldova's membership to counter", "efforts to counter")
    assert _asked(OPENING + efforts + NAMED + CLOSING) == []
    # "its costs": a reason quoted without its sentence must stand alone.
    leaning = NAMED.replace("the costs of defending a new member", "the costs of its defence")
    assert _asked(OPENING + SIDES + leaning + CLOSING) == []
