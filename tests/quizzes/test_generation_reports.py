"""Short texts of the kinds an instructor imports beside papers and speeches: a joint declaration of two
presidents (``facts.resolve_opening_issuers``, the formal date of ``standalone``); all invented, none shared
with a reading of the corpus."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.review import _key_spelled_by_the_sentence
from quizzes.generation.standalone import sentence_problems
from quizzes.generation.text import SectionText
from tests.quizzes.seed_readings import seed_lexicon


def generated(text: str, title: str) -> GenerationResult:
    sections = [SectionText(0, title, "body", "en", text, 0)]
    return generate(reading_key="reports", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


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


def test_a_typed_key_the_sentence_spells_but_for_one_everyday_word_is_turned_down():
    sentence = "The Republic of Lusitania (ROL) and Nordhavn marked the anniversary of the ____."
    assert _key_spelled_by_the_sentence("ROL-Nordhavn Compact", sentence)
    assert not _key_spelled_by_the_sentence("ROL Coastal Command", sentence)
    assert not _key_spelled_by_the_sentence("Atlantic Patrol Group", sentence)
