# ruff: noqa: RUF001 - reading text uses typographic apostrophes
"""Two rules of NATO membership a reading may state, each applied to a case it does not tell (issue 13: questions
beyond recall). NATO invites new members by consensus ("the division among members has made it difficult to reach a
consensus on Ukraine's accession"): an applicant at peace whom one Ally will not invite is held up. Membership is
decided by the country and the Allies together ("with Ukraine and the alliance members ultimately determining the path
forward"): a country the Allies would welcome but whose government has not asked does not join. Each is a single
choice among the pack's misconceptions of the rule and a true/false keyed by the rule model, one exclusion group
citing the reading's sentence; a claim someone makes or wants, or a condition, states no rule."""

from __future__ import annotations

from quizzes.generation.article5 import RuleCode, merged_rule_book, rule_model
from quizzes.generation.packs import load_packs
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText, split_sentences
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

CONSENSUS = "The division among NATO members has made it difficult to reach a consensus on Georgia’s accession."
DECIDE = "The decision about membership remains a matter for Georgia and the NATO Allies to decide."
REPORT = (
    "NATO allies gathered in Brussels to discuss the Alliance’s deterrence and defence posture and support for Ukraine. "
    "Georgia has long sought to join the Alliance and has reformed its armed forces to meet NATO standards. "
    f"{CONSENSUS} "
    f"{DECIDE} "
    "Allies also pledged more air defence systems and ammunition for Ukraine’s armed forces."
)


def _questions(text: str, prefix: str) -> dict[str, object]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    result = generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon())
    return {
        q.title.removeprefix("Article 5 scenario: "): q for q in result.questions if q.title.startswith(f"Article 5 scenario: {prefix}-")
    }


def _states(code: RuleCode, sentence: str) -> bool:
    return rule_model(split_sentences(SectionText(1, "", "body", "en", sentence, 0))).has(code)


def _key(q) -> str:  # type: ignore[no-untyped-def]
    return next(c["text"] for c in q.choices if c["id"] == q.answer["correct"])


def test_one_allys_objection_holds_up_an_invitation_where_the_reading_says_nato_decides_by_consensus():
    questions = _questions(REPORT, "consensus")
    assert set(questions) == {"consensus-outcome", "consensus-outvote"}
    outcome, outvote = questions["consensus-outcome"], questions["consensus-outvote"]
    assert outcome.type == QuestionType.SINGLE_CHOICE and outvote.type == QuestionType.TRUE_FALSE
    assert _key(outcome) == "The invitation is held up: NATO invites new members only when every Ally agrees"
    assert len(outcome.choices) == 4 and outvote.answer == {"correct": False}
    # A case the reading does not tell, decided by no other rule: the applicant is at peace and the objector is an Ally.
    assert "at peace" in outcome.stem and "every Ally but one agrees to invite it" in outcome.stem and "Russia" not in outcome.stem
    for q in (outcome, outvote):
        assert q.passage == CONSENSUS and "reach a consensus on Georgia’s accession" in q.explanation
    assert outcome.group == outvote.group


def test_a_country_that_has_not_asked_does_not_join_where_the_reading_says_it_and_the_allies_decide():
    questions = _questions(REPORT, "decide")
    # Asked as a single choice only: the true/false "the Allies can make it a member without its request" is false on
    # common sense alone (blind reviews 32 and 33).
    assert set(questions) == {"decide-outcome"}
    outcome = questions["decide-outcome"]
    assert _key(outcome) == "It stays outside: joining is the country's choice as well as the Allies'"
    assert len(outcome.choices) == 4
    assert "has not asked to join" in outcome.stem and "Russia" not in outcome.stem
    assert outcome.passage == DECIDE
    assert outcome.group != _questions(REPORT, "consensus")["consensus-outcome"].group


def test_the_consensus_rule_is_read_in_the_ways_a_reading_words_it_and_not_from_a_wish_or_a_condition():
    for stated in (
        CONSENSUS,
        "Without firm U.S. backing, the likelihood of NATO reaching a consensus on Ukraine’s accession remains low.",
        "Accession requires the unanimous agreement of all Allies.",
        "Every Ally has to ratify the accession protocols before Sweden can join.",
        "Any single member state can block Ukraine’s membership bid.",
        "Allies failed to find a consensus on enlargement at the summit.",
    ):
        assert _states(RuleCode.ACCESSION_BY_CONSENSUS, stated), stated
    for other in (
        "Stoltenberg noted a broad consensus among allies that Ukraine belongs within the NATO family.",  # agreement, no rule
        "Hungary wants enlargement to require the unanimous approval of all member states.",  # a wish
        "If Allies reach a consensus on Ukraine’s accession, an invitation could follow.",  # a condition
        "Enlargement no longer requires the consent of all Allies, the paper proposes.",
        "The Allies reached a consensus on defence spending.",  # consensus, but not on members
    ):
        assert not _states(RuleCode.ACCESSION_BY_CONSENSUS, other), other


def test_the_who_decides_rule_is_read_in_the_ways_a_reading_words_it_and_not_from_a_claim_or_a_condition():
    for stated in (
        "The decision about membership remains a process-driven matter, with Ukraine and the alliance members ultimately determining the path forward.",
        DECIDE,
        "It is for Finland and the NATO Allies alone to decide on membership.",
        "Only Ukraine and NATO members can decide when Ukraine joins.",
    ):
        assert _states(RuleCode.APPLICANT_AND_ALLIES_DECIDE, stated), stated
    for other in (
        "Moscow insists that the decision on membership is for Russia and the Allies to decide.",  # a claim, and Russia
        "If the decision on Ukraine’s membership were for Ukraine and the Allies alone, it would be quick.",  # a condition
        "Ukraine and the Allies discussed membership at the summit.",  # talks, no rule
    ):
        assert not _states(RuleCode.APPLICANT_AND_ALLIES_DECIDE, other), other


def test_a_reading_without_the_rules_gets_no_such_question():
    text = REPORT.replace(f"{CONSENSUS} ", "").replace(f"{DECIDE} ", "")
    assert not _questions(text, "consensus") and not _questions(text, "decide")


def test_the_pack_brings_each_rule_its_outcomes_and_three_misconceptions():
    book = merged_rule_book(load_packs())
    assert book is not None
    assert {RuleCode.ACCESSION_BY_CONSENSUS, RuleCode.APPLICANT_AND_ALLIES_DECIDE} <= book.specs.keys()
    assert {"consensus_held_up", "not_without_request"} <= book.outcomes.keys()
    assert len(book.misconceptions["consensus"]) >= 3 and len(book.misconceptions["decide"]) >= 3
