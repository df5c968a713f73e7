# ruff: noqa: RUF001 - reading text uses typographic quotes
"""Fact extraction: pure functions over sentences, lexicon rules and lexicon-free rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.generation.extract import citation_spans, extract_mentions, find_acronyms
from quizzes.generation.facts import reading_facts
from quizzes.generation.lexicon import lexicon_from_data
from quizzes.generation.text import SectionText, split_sentences
from tests.quizzes.seed_readings import SEEDS, parsed_sections, seed_lexicon

LEXICON = seed_lexicon()
EMPTY = lexicon_from_data([])


def kinds(text: str, lexicon=LEXICON) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in extract_mentions(text, lexicon):
        out.setdefault(m.kind, []).append(m.value)
    return out


def test_it_reads_an_acronym_spelled_out_after_it():
    (acr,) = find_acronyms("the deployment of the HIMARS (High Mobility Artillery Rocket Systems) provided by the United States")
    assert (acr.short, acr.long, acr.head_kind) == ("HIMARS", "High Mobility Artillery Rocket Systems", "system")


def test_it_reads_an_acronym_defined_after_its_long_form_without_the_lexicon():
    found = {(a.short, a.long) for a in find_acronyms("NATO’s Cooperative Cyber Defence Centre of Excellence (CCDCOE) has played a role.")}
    assert found == {("CCDCOE", "Cooperative Cyber Defence Centre of Excellence")}
    found = {(a.short, a.long) for a in find_acronyms("working with its National Anti-Corruption Bureau (NABU) to strengthen transparency")}
    assert found == {("NABU", "National Anti-Corruption Bureau")}


def test_it_does_not_take_a_parenthesised_word_that_does_not_spell_the_acronym():
    assert find_acronyms("the summit (NATO) was held in town") == []


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "The meeting was co-hosted by German Defense Minister Boris Pistorius and UK Defense Secretary John Healey.",
            "Boris Pistorius",
            "German Defense Minister",
        ),
        ("However, US Secretary of Defense Pete Hegseth is not expected at the meeting.", "Pete Hegseth", "US Secretary of Defense"),
        (
            "Despite recent silence from NATO Secretary General Mark Rutte on the matter, officials spoke.",
            "Mark Rutte",
            "NATO Secretary General",
        ),
        ("Turkish Major General Özkan Ulutaş succeeded him in October 2023.", "Özkan Ulutaş", "Turkish Major General"),
        # An office's field of two words is the office's, not the first word of the name.
        (
            "Director of National Intelligence Avril Haines briefed the committee.",
            "Avril Haines",
            "Director of National Intelligence",
        ),
        ("Minister of Foreign Affairs Dmytro Kuleba visited Vilnius.", "Dmytro Kuleba", "Minister of Foreign Affairs"),
    ],
)
def test_it_reads_a_person_with_the_role_in_front_of_the_name_without_the_lexicon(sentence, name, role):
    persons = {m.value: m.data["role"] for m in extract_mentions(sentence, EMPTY) if m.kind == "person_role"}
    assert persons[name] == role


def test_an_office_named_without_its_holder_gives_no_person():
    text = "The Office of the Director of National Intelligence oversees the budget of the National Intelligence Program."
    assert not [m for m in extract_mentions(text, EMPTY) if m.kind == "person_role"]


def test_it_reads_a_role_given_in_an_apposition():
    text = (
        "A Ukrainian official, Olga Stefanishyna, who previously served as Deputy Prime Minister for European Integration, has added more."
    )
    (person,) = [m for m in extract_mentions(text, EMPTY) if m.kind == "person_role"]
    assert (person.value, person.data["role"]) == ("Olga Stefanishyna", "Deputy Prime Minister for European Integration")


def test_it_reads_money_with_currency_scale_qualifier_and_purpose():
    text = "For instance, the EU launched a €9 billion package in 2022 to help Ukraine, while the U.S. allocated over $40 billion (Joyce and Krupa, 2024)."
    money = {m.value: m.data for m in extract_mentions(text, LEXICON) if m.kind == "money"}
    assert (money["€9 billion"]["amount"], money["€9 billion"]["currency"], money["€9 billion"]["scale"]) == (9.0, "EUR", "billion")
    assert money["€9 billion"]["purpose"].startswith("package in 2022")
    assert (money["$40 billion"]["currency"], money["$40 billion"]["qualifier"]) == ("USD", "over")


def test_digits_inside_system_names_are_not_quantities_or_dates():
    found = extract_mentions("Kyiv received Leopard 2 tanks, F-16 jets and IRIS-T launchers in 2024.", LEXICON)
    assert {m.value for m in found if m.kind == "system"} == {"Leopard 2", "F-16", "IRIS-T"}
    assert [m.value for m in found if m.kind in {"money", "date"}] == ["2024"]


def test_a_system_named_with_a_model_number_is_found_in_the_plural_too():
    found = extract_mentions("The President supported the transfer of F-16s to Türkiye and of Leopard 2s to Ukraine.", LEXICON)
    assert {m.value for m in found if m.kind == "system"} == {"F-16", "Leopard 2"}
    assert not [m for m in found if m.kind in {"quantity", "money", "date"}]


def test_a_bare_year_is_a_year_not_a_day_and_a_full_date_keeps_its_day():
    (year,) = [m for m in extract_mentions("Operation UNIFIER has trained soldiers since 2015.", LEXICON) if m.kind == "date"]
    assert year.data == {"year": 2015, "month": None, "day": None, "precision": "year"}
    (day,) = [m for m in extract_mentions("Operation Allied Force began on 24 March 1999 after talks failed.", LEXICON) if m.kind == "date"]
    assert (day.data["year"], day.data["month"], day.data["day"], day.data["precision"]) == (1999, 3, 24, "day")


def test_citations_produce_no_facts():
    text = "The strikes disrupted logistics (Marsh, 2023) and supply (“Comprehensive Assistance Package (CAP) for Ukraine,” 2025)."
    assert len(citation_spans(text)) == 2
    assert not [m for m in extract_mentions(text, LEXICON) if m.kind in {"date", "programme", "person_role"}]


def test_operations_and_their_leaders_and_summits_are_found_by_rule():
    found = {m.kind: m for m in extract_mentions("Since 2015, Operation Reassurance, led by Canada, has trained troops.", EMPTY)}
    assert found["programme"].value == "Operation Reassurance" and found["programme"].data["leader"] == "Canada"
    summit = [
        m
        for m in extract_mentions("A new aid package is set for approval at the upcoming NATO summit in Vilnius.", EMPTY)
        if m.kind == "summit"
    ]
    assert [s.value for s in summit] == ["Vilnius"]


def test_sentences_split_on_full_stops_but_not_after_abbreviations():
    text = "The U.S. allocated funds to Kyiv. Thomson et al. wrote about it. Another follows! Is it done?"
    section = SectionText(1, "Body", "body", "en", text, 100)
    sentences = split_sentences(section)
    assert [s.text for s in sentences] == [
        "The U.S. allocated funds to Kyiv.",
        "Thomson et al. wrote about it.",
        "Another follows!",
        "Is it done?",
    ]
    assert all(text[s.start - 100 : s.end - 100] == s.text for s in sentences), "offsets point into the cleaned text"


def test_a_term_added_to_the_lexicon_is_recognised_with_its_category():
    sentence = "Slovakia sent Zuzana 2 to the front."
    assert "system" not in kinds(sentence, EMPTY)
    extended = lexicon_from_data([{"term": "Zuzana", "category": "artillery", "aliases": ["Zuzana 2"]}])
    (system,) = [m for m in extract_mentions(sentence, extended) if m.kind == "system"]
    assert (system.value, system.surface, system.category) == ("Zuzana", "Zuzana 2", "artillery")


def test_a_system_named_before_its_description_is_found_without_the_lexicon():
    (system,) = [m for m in extract_mentions("Allies sent the Zuzana howitzer to the front.", EMPTY) if m.kind == "system"]
    assert (system.value, system.data["descriptor"]) == ("Zuzana", "howitzer")


def test_the_foreign_language_abstract_yields_no_facts():
    _, _, sections = parsed_sections(SEEDS / "002_d5b0e1543fdd7663.txt")
    foreign = [s for s in sections if s.kind == "foreign_abstract"]
    assert foreign, "the seed paper has a Polish abstract"
    facts = reading_facts(sections=sections, lexicon=LEXICON)
    assert facts.facts
    assert not [f for f in facts.facts if f.sentence.section.kind == "foreign_abstract"]
    assert all(f.sentence.section.language == "en" for f in facts.facts)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcXYZ 0123456789.,()$€-’'ÖNATOHIMARSin ")), max_size=120))
def test_mentions_always_point_at_their_own_text(text):
    for mention in extract_mentions(text, LEXICON):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.surface
