"""What a sentence with a good name yields (issue 13, yield of the sentence builders): the gap in each
format a reviewer accepts, a body spelled out once with its abbreviation, and no blank that its own
sentence or a list around it gives away."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import key_terms, normalise_text
from tests.quizzes.seed_readings import generate_file, seed_lexicon

SEEDS = sorted(Path(__file__).resolve().parents[2].joinpath("seeds").glob("*.txt"))


def _generate(text: str) -> list:  # type: ignore[type-arg]
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()).questions


@cache
def _seed(path: Path) -> GenerationResult:
    return generate_file(path)


def _quoted(stem: str) -> str:
    found = re.search(r"“(.*)”", stem, re.S)
    return found.group(1) if found else ""


def _key(q) -> str:  # type: ignore[no-untyped-def]
    if q.type == QuestionType.CLOZE:
        return str(q.answer["accepted"][0])
    return next(c["text"] for c in q.choices if c["id"] == q.answer["correct"])


def test_a_body_spelled_out_once_with_its_abbreviation_is_blanked_whole():
    """ "What does NACIPB stand for?" is not asked (used once), but the board the sentence names is. The board acts in the
    sentence: as the adviser of another's decision ("acting on recommendations of the ____") it is a unit of an
    organisation's history and not typed in (``review``, blind reviews 16 and 17)."""
    text = (
        "In February 1998, the National Counterintelligence Policy Board (NACIPB) warned the President "
        "that rival services had penetrated the nuclear weapons laboratories."
    )
    clozes = [q for q in _generate(text) if q.type == QuestionType.CLOZE]
    assert [q.answer["accepted"][0] for q in clozes] == ["National Counterintelligence Policy Board"]
    assert "NACIPB" not in clozes[0].stem and "(" not in _quoted(clozes[0].stem)


def test_a_body_whose_abbreviation_the_reading_goes_on_using_is_asked_by_its_abbreviation_only():
    text = (
        "The two leaders announced the establishment of a new Nuclear Consultative Group (NCG) to strengthen extended deterrence. "
        "The NCG will meet quarterly at the level of assistant secretaries to discuss nuclear planning."
    )
    questions = _generate(text)
    assert not [q for q in questions if q.type == QuestionType.CLOZE and "Nuclear Consultative Group" in q.answer["accepted"]]
    assert any(q.meta.get("acronym") == "NCG" for q in questions)


def test_a_name_listed_after_an_abbreviation_in_brackets_is_not_blanked():
    """ "including the Central Intelligence Agency (CIA) and ____": the pair is known without the reading."""
    text = (
        "The Office of Security and Intelligence kept liaison with elements of the intelligence community, "
        "including the Central Intelligence Agency (CIA) and the Federal Bureau of Investigation (FBI)."
    )
    # The office the sentence opens with is a name of its own (read whole since names cut at "and" are joined).
    clozes = [q for q in _generate(text) if q.type == QuestionType.CLOZE]
    assert not [q for q in clozes if {"Federal Bureau of Investigation", "Central Intelligence Agency"} & set(q.answer["accepted"])]


def test_a_gap_a_reviewer_accepts_typed_in_is_also_offered_among_options_in_its_exclusion_group():
    pairs = 0
    for path in SEEDS:
        bank = _seed(path).questions
        clozes = {(_quoted(q.stem), normalise_text(_key(q))): q for q in bank if q.type == QuestionType.CLOZE}
        for q in bank:
            twin = clozes.get((_quoted(q.stem), normalise_text(_key(q)))) if q.type == QuestionType.SINGLE_CHOICE else None
            if twin is not None:
                pairs += 1
                assert twin.group == q.group, q.stem
    assert pairs >= 2


def test_a_blank_never_leaves_behind_the_article_of_a_name_offered_with_it():
    """ "in The ____" with "The Hague" among the options: the article belongs to the name and goes with it."""
    for path in SEEDS:
        for q in _seed(path).questions:
            if q.type == QuestionType.SINGLE_CHOICE and _key(q).startswith("The "):
                assert not re.search(r"\b[Tt]he ____", q.stem), q.stem


def test_a_corporation_foundation_or_authority_is_an_organisation_and_its_acronym_alone_is_accepted():
    from quizzes.generation.builders import shorter_forms
    from quizzes.generation.extract import extract_mentions

    text = "Korea expert Bruce Bennett from the RAND Corporation told reporters that the arsenal would keep growing."
    found = [(m.kind, m.value) for m in extract_mentions(text, seed_lexicon())]
    assert ("organisation", "RAND Corporation") in found
    assert shorter_forms("RAND Corporation") == ["RAND"]


def test_where_a_quoted_expert_works_is_not_asked():
    # Blind review round 11: "Bruce Bennett from the ____" (RAND Corporation) tests nothing the reading teaches.
    text = (
        "North Korea has carried out four nuclear tests since 2006, and its arsenal keeps growing. "
        "Korea expert Bruce Bennett from the RAND Corporation told reporters that the arsenal would keep growing."
    )
    assert not [q for q in _generate(text) if "RAND" in " ".join(key_terms(q.type, q.choices, q.answer))]


def test_a_classification_marking_spelled_out_in_capitals_is_not_blanked():
    text = (
        "The center enables communications with the White House up to and including information at the "
        "TOP SECRET/SENSITIVE COMPARTMENTED INFORMATION (TS/SCI) classification level."
    )
    assert not [q for q in _generate(text) if q.type == QuestionType.CLOZE]
