"""Month names and their patterns: one copy for the import's datelines and headings and for generation's dates."""

import re

import pytest

from core.text.words import MONTH_ABBREVIATIONS_PATTERN, MONTH_NAMES_PATTERN, MONTH_NUMBERS, MONTH_PATTERN_LOWER, MONTHS, sentence_openers

# The pattern the import's dateline rule spelled out by hand before it moved here.
HAND_WRITTEN = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)


@pytest.mark.parametrize("written", ["jan", "january", "may", "jun", "june", "jul", "july", "sep", "sept", "september", "dec", "december"])
def test_a_dateline_month_is_matched_full_or_abbreviated(written: str) -> None:
    assert re.fullmatch(MONTH_PATTERN_LOWER, written)


@pytest.mark.parametrize("written", ["janu", "mayy", "junee", "septe", "octo", "ja", "", "monday"])
def test_a_partial_or_other_word_is_not_a_month(written: str) -> None:
    assert not re.fullmatch(MONTH_PATTERN_LOWER, written)


def test_the_dateline_pattern_matches_what_the_hand_written_one_did() -> None:
    words = [name.lower()[:length] for name in MONTHS for length in range(1, len(name) + 2)] + ["sept", "sepember", "junee"]
    for word in words:
        assert bool(re.fullmatch(MONTH_PATTERN_LOWER, word)) == bool(re.fullmatch(HAND_WRITTEN, word)), word


def test_month_numbers_cover_full_names_abbreviations_and_sept() -> None:
    assert MONTH_NUMBERS["january"] == 1
    assert MONTH_NUMBERS["dec"] == 12
    assert MONTH_NUMBERS["sept"] == 9
    assert len(MONTH_NUMBERS) == 24  # "may" is its own abbreviation


def test_prose_and_abbreviation_patterns_list_the_twelve_months_in_order() -> None:
    assert MONTH_NAMES_PATTERN.split("|") == list(MONTHS)
    assert MONTH_ABBREVIATIONS_PATTERN.split("|") == ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    assert not re.fullmatch(MONTH_NAMES_PATTERN, "june")  # prose names are capitalised


def test_sentence_openers_are_capitalised_words_that_open_prose() -> None:
    openers = sentence_openers()
    assert {"The", "However", "According", "As", "Under"} <= openers
    assert all(word[:1].isupper() for word in openers)
    assert "NATO" not in openers


def test_openers_that_also_begin_names_can_be_left_out_for_readers_of_names() -> None:
    assert "Under" in sentence_openers()  # "Under these rules, ..."
    assert "Under" not in sentence_openers(with_name_starts=False)  # "Under Secretary of State Bonnie Jenkins"
    assert sentence_openers(with_name_starts=False) < sentence_openers()
    assert {"The", "According"} <= sentence_openers(with_name_starts=False)
