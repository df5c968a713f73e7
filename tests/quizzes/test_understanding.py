# ruff: noqa: RUF001 - reading text uses typographic quotes
"""Questions beyond recall: rule scenarios from paraphrases, cause and effect, definitions,
matching across sections and "which statement does the reading support"."""

from __future__ import annotations

import re

import pytest

from quizzes.generation import pipeline
from quizzes.generation.article5 import RuleBookError, RuleCode, rule_book_from_data, rule_model
from quizzes.generation.gates import check_item
from quizzes.generation.pipeline import GenerationResult, gate_item, generate
from quizzes.generation.standalone import FIRST_SECOND_PERSON, NEUTER_PLURAL, PERSONAL
from quizzes.generation.text import SectionText, split_sentences
from quizzes.generation.understanding import rewrite_statement
from quizzes.generation.understanding.variants import name_sort
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import SEEDS, generate_file, seed_lexicon


def sections_of(*parts: tuple[str, str]) -> tuple[str, list[SectionText]]:
    """(cleaned text, sections) for headed paragraphs, offsets as the import would give them."""
    text, sections = "", []
    for order, (heading, body) in enumerate(parts, start=1):
        text += heading + "\n\n"
        sections.append(SectionText(order, heading, "body", "en", body, len(text)))
        text += body + "\n\n"
    return text, sections


def generate_text(*parts: tuple[str, str], key: str = "reading") -> GenerationResult:
    cleaned, sections = sections_of(*parts)
    return generate(reading_key=key, cleaned_text=cleaned, sections=sections, lexicon=seed_lexicon())


def of_kind(result: GenerationResult, kind: str):
    return [q for q in result.questions if q.meta.get("understanding") == kind]


@pytest.fixture
def built(monkeypatch):
    """The understanding drafts the real pipeline builds for a text, before the bank's ranking.

    Ranking (gen-core's ``quality.rank_and_group``) may drop a draft whose group grows too large;
    what is asked, and with which key, is decided here.
    """

    def build(*parts: tuple[str, str], kind: str):
        drafts = []
        real = pipeline.build_all

        def capture(ctx):
            out = real(ctx)
            drafts.extend(d for d in out if d.meta.get("understanding") == kind)
            return out

        monkeypatch.setattr(pipeline, "build_all", capture)
        generate_text(*parts)
        monkeypatch.setattr(pipeline, "build_all", real)
        return drafts

    return build


def correct_text(q) -> str:
    return next(c["text"] for c in q.choices if c["id"] == q.answer["correct"])


def scenarios(result: GenerationResult) -> dict[str, object]:
    return {q.title.removeprefix("Article 5 scenario: "): q for q in result.questions if q.meta.get("scenario")}


PARAPHRASED_RULES = (
    "Collective defence",
    "NATO is an alliance of 32 Allies in Europe and North America. The principle at the heart of the Alliance is simple: "
    "an attack on one Ally is an attack on all. Article 5 has been invoked only once, after the 9/11 attacks on the United States. "
    "NATO members such as Poland, Estonia, Norway and Portugal meet regularly to plan their deterrence posture.",
)
ADMISSION = (
    "Enlargement",
    "Georgia and Ukraine hope to join the Alliance one day. A country at war cannot be admitted to NATO, because membership would "
    "bring the Allies into that war at once. Russia opposes every step of NATO enlargement towards its borders.",
)
IRAN_DEAL = (
    "The nuclear deal",
    "The Joint Comprehensive Plan of Action was signed in Vienna in July 2015 by Iran and six world powers. Under the deal, Iran "
    "agreed to limit its enrichment of uranium to 3.67 percent in exchange for relief from sanctions. The International Atomic "
    "Energy Agency was charged with verifying Iran's compliance. The United States withdrew from the agreement in May 2018.",
)


# --- rules and scenarios --------------------------------------------------------------------------


def test_a_paraphrased_collective_defence_rule_gives_scenarios_with_keys_from_the_rule_model():
    by_slug = scenarios(generate_text(PARAPHRASED_RULES, ADMISSION))
    assert "engaged-ally-invasion" not in by_slug  # the plainest case is asked as a single choice only
    assert by_slug["engaged-partner"].answer == {"correct": False}
    assert by_slug["engaged-applicant"].answer == {"correct": False}
    for q in by_slug.values():
        assert "The reading:" in q.explanation
        assert q.group and 0 < q.quality <= 1 and q.quality_notes


def test_a_country_at_war_cannot_be_admitted_is_read_as_the_admission_rule():
    by_slug = scenarios(generate_text(PARAPHRASED_RULES, ADMISSION))
    assert by_slug["admit-at-war"].answer == {"correct": True}
    assert by_slug["admit-after-ceasefire"].answer == {"correct": False}
    assert "cannot be admitted" in by_slug["admit-at-war"].passage
    assert "trigger Article 5" in correct_text(by_slug["why-no-admission"])
    # The admission case names the aspirant the reading talks about, not a country typed in code.
    assert by_slug["admit-at-war"].stem.startswith("Scenario: Ukraine") or by_slug["admit-at-war"].stem.startswith("Scenario: Georgia")


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        # The issue's own example, and a speech's: the principle without "Ally" after "one".
        ("Article 5 means that an attack on one is an attack on all.", True),
        ("NATO members are bound by a sacred oath that an attack against one is an attack against all.", True),
        # Not of the Alliance (another alliance's members, a word holding "allies"), or denied.
        ("In the schoolyard an attack on one is an attack on all.", False),
        ("Union members agreed that an attack on one is an attack on all.", False),
        ("CSTO members pledged that an attack on one is an attack on all.", False),
        ("He remembers the rallies: an attack on one is an attack on all.", False),
        ("NATO members no longer believe that an attack on one is an attack on all.", False),
    ],
)
def test_an_attack_on_one_is_an_attack_on_all_states_the_collective_defence_rule(sentence, stated):
    model = rule_model(split_sentences(SectionText(1, "Rules", "body", "en", sentence, 0)))
    assert model.has(RuleCode.COLLECTIVE_DEFENCE) is stated


def test_a_pledge_stated_without_its_article_is_asked_as_the_pledge_the_reading_states():
    # Biden at Vilnius: "our sacred oath that an attack against one is an attack against all", Article 5 never named.
    # The cases still apply it, and no stem, option or explanation names an article the reading does not (spot review 61).
    oath = (
        "The Alliance",
        "NATO is an alliance of 32 Allies in Europe and North America. The Allies are bound by a sacred oath that an attack "
        "against one is an attack against all. NATO members such as Poland, Estonia, Norway and Portugal meet regularly to plan "
        "their deterrence posture. Georgia and Ukraine hope to join the Alliance one day.",
    )
    by_slug = scenarios(generate_text(oath))
    assert {"engaged-partner", "which-engage", "match-status"} <= set(by_slug), sorted(by_slug)
    for q in by_slug.values():
        shown = " ".join([q.stem, q.explanation, str(q.choices)])
        assert not re.search(r"\bArticle\s+5\b", shown), shown
    assert "the pledge of collective defence the reading states" in by_slug["engaged-partner"].stem
    # What the pledge says, not Article 5's "bound to help defend" (blind review 63).
    assert correct_text(by_slug["outcome-ally-invasion"]).endswith("the attack counts as an attack on every member state")
    # A reading that names the article keeps its name (and "Article 50" is not "Article 5").
    named = scenarios(generate_text(PARAPHRASED_RULES, ADMISSION))
    assert "Article 5" in named["engaged-partner"].stem


def test_an_invasion_case_crosses_the_border_of_an_ally_that_borders_a_state_outside_the_alliance():
    # "Troops of a state outside the Alliance cross the border of Spain": Spain's only such borders are Andorra's and, at
    # Ceuta and Melilla, outside the treaty's area (spot review 64). The pack lists the Allies a case can invade.
    from quizzes.generation.packs import load_packs

    border = set({p.id: p for p in load_packs()}["security-studies"].rules["border_allies"])
    # The Ally is picked by a hash of the reading: over several readings, each case still names a bordering Ally.
    for key in (f"reading-{i}" for i in range(8)):
        stem = scenarios(generate_text(PARAPHRASED_RULES, key=key))["outcome-ally-invasion"].stem
        crossed = re.search(r"cross the border of (?:the )?(?P<ally>[A-Z][\w ]+?), a NATO member", stem)
        assert crossed and crossed.group("ally") in border, stem


def test_article_5_invoked_only_once_after_9_11_gives_a_question_citing_that_sentence():
    q = scenarios(generate_text(PARAPHRASED_RULES))["invoked"]
    assert correct_text(q).startswith("Only once, after the attacks on the United States of 11 September 2001")
    assert "invoked only once" in q.passage
    assert len(q.choices) == 4


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("Article 5 of the Washington Treaty obliges Allies to assist any member that is attacked.", RuleCode.COLLECTIVE_DEFENCE),
        ("An armed attack against one member shall be considered an attack against them all.", RuleCode.COLLECTIVE_DEFENCE),
        ("NATO does not admit countries that are engaged in an active conflict.", RuleCode.NO_ADMISSION_AT_WAR),
        ("The only time Article 5 has been invoked was after the September 11 attacks.", RuleCode.INVOKED_ONCE),
    ],
)
def test_the_rules_are_recognised_in_other_wordings(sentence, code):
    model = rule_model(split_sentences(SectionText(1, "Rules", "body", "en", sentence, 0)))
    assert model.has(code)


def test_a_sentence_denying_the_obligation_is_not_the_collective_defence_rule():
    text = "Article 5 does not oblige Allies to send troops to defend an attacked member."
    assert not rule_model(split_sentences(SectionText(1, "Rules", "body", "en", text, 0))).has(RuleCode.COLLECTIVE_DEFENCE)


def test_an_admin_can_add_a_wording_to_the_rules_data():
    book = rule_book_from_data(
        {"rules": {"collective_defence": {"patterns": ["musketeer clause"], "reason": "All defend each one"}}}, source="test"
    )
    model = rule_model(split_sentences(SectionText(1, "Rules", "body", "en", "NATO relies on its musketeer clause.", 0)), book)
    assert model.has(RuleCode.COLLECTIVE_DEFENCE)


def test_a_rules_file_with_a_broken_pattern_is_refused_with_its_name():
    with pytest.raises(RuleBookError, match="collective_defence"):
        rule_book_from_data({"rules": {"collective_defence": {"patterns": ["(unclosed"], "reason": "x"}}}, source="rules.json")


def test_a_text_stating_no_rule_gets_no_scenarios():
    result = generate_text(("Summits", "NATO leaders met in Vilnius in July 2023. The Allies agreed a new defence plan for Ukraine."))
    assert not scenarios(result)


def test_an_off_domain_reading_gets_no_nato_rules_or_scenarios():
    result = generate_text(IRAN_DEAL)
    assert not scenarios(result)
    assert not [q for q in result.questions if "Article 5" in q.stem or "NATO" in q.stem]


# --- cause and effect -------------------------------------------------------------------------------

CAUSAL_READING = (
    (
        "Early fighting",
        "Early in the conflict, the Ukrainian army was at a significant disadvantage due to the large Russian stock of artillery shells. "
        "Stabilising the Ukrainian economy has been a priority, as the war has led to a sharp fall in output and high inflation.",
    ),
    (
        "Allied aid",
        "Canada led Operation UNIFIER in 2015. Allies faced a severe shortage of air defence interceptors in 2023. "
        "The Patriot system protects Kyiv from ballistic missiles. Western sanctions were imposed amid a wave of cyberattacks on banks. "
        "Lithuania hosted the Vilnius Summit in July 2023.",
    ),
    (
        "Reconstruction",
        "The European Union pledged fifty billion euros for the Ukraine Facility. Ukrainian cities suffered a long winter of power cuts. "
        "Reconstruction costs were estimated at more than four hundred billion dollars by the World Bank.",
    ),
)


def test_a_due_to_sentence_gives_a_why_question_whose_key_is_the_cause(built):
    why = next(q for q in built(*CAUSAL_READING, kind="cause") if "disadvantage" in q.stem)
    assert why.type == QuestionType.SINGLE_CHOICE
    assert why.stem == "Why, according to the reading, was the Ukrainian army at a significant disadvantage early in the conflict?"
    assert correct_text(why) == "The large Russian stock of artillery shells"
    wrong = [c["text"] for c in why.choices if c["id"] != why.answer["correct"]]
    assert len(wrong) == 3 and all(w not in why.passage for w in wrong)


def test_a_causal_as_clause_gives_a_why_question_with_clause_options(built):
    reading = (
        *CAUSAL_READING,
        (
            "Industry",
            "Allied factories doubled shell production, because the front line consumed millions of shells. "
            "Kyiv asked NATO Allies for more interceptors, because Russian drones struck power stations every night.",
        ),
    )
    why = next(q for q in built(*reading, kind="cause") if "priority" in q.stem)
    assert why.stem == "Why, according to the reading, has stabilising the Ukrainian economy been a priority?"
    assert correct_text(why) == "The war has led to a sharp fall in output and high inflation"
    # The wrong reasons are what the reading gives as causes or effects of other things, never any other sentence of
    # it ("The Patriot system protects Kyiv …" answers no why: blind reviews 35 and 36 rejected such options).
    wrong = {c["text"] for c in why.choices} - {correct_text(why)}
    assert len(wrong) >= 2 and wrong <= {
        "The front line consumed millions of shells",
        "Russian drones struck power stations every night",
        "Allied factories doubled shell production",
        "Kyiv asked NATO Allies for more interceptors",
        "Early in the conflict, the Ukrainian army was at a significant disadvantage",
    }, wrong


def test_a_why_question_has_no_wrong_reason_that_answers_nothing(built):
    # The reading's only other causal sentence gives one clause: with no other sentence to fill in, no question.
    assert not [q for q in built(*CAUSAL_READING, kind="cause") if "priority" in q.stem]


def test_cause_questions_stand_alone_and_are_grouped_with_their_sentence(built):
    banned = FIRST_SECOND_PERSON | PERSONAL | NEUTER_PLURAL
    for q in built(*CAUSAL_READING, kind="cause"):
        words = {w.lower() for w in re.findall(r"[A-Za-z']+", q.stem + " " + " ".join(c["text"] for c in q.choices))}
        assert not words & banned, q.stem
        assert q.group and q.quality_notes and q.section.heading and q.start < q.end


def test_since_with_a_date_is_not_read_as_a_cause(built):
    drafts = built(
        ("History", "Ukraine has cooperated with NATO since 1994, when it joined the Partnership for Peace programme."),
        *CAUSAL_READING[1:],
        kind="cause",
    )
    assert not [q for q in drafts if "1994" in q.passage]


# --- definitions -----------------------------------------------------------------------------------

DEFINITIONS = (
    (
        "Terms",
        "Hybrid warfare is defined as the blending of conventional force with cyberattacks, disinformation and economic pressure. "
        "Deterrence refers to the threat of force used to discourage an adversary from attacking. "
        "Burden sharing refers to the division of defence costs and tasks among the members of an alliance. "
        "Interoperability is defined as the ability of armed forces to work together with shared procedures and equipment.",
    ),
    (
        "Agencies",
        "The Defense Intelligence Agency (DIA) collects military intelligence. The National Security Agency (NSA) handles signals. "
        "The National Reconnaissance Office (NRO) builds satellites. The Central Intelligence Agency (CIA) works abroad. "
        "DIA is a combat support agency that produces foreign military intelligence for commanders and policymakers.",
    ),
)


def test_an_explicit_definition_asks_which_term_the_reading_defines(built):
    q = next(q for q in built(*DEFINITIONS, kind="definition") if "blending of conventional force" in q.stem)
    assert q.stem == (
        "Which term does the reading define as “the blending of conventional force with cyberattacks, disinformation and economic pressure”?"
    )
    assert correct_text(q) == "Hybrid warfare"
    # The other options are the reading's other defined terms: this reading is of no pack's domain.
    assert {c["text"] for c in q.choices} == {"Hybrid warfare", "Deterrence", "Burden sharing", "Interoperability"}


def test_an_acronym_described_by_the_reading_is_asked_among_the_readings_other_acronyms(built):
    q = next(q for q in built(*DEFINITIONS, kind="definition") if "combat support agency" in q.stem)
    assert correct_text(q) == "DIA"
    assert {c["text"] for c in q.choices} == {"DIA", "NSA", "NRO", "CIA"}


# --- matching across sections -----------------------------------------------------------------------

MATCHING = (
    (
        "The air campaign",
        "Operation Allied Force began on 24 March 1999 after diplomatic efforts failed. "
        "British Lieutenant General Mike Jackson led the first deployment into Pristina.",
    ),
    (
        "Later missions",
        "Operation UNIFIER started training Ukrainian soldiers in 2015. "
        "Italian Major General Angelo Michele Ristuccia took command of KFOR in October 2022.",
    ),
    (
        "Recent years",
        "The Comprehensive Assistance Package was agreed at the Warsaw Summit in 2016. "
        "Turkish Major General Özkan Ulutaş assumed command of the mission in October 2023.",
    ),
)


def _pairs(q) -> dict[str, str]:
    left = {c["id"]: c["text"] for c in q.choices["left"]}
    right = {c["id"]: c["text"] for c in q.choices["right"]}
    return {left[a]: right[b] for a, b in q.answer["pairs"].items()}


def test_named_programmes_are_matched_to_the_one_year_the_reading_gives_them_across_sections(built):
    q = next(q for q in built(*MATCHING, kind="matching") if "year" in q.stem)
    assert _pairs(q) == {"Operation Allied Force": "1999", "Operation UNIFIER": "2015", "Comprehensive Assistance Package": "2016"}
    assert len({s for s in q.passage.split(" … ")}) == 3


def test_actors_are_matched_to_what_the_reading_says_they_did(built):
    q = next(q for q in built(*MATCHING, kind="matching") if "actor" in q.stem)
    assert _pairs(q) == {
        "Mike Jackson": "led the first deployment into Pristina",
        "Angelo Michele Ristuccia": "took command of KFOR in October 2022",
        "Özkan Ulutaş": "assumed command of the mission in October 2023",
    }


AGENCIES = (
    (
        "Founding",
        "The Defense Intelligence Agency (DIA) was founded under the Department of Defense to serve commanders. "
        "The National Security Agency (NSA) and the National Reconnaissance Office (NRO) were set up during the Cold War.",
    ),
    (
        "Roles",
        "NRO builds and operates satellites and ground stations for imagery collection. "
        "NSA specializes in cryptology and signals intelligence for the government.",
    ),
    ("Military intelligence", "DIA collects and analyses foreign military intelligence for commanders and policymakers."),
    (
        "Disclaimer",
        "This document was prepared by the Congressional Research Service (CRS). "
        "CRS serves as nonpartisan shared staff to congressional committees and Members of Congress.",
    ),
)


def test_agencies_named_by_acronym_are_matched_to_what_the_reading_says_they_do_but_not_from_boilerplate(built):
    q = next(q for q in built(*AGENCIES, kind="matching") if "actor" in q.stem)
    assert _pairs(q) == {
        "NRO": "builds and operates satellites and ground stations for imagery collection",
        "NSA": "specializes in cryptology and signals intelligence for the government",
        "DIA": "collects and analyses foreign military intelligence for commanders and policymakers",
    }


# --- who a treaty binds ------------------------------------------------------------------------------

TREATY = (
    ("Article I", "Each nuclear-weapon State Party to this Treaty undertakes not to transfer nuclear weapons to any recipient whatsoever."),
    (
        "Article II",
        "Each non-nuclear-weapon State Party to this Treaty undertakes not to manufacture or otherwise acquire nuclear weapons.",
    ),
    ("Article VI", "Each of the Parties to this Treaty undertakes to pursue negotiations in good faith on nuclear disarmament."),
)


def test_a_treaty_obligation_on_one_class_of_parties_asks_who_is_bound(built):
    q = next(q for q in built(*TREATY, kind="rule") if "manufacture" in q.stem)
    assert q.stem == "According to the reading, who undertakes not to manufacture or otherwise acquire nuclear weapons?"
    assert correct_text(q) == "Each non-nuclear-weapon State Party"
    assert {c["text"] for c in q.choices} == {
        "Each non-nuclear-weapon State Party",
        "Each nuclear-weapon State Party",
        "Each of the Parties",
    }


def test_an_adverbs_alternative_after_a_comma_stays_in_the_obligation_asked_about(built):
    treaty = (
        (
            "Article I",
            "Each nuclear-weapon State Party to this Treaty undertakes not to transfer nuclear weapons to any recipient directly, "
            "or indirectly; and not in any way to assist any non-nuclear-weapon State.",
        ),
        *TREATY[1:],
    )
    q = next(q for q in built(*treaty, kind="rule") if "transfer" in q.stem)
    assert q.stem == "According to the reading, who undertakes not to transfer nuclear weapons to any recipient directly or indirectly?"


def test_an_obligation_on_every_party_is_not_asked_since_each_narrower_class_is_bound_too(built):
    drafts = built(*TREATY, kind="rule")
    assert drafts and not [q for q in drafts if "disarmament" in q.stem]


# --- which statement does the reading support -------------------------------------------------------


def test_a_statement_is_rewritten_by_rule_and_stays_true_to_the_sentence():
    statement, done = rewrite_statement("In 2008, the European Union took over police tasks from the United Nations (UN).")
    assert statement == "The European Union took over police tasks from the United Nations in 2008."
    assert done == ["parentheses dropped", "date moved to the end"]
    statement, done = rewrite_statement(
        "NATO members have supplied critical medical aid to Ukraine’s hospitals, delivering trauma kits and essential medicines."
    )
    assert statement == "NATO members have supplied critical medical aid to Ukraine’s hospitals."
    assert done == ["compressed to its main clause"]
    assert rewrite_statement("NATO members met in Vilnius.") is None


def test_a_fronted_concessive_clause_is_dropped_and_the_main_clause_stated_on_its_own():
    # The main clause after "While …," or "Despite …," is asserted by itself, so it is a faithful statement;
    # without the rule such a sentence had no rewrite and gave no "which statement" question.
    statement, done = rewrite_statement(
        "While Ukraine is not yet a NATO member, the Alliance has steadily expanded cooperation with Kyiv since the invasion."
    )
    assert statement == "The Alliance has steadily expanded cooperation with Kyiv since the invasion."
    assert done == ["concessive clause dropped"]
    # A list inside the clause is never cut in the middle, and a short main clause is not left on its own.
    assert rewrite_statement("Despite sanctions, losses, and unrest, Russia kept fighting in the east for years.") is None
    assert rewrite_statement("Although talks failed, the war went on.") is None


def test_a_negated_variant_never_takes_the_noun_after_an_article_for_a_verb():
    from quizzes.generation.understanding.variants import _negate

    # "The discussions aim …" gave "The does not discussion aim …": the subject cannot end on its article.
    assert _negate("The discussions aim to coordinate ongoing support for Ukraine.") is None
    assert _negate("The European Union launched a package.") == "The European Union did not launch a package."


SUPPORTED = (
    (
        "Deployments",
        "In 2017, Germany deployed a battlegroup of about 1,200 soldiers to Lithuania. "
        "Canada leads the multinational battlegroup in Latvia. "
        "Poland hosts a battlegroup led by the United States.",
    ),
    (
        "Air policing",
        "Italian fighter jets have patrolled the airspace over the Baltic states. "
        "Spain sent air-defence units to Slovakia in 2022. "
        "The Netherlands contributed Patriot batteries to Slovakia.",
    ),
)


def test_which_statement_the_reading_supports_has_one_faithful_option_and_others_checked_false(built):
    q = next(q for q in built(*SUPPORTED, kind="supported") if "1,200" in q.passage)
    assert correct_text(q) == "Germany deployed a battlegroup of about 1,200 soldiers to Lithuania in 2017."
    wrong = [c["text"] for c in q.choices if c["id"] != q.answer["correct"]]
    # Two or three: as many as the changed element has false alternatives (Latvia, Poland for Lithuania).
    assert 2 <= len(wrong) <= 3
    for text in wrong:
        # Each wrong option is the same statement with one element changed, and no sentence says it.
        assert text not in q.passage
        assert sum(a != b for a, b in zip(text.split(), correct_text(q).split(), strict=False)) >= 1
    assert q.quality_notes[0].startswith("paraphrase:")


def test_the_wrong_statements_all_change_the_same_element_so_no_majority_points_at_the_key(built):
    # (A, 2017), (A, 2015), (B, 2017), (C, 2017): taking each element's most shared value leaves the key.
    for q in built(*SUPPORTED, kind="supported"):
        changed = [change.split(" → ")[0] for change in q.meta["changes"]]
        if len(q.choices) == len(changed) + 1 and len(q.passage.split(". ")) == 1:
            assert len(set(changed)) == 1, (q.stem, q.meta["changes"])


def test_a_name_in_a_false_statement_is_swapped_only_for_a_name_of_the_same_sort():
    assert name_sort("Intelligence Reform and Terrorism Prevention Act") == "act"
    assert name_sort("Strategic Communications Centre of Excellence") == name_sort("Joint Warfare Center") == "centre"
    assert name_sort("National Intelligence Programme") == name_sort("Military Intelligence Program") == "program"
    assert name_sort("NATO") == name_sort("Baltic Way") == ""
    parts = (
        (
            "Director of National Intelligence",
            "The DNI is the principal advisor to the President, a position established by the Intelligence Reform and Terrorism Prevention Act of 2004. "
            "The National Intelligence Program funds most agencies. The Military Intelligence Program funds the services.",
        ),
    )
    for q in generate_text(*parts, key="dni").questions:
        if q.meta.get("understanding") == "supported":
            assert not [c["text"] for c in q.choices if "established by the" in c["text"] and "Program" in c["text"]], q.choices


def test_every_understanding_question_passes_the_gates_and_carries_its_provenance(built):
    readings = {
        "cause": CAUSAL_READING,
        "definition": DEFINITIONS,
        "matching": MATCHING,
        "supported": SUPPORTED,
        "rule": TREATY,
    }
    for kind, parts in readings.items():
        drafts = built(*parts, kind=kind)
        assert drafts, kind
        for q in drafts:
            assert not check_item(gate_item(q)), q.stem
            assert q.group and 0 < q.quality <= 1 and q.quality_notes
            assert q.passage and q.start < q.end and q.key and q.section.heading


def test_the_seed_papers_bank_keeps_understanding_questions_beyond_its_article_5_scenarios():
    bank = generate_file(SEEDS / "002_d5b0e1543fdd7663.txt").questions
    kinds = {q.meta.get("understanding") for q in bank}
    assert "scenario" in kinds and kinds & {"cause", "supported", "definition", "matching"}


# --- conditions and outcomes ------------------------------------------------------------------------

CONDITIONS = (
    (
        "Scenarios",
        "If European NATO members fail to compensate for reductions in U.S. military aid, Ukraine may struggle to maintain "
        "its defensive positions, leading to incremental Russian advances. "
        "If key NATO states - such as Germany, France, and Poland - commit to sending more advanced weaponry, including "
        "long-range missile systems, Ukraine could shift the battlefield in its favor. "
        "If internal political and economic pressures mount, the Kremlin may be forced to seek an exit strategy. "
        "If the Trump administration moves to ease sanctions, it could reduce the leverage needed to push Russia toward a withdrawal.",
    ),
    (
        "Outlook",
        "If European NATO members continue to increase their military and financial support, Ukraine could become a de facto "
        "member of NATO's security framework, even without formal accession.",
    ),
)


def test_conditions_and_their_outcomes_are_not_matched(built):
    """ "If European members fail to compensate …, Ukraine may struggle …": matched to their outcomes, the conditions
    were paired by common sense (more support, a good outcome; less, a bad one) and rejected by both reviewers in blind
    reviews 38 and 41, so a reading's conditions are not asked as a matching."""
    assert not [q for q in built(*CONDITIONS, kind="matching") if "condition" in q.stem]
