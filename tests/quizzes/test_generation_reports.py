# ruff: noqa: RUF001 - report texts use typographic apostrophes
"""Short texts of the kinds an instructor imports beside papers and speeches: a news report naming and quoting
people (``understanding.attributed``), a joint declaration of two presidents (``facts.resolve_opening_issuers``,
the formal date of ``standalone``) and a new body set up for a purpose (``understanding.established``); all
invented, none shared with a reading of the corpus."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.review import _key_spelled_by_the_sentence
from quizzes.generation.standalone import sentence_problems
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon


def generated(text: str, title: str) -> GenerationResult:
    sections = [SectionText(0, title, "body", "en", text, 0)]
    return generate(reading_key="reports", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


def kind(result: GenerationResult, name: str) -> list:
    return [q for q in result.questions if q.meta.get("understanding") == name]


def correct_text(question) -> str:
    return next(c["text"] for c in question.choices if c["id"] == question.answer["correct"])


# "on Tuesday (June 4)": a weekday with its date; a bare one is deixis (``standalone.BARE_WEEKDAY``).
REPORT = (
    "Harbour officials in Valdoria have seized a cargo ship flying a foreign flag. "
    "The Courier’s Lisbon correspondent, Tomasz Brzeczek, was questioned on Tuesday (June 4). "
    "Maritime analyst Odile Fauchereau from the Lindqvist Institute told the agency the seizure breaks a fishing accord signed in 1994. "
    "Another analyst, Kwabena Osei-Tutu from the Harmattan Centre in Accra, questioned the timing of the seizure before the election. "
    "The port authority said the ship carried undeclared fuel for the northern fleet. "
    "Defence analyst Sigrun Haldorsen said the navy had never boarded a ship of that flag in peacetime. "
    "Legal scholar Mateus Albuquerque-Reis said the accord allows inspections only with the consent of the flag state. "
    "Jurgis Valdemaras and Ines Okonkwo-Baptiste reported on this story. Priyanka Raghunathan was the editor.\n"
)
REPORT_TITLE = "Valdoria Seizes Cargo Ship"


def test_a_report_asks_who_said_a_quoted_claim_among_the_people_it_names():
    questions = kind(generated(REPORT, REPORT_TITLE), "attributed")
    said = next(q for q in questions if "the seizure breaks" in q.stem)
    assert said.type == QuestionType.SINGLE_CHOICE
    # The person is the key; where they work is left out of the stem and never asked.
    assert said.stem == ("According to the reading, who told the agency that the seizure breaks a fishing accord signed in 1994?")
    assert correct_text(said) == "Odile Fauchereau"
    assert {c["text"] for c in said.choices} <= {
        "Odile Fauchereau",
        "Tomasz Brzeczek",
        "Kwabena Osei-Tutu",
        "Sigrun Haldorsen",
        "Mateus Albuquerque-Reis",
        "Jurgis Valdemaras",
        "Ines Okonkwo-Baptiste",
        "Priyanka Raghunathan",
    }


def test_another_expert_is_asked_without_the_word_that_points_back():
    questions = kind(generated(REPORT, REPORT_TITLE), "attributed")
    view = next(q for q in questions if "timing" in q.stem)
    # A view held takes no "that": "who questioned the timing …", not "who questioned that the timing …".
    assert view.stem == "According to the reading, who questioned the timing of the seizure before the election?"
    assert correct_text(view) == "Kwabena Osei-Tutu"


def test_a_role_in_apposition_asks_who_holds_it():
    text = REPORT.replace("The Courier’s Lisbon correspondent, Tomasz Brzeczek,", "The Ministry’s chief negotiator, Tomasz Brzeczek,")
    questions = kind(generated(text, REPORT_TITLE), "attributed")
    role = next(q for q in questions if q.stem.startswith("According to the reading, who is"))
    assert role.stem == "According to the reading, who is the Ministry’s chief negotiator?"
    assert correct_text(role) == "Tomasz Brzeczek"


def test_a_newsroom_job_is_not_asked():
    """Blind review 13: "who is the BBC's Tokyo correspondent?" is news trivia (both reviewers rejected it)."""
    questions = kind(generated(REPORT, REPORT_TITLE), "attributed")
    assert questions
    assert not [q for q in questions if "correspondent" in q.stem]


def test_the_other_people_quoted_are_offered_before_the_credit_lines():
    """Blind review 13: a reporter of the byline beside the experts is a wrong option any reader rules out; the
    other expert is the option to offer, and the two questions are one exclusion group (each prints the other's key)."""
    questions = kind(generated(REPORT, REPORT_TITLE), "attributed")
    said = next(q for q in questions if "the seizure breaks" in q.stem)
    view = next(q for q in questions if "timing" in q.stem)
    assert "Kwabena Osei-Tutu" in {c["text"] for c in said.choices}
    assert "Odile Fauchereau" in {c["text"] for c in view.choices}
    assert said.group == view.group


def test_a_leader_of_the_news_is_neither_asked_nor_offered():
    text = REPORT.replace(
        "The port authority said", "President Aurelio Montvale said the seizure was lawful. The port authority said"
    ).replace("Maritime analyst Odile Fauchereau", "Odile Fauchereau")
    questions = kind(generated(text, REPORT_TITLE), "attributed")
    assert questions
    assert all("Aurelio Montvale" not in {c["text"] for c in q.choices} for q in questions)


def test_who_said_what_needs_three_other_people_the_report_quotes_not_its_credit_lines():
    """Blind reviews 13 to 16: with only the byline's reporters and editor to fill the options, who said what was
    edited or turned down every time (5 of 5 in round 16)."""
    text = REPORT.replace("Defence analyst Sigrun Haldorsen said the navy had never boarded a ship of that flag in peacetime. ", "")
    assert kind(generated(REPORT, REPORT_TITLE), "attributed")
    assert kind(generated(text, REPORT_TITLE), "attributed") == []


def test_a_report_naming_too_few_people_for_three_wrong_options_asks_nothing_of_them():
    text = (
        "Harbour officials in Valdoria have seized a cargo ship flying a foreign flag. "
        "Maritime analyst Odile Fauchereau from the Lindqvist Institute told the agency the seizure breaks a fishing accord signed in 1994. "
        "Kwabena Osei-Tutu said the ship carried undeclared fuel for the northern fleet.\n"
    )
    assert kind(generated(text, REPORT_TITLE), "attributed") == []


DECLARATION_TITLE = "Lisbon Declaration"
DECLARATION = (
    "President Marta Alvim of the Republic of Lusitania and President Tomas Ekholm of the Kingdom of Nordhavn met on "
    "this 14th day of June, 2021 to mark the 45th anniversary of the Lusitania-Nordhavn Maritime Compact. "
    "The Compact has kept the shipping lanes of the North Sea open through two crises. "
    "The two Presidents announced the establishment of a new Joint Fisheries Council to set catch limits, share patrol "
    "data, and settle disputes between the fishing fleets of Lusitania and Nordhavn. "
    "The Compact already rests on the Nordhavn Coastal Command and the Lusitanian Naval Command. "
    "Naval units of Lusitania and Nordhavn train together under the Atlantic Patrol Group each spring.\n"
)


def test_a_formal_date_is_no_demonstrative():
    assert not sentence_problems(
        "The ministers of Lusitania and Nordhavn met on this 14th day of June, 2021 to sign the fisheries protocol."
    )
    assert sentence_problems("The ministers of Lusitania and Nordhavn met on this day to sign the fisheries protocol.")


def test_a_declarations_two_presidents_are_named_in_the_stem():
    # "the two Presidents" of a declaration that opens with them are those two; another counted group
    # ("the two countries") in the same sentence would still point back.
    result = generated(DECLARATION, DECLARATION_TITLE)
    sentence = next(s for s in result.facts.sentences if s.text.startswith("The two Presidents"))
    assert result.facts.stands_alone(sentence)
    assert [n for _, _, n in sentence.names] == ["President Marta Alvim and President Tomas Ekholm"]


def test_a_news_report_naming_two_presidents_does_not_resolve_the_two_presidents():
    result = generated(DECLARATION, "Presidents Meet in Lisbon")
    sentence = next(s for s in result.facts.sentences if s.text.startswith("The two Presidents"))
    assert not result.facts.stands_alone(sentence)


def test_a_new_body_is_asked_by_what_it_is_set_up_to_do_among_the_readings_other_bodies():
    [question] = kind(generated(DECLARATION, DECLARATION_TITLE), "definition")
    assert question.stem == (
        "According to the reading, which new body was set up to set catch limits, share patrol data, and settle "
        "disputes between the fishing fleets of Lusitania and Nordhavn?"
    )
    assert correct_text(question) == "Joint Fisheries Council"
    assert {c["text"] for c in question.choices} == {
        "Joint Fisheries Council",
        "Nordhavn Coastal Command",
        "Lusitanian Naval Command",
        "Atlantic Patrol Group",
    }


def test_a_new_body_whose_name_says_its_purpose_is_not_asked():
    text = DECLARATION.replace("a new Joint Fisheries Council to set catch limits", "a new Catch Limits Council to set catch limits")
    assert kind(generated(text, DECLARATION_TITLE), "definition") == []


def test_a_typed_key_the_sentence_spells_but_for_one_everyday_word_is_turned_down():
    sentence = "The Republic of Lusitania (ROL) and Nordhavn marked the anniversary of the ____."
    assert _key_spelled_by_the_sentence("ROL-Nordhavn Compact", sentence)
    assert not _key_spelled_by_the_sentence("ROL Coastal Command", sentence)
    assert not _key_spelled_by_the_sentence("Atlantic Patrol Group", sentence)


def test_the_count_of_an_anniversary_is_not_asked():
    """Blind review 16: "to mark the ____th anniversary of …" asks the occasion of a declaration or a speech ("we
    have celebrated ____ years of …"), not its substance (4 of 4 turned down across two samples)."""
    questions = generated(DECLARATION, DECLARATION_TITLE).questions
    assert questions
    # A blank on the count ("the ____th anniversary") or a changed count ("the 90th anniversary") is what is asked.
    assert not [q.stem for q in questions if "anniversary" in q.stem and "45th anniversary" not in q.stem]
