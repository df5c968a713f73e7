# ruff: noqa: RUF001 - reading text uses typographic apostrophes
"""Two rules of arms-control treaties a reading may state, each applied to cases it does not tell (issue 13: questions
beyond recall; seeds/packs/arms-control/rules.json). A ban on nuclear tests in the atmosphere, in outer space and under
water leaves a Party free to test underground (so long as no radioactive debris leaves its territory, where the reading
says so): asked where a Party may still test, among the environments the ban lists, and which of four tests it
prohibits. A Party may withdraw with notice ("three months in advance"): asked what a Party whose supreme interests are
jeopardized may do, among the pack's misconceptions, and whether leaving the same day takes effect. Keys come from the
rule model (the environments and the notice the reading's sentence gives); a proposal or a condition states no rule."""

from __future__ import annotations

from quizzes.generation.article5 import Place, RuleCode, merged_rule_book, rule_model
from quizzes.generation.packs import load_packs
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText, split_sentences
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

BAN = (
    "Each Party undertakes not to carry out any nuclear weapon test explosion in the atmosphere, in outer space or under "
    "water, nor in any other environment if the explosion causes radioactive debris to be present outside its territory."
)
DEFINED = (
    "For the purposes of this Treaty, a nuclear-weapon State is one which has manufactured and exploded a nuclear weapon "
    "or other nuclear explosive device prior to January 1, 1967."
)
SAFEGUARDS = (
    "Each non-nuclear-weapon State Party to the Treaty undertakes to accept safeguards, as set forth in an agreement "
    "to be concluded with the International Atomic Energy Agency."
)
NOTICE = "Each Party has the right to withdraw from the Treaty, giving the other Parties six months’ notice."
TREATY = (
    "The Parties to this Treaty seek an end to the contamination of the environment by nuclear explosion tests. "
    f"{BAN} "
    "The Treaty shall be subject to ratification by signatory States, and the Depositary Governments shall inform all Parties. "
    f"{NOTICE} "
    f"{DEFINED} "
    f"{SAFEGUARDS} "
    "No nuclear explosive device shall be transferred to any State not Party to the Treaty."
)


def _questions(text: str, prefix: str) -> dict[str, object]:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    result = generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon())
    return {
        q.title.removeprefix("Article 5 scenario: "): q for q in result.questions if q.title.startswith(f"Article 5 scenario: {prefix}-")
    }


def _model(text: str):  # type: ignore[no-untyped-def]
    return rule_model(split_sentences(SectionText(1, "", "body", "en", text, 0)))


def _key(q) -> str:  # type: ignore[no-untyped-def]
    return next(c["text"] for c in q.choices if c["id"] == q.answer["correct"])


def test_a_test_ban_leaves_underground_tests_and_reaches_every_environment_it_lists():
    questions = _questions(TREATY, "test-ban")
    assert set(questions) == {"test-ban-where", "test-ban-which"}
    where, which = questions["test-ban-where"], questions["test-ban-which"]
    assert _key(where) == "Underground, so long as no radioactive debris leaves its territory"
    assert len(where.choices) == 4
    banned = {c["text"] for c in which.choices if c["id"] in which.answer["correct"]}
    allowed = {c["text"] for c in which.choices} - banned
    assert allowed == {"A test explosion in a deep shaft underground whose radioactive debris stays within the Party's territory"}
    assert len(banned) == 4 and any("drifts across the border" in t for t in banned)
    assert where.passage == BAN and where.group == which.group


def test_without_the_debris_clause_an_underground_test_is_not_reached_and_no_debris_case_is_offered():
    model = _model("The treaty bans nuclear weapon tests in the atmosphere, in outer space and under water.")
    assert model.has(RuleCode.TEST_BAN_ENVIRONMENTS)
    assert model.test_banned(Place.ATMOSPHERE).value and model.test_banned(Place.UNDER_WATER).value
    assert not model.test_banned(Place.UNDERGROUND_CONTAINED).value
    assert not model.test_banned(Place.UNDERGROUND_DEBRIS_ABROAD).value


def test_a_party_may_withdraw_only_with_the_notice_the_reading_gives():
    questions = _questions(TREATY, "withdrawal")
    assert set(questions) == {"withdrawal-what", "withdrawal-same-day"}
    what, same_day = questions["withdrawal-what"], questions["withdrawal-same-day"]
    assert _key(what) == "Withdraw from the treaty, giving notice six months in advance"
    assert same_day.answer == {"correct": False}
    assert what.passage == NOTICE and what.group == same_day.group
    assert what.group != _questions(TREATY, "test-ban")["test-ban-where"].group


def test_the_notice_is_read_from_the_sentence_after_the_right_to_withdraw():
    model = _model(
        "Each Party shall have the right to withdraw from the Treaty if extraordinary events have jeopardized its supreme "
        "interests. It shall give notice of such withdrawal to all other Parties three months in advance."
    )
    assert model.withdrawal_notice() == "three months"
    assert len(model.rules[RuleCode.WITHDRAWAL_NOTICE].sentences) == 2


def test_a_state_whose_first_explosion_came_after_the_definitions_date_or_never_is_no_nuclear_weapon_state():
    questions = _questions(TREATY, "weapon-state")
    assert set(questions) == {"weapon-state-late-test", "weapon-state-never-tested"}
    late, never = questions["weapon-state-late-test"], questions["weapon-state-never-tested"]
    assert _key(late) == "As a non-nuclear-weapon State: its first explosion came too late"
    assert "in 1974" in late.stem and never.answer == {"correct": False} and "never exploded" in never.stem
    # The stems print neither the date nor its year: the year is another question's key.
    assert "1967" not in late.stem + never.stem and "January" not in late.stem + never.stem
    assert late.passage == DEFINED and late.group == never.group
    model = _model(DEFINED)
    assert model.is_weapon_state(first_explosion=1964, manufactured=True).value
    assert not model.is_weapon_state(first_explosion=1967, manufactured=True).value


def test_a_non_weapon_states_new_plant_comes_under_safeguards_and_a_weapon_states_does_not_by_this_undertaking():
    questions = _questions(TREATY, "safeguards")
    assert set(questions) == {"safeguards-plant", "safeguards-weapon-state"}
    plant, weapon_state = questions["safeguards-plant"], questions["safeguards-weapon-state"]
    assert _key(plant) == "The plant's nuclear material must be under IAEA safeguards"
    assert "non-nuclear-weapon State Party" in plant.stem and weapon_state.answer == {"correct": False}
    assert plant.passage == SAFEGUARDS and plant.group == weapon_state.group
    for stated in (
        SAFEGUARDS,
        "Non-nuclear-weapon states must accept IAEA safeguards on all their nuclear material.",
        "Under the treaty, non-nuclear-weapon states agree to place their peaceful nuclear facilities under IAEA safeguards.",
    ):
        assert _model(stated).has(RuleCode.SAFEGUARDS_ON_NON_WEAPON_STATES), stated
    for other in (
        "Non-nuclear-weapon states are not required to accept safeguards on military reactors.",
        "If non-nuclear-weapon states accepted IAEA safeguards on every site, inspections would double.",
        "The IAEA applies safeguards in many countries.",
    ):
        assert not _model(other).has(RuleCode.SAFEGUARDS_ON_NON_WEAPON_STATES), other


def test_the_rules_are_read_in_the_ways_a_reading_words_them_and_not_from_a_proposal_or_a_condition():
    for stated in (
        BAN,
        "The 1963 treaty bans nuclear tests in the atmosphere, in outer space and under water.",
        "The Parties agreed never to carry out nuclear test explosions in the atmosphere, in outer space or underwater.",
    ):
        assert _model(stated).has(RuleCode.TEST_BAN_ENVIRONMENTS), stated
    for other in (
        "Activists propose a treaty that would ban nuclear tests in the atmosphere, in outer space and under water.",
        "If the talks succeed, a treaty will ban nuclear tests in the atmosphere, in outer space and under water.",
        "Fallout from tests in the atmosphere reached distant countries.",  # no ban
    ):
        assert not _model(other).has(RuleCode.TEST_BAN_ENVIRONMENTS), other
    for stated in (
        DEFINED,
        "Nuclear-weapon states are those that had exploded a nuclear device before 1 January 1967.",
        "Only States that had tested a nuclear weapon before January 1, 1967 count as nuclear-weapon States.",
    ):
        assert _model(stated).has(RuleCode.WEAPON_STATE_DEFINED), stated
    for other in (
        "India argues that a nuclear-weapon State would be one which has exploded a device before January 1, 1990.",
        "China exploded its first nuclear device in 1964.",
    ):
        assert not _model(other).has(RuleCode.WEAPON_STATE_DEFINED), other
    for stated in (NOTICE, "A Party may withdraw from the agreement on three months’ notice to the other Parties."):
        assert _model(stated).has(RuleCode.WITHDRAWAL_NOTICE), stated
    for other in (
        "If Russia were to withdraw, it would give six months’ notice.",
        "No Party may withdraw from the Convention.",
    ):
        assert not _model(other).has(RuleCode.WITHDRAWAL_NOTICE), other


def test_a_treaty_stating_neither_rule_gets_no_such_question():
    text = TREATY.replace(f"{BAN} ", "").replace(f"{NOTICE} ", "").replace(f"{DEFINED} ", "").replace(f"{SAFEGUARDS} ", "")
    assert not _questions(text, "test-ban") and not _questions(text, "withdrawal") and not _questions(text, "weapon-state")
    assert not _questions(text, "safeguards")


def test_the_arms_control_pack_brings_the_rules_their_outcomes_and_three_misconceptions_each():
    book = merged_rule_book(load_packs())
    assert (
        book is not None
        and {RuleCode.TEST_BAN_ENVIRONMENTS, RuleCode.WITHDRAWAL_NOTICE, RuleCode.WEAPON_STATE_DEFINED} <= book.specs.keys()
    )
    assert len(book.misconceptions["test_ban"]) >= 3 and len(book.misconceptions["withdrawal"]) >= 3
    # The arms-control pack has no Allies: the Article 5 scenarios keep the security-studies pack's.
    assert book.applicant_marker and book.fallback_allies
