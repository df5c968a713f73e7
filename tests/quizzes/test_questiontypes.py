"""Each question type's grading rule, as quizzes.questiontypes defines it."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.models import QuestionType
from quizzes.questiontypes import (
    GRADING_RULES,
    TYPO_ACCEPTED,
    AnswerShapeError,
    QuestionDefinitionError,
    check_answer,
    grade_answer,
    key_terms,
    normalise_text,
    number_text,
    number_value,
    printed_text,
    term_printed_in,
    validate_definition,
)

CHOICES = [{"id": "a", "text": "HIMARS"}, {"id": "b", "text": "Patriot"}, {"id": "c", "text": "IRIS-T"}, {"id": "d", "text": "NASAMS"}]
MATCH = {
    "left": [{"id": "l1", "text": "Stinger"}, {"id": "l2", "text": "Javelin"}, {"id": "l3", "text": "Patriot"}],
    "right": [
        {"id": "r1", "text": "man-portable air defence"},
        {"id": "r2", "text": "anti-tank"},
        {"id": "r3", "text": "long-range air defence"},
    ],
}
ORDER = [
    {"id": "v", "text": "Vilnius 2023"},
    {"id": "w", "text": "Washington 2024"},
    {"id": "h", "text": "The Hague 2025"},
    {"id": "x", "text": "Ankara 2026"},
]


def fraction(qtype: str, choices: object, key: dict, response: object) -> float:
    return grade_answer(type=qtype, choices=choices, answer=key, response=response).fraction


# --- single choice ----------------------------------------------------------------------------------


def test_single_choice_gives_full_credit_only_for_the_key() -> None:
    key = {"correct": "a"}
    assert fraction(QuestionType.SINGLE_CHOICE, CHOICES, key, "a") == 1.0
    assert fraction(QuestionType.SINGLE_CHOICE, CHOICES, key, "b") == 0.0


def test_single_choice_honours_moodle_style_weights_and_never_goes_negative() -> None:
    key = {"correct": "a", "weights": {"a": 1, "b": 0.5, "c": -0.5}}
    assert fraction(QuestionType.SINGLE_CHOICE, CHOICES, key, "b") == 0.5
    assert fraction(QuestionType.SINGLE_CHOICE, CHOICES, key, "c") == 0.0
    assert grade_answer(type=QuestionType.SINGLE_CHOICE, choices=CHOICES, answer=key, response="b").correct is False


def test_single_choice_refuses_an_id_that_is_not_a_choice() -> None:
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.SINGLE_CHOICE, choices=CHOICES, response="z")


# --- multiple response ------------------------------------------------------------------------------


def test_it_gives_partial_credit_for_multi_answer() -> None:
    key = {"correct": ["a", "b"]}
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a", "b"]) == 1.0
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a"]) == 0.5
    # a wrong choice costs as much as a right one earns
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a", "c"]) == 0.0
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a", "b", "c"]) == 0.5


def test_multi_answer_never_goes_below_zero_and_selecting_everything_is_not_full_credit() -> None:
    key = {"correct": ["a"]}
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["b", "c", "d"]) == 0.0
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a", "b", "c", "d"]) == 0.0


def test_multi_answer_with_weights_sums_the_chosen_weights() -> None:
    key = {"correct": ["a", "b"], "weights": {"a": 0.5, "b": 0.5, "c": -1}}
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a"]) == 0.5
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a", "b"]) == 1.0
    assert fraction(QuestionType.MULTIPLE_RESPONSE, CHOICES, key, ["a", "b", "c"]) == 0.0


def test_multi_answer_order_does_not_matter_and_duplicates_are_refused() -> None:
    assert check_answer(type=QuestionType.MULTIPLE_RESPONSE, choices=CHOICES, response=["b", "a"]) == ["a", "b"]
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.MULTIPLE_RESPONSE, choices=CHOICES, response=["a", "a"])
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.MULTIPLE_RESPONSE, choices=CHOICES, response="a")


# --- true / false -------------------------------------------------------------------------------------


def test_true_false_is_all_or_nothing_and_wants_a_boolean() -> None:
    key = {"correct": False}
    assert fraction(QuestionType.TRUE_FALSE, [], key, False) == 1.0
    assert fraction(QuestionType.TRUE_FALSE, [], key, True) == 0.0
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.TRUE_FALSE, choices=[], response="false")


# --- cloze and short answer ----------------------------------------------------------------------------


def test_cloze_ignores_case_accents_punctuation_and_spacing() -> None:
    key = {"accepted": ["Zelenskyy", "Zelensky"]}
    for typed in ["zelenskyy", "  ZELENSKY ", "Zelénsky", "Zelensky."]:
        assert fraction(QuestionType.CLOZE, [], key, typed) == 1.0, typed
    assert fraction(QuestionType.CLOZE, [], key, "Zelen") == 0.0


def test_short_answer_accepts_every_listed_variant() -> None:
    key = {"accepted": ["Jens Stoltenberg", "Stoltenberg"]}
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "stoltenberg") == 1.0
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "Jens  Stoltenberg!") == 1.0
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "Jens") == 0.0


def test_short_answer_weights_give_partial_credit_for_a_lesser_variant() -> None:
    key = {"accepted": ["North Atlantic Treaty Organization", "NATO"], "weights": {"NATO": 0.5}}
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "north atlantic treaty organization") == 1.0
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "nato") == 0.5


def test_an_alias_in_the_accepted_list_is_right() -> None:
    key = {"accepted": ["Washington Treaty", "North Atlantic Treaty"]}
    assert fraction(QuestionType.CLOZE, [], key, "North Atlantic Treaty") == 1.0
    assert fraction(QuestionType.CLOZE, [], key, "the north atlantic treaty") == 1.0


def test_part_of_the_key_stays_wrong_unless_it_is_listed() -> None:
    assert fraction(QuestionType.CLOZE, [], {"accepted": ["hybrid warfare"]}, "hybrid") == 0.0
    assert fraction(QuestionType.CLOZE, [], {"accepted": ["hybrid warfare"]}, "hybrid warfare tactics") == 0.0
    assert fraction(QuestionType.CLOZE, [], {"accepted": ["hybrid warfare", "hybrid"]}, "hybrid") == 1.0


def test_a_leading_article_surrounding_punctuation_and_a_simple_plural_do_not_matter() -> None:
    key = {"accepted": ["Patriot"]}
    for typed in ["the Patriots", "Patriots", "a Patriot", "“Patriot”.", "PATRIOT!"]:
        assert fraction(QuestionType.SHORT_ANSWER, [], key, typed) == 1.0, typed
    assert fraction(QuestionType.CLOZE, [], {"accepted": ["countries"]}, "country") == 1.0
    assert fraction(QuestionType.CLOZE, [], {"accepted": ["the Alliance"]}, "alliance") == 1.0


def test_an_article_alone_or_inside_the_answer_is_not_dropped() -> None:
    assert fraction(QuestionType.CLOZE, [], {"accepted": ["The Hague"]}, "Hague") == 1.0
    assert fraction(QuestionType.CLOZE, [], {"accepted": ["Council of the EU"]}, "Council of EU") == 0.0


def test_a_small_typo_in_a_long_word_is_right_with_tolerance_on_and_wrong_with_it_off() -> None:
    key = {"accepted": ["Stoltenberg"]}
    grade = grade_answer(type=QuestionType.SHORT_ANSWER, choices=[], answer=key, response="Stoltenbreg")
    assert grade.fraction == 1.0 and grade.correct
    assert grade.detail == TYPO_ACCEPTED
    assert fraction(QuestionType.SHORT_ANSWER, [], {**key, "typo_tolerance": False}, "Stoltenbreg") == 0.0
    assert fraction(QuestionType.SHORT_ANSWER, [], {**key, "typo_tolerance": False}, "stoltenberg") == 1.0


@pytest.mark.parametrize(
    ("wanted", "typed", "right"),
    [
        ("Zelensky", "Zelenksy", True),  # 8 letters: one swap forgiven
        ("Zelensky", "Zelenksyy", False),  # two edits in 8 letters
        ("Jens Stoltenberg", "Jens Stoltenbreg", True),  # word by word
        ("Stoltenberg", "Stoltnebreg", True),  # 11 letters: two edits
        ("Stoltenberg", "Stltnbreg", False),  # three
        ("Iran", "Iraq", False),  # short words must be exact
        ("NATO", "NAT0", False),
        ("2022", "2023", False),  # numbers never
        ("Article 5", "Article 6", False),
    ],
)
def test_the_typo_allowance_grows_with_the_word(wanted: str, typed: str, right: bool) -> None:
    assert fraction(QuestionType.CLOZE, [], {"accepted": [wanted]}, typed) == (1.0 if right else 0.0)


def test_an_exact_variant_wins_over_a_near_one_with_a_better_weight() -> None:
    # "Regan" is one edit from "Reagan", but it is listed itself, for half the credit.
    key = {"accepted": ["Reagan", "Regan"], "weights": {"Reagan": 1, "Regan": 0.5}}
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "Regan") == 0.5
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "Raegan") == 1.0


def test_a_case_sensitive_key_wants_the_capitals_of_an_accepted_answer() -> None:
    key = {"accepted": ["NATO", "The Hague"], "case_sensitive": True}
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "NATO") == 1.0
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "Nato") == 0.0
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "the Hague") == 1.0, "a leading article's capital does not count"
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "the hague") == 0.0
    assert fraction(QuestionType.SHORT_ANSWER, [], {**key, "case_sensitive": False}, "nato") == 1.0
    with pytest.raises(QuestionDefinitionError):
        validate_definition(type=QuestionType.SHORT_ANSWER, choices=[], answer={**key, "case_sensitive": "yes"})


def test_the_typo_flag_must_be_a_boolean() -> None:
    with pytest.raises(QuestionDefinitionError):
        validate_definition(type=QuestionType.CLOZE, choices=[], answer={"accepted": ["x"], "typo_tolerance": "off"})
    validate_definition(type=QuestionType.CLOZE, choices=[], answer={"accepted": ["x"], "typo_tolerance": False})


def test_rules_1_compare_typed_answers_exactly_so_old_grades_stay_as_given() -> None:
    key = {"accepted": ["Patriot"]}
    old = grade_answer(type=QuestionType.CLOZE, choices=[], answer=key, response="the Patriots", rules=1)
    new = grade_answer(type=QuestionType.CLOZE, choices=[], answer=key, response="the Patriots")
    assert (old.fraction, new.fraction) == (0.0, 1.0)
    assert GRADING_RULES == 2


def test_an_empty_typed_answer_earns_nothing_and_a_very_long_one_is_refused() -> None:
    key = {"accepted": ["NATO"]}
    assert fraction(QuestionType.SHORT_ANSWER, [], key, "   ") == 0.0
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.SHORT_ANSWER, choices=[], response="x" * 1001)


# --- numeric ---------------------------------------------------------------------------------------------


def test_numeric_accepts_anything_within_the_tolerance() -> None:
    key = {"value": 280, "tolerance": 5, "unit": "billion USD"}
    assert fraction(QuestionType.NUMERIC, [], key, 285) == 1.0
    assert fraction(QuestionType.NUMERIC, [], key, 275.0) == 1.0
    assert fraction(QuestionType.NUMERIC, [], key, 285.1) == 0.0


def test_numeric_alternatives_give_their_weight() -> None:
    key = {
        "value": 280,
        "tolerance": 0,
        "alternatives": [{"value": 2.8e11, "tolerance": 1e9, "weight": 1}, {"value": 300, "tolerance": 20, "weight": 0.5}],
    }
    assert fraction(QuestionType.NUMERIC, [], key, 280_500_000_000) == 1.0
    assert fraction(QuestionType.NUMERIC, [], key, 310) == 0.5


def test_numeric_reads_thousands_separators_and_a_decimal_comma() -> None:
    assert number_value("1,000,000") == 1_000_000
    assert number_value("12,500.5") == 12500.5
    assert number_value("280,5") == 280.5


@pytest.mark.parametrize("typed", ["2,000", "2000", "2 000", "2\u202f000", " 2000 ", 2000])
def test_numeric_accepts_a_number_written_with_or_without_thousands_separators(typed: object) -> None:
    key = {"value": 2000, "tolerance": 0}
    assert fraction(QuestionType.NUMERIC, [], key, typed) == 1.0


@pytest.mark.parametrize(("typed", "kept"), [("2,000", "2,000"), ("2025", "2025"), (" 2 000 ", "2 000"), (2025, "2025"), (2025.0, "2025")])
def test_a_numeric_answer_is_kept_as_the_student_typed_it_never_as_a_float(typed: object, kept: str) -> None:
    assert check_answer(type=QuestionType.NUMERIC, choices=[], response=typed) == kept
    assert number_text(2025.0) == "2025"


@pytest.mark.parametrize("bad", ["many", True, "inf", "nan", [280], "1,2,3"])
def test_numeric_refuses_what_is_not_a_finite_number(bad: object) -> None:
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.NUMERIC, choices=[], response=bad)


# --- matching -----------------------------------------------------------------------------------------


def test_matching_gives_a_share_per_right_pair() -> None:
    key = {"pairs": {"l1": "r1", "l2": "r2", "l3": "r3"}}
    assert fraction(QuestionType.MATCHING, MATCH, key, {"l1": "r1", "l2": "r2", "l3": "r3"}) == 1.0
    assert fraction(QuestionType.MATCHING, MATCH, key, {"l1": "r1", "l2": "r3", "l3": "r2"}) == pytest.approx(1 / 3)
    assert fraction(QuestionType.MATCHING, MATCH, key, {"l1": "r1"}) == pytest.approx(1 / 3)


def test_matching_refuses_unknown_items() -> None:
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.MATCHING, choices=MATCH, response={"l9": "r1"})
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.MATCHING, choices=MATCH, response={"l1": "r9"})


# --- ordering -----------------------------------------------------------------------------------------


def test_ordering_gives_credit_for_each_item_followed_by_its_right_successor() -> None:
    key = {"order": ["v", "w", "h", "x"]}
    assert fraction(QuestionType.ORDERING, ORDER, key, ["v", "w", "h", "x"]) == 1.0
    # v->w and h->x are right, w->h is broken: 2 of 3 adjacent pairs
    assert fraction(QuestionType.ORDERING, ORDER, key, ["h", "x", "v", "w"]) == pytest.approx(2 / 3)
    assert fraction(QuestionType.ORDERING, ORDER, key, ["x", "h", "w", "v"]) == 0.0
    assert grade_answer(type=QuestionType.ORDERING, choices=ORDER, answer=key, response=["h", "x", "v", "w"]).correct is False


def test_ordering_must_list_every_item_exactly_once() -> None:
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.ORDERING, choices=ORDER, response=["v", "w", "h"])
    with pytest.raises(AnswerShapeError):
        check_answer(type=QuestionType.ORDERING, choices=ORDER, response=["v", "v", "h", "x"])


# --- common -------------------------------------------------------------------------------------------


def test_an_unanswered_or_malformed_response_earns_nothing_instead_of_failing() -> None:
    assert grade_answer(type=QuestionType.SINGLE_CHOICE, choices=CHOICES, answer={"correct": "a"}, response=None).detail == "not answered"
    assert fraction(QuestionType.MATCHING, MATCH, {"pairs": {"l1": "r1", "l2": "r2", "l3": "r3"}}, ["r1"]) == 0.0


@pytest.mark.parametrize(
    ("qtype", "choices", "key"),
    [
        (QuestionType.SINGLE_CHOICE, CHOICES, {"correct": "z"}),
        (QuestionType.MULTIPLE_RESPONSE, CHOICES, {"correct": []}),
        (QuestionType.TRUE_FALSE, [], {"correct": "yes"}),
        (QuestionType.CLOZE, [], {"accepted": ["  "]}),
        (QuestionType.NUMERIC, [], {"value": "lots"}),
        (QuestionType.NUMERIC, [], {"value": 1, "tolerance": -1}),
        (QuestionType.MATCHING, MATCH, {"pairs": {"l1": "r1"}}),
        (QuestionType.ORDERING, ORDER, {"order": ["v", "w"]}),
        ("drag_and_drop", [], {}),  # not a type
        (QuestionType.ESSAY, {"word_limit": -5}, {}),
    ],
)
def test_inconsistent_definitions_are_refused(qtype: str, choices: object, key: dict) -> None:
    with pytest.raises(QuestionDefinitionError):
        validate_definition(type=qtype, choices=choices, answer=key)


# --- the key's texts -------------------------------------------------------------------------------------


def test_key_terms_are_the_texts_a_student_must_produce_or_pick() -> None:
    assert key_terms(QuestionType.CLOZE, [], {"accepted": ["Washington Treaty", "North Atlantic Treaty", "washington treaty"]}) == [
        "Washington Treaty",
        "North Atlantic Treaty",
    ]
    assert key_terms(QuestionType.SINGLE_CHOICE, CHOICES, {"correct": "b"}) == ["Patriot"]
    assert key_terms(QuestionType.MULTIPLE_RESPONSE, CHOICES, {"correct": ["a", "d"]}) == ["HIMARS", "NASAMS"]
    assert key_terms(QuestionType.MATCHING, MATCH, {"pairs": {"l1": "r1", "l2": "r2"}}) == ["man-portable air defence", "anti-tank"]


def test_key_terms_write_a_number_as_a_reading_prints_it() -> None:
    assert key_terms(QuestionType.NUMERIC, [], {"value": 2022.0, "tolerance": 0}) == ["2022"]
    assert key_terms(QuestionType.NUMERIC, [], {"value": 40000, "tolerance": 0}) == ["40000", "40,000"]
    assert key_terms(QuestionType.NUMERIC, [], {"value": 2.5, "tolerance": 0}) == ["2.5"]
    assert key_terms(QuestionType.NUMERIC, [], {"value": 32, "tolerance": 0}) == ["32"]


def test_true_false_ordering_and_malformed_keys_have_no_key_terms() -> None:
    assert key_terms(QuestionType.TRUE_FALSE, [], {"correct": True}) == []
    assert key_terms(QuestionType.ORDERING, ORDER, {"order": ["v", "w", "h", "x"]}) == []
    assert key_terms(QuestionType.CLOZE, [], "not a key") == []
    assert key_terms(QuestionType.MATCHING, MATCH, {"pairs": ["l1"]}) == []


def test_a_term_is_printed_only_as_whole_words_in_any_case() -> None:
    text = printed_text(QuestionType.SINGLE_CHOICE, "Which system did Germany send in 2022?", CHOICES)
    assert term_printed_in("2022", text)
    assert term_printed_in("iris-t", text)
    assert not term_printed_in("202", text)
    assert not term_printed_in("Germ", text)
    assert term_printed_in("anti-tank", printed_text(QuestionType.MATCHING, "Match them.", MATCH))


def _normalised_the_long_way(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    no_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", no_accents.casefold()).split())


@given(st.text(max_size=80) | st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_normalising_plain_ascii_takes_a_shortcut_to_the_same_form(value: str) -> None:
    # ASCII has no decomposition and no combining mark, and casefold is lower() there: the
    # shortcut a result page's comparisons take must agree with the whole rule.
    assert normalise_text(value) == _normalised_the_long_way(value)
    assert normalise_text("  Washington   TREATY!  ") == "washington treaty"
    assert normalise_text("Kraków\u2019s Straße") == "krakow s strasse"
