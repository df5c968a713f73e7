"""What a thing made possible, asked among what other things made possible (issue 13): what a clause made possible
("…, allowing it to withstand repeated winter blackouts"; "… provided Ukraine with tools to expose false news
reports") is a wrong option of its own kind for a thing that is no weapon (satellite imagery, intelligence), which
had none before and was not asked (blind review 19 turned down weapons' deeds offered for NATO's intelligence)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.quizzes.seed_readings import generate_body

IMAGERY = "Track the movements of Russian warships"
BLACKOUTS = "Withstand repeated winter blackouts"
FALSE_NEWS = "Expose false news reports"
TANKS = "Destroy columns of Russian tanks near the capital"
DEPOTS = "Hit ammunition depots many miles from the front lines"
MISSILES = "Intercept incoming cruise missiles over the capital"

READING = (
    "NATO Allies agreed at the Vilnius summit to support Ukraine against the Russian invasion. "
    "The Javelins enabled Ukrainian forces to destroy columns of Russian tanks near the capital. "
    "The HIMARS launchers enabled Ukraine to hit ammunition depots many miles from the front lines. "
    "The Patriot systems allowed Ukraine to intercept incoming cruise missiles over the capital. "
    "The satellite imagery provided by the Allies has enabled Ukraine to track the movements of Russian warships. "
    "Through the Allied Energy Resilience Trust Fund, Ukraine has received technical support for its power grid, "
    "allowing it to withstand repeated winter blackouts. "
    "The Allied Centre for Information Resilience has provided Ukraine with tools to expose false news reports, "
    "helping to keep public trust. "
    "The supply of modern equipment has been decisive, allowing Ukraine to hold its defensive lines in the east. "
    "A permanent training mission would reassure the Allies, allowing Ukraine to plan its reforms over a decade. "
    "The Allies met in Madrid in June 2022 to adopt a new Strategic Concept for the decade ahead. "
    "Finland and Sweden applied for membership after decades of military non-alignment in northern Europe."
)


def _asked(questions: list[Any]) -> dict[str, tuple[str, set[str]]]:
    """The thing asked about -> (the deed keyed, every option)."""
    out = {}
    for q in questions:
        if q.stem.startswith("What, according to the reading,") and q.stem.endswith("to do?"):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[q.stem] = (texts[q.answer["correct"]], set(texts.values()))
    return out


def test_what_a_thing_that_is_no_weapon_enabled_is_asked_among_what_clauses_of_its_kind_made_possible():
    asked = _asked(generate_body(READING))
    stem = "What, according to the reading, has the satellite imagery provided by the Allies enabled Ukraine to do?"
    assert asked[stem] == (IMAGERY, {IMAGERY, BLACKOUTS, FALSE_NEWS}), asked


def test_what_a_clause_made_possible_is_never_asked_nor_offered_for_a_weapon():
    asked = _asked(generate_body(READING))
    assert len(asked) >= 2, asked
    for stem, (key, options) in asked.items():
        assert "Fund" not in stem and "Centre" not in stem and key not in {BLACKOUTS, FALSE_NEWS}
        if "imagery" not in stem:
            # A weapon's deeds only for a weapon: no non-weapon deed among them.
            assert not options & {BLACKOUTS, FALSE_NEWS, IMAGERY}, stem
            assert options <= {TANKS, DEPOTS, MISSILES}, stem


def test_an_umbrella_s_or_a_possible_deed_made_possible_by_a_clause_is_never_offered():
    # "The supply of modern equipment …, allowing Ukraine to hold its defensive lines": what all the aid made possible,
    # each thing under it did too. "… would reassure the Allies, allowing …": only possible, nothing the reading credits.
    options = {o for _, opts in _asked(generate_body(READING)).values() for o in opts}
    assert not any("defensive lines" in o or "reforms" in o for o in options), options


@pytest.mark.parametrize("giver", ["Ukraine", "Through NATO, Ukraine"])
def test_a_clause_s_deed_without_a_named_body_giving_the_support_is_never_offered(giver: str):
    # Without the fund's name, "technical support" is an umbrella word like any other (the whole alliance's support
    # is no body of its own): the deed is not offered, and the imagery has one deed of its kind to be asked among
    # (too few): it is not asked.
    text = READING.replace("Through the Allied Energy Resilience Trust Fund, Ukraine", giver)
    asked = _asked(generate_body(text))
    assert not any("imagery" in stem for stem in asked), asked
    assert not any(BLACKOUTS in options for _, options in asked.values())


def test_what_a_weapon_enabled_is_also_stated_false_with_a_deed_the_reading_gives_to_a_weapon_of_another_class():
    questions = generate_body(READING)
    statements = {q.stem: q for q in questions if q.type == "true_false" and q.meta.get("understanding") == "enabled"}
    # The reading's own verb and tense; the deed of a weapon of another class (the HIMARS launchers', not the Patriots'
    # sort of deed for the Javelins: ``fair``), so false by the reading. Not for the satellite imagery: what a clause
    # made possible may be what the imagery did too (blind review 37).
    javelins = "True or false? According to the reading, the Javelins enabled Ukrainian forces to hit ammunition depots many miles from the front lines."
    assert list(statements) == [javelins]
    assert statements[javelins].answer == {"correct": False}
    # It shares its exclusion group with the single choice it restates: a quiz shows one of the two.
    singles = {q.group: q.stem for q in questions if q.type == "single_choice" and q.meta.get("understanding") == "enabled"}
    assert singles[statements[javelins].group] == "What, according to the reading, did the Javelins enable Ukrainian forces to do?"
