# ruff: noqa: RUF001 - the readings use typographic apostrophes, so the examples must too
"""Questions on what a reading lays out one by one (alternatives it weighs, what things made possible,
circumstances it names) and on a pair of sentences' amount: issue 13, "the three seeds still give at
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

SCENARIOS = (
    "One possible scenario is a negotiated armistice, in which both governments sign a settlement that fixes the front line. "
    "Another potential scenario is a frozen stalemate in which neither army gains ground, but the fighting continues for years. "
    "A third scenario involves wider Nordic involvement, in which the Nordic states send brigades to the border. "
    "Another possibility is a regime collapse in Moscow, in which mounting losses and unrest end the government of the day."
)


def _generate(text: str) -> GenerationResult:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon())


def _options(question) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["text"] for c in question.choices]


def _key(question) -> str:  # type: ignore[no-untyped-def]
    return next(c["text"] for c in question.choices if c["id"] == question.answer["correct"])


def test_alternatives_a_reading_lays_out_are_asked_by_what_happens_in_each_among_the_others():
    questions = _generate(f"{SCENARIOS} {OTHERS}").questions
    asked = {q.stem: q for q in questions if q.stem.startswith("Which scenario does the reading describe as one in which")}
    stalemate = asked[
        "Which scenario does the reading describe as one in which neither army gains ground, but the fighting continues for years?"
    ]
    assert _key(stalemate) == "A frozen stalemate"
    # Every option is an alternative the reading itself weighs; only the description tells them apart.
    assert sorted(_options(stalemate)) == [
        "A frozen stalemate",
        "A negotiated armistice",
        "A regime collapse in Moscow",
        "Wider Nordic involvement",
    ]
    # A name sharing a word with its description ("Nordic … Nordic states") would be matched, not read: it is only an option.
    assert not any("Nordic states send" in stem for stem in asked)
    assert "A negotiated armistice" in {_key(q) for q in asked.values()}


def test_two_alternatives_are_a_pair_not_a_set_to_choose_from():
    two = " ".join(SCENARIOS.split(". ")[:2]) + "."
    questions = _generate(f"{two} {OTHERS}").questions
    assert not [q for q in questions if "describe as one in which" in q.stem]


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


def test_a_cause_is_offered_among_circumstances_the_reading_says_shaped_or_hindered_something_else():
    text = (
        "Early in the war, the northern garrison was at a serious disadvantage due to the enemy’s large stock of modern artillery. "
        f"{OTHERS} "
        # Further on (a neighbour may give another cause of the same effect, so none is taken from there).
        "The talks on a ceasefire were hindered by the winter offensive on the southern front. "
        "The outcome of the peace process remains shaped by the donors’ shifting budget priorities."
    )
    questions = _generate(text).questions
    [why] = [q for q in questions if q.stem.startswith("Why, according to the reading, was the northern garrison")]
    assert _key(why) == "The enemy’s large stock of modern artillery"
    assert {"The winter offensive on the southern front", "The donors’ shifting budget priorities"} <= set(_options(why))


def test_an_amount_of_a_pair_of_sentences_is_typed_in_chosen_and_swapped_over_both_sentences():
    given = "Since March 2014, the Nordic states have given Moldova substantial financial, technical and humanitarian assistance."
    total = "The total value of this aid reached about $12 billion by June 2024."
    questions = [q for q in _generate(f"{given} {total} {OTHERS}").questions if "12 billion" in q.passage and "Nordic" in q.stem]
    types = {q.type for q in questions}
    assert {"numeric", "single_choice", "true_false"} <= types, [q.stem for q in questions]
    for q in questions:
        assert q.passage == f"{given} {total}"
        assert "“Since March 2014" in q.stem and ("these two sentences" in q.stem or q.type == "true_false")
    [choice] = [q for q in questions if q.stem.startswith("Which figure completes these two sentences")]
    assert _key(choice) == "$12 billion"


# Sentences enough that a body named once is not what the reading keeps naming (a household name then is).
BACKGROUND = " ".join(
    f"NATO delegates from the {n} northern provinces reviewed the grain harvest figures on day {d} of the conference."
    for n in ("three", "four", "five", "six", "seven", "eight")
    for d in ("one", "two")
)


def test_a_body_of_the_eu_is_asked_among_the_eu_institutions():
    text = (
        f"On 4 June, the European Commission plans to unveil a new proposal on the status of refugees from Ukraine. {OTHERS} {BACKGROUND}"
    )
    [choice] = [q for q in _generate(text).questions if q.stem.startswith("Which organisation completes")]
    assert sorted(_options(choice)) == ["Council of the European Union", "European Commission", "European Council", "European Parliament"]
