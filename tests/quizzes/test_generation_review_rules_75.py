"""What both reviewers of blind review 75 turned down (issue 13), on texts about the Arms Trade Treaty, the EU's
Operation Atalanta and North Korea's missile tests nobody had run the generator on: when a prolonged mandate runs out,
the reading's last year offered as the latest of four, how many states have ratified "now", and an estimate nobody is
named for."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body


def test_when_a_prolonged_mandate_runs_out_is_not_asked():
    text = (
        "The Council on 16 December decided to prolong the mandate of the naval operation off the coast of the Horn of "
        "Africa until 28 February 2027. The naval operation was launched in 2008 to protect the vessels of the World Food "
        "Programme and to deter and disrupt piracy off the coast."
    )
    questions = generate_body(text)
    assert not [q.stem for q in questions if "until 28 February ____" in q.stem]
    assert not [q.stem for q in questions if q.type == QuestionType.TRUE_FALSE and "until 28 February 20" in q.stem]
    assert [q for q in questions if "launched in ____" in q.stem], [q.stem for q in questions]


def test_the_reading_s_last_year_is_not_offered_as_the_latest_of_four_years():
    text = (
        "The treaty was negotiated in New York at a global conference under the auspices of the United Nations in 2001 "
        "and again in 2005, without agreement on a final text. On 2 April 2013, the General Assembly adopted the treaty "
        "on the conventional arms trade after a decade of negotiation among its member states."
    )
    questions = generate_body(text)
    chosen = [q for q in questions if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("Which year") and "2 April ____" in q.stem]
    assert not chosen, [[c["text"] for c in q.choices] for q in chosen]
    assert [q for q in questions if q.type == QuestionType.NUMERIC and "2 April ____" in q.stem], [q.stem for q in questions]


def test_how_many_states_have_ratified_or_signed_a_treaty_now_is_not_asked():
    text = (
        "The treaty regulates the international trade in conventional weapons and entered into force in December 2014. "
        "Ninety-one states have ratified the treaty, and a further 42 states have signed but not ratified it."
    )
    numbers = {q.answer["value"] for q in generate_body(text) if q.type == QuestionType.NUMERIC}
    assert 42 not in numbers and 91 not in numbers, numbers


def test_an_estimate_nobody_is_named_for_is_not_asked_one_with_a_source_is():
    unsourced = "International weapons commerce has been estimated to reach US$70 billion a year by the end of the decade."
    sourced = "According to the institute, the world's military spending reached US$2.4 trillion in 2023, the highest level ever recorded."
    amounts = {q.answer["value"] for q in generate_body(unsourced + " " + sourced) if q.type == QuestionType.NUMERIC}
    assert 70 not in amounts
    assert 2.4 in amounts, amounts
