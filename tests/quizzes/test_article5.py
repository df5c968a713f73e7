# ruff: noqa: RUF001 - reading text uses typographic quotes
"""Article 5 scenarios: the answers come from a rule model built from the reading's own rule sentences."""

from __future__ import annotations

from quizzes.generation.article5 import RuleCode, Status, rule_model
from quizzes.generation.text import SectionText, split_sentences
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import SEEDS, UNSEEN, generate_body, generate_file

RULES_TEXT = (
    "According to NATO’s principles, a country engaged in an active military conflict cannot be admitted as a member, as this would "
    "immediately trigger Article 5 of the NATO treaty, which obligates all member states to defend an ally under attack (Bandow, 2025). "
    "Kyiv has pursued long-term bilateral defense agreements with key NATO members such as Poland. "
    "While strengthening Ukraine’s defense posture, these agreements do not provide the full deterrent effect of NATO’s Article 5 security guarantees."
)


def model_of(text: str):
    return rule_model(split_sentences(SectionText(1, "Membership", "body", "en", text, 0)))


def test_the_rules_are_read_from_the_readings_sentences():
    model = model_of(RULES_TEXT)
    assert model.has(RuleCode.COLLECTIVE_DEFENCE, RuleCode.NO_ADMISSION_AT_WAR, RuleCode.BILATERAL_NOT_ARTICLE5)
    bilateral = model.rules[RuleCode.BILATERAL_NOT_ARTICLE5]
    assert len(bilateral.sentences) == 2, "'these agreements' is cited with the sentence that names them"


def test_only_an_attack_on_an_ally_engages_article_5():
    model = model_of(RULES_TEXT)
    assert model.engaged(Status.ALLY).value is True
    assert model.engaged(Status.PARTNER).value is False
    assert model.engaged(Status.APPLICANT_AT_WAR).value is False
    verdict = model.engaged(Status.BILATERAL)
    assert verdict.value is False and verdict.rule.code is RuleCode.BILATERAL_NOT_ARTICLE5


def test_a_country_at_war_cannot_be_admitted_but_the_bar_lifts_when_the_war_ends():
    model = model_of(RULES_TEXT)
    assert model.admission_barred(at_war=True).value is True
    assert model.admission_barred(at_war=False).value is False


def test_a_reading_without_rule_sentences_has_no_rules():
    assert model_of("NATO held a summit in Vilnius. Leaders met in July.").rules == {}
    assert not [q for q in generate_file(UNSEEN).questions if q.meta.get("scenario")]


def test_the_seed_paper_yields_at_least_ten_scenarios_each_citing_its_rule_sentence():
    questions = [q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")]
    assert len(questions) >= 10
    assert {q.type for q in questions} >= {
        QuestionType.TRUE_FALSE,
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_RESPONSE,
        QuestionType.MATCHING,
    }
    for q in questions:
        # The membership rules cite their own sentences (test_generation_membership_rules.py).
        assert "Article 5" in q.passage or "cannot be admitted" in q.passage or "consensus" in q.passage
        assert q.meta["rules"] and "The reading:" in q.explanation


def test_scenario_keys_follow_the_rule_model():
    questions = {q.title: q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")}
    # An Ally invaded is asked as a single choice among the misconceptions, not as a true/false restating the rule.
    assert "Article 5 scenario: engaged-ally-invasion" not in questions
    invaded = questions["Article 5 scenario: outcome-ally-invasion"]
    assert next(c["text"] for c in invaded.choices if c["id"] == invaded.answer["correct"]).startswith("Article 5 is engaged")
    # An armed attack that takes no ground engages the rule as an invasion does.
    struck = questions["Article 5 scenario: outcome-ally-missile"]
    assert "missile strike" in struck.stem and _key_text(struck).startswith("Article 5 is engaged")
    assert questions["Article 5 scenario: engaged-partner"].answer == {"correct": False}
    assert questions["Article 5 scenario: engaged-applicant"].answer == {"correct": False}
    assert questions["Article 5 scenario: engaged-bilateral"].answer == {"correct": False}
    assert questions["Article 5 scenario: admit-at-war"].answer == {"correct": True}
    assert questions["Article 5 scenario: admit-after-ceasefire"].answer == {"correct": False}
    why = questions["Article 5 scenario: why-no-admission"]
    correct = next(c["text"] for c in why.choices if c["id"] == why.answer["correct"])
    assert "trigger Article 5" in correct


def _key_text(q) -> str:
    return next(c["text"] for c in q.choices if c["id"] == q.answer["correct"])


def test_an_applicant_still_at_war_is_asked_what_follows_from_an_attack_and_is_owed_no_treaty_help():
    questions = {q.title: q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")}
    attacked = questions["Article 5 scenario: outcome-applicant"]
    assert attacked.type == QuestionType.SINGLE_CHOICE and "not yet a member" in attacked.stem
    assert _key_text(attacked).startswith("Article 5 is not engaged")
    # One case, one group: the true/false on the same attack is its alternative, not a second question of a quiz.
    assert attacked.group == questions["Article 5 scenario: engaged-applicant"].group


def test_every_ally_willing_does_not_admit_a_country_at_war():
    questions = {q.title: q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")}
    agreed = questions["Article 5 scenario: admit-at-war-agreed"]
    assert "every Ally is willing to invite it" in agreed.stem and "being fought over" in agreed.stem
    assert _key_text(agreed) == "It cannot be admitted while the war goes on, even with every Ally in favour"
    # Among the misconceptions: consensus as all that is needed, protection deferred to the peace.
    assert any("Article 5 starts to cover it once the fighting ends" in c["text"] for c in agreed.choices)
    assert agreed.group == questions["Article 5 scenario: admit-at-war"].group
    assert "cannot be admitted" in agreed.passage and "The reading:" in agreed.explanation
    now = questions["Article 5 scenario: admit-at-war-agreed-now"]
    assert now.type == QuestionType.TRUE_FALSE and now.answer == {"correct": False} and "since they all agree" in now.stem
    assert now.group == agreed.group and now.explanation.startswith("False: ")


def test_a_country_admitted_after_its_war_ended_is_covered_like_any_ally_when_attacked_again():
    questions = {q.title: q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")}
    joined = questions["Article 5 scenario: outcome-joined-after-ceasefire"]
    assert "becomes a NATO member" in joined.stem and "attacks it again" in joined.stem
    assert _key_text(joined).startswith("Article 5 is engaged")
    assert any("began before the country joined" in c["text"] for c in joined.choices)


def test_without_the_bar_on_admitting_a_country_at_war_no_joined_after_ceasefire_case_is_asked():
    only_article5 = (
        "Article 5 of the NATO treaty obligates all member states to defend an ally under attack. "
        "NATO Allies met in Vilnius in July 2023 to discuss support for Ukraine and the Alliance's eastern flank. "
    ) * 2
    titles = {q.title for q in generate_body(only_article5) if q.meta.get("scenario")}
    assert "Article 5 scenario: outcome-ally-invasion" in titles
    assert "Article 5 scenario: outcome-joined-after-ceasefire" not in titles


def test_a_non_member_with_bilateral_agreements_is_owed_what_they_say_and_not_article_5_by_its_signatories():
    questions = {q.title: q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")}
    outcome = questions["Article 5 scenario: outcome-bilateral"]
    assert "bilateral defence agreements" in outcome.stem and outcome.type == QuestionType.SINGLE_CHOICE
    assert _key_text(outcome) == "Article 5 is not engaged: only the bilateral agreements bind the states that signed them"
    assert any(c["text"] == "Article 5 is engaged, but only for the Allies that signed the agreements" for c in outcome.choices)
    assert outcome.group == questions["Article 5 scenario: engaged-bilateral"].group


def test_a_country_whose_war_has_ended_may_be_considered_but_does_not_join_at_once():
    questions = {q.title: q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")}
    lifted = questions["Article 5 scenario: admit-after-ceasefire-what"]
    assert "lasting ceasefire" in lifted.stem
    assert _key_text(lifted) == "The bar no longer stands in its way: the Allies can now consider its application"
    assert any(c["text"].startswith("It joins at once") for c in lifted.choices)
    assert lifted.group == questions["Article 5 scenario: admit-after-ceasefire"].group


def test_a_ceasefire_that_broke_down_leaves_the_bar_on_admitting_a_country_at_war_in_place():
    # The reading lifts the bar only once the conflict is resolved "through a lasting ceasefire or a negotiated
    # settlement": a country whose ceasefire did not hold is still at war, whatever the word "ceasefire" suggests.
    questions = {q.title: q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")}
    broken = questions["Article 5 scenario: admit-ceasefire-broken"]
    assert broken.type == QuestionType.TRUE_FALSE and "broke down" in broken.stem
    assert broken.answer == {"correct": True}
    assert broken.group == questions["Article 5 scenario: admit-after-ceasefire"].group


def test_a_partner_in_a_case_is_bound_by_no_other_mutual_defence_pledge():
    # Austria and Ireland are EU members: an attack on them obliges their EU partners, so "any help is a choice of
    # individual states" would be false of the world (blind review 40). The pack marks them, and no case names them.
    questions = [q for q in generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions if q.meta.get("scenario")]
    shown = [c["text"] for q in questions if isinstance(q.choices, list) for c in q.choices]
    shown += [q.stem for q in questions]
    assert [q for q in questions if "partner country" in q.stem]
    assert not [text for text in shown if "Austria" in text or "Ireland" in text]
