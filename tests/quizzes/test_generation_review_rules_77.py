"""Blind review 77 (issue 13), on texts about NotPetya, Russia's anti-satellite test and MONUSCO nobody had run the
generator on: the readings on a cyber attack were asked its date and its cost but never whom the governments held
responsible; "IT systems" was read as a weapons system's name; "Previous test, without a collision, …" was quoted alone."""

from __future__ import annotations

from quizzes.generation.standalone import sentence_problems
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body


def _typed(text: str) -> dict[str, list[str]]:
    return {q.stem: q.answer["accepted"] for q in generate_body(text) if q.type == QuestionType.SHORT_ANSWER}


def test_whom_a_government_attributes_an_attack_to_is_asked_and_typed_in():
    text = (
        "The UK government has officially attributed the June 2017 NotPetya cyber attack to the Russian government. "
        "The malware was not designed to be decrypted, so victims had no means to recover their data once encrypted."
    )
    asked = _typed(text)
    stem = "According to the reading, to whom did the UK government attribute the June 2017 NotPetya cyber attack?"
    assert stem in asked, asked
    assert asked[stem] == ["Russian government", "Russia"]


def test_an_attribution_with_a_date_and_a_gloss_accepts_the_short_form():
    text = (
        "The US and UK governments on 15 April 2021 attributed the high-profile SolarWinds intrusion campaign in "
        "December 2020 to the Russian Foreign Intelligence Service (Sluzhba vneshney razvedki: SVR). The move came as "
        "part of a package of sanctions and other measures aimed at the Russian government and its intelligence services."
    )
    asked = _typed(text)
    stem = (
        "According to the reading, to whom did the US and UK governments attribute the high-profile SolarWinds intrusion "
        "campaign in December 2020?"
    )
    assert asked.get(stem) == ["Russian Foreign Intelligence Service", "SVR"], asked


def test_whom_a_government_blamed_for_an_attack_is_asked_but_not_when_the_stem_names_the_actor():
    blamed = (
        "The UK government has publicly blamed Russia for the NotPetya malware attack that took place in June 2017. "
        "Companies affected included Maersk, TNT, WPP and Reckitt Benckiser across several continents."
    )
    stem = "According to the reading, whom did the UK government blame for the NotPetya malware attack that took place in June 2017?"
    assert _typed(blamed).get(stem) == ["Russia"], _typed(blamed)
    self_answering = (
        "The UK government has publicly blamed Russia for the Russian hacking campaign against the power grid of Ukraine. "
        "Companies affected included Maersk, TNT, WPP and Reckitt Benckiser across several continents."
    )
    assert not [s for s in _typed(self_answering) if "blame" in s]


def test_it_systems_are_no_weapons_system():
    text = (
        "The UK government has publicly blamed Russia for the malware attack of June 2017, paralysing IT systems in "
        "companies and other organisations across Europe and causing more than $1.2 billion worth of damage."
    )
    assert not [q.stem for q in generate_body(text) if "weapons system" in q.stem]


def test_the_previous_one_of_an_earlier_sentence_does_not_stand_alone():
    assert "unresolved reference (the previous … of an earlier sentence)" in sentence_problems(
        "Previous test, without a collision, was conducted in December 2020."
    )
    assert not [p for p in sentence_problems("Prior to the summit, the ministers met in Brussels to agree the text.") if "previous" in p]


def test_the_attack_or_the_agreement_a_headline_named_does_not_stand_alone():
    for sentence in (
        "The cyberattack ended up costing Maersk up to $300 million in lost revenue.",
        "The agreement allows the 34 party nations to conduct aerial reconnaissance over each others' territory.",
    ):
        assert "unresolved reference (the … of an earlier sentence)" in sentence_problems(sentence), sentence
    assert not [
        p
        for p in sentence_problems("The attack on the pipeline in May 2021 was the largest on American energy infrastructure.")
        if "unresolved" in p
    ]
