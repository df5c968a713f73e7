# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the examples must too
"""Questions on what a reading lays out one by one (what things made possible) and on a pair of sentences'
amount: issue 13, "the three seeds still give at
least 120 approved-quality questions", raised without any rule naming a seed."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

OTHERS = (
    "The Allies met in Madrid in June 2022 to adopt a new Strategic Concept for the decade ahead. "
    "Finland and Sweden applied for membership after decades of military non-alignment in northern Europe."
)


def _generate(text: str) -> GenerationResult:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon())


def _options(question) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["text"] for c in question.choices]


def _key(question) -> str:  # type: ignore[no-untyped-def]
    return next(c["text"] for c in question.choices if c["id"] == question.answer["correct"])


ENABLERS = (
    "The Gepard guns, mounted on old tank hulls, enabled Ukrainian forces to shoot down slow attack drones over the cities. "
    "Starlink terminals allowed Ukrainian units to keep radio links open under heavy jamming. "
    "The Bayraktar drones enabled Ukraine to strike supply columns far behind the front. "
    "The satellite imagery provided by the Allies has enabled Ukraine to track the movements of Russian warships. "
    "The Allies’ provision of modern equipment has enabled Ukraine to mount an effective defence against Russian forces."
)


def test_what_a_thing_enabled_is_asked_with_what_other_things_enabled_as_the_wrong_options():
    questions = _generate(f"{ENABLERS} {OTHERS}").questions
    asked = [q for q in questions if q.stem.startswith("What, according to the reading,") and q.stem.endswith("to do?")]
    assert asked, [q.stem for q in questions]
    deeds = {
        "Shoot down slow attack drones over the cities",
        "Keep radio links open under heavy jamming",
        "Strike supply columns far behind the front",
        "Track the movements of Russian warships",
    }
    keys = {_key(q) for q in asked}
    for q in asked:
        assert set(_options(q)) <= deeds and len(_options(q)) >= 3
        # No question offers another's key: they stay apart, each in its own sentence's group.
        assert not (set(_options(q)) - {_key(q)}) & keys
    # An umbrella's deed ("mount an effective defence") is what every thing under it did too: never asked or offered.
    assert not any("effective defence" in " ".join([q.stem, *_options(q)]) for q in asked)
    gepard = next((q for q in asked if "the Gepard guns" in q.stem), None)
    if gepard is not None:
        assert gepard.stem == "What, according to the reading, did the Gepard guns enable Ukrainian forces to do?"


def test_an_amount_of_a_pair_of_sentences_is_typed_in_chosen_and_swapped_over_both_sentences():
    given = "In the spring of 2014, the Nordic states gave Moldova substantial financial, technical and humanitarian assistance."
    total = "The total value of this aid reached about $12 billion within the year."
    questions = [q for q in _generate(f"{given} {total} {OTHERS}").questions if "12 billion" in q.passage and "Nordic" in q.stem]
    types = {q.type for q in questions}
    assert {"numeric", "single_choice", "true_false"} <= types, [q.stem for q in questions]
    for q in questions:
        assert q.passage == f"{given} {total}"
        assert "“In the spring of 2014" in q.stem and ("these two sentences" in q.stem or q.type == "true_false")
    [choice] = [q for q in questions if q.stem.startswith("Which figure completes these two sentences")]
    assert _key(choice) == "$12 billion"


def test_an_amount_of_a_pair_beside_two_other_figures_is_typed_in_only():
    # "Since March 2014 … about $12 billion by June 2024": changed for a true/false or chosen among four, the amount
    # is which number stood where (blind reviews 31 to 33 rejected the seed paper's "$280 billion" pair, both reviewers).
    given = "Since March 2014, the Nordic states have given Moldova substantial financial, technical and humanitarian assistance."
    total = "The total value of this aid reached about $12 billion by June 2024."
    questions = [q for q in _generate(f"{given} {total} {OTHERS}").questions if "12 billion" in q.passage and "Nordic" in q.stem]
    assert [q for q in questions if q.type == "numeric" and q.answer.get("value") == 12], [q.stem for q in questions]
    assert not [q for q in questions if q.type == "single_choice" and _key(q) == "$12 billion"]
    assert not [q for q in questions if q.type == "true_false" and q.meta.get("tf_original") == "$12 billion"]


def test_a_deed_whose_subject_points_back_is_a_wrong_option_and_never_asked():
    # Three things that can be asked were too few (each question took its wrong options from ones left unasked);
    # "The deployment of these systems" cannot be asked (it points back), but what it allowed stands alone.
    text = (
        "Starlink terminals allowed Ukrainian units to keep radio links open under heavy jamming. "
        "The Bayraktar drones enabled Ukraine to strike supply columns far behind the front. "
        "The satellite imagery provided by the Allies has enabled Ukraine to track the movements of Russian warships. "
        "The HIMARS launchers enabled Ukraine to hit ammunition depots many miles from the front lines. "
        "The Stingers, which are man-portable, allowed Ukrainian forces to target helicopters flying low over the front. "
        "NATO allies have provided systems like the Patriot missile defense system and Germany’s IRIS-T air defense system. "
        "The deployment of these systems has allowed Ukraine to intercept incoming cruise missiles over the capital. "
        "This military support has proven critical as it has allowed Ukraine not only to hold positions but also to regain ground."
    )
    questions = _generate(f"{text} {OTHERS}").questions
    asked = [q for q in questions if q.stem.startswith("What, according to the reading,") and q.stem.endswith("to do?")]
    assert len(asked) >= 3, [q.stem for q in questions]
    intercept = "Intercept incoming cruise missiles over the capital"
    for q in asked:
        assert _key(q) != intercept and "these systems" not in q.stem
        # What the Patriots did may be true of the Stingers, also air-defence systems: never offered for them.
        assert (intercept in _options(q)) != ("Stingers" in q.stem), q.stem
        # A clause for a subject ("… has proven critical as it") and two deeds in one ("not only … but also") are never offered.
        assert not any("positions" in o or "ground" in o for o in _options(q))


def test_what_a_thing_that_is_no_weapon_enabled_is_not_offered_with_what_weapons_enabled():
    # Blind review 19: "What … has the intelligence provided by NATO enabled Ukraine to do?" among "Intercept incoming
    # missiles" and "Target Russian helicopters" (the Patriots', the Stingers'): the wrong kind of option.
    text = (
        "NATO Allies agreed at the Vilnius summit to support Ukraine against the Russian invasion. "
        "The HIMARS launchers enabled Ukraine to hit ammunition depots many miles from the front lines. "
        "The Stingers, which are man-portable, allowed Ukrainian forces to target helicopters flying low over the front. "
        "The Javelins enabled Ukrainian forces to destroy columns of Russian tanks near the capital. "
        "The Patriot systems allowed Ukraine to intercept incoming cruise missiles over the capital. "
        "The intelligence provided by the Allies has enabled Ukraine to monitor Russian troop movements along the border."
    )
    questions = _generate(f"{text} {OTHERS}").questions
    asked = [q for q in questions if q.stem.startswith("What, according to the reading,") and q.stem.endswith("to do?")]
    assert asked, [q.stem for q in questions]
    for q in asked:
        assert "intelligence" not in q.stem, q.stem
        assert "Monitor Russian troop movements along the border" not in _options(q), q.stem
