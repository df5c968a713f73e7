"""Blind review 79 (issue 13), on texts about the International Counter Ransomware Initiative, the Biological Weapons
Convention and NATO's Baltic Air Policing nobody had run the generator on: a member list read as a heading, a count
the stem's own figures give, a rotation's schedule, a running total "to date", a change "since" a year stated false
with an earlier year, "International …" refused without its first word, and "A decade-long NATO's …"."""

from __future__ import annotations

from quizzes.generation.standalone import sentence_problems
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body


def test_a_sentence_listing_countries_is_prose_not_a_heading():
    sentence = (
        "Previously participating states welcomed Albania, Colombia, Costa Rica, Egypt, Greece, INTERPOL, Jordan, Papua "
        "New Guinea, Portugal, Rwanda, Sierra Leone, Slovakia, and Uruguay as new CRI members."
    )
    assert "title case (heading)" not in sentence_problems(sentence)
    assert "title case (heading)" in sentence_problems("Strengthening Deterrence And Defence Across The Euro-Atlantic Area Today.")


def test_a_count_the_stem_s_other_figures_give_is_not_asked():
    text = (
        "The 2023 edition of the initiative gathered 50 members, comprising 48 countries and two representatives from the "
        "European Union and the International Criminal Police Organization. Members approved a joint policy statement "
        "pledging that their governments will never pay a ransom to cybercriminals."
    )
    numbers = {q.answer["value"] for q in generate_body(text) if q.type == QuestionType.NUMERIC}
    assert not numbers & {48, 50}, numbers


def test_a_rotation_s_schedule_and_a_running_total_are_not_asked():
    text = (
        "At the Malbork Air Base, F-16s of the Belgian Air Force will continue their support role, remaining at the base "
        "until the summer of 2016. To date, fighter jets from 15 nations of the NATO alliance have taken part in the "
        "mission, which began in 2004 from the Siauliai base when Estonia, Latvia and Lithuania joined NATO."
    )
    questions = generate_body(text)
    assert not [q.stem for q in questions if "summer of ____" in q.stem or "from ____ nations" in q.stem]
    assert [q for q in questions if "began in ____" in q.stem], [q.stem for q in questions]


def test_a_change_since_a_year_is_typed_in_never_stated_false_or_chosen():
    text = (
        "In January NATO announced that it had quadrupled the number of NATO fighter jets monitoring the airspace over the "
        "Baltic states since early 2014, after the annexation of Crimea by Russia."
    )
    asked = [q for q in generate_body(text) if "2014" in q.passage]
    assert asked and all(q.type == QuestionType.NUMERIC for q in asked if "since early" in q.stem or q.meta.get("tf_original") == "2014"), [
        (q.type, q.stem) for q in asked
    ]


def test_a_name_with_a_leading_international_is_accepted_without_it_and_as_the_reading_s_abbreviation():
    text = (
        "The White House hosted the third meeting of the International Counter Ransomware Initiative in Washington, "
        "where delegates discussed new projects and policies to combat evolving cyberthreats. The 2023 edition of the CRI "
        "approved a joint policy statement pledging that member governments will never pay ransom to cybercriminals."
    )
    accepted = [q.answer["accepted"] for q in generate_body(text) if q.type == QuestionType.CLOZE and "third meeting of the ____" in q.stem]
    assert accepted and {"Counter Ransomware Initiative", "CRI"} <= set(accepted[0]), accepted


def test_an_article_before_a_name_s_possessive_is_not_quoted():
    problems = sentence_problems("A decade-long NATO's Baltic Air Policing Mission is more than a security assurance for the region.")
    assert "ungrammatical (an article before a name's possessive)" in problems
    assert not [p for p in sentence_problems("A senior NATO official said the mission would continue.") if "possessive" in p]


def test_how_many_countries_took_part_is_not_asked_but_a_coalition_s_size_is():
    took_part = (
        "The force has around 10,500 peacekeepers coming from 41 troop contributing countries across four continents. "
        "The Federal Motor Carrier Safety Administration issued a regional emergency declaration for 17 states on May 9."
    )
    numbers = {q.answer["value"] for q in generate_body(took_part) if q.type == QuestionType.NUMERIC}
    assert not numbers & {41, 17}, numbers
    coalition = (
        "The United States has built a coalition of more than 50 nations to make sure Ukraine can defend itself now and in the future."
    )
    assert 50 in {q.answer["value"] for q in generate_body(coalition) if q.type == QuestionType.NUMERIC}
