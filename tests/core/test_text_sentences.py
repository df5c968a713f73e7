"""Sentence boundaries: the careful rule generation quotes sentences by, and the loose rule of lessons."""

from core.text.sentences import abbreviations, sentence_spans


def sentences(text: str, *, careful: bool = True) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text, careful=careful)]


def test_a_full_stop_before_a_capital_ends_a_sentence() -> None:
    assert sentences("NATO met in Vilnius. Allies agreed a plan! Was it enough? Time will tell.") == [
        "NATO met in Vilnius.",
        "Allies agreed a plan!",
        "Was it enough?",
        "Time will tell.",
    ]


def test_spans_are_offsets_into_the_text_without_surrounding_whitespace() -> None:
    text = "  First one.   Second one.  "
    assert sentence_spans(text) == [(2, 12), (15, 26)]


def test_abbreviations_initials_and_dotted_acronyms_do_not_end_a_sentence() -> None:
    assert sentences("The U.S. Army and Dr. Smith met J. Jones on Sept. 4 in the U.K. Parliament.") == [
        "The U.S. Army and Dr. Smith met J. Jones on Sept. 4 in the U.K. Parliament."
    ]
    assert sentences("Thomson et al. Argued otherwise.") == ["Thomson et al. Argued otherwise."]


def test_no_ends_a_sentence_unless_a_numeral_follows_it() -> None:
    # "No." is the number sign only before a numeral; before a word it is the word "no" ending a sentence.
    assert sentences("The crowd said, “No.” No, no, no. And in January they stayed.") == [
        "The crowd said, “No.”",
        "No, no, no.",
        "And in January they stayed.",
    ]
    assert sentences("See Resolution No. 5 of the Council.") == ["See Resolution No. 5 of the Council."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    assert sentences("He said “we will stay.” Then he left.") == ["He said “we will stay.”", "Then he left."]


def test_a_blank_line_always_ends_a_sentence() -> None:
    assert sentences("A heading without a stop\n\nThe paragraph starts here. It ends here.") == [
        "A heading without a stop",
        "The paragraph starts here.",
        "It ends here.",
    ]


def test_a_lower_case_word_after_a_full_stop_does_not_start_a_sentence() -> None:
    assert sentences("It rose by 2.5 percent. it fell.") == ["It rose by 2.5 percent. it fell."]


def test_the_loose_rule_splits_at_every_terminal_mark_before_a_capital() -> None:
    assert sentences("Never, Mr. President. Never.", careful=False) == ["Never, Mr.", "President.", "Never."]
    assert sentences("Never, Mr. President. Never.") == ["Never, Mr. President.", "Never."]


def test_the_loose_rule_leaves_blank_lines_to_the_caller() -> None:
    assert sentences("No stop here\n\nNext paragraph.", careful=False) == ["No stop here\n\nNext paragraph."]


def test_the_loose_rule_takes_one_closing_mark_and_an_opening_quote_or_bracket() -> None:
    assert sentences("He said “no.” “Yes,” she said. (Later) it changed.", careful=False) == [
        "He said “no.”",
        "“Yes,” she said.",
        "(Later) it changed.",
    ]


def test_empty_text_has_no_sentences() -> None:
    assert sentence_spans("") == []
    assert sentence_spans("   \n\n  ", careful=False) == []


def test_abbreviations_are_lower_case_without_their_last_full_stop() -> None:
    assert {"u.s", "dr", "al", "sept", "e.g"} <= abbreviations()
    assert all(word == word.lower() and not word.endswith(".") for word in abbreviations())
