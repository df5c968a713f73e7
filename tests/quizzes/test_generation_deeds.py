"""What named countries did, as the reading says, asked as understanding: "According to the reading, what have the
Netherlands and Belgium done?" among what the reading says other countries did (issue 13: the seed paper credits four
deeds of reconstruction and refuge to pairs and trios of Allies, and the generator asked none of them). Not as a
matching of countries to deeds: guessed from the countries, it was rejected by both reviewers in blind reviews 38 and
41."""

from __future__ import annotations

from typing import Any

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body

MATCHING = "Match each country or group of countries to what the reading says it has done."
STEM = "According to the reading, what "

WATER = "Rebuilt water treatment plants in liberated towns"
SHELTER = "Sheltered displaced families"
PILOTS = "Trained Ukrainian pilots on modern fighter jets"
DEMINING = "Funded demining teams across the Kharkiv region"
STATIONS = "Repaired water treatment stations near Kherson"

READING = (
    "Russia has shelled towns across Ukraine for three years, and Ukraine has asked NATO Allies for help with its recovery. "
    "Russia has also targeted Ukraine's ports. "
    "Spain and Portugal, for example, have rebuilt water treatment plants in liberated towns essential for the return "
    "of displaced families (Lopez, 2024). "
    "Neighboring NATO countries like Slovakia and Lithuania have sheltered displaced families, while the Red Cross has "
    "coordinated relief convoys. "
    "Allies like the Netherlands and Belgium have trained Ukrainian pilots on modern fighter jets, ensuring continuity "
    "of air operations. "
    "Countries like Greece and Croatia have expressed concerns about the risk of escalation with Russia. "
    "Additionally, Estonia and Latvia have funded demining teams across the Kharkiv region. "
    "Czechia and Slovenia have repaired water treatment stations near Kherson. "
    "Ukraine and Russia remain far apart on the terms of any ceasefire."
)


def _asked(questions: list[Any]) -> dict[str, tuple[str, set[str], str]]:
    """Stem -> (the deed keyed, every option, the exclusion group)."""
    out = {}
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith(STEM) and q.stem.endswith((" done?", " do?")):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[q.stem] = (texts[q.answer["correct"]], set(texts.values()), q.group)
    return out


def test_each_group_s_deed_is_asked_among_what_the_reading_says_other_groups_did():
    asked = _asked(generate_body(READING))
    key, options, _ = asked["According to the reading, what have the Netherlands and Belgium done?"]
    assert key == PILOTS
    # Deeds of other countries, worded alike: "Sheltered displaced families" (three words beside the key's eight)
    # would stand out by its form (blind review 35).
    assert DEMINING in options and SHELTER not in options and len(options) == 3
    # Cut at the first clause's end: no ", ensuring …", no citation, no "essential for …" after the object.
    every = {o for _, opts, _ in asked.values() for o in opts}
    assert not any(w in o for o in every for w in ("ensuring", "Lopez", "essential", "while", "Red Cross"))
    # The same grammatical shape: each option a verb phrase in the past, capitalised, with no full stop.
    assert {o.split()[0] for o in every} <= {"Rebuilt", "Sheltered", "Trained", "Funded", "Repaired"}
    assert not any(o.endswith(".") for o in every)


def test_a_stance_is_no_deed_and_the_reading_s_own_sides_are_not_asked():
    questions = generate_body(READING)
    asked = _asked(questions)
    every = {o for _, opts, _ in asked.values() for o in opts}
    # "have expressed concerns" is a view, not a deed; Russia's shelling is known without the reading.
    assert not any("concerns" in o or "shelled" in o or "targeted" in o for o in every)
    assert not any("Greece" in stem or "Russia" in stem for stem in asked)


def test_a_deed_nearly_like_another_is_never_offered_beside_it():
    asked = _asked(generate_body(READING))
    for _key, options, _ in asked.values():
        # "Rebuilt water treatment plants" and "Repaired water treatment stations": either could be read as the other.
        assert not {WATER, STATIONS} <= options
    assert asked["According to the reading, what have Czechia and Slovenia done?"][0] == STATIONS


def test_countries_named_in_two_deeds_are_offered_neither_s_deed_of_the_other():
    text = READING.replace(
        "Czechia and Slovenia have repaired water treatment stations near Kherson",
        "Countries like Portugal and Croatia have repaired power lines near Odesa",
    )
    questions = generate_body(text)
    asked = _asked(questions)
    lines = "Repaired power lines near Odesa"
    # Portugal did both, by the reading: neither deed is a wrong option for the other's countries.
    assert lines not in asked.get("According to the reading, what have Spain and Portugal done?", ("", set(), ""))[1]
    assert WATER not in asked.get("According to the reading, what have Portugal and Croatia done?", ("", set(), ""))[1]


def test_the_deeds_are_not_matched_and_every_question_of_the_kind_is_one_exclusion_group():
    questions = generate_body(READING)
    assert not [q for q in questions if q.type == QuestionType.MATCHING and q.stem == MATCHING]
    # Every question of the kind prints the others' keys: a quiz draws one of them.
    assert len({g for _, _, g in _asked(questions).values()}) == 1


def test_a_plain_past_is_asked_in_the_past():
    text = READING.replace("Estonia and Latvia have funded", "Estonia and Latvia funded")
    asked = _asked(generate_body(text))
    assert asked["According to the reading, what did Estonia and Latvia do?"][0] == DEMINING


def test_no_option_is_less_than_half_or_more_than_twice_as_long_as_the_key():
    text = READING.replace("have sheltered displaced families", "have sheltered refugees")
    asked = _asked(generate_body(text))
    # Two words among deeds of seven or eight: neither a key nor a wrong option.
    assert not any("Slovakia" in stem for stem in asked)
    assert not any("Sheltered refugees" in options for _, options, _ in asked.values())
    for key, options, _ in asked.values():
        assert all(len(key.split()) <= 2 * len(o.split()) and len(o.split()) <= 2 * len(key.split()) for o in options), options


def test_fewer_than_three_deeds_ask_nothing():
    text = (
        READING.replace("Estonia and Latvia have funded", "Observers say that crews funded")
        .replace("Czechia and Slovenia have repaired", "Engineers repaired")
        .replace("Neighboring NATO countries like Slovakia and Lithuania have sheltered", "Charities have sheltered")
    )
    questions = generate_body(text)
    assert not _asked(questions)
