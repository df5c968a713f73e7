# ruff: noqa: RUF001 - reading text uses typographic quotes
"""Acronym definitions: the careful rule (the long form spells the acronym) and the loose rule of lessons."""

from core.text.acronyms import find_acronyms, spelled_out_after


def pairs(text: str, *, loose: bool = False) -> list[tuple[str, str, bool]]:
    return [(a.short, a.long, a.long_first) for a in find_acronyms(text, loose=loose)]


def test_a_long_form_before_its_acronym_is_read_when_its_letters_spell_it() -> None:
    text = "NATO’s Cooperative Cyber Defence Centre of Excellence (CCDCOE) has played a role."
    (acronym,) = find_acronyms(text)
    assert (acronym.short, acronym.long, acronym.long_first) == ("CCDCOE", "Cooperative Cyber Defence Centre of Excellence", True)
    assert text[acronym.start : acronym.end] == "Cooperative Cyber Defence Centre of Excellence (CCDCOE)"


def test_an_acronym_spelled_out_after_it_is_read() -> None:
    assert pairs("the HIMARS (High Mobility Artillery Rocket Systems) arrived") == [
        ("HIMARS", "High Mobility Artillery Rocket Systems", False)
    ]


def test_an_acronym_in_apposition_is_read() -> None:
    assert pairs("It signed the Non-Proliferation Treaty, the NPT, in 1968.") == [("NPT", "Non-Proliferation Treaty", True)]


def test_the_careful_rule_refuses_words_that_do_not_spell_the_acronym() -> None:
    assert find_acronyms("the summit (NATO) was held in town") == []
    assert find_acronyms("Leaders Met Again (NATO) in town") == []


def test_the_loose_rule_takes_capitalised_words_next_to_an_acronym_without_checking_letters() -> None:
    assert pairs("Leaders Met Again (NATO) in town", loose=True) == [("NATO", "Leaders Met Again", True)]
    assert pairs("the HIMARS (High Mobility Artillery Rocket Systems) arrived", loose=True) == [
        ("HIMARS", "High Mobility Artillery Rocket Systems", False)
    ]


def test_the_loose_rule_lists_long_first_definitions_before_acronym_first_ones() -> None:
    text = "HIMARS (High Mobility Artillery Rocket Systems) joined the Cyber Defence Centre (CDC)."
    assert [a.short for a in find_acronyms(text, loose=True)] == ["CDC", "HIMARS"]


def test_spelled_out_after_finds_the_bracketed_words_after_a_term() -> None:
    text = "Kyiv asked for HIMARS. Later HIMARS (High Mobility Artillery Rocket Systems) arrived."
    assert spelled_out_after("HIMARS", text) == "High Mobility Artillery Rocket Systems"
    assert spelled_out_after("ATACMS", text) is None
