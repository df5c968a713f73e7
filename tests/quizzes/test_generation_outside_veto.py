# ruff: noqa: RUF001 - reading text uses typographic apostrophes
"""A reading that states Russia holds no veto over NATO's decisions is asked to apply it (issue 13, the news seed's
"He stressed that Moscow does not hold any veto power over NATO's decisions"): a case it does not tell, an
applicant every Ally agrees to invite while Russia objects, as a single choice among the pack's wrong
mechanisms of a veto and as a true/false keyed False, one exclusion group citing the sentence."""

from __future__ import annotations

from quizzes.generation.article5 import RuleCode, merged_rule_book, rule_model
from quizzes.generation.packs import load_packs
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText, split_sentences
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

REPORT = (
    "NATO allies gathered in Vilnius to discuss support for Ukraine and the Alliance’s deterrence and defence posture. "
    "Allies agreed that Ukraine’s future is in NATO and that the path to membership depends on reforms. "
    "The Secretary General said the decision on membership is for Ukraine and the NATO Allies alone. "
    "He stressed that Moscow does not hold any veto power over NATO’s decisions on enlargement. "
    "Allies also pledged more air defence systems and ammunition for Ukraine’s armed forces."
)


def _questions(text: str) -> list:  # type: ignore[type-arg]
    sections = [SectionText(0, "", "body", "en", text, 0)]
    result = generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon())
    return [q for q in result.questions if q.title.startswith("Article 5 scenario: veto-")]


def _states_the_rule(sentence: str) -> bool:
    return rule_model(split_sentences(SectionText(1, "", "body", "en", sentence, 0))).has(RuleCode.NO_OUTSIDE_VETO)


def test_a_reading_stating_that_russia_holds_no_veto_asks_what_follows_when_russia_objects_to_an_invitation():
    questions = {q.title.removeprefix("Article 5 scenario: "): q for q in _questions(REPORT)}
    assert set(questions) == {"veto-outcome", "veto-objection"}
    outcome, objection = questions["veto-outcome"], questions["veto-objection"]
    assert outcome.type == QuestionType.SINGLE_CHOICE and objection.type == QuestionType.TRUE_FALSE
    key = next(c["text"] for c in outcome.choices if c["id"] == outcome.answer["correct"])
    assert key == "The Allies go ahead: Russia's objection does not stop the invitation"
    assert len(outcome.choices) == 4
    assert objection.answer == {"correct": False}
    assert "Russia objects" in outcome.stem and "every Ally agrees to invite it" in objection.stem
    # The case is one the reading does not tell, and no other rule decides it: the applicant is at peace.
    assert "at peace" in outcome.stem
    for q in (outcome, objection):
        assert q.passage == "He stressed that Moscow does not hold any veto power over NATO’s decisions on enlargement."
        assert "veto power over NATO’s decisions" in q.explanation
    assert outcome.group == objection.group


def test_the_rule_is_read_in_the_ways_a_reading_words_it_and_not_from_a_claim_or_another_veto():
    for stated in (
        "He stressed that Moscow does not hold any veto power over NATO’s decisions.",
        "Putin doesn’t get a veto over Ukraine’s membership in NATO.",
        "Russia has no veto on NATO enlargement, the Secretary General said.",
        "The Kremlin cannot have a veto over which countries join the Alliance.",
    ):
        assert _states_the_rule(stated), stated
    for other in (
        "Moscow insists that Russia does not hold a veto over NATO’s decisions, only a say.",  # Russia's claim, reported
        "Russia demands a veto over NATO enlargement.",
        "Russia used its veto in the UN Security Council.",  # a veto, but not over NATO
        "Hungary holds no veto over NATO’s decisions on enlargement.",  # an Ally: not the rule about Russia
    ):
        assert not _states_the_rule(other), other


def test_a_reading_without_the_rule_gets_no_such_question():
    assert not _questions(REPORT.replace("He stressed that Moscow does not hold any veto power over NATO’s decisions on enlargement. ", ""))


def test_the_pack_brings_the_rule_its_outcome_and_three_wrong_mechanisms():
    book = merged_rule_book(load_packs())
    assert book is not None and RuleCode.NO_OUTSIDE_VETO in book.specs
    assert "veto_not_held" in book.outcomes and len(book.misconceptions["outside_veto"]) >= 3
