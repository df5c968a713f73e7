# ruff: noqa: RUF001 - the texts use typographic apostrophes and dashes
"""Names the extractor reads whole (a person without a role, a name glued to a dash, a body whose name coordinates
what it does, a counted site) and references a sentence resolves itself (a possessive pointing ahead to the person
the clause opens with, "; this includes" after the clause it stands for, a bare surname of a person named in full
earlier). All texts invented."""

from __future__ import annotations

from quizzes.generation.facts import reading_facts
from quizzes.generation.standalone import sentence_problems
from quizzes.generation.text import SectionText
from tests.quizzes.seed_readings import seed_lexicon


def facts_of(text: str):
    return reading_facts(sections=[SectionText(0, "Report", "body", "en", text, 0)], lexicon=seed_lexicon())


def problems_of(text: str, sentence_opening: str) -> list[str]:
    facts = facts_of(text)
    sentence = next(s for s in facts.sentences if s.text.startswith(sentence_opening))
    return facts.problems[sentence.start]


def test_a_possessive_in_a_fronted_phrase_points_ahead_to_the_person_the_clause_opens_with():
    spans = [(20, 37)]  # "Harald Vinterberg", as the extractor finds him
    assert (
        sentence_problems("During his remarks, Harald Vinterberg indicated that a new patrol agreement will be signed.", person_spans=spans)
        == []
    )
    # No person opens the clause, or the name is not its subject: "his" still points back to someone unnamed.
    assert sentence_problems("During his remarks, the minister indicated that a new patrol agreement will be signed soon.", person_spans=[])
    assert sentence_problems("During his remarks, Harald Vinterberg’s aide indicated that an agreement will be signed.", person_spans=spans)


def test_a_bare_this_after_a_semicolon_stands_for_the_clause_before_it():
    assert (
        sentence_problems("The office supports the ministry’s regional laboratories and offices; this includes investigations and audits.")
        == []
    )
    assert sentence_problems("This includes investigations and audits of the ministry’s regional laboratories and offices.")
    assert sentence_problems("The office supports the ministry’s regional laboratories; this programme covers investigations and audits.")


def test_a_hyphenated_word_opening_with_a_connective_is_no_connective():
    assert sentence_problems("Next-generation sensors are reaching maturity at a faster pace than the harbour council expected.") == []
    assert sentence_problems("Next, the harbour council will examine the sensors and report to the ministry in the spring.")
