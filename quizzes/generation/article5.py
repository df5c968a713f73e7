"""Article 5 scenarios: a small rule model built from the treaty rules a reading states.

1. Find the rule sentences: collective defence (Article 5 obliges all members to defend an
   Ally under attack), the admission bar (a country engaged in an active conflict cannot be
   admitted, because that would trigger Article 5 at once), and the bilateral rule
   (bilateral guarantees do not give Article 5 protection).
2. Describe each scenario by the attacked country's status (Ally, partner, applicant at war,
   holder of bilateral guarantees) or by an applicant's situation (at war or not).
3. ``evaluate`` computes the verdict - engaged or not, admissible or not - and the rule that
   decides it. Every question's key comes from ``evaluate``; nothing is typed per question,
   and each question cites the sentence of the rule that decided it.

A reading that states none of these rules yields no scenario questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from quizzes.generation.text import Sentence, digest, normalise_text
from quizzes.models import QuestionType

if TYPE_CHECKING:
    from quizzes.generation.builders import Context, QuestionDraft


class Status(StrEnum):
    ALLY = "ally"
    PARTNER = "partner"
    APPLICANT_AT_WAR = "applicant_at_war"
    BILATERAL = "bilateral"


class RuleCode(StrEnum):
    COLLECTIVE_DEFENCE = "collective_defence"
    NO_ADMISSION_AT_WAR = "no_admission_at_war"
    BILATERAL_NOT_ARTICLE5 = "bilateral_not_article5"


RULE_PATTERNS: dict[RuleCode, re.Pattern[str]] = {
    RuleCode.COLLECTIVE_DEFENCE: re.compile(
        r"Article 5[^.]{0,160}?(?:obligat|commit|requir|bind)\w*[^.]{0,80}?defen[cd]|attack on (?:one|an) (?:ally|member)[^.]{0,60}attack on all",
        re.IGNORECASE,
    ),
    RuleCode.NO_ADMISSION_AT_WAR: re.compile(
        r"(?:engaged in|in|fighting) an? (?:active |ongoing )?(?:military )?(?:conflict|war)[^.]{0,40}?(?:cannot|can ?not|could not|may not) be admitted"
        r"|(?:cannot|can ?not) (?:be admitted|join)[^.]{0,80}?(?:at war|active (?:military )?conflict)",
        re.IGNORECASE,
    ),
    RuleCode.BILATERAL_NOT_ARTICLE5: re.compile(
        r"(?:agreements?|guarantees?|arrangements?)[^.]{0,80}?(?:do not|does not|don't|cannot|can not|would not) (?:provide|offer|give|amount to)[^.]{0,80}?Article 5",
        re.IGNORECASE,
    ),
}
# What each rule, as stated, means: the reasons offered as options. Other rules' reasons
# and the misconceptions below make the wrong options.
RULE_REASONS: dict[RuleCode, str] = {
    RuleCode.COLLECTIVE_DEFENCE: "Article 5 obliges all member states to defend an Ally under attack, and only members are Allies",
    RuleCode.NO_ADMISSION_AT_WAR: "Admitting a country at war would immediately trigger Article 5 and mean direct war between NATO and the aggressor",
    RuleCode.BILATERAL_NOT_ARTICLE5: "Bilateral agreements bind only the states that sign them; they are not NATO's Article 5 guarantee",
}
MISCONCEPTIONS = (
    "Russia holds a veto over NATO's decisions on new members",
    "Article 5 applies only to attacks on North American territory",
    "A country must first be a member of the European Union",
    "Article 5 only covers attacks with nuclear weapons",
)
OUTCOMES = {
    True: "Article 5 is engaged: every member state is bound to help defend the attacked Ally",
    False: "Article 5 is not engaged: any help is a choice of individual states, not a treaty obligation",
}


@dataclass(frozen=True)
class Rule:
    code: RuleCode
    sentences: tuple[Sentence, ...]
    evidence: str  # the words of the rule sentence that state it


@dataclass(frozen=True)
class Verdict:
    value: bool
    rule: Rule


class RuleModel:
    def __init__(self, rules: dict[RuleCode, Rule]):
        self.rules = rules

    def has(self, *codes: RuleCode) -> bool:
        return all(c in self.rules for c in codes)

    def engaged(self, status: Status) -> Verdict:
        """Would an armed attack on a country of this status engage Article 5?"""
        if status is Status.ALLY:
            return Verdict(True, self.rules[RuleCode.COLLECTIVE_DEFENCE])
        if status is Status.BILATERAL and RuleCode.BILATERAL_NOT_ARTICLE5 in self.rules:
            return Verdict(False, self.rules[RuleCode.BILATERAL_NOT_ARTICLE5])
        # Partners and applicants are not members, and the obligation is owed to Allies only.
        return Verdict(False, self.rules[RuleCode.COLLECTIVE_DEFENCE])

    def admission_barred(self, *, at_war: bool) -> Verdict:
        return Verdict(at_war, self.rules[RuleCode.NO_ADMISSION_AT_WAR])


def rule_model(sentences: list[Sentence]) -> RuleModel:
    rules: dict[RuleCode, Rule] = {}
    for i, sentence in enumerate(sentences):
        for code, pattern in RULE_PATTERNS.items():
            match = pattern.search(sentence.text)
            if match and code not in rules:
                cited: tuple[Sentence, ...] = (sentence,)
                # "these agreements do not provide ..." needs the sentence that says which agreements.
                if code is RuleCode.BILATERAL_NOT_ARTICLE5 and "bilateral" not in sentence.text.lower() and i > 0:
                    previous = sentences[i - 1]
                    if "bilateral" in previous.text.lower() and previous.section.order == sentence.section.order:
                        cited = (previous, sentence)
                rules[code] = Rule(code, cited, "Article 5" if "Article 5" in match.group(0) else match.group(0))
    return RuleModel(rules)


@dataclass(frozen=True)
class Scenario:
    slug: str
    text: str
    status: Status


def _allies_named(ctx: Context) -> list[str]:
    names = [
        t.term
        for t in ctx.lexicon.by_category("ally")
        if any(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", ctx.cleaned_text) for n in t.names)
    ]
    names = names or [t.term for t in ctx.lexicon.by_category("ally")] or ["Estonia", "Poland", "Norway"]
    return sorted(names, key=lambda n: digest(ctx.reading_key, "ally", n))


def _partners(ctx: Context) -> list[str]:
    names = [t.term for t in ctx.lexicon.by_category("partner") if t.term != "Ukraine"] or ["Moldova", "Georgia"]
    return sorted(names, key=lambda n: digest(ctx.reading_key, "partner", n))


def build_article5_questions(ctx: Context) -> list[QuestionDraft]:
    from quizzes.generation.builders import QuestionDraft, choice_list, difficulty

    model = rule_model(ctx.facts.sentences)
    if not model.has(RuleCode.COLLECTIVE_DEFENCE):
        return []
    allies = _allies_named(ctx)
    partners = _partners(ctx)
    applicant = "Ukraine" if "Ukraine" in ctx.cleaned_text else "An applicant country"
    out: list[QuestionDraft] = []

    def draft(slug: str, qtype: str, stem: str, verdict_rules: list[Rule], topic: str = "article-5") -> QuestionDraft:
        sentences = sorted({s.start: s for r in verdict_rules for s in r.sentences}.values(), key=lambda s: s.start)
        passage = " … ".join(s.text for s in sentences)
        key = digest(ctx.reading_key, "article5", slug, length=32)
        rule_facts = [f.key for s in sentences for f in ctx.by_sentence.get(s.start, []) if f.kind == "treaty_rule"]
        return QuestionDraft(
            type=qtype,
            stem=stem,
            choices=[],
            answer={},
            explanation="",
            topic=topic,
            difficulty=difficulty(ctx, qtype, passage=passage),
            section=sentences[0].section,
            passage=passage,
            start=sentences[0].start,
            end=sentences[-1].end,
            key=key,
            title=f"Article 5 scenario: {slug}",
            fact_key=rule_facts[0] if rule_facts else None,
            meta={
                "scenario": True,
                "rules": sorted({r.code.value for r in verdict_rules}),
                "rule_evidence": sorted({r.evidence for r in verdict_rules}),
            },
        )

    def cite(rule: Rule) -> str:
        from quizzes.generation.builders import quote

        return " ".join(f"“{quote(s)}”" for s in rule.sentences)

    # 1. True/false: does an attack engage Article 5? One per status, phrased differently.
    engaged_cases = [
        Scenario("ally-invasion", f"Russian troops cross the border of {allies[0]}, a NATO member, and occupy a town.", Status.ALLY),
        Scenario(
            "ally-missile",
            f"A missile strike ordered by a hostile state destroys an air base on the territory of {allies[1 % len(allies)]}, one of NATO's Allies.",
            Status.ALLY,
        ),
        Scenario(
            "partner",
            f"{partners[0]}, a NATO partner country that is not a member of the Alliance, is invaded by a neighbour.",
            Status.PARTNER,
        ),
        Scenario(
            "applicant",
            f"{applicant}, which wants to join NATO but is not yet a member, comes under a new large-scale offensive while still at war.",
            Status.APPLICANT_AT_WAR,
        ),
    ]
    if model.has(RuleCode.BILATERAL_NOT_ARTICLE5):
        engaged_cases.append(
            Scenario(
                "bilateral",
                f"A non-member holds bilateral defence agreements with {allies[2 % len(allies)]} and {allies[3 % len(allies)]} and is then attacked.",
                Status.BILATERAL,
            )
        )
    for case in engaged_cases:
        verdict = model.engaged(case.status)
        q = draft(
            f"engaged-{case.slug}",
            QuestionType.TRUE_FALSE,
            f"Scenario: {case.text} True or false? Under Article 5 as the reading states it, this attack obliges every NATO member to come to the victim's defence.",
            [verdict.rule],
        )
        q.answer = {"correct": verdict.value}
        q.explanation = f"{'True' if verdict.value else 'False'}: {RULE_REASONS[verdict.rule.code]}. The reading: {cite(verdict.rule)}"
        out.append(q)

    # 2. Single choice: what follows from an attack (outcome chosen by the model).
    for case in engaged_cases[:1] + engaged_cases[2:3]:
        verdict = model.engaged(case.status)
        q = draft(
            f"outcome-{case.slug}",
            QuestionType.SINGLE_CHOICE,
            f"Consider this case: {case.text} Following the rule on collective defence quoted in the reading, what follows?",
            [verdict.rule],
        )
        q.choices = choice_list(
            q.key, [OUTCOMES[True], OUTCOMES[False], "NATO must first hold a vote of all members before anyone may respond"]
        )
        q.answer = {"correct": next(c["id"] for c in q.choices if c["text"] == OUTCOMES[verdict.value])}
        q.explanation = f"{OUTCOMES[verdict.value]}. The reading: {cite(verdict.rule)}"
        out.append(q)

    # 3. Multiple response: which attacks engage Article 5?
    cases = engaged_cases[:4]
    texts = {c.slug: c.text.rstrip(".") for c in cases}
    q = draft(
        "which-engage",
        QuestionType.MULTIPLE_RESPONSE,
        "Which of these attacks would engage NATO's collective defence under Article 5, as the reading explains it? Select all that apply.",
        [model.engaged(c.status).rule for c in cases],
    )
    q.choices = choice_list(q.key, list(texts.values()))
    engaged_texts = [texts[c.slug] for c in cases if model.engaged(c.status).value]
    q.answer = {"correct": sorted(c["id"] for c in q.choices if c["text"] in engaged_texts)}
    q.explanation = f"Only attacks on Allies engage Article 5. The reading: {cite(model.rules[RuleCode.COLLECTIVE_DEFENCE])}"
    out.append(q)

    # 4. Matching: status -> outcome.
    labels = {
        Status.ALLY: "an attack on a member state",
        Status.PARTNER: "an attack on a partner that is not a member",
        Status.APPLICANT_AT_WAR: "an attack on an applicant that is still at war",
    }
    if model.has(RuleCode.BILATERAL_NOT_ARTICLE5):
        labels[Status.BILATERAL] = "an attack on a non-member holding bilateral guarantees"
    outcome_short = {True: "Article 5 engaged", False: "no Article 5 obligation"}
    q = draft(
        "match-status",
        QuestionType.MATCHING,
        "Match each situation to what Article 5, as the reading presents it, means for NATO's members.",
        [model.engaged(s).rule for s in labels],
    )
    left = choice_list(q.key + "L", [labels[s][:1].upper() + labels[s][1:] for s in labels])
    right = choice_list(q.key + "R", list(outcome_short.values()))
    lid, rid = {c["text"]: c["id"] for c in left}, {c["text"]: c["id"] for c in right}
    q.choices = {"left": left, "right": right}
    q.answer = {"pairs": {lid[labels[s][:1].upper() + labels[s][1:]]: rid[outcome_short[model.engaged(s).value]] for s in labels}}
    q.explanation = f"Only members are covered. The reading: {cite(model.rules[RuleCode.COLLECTIVE_DEFENCE])}"
    out.append(q)

    # 5. Admission: barred while at war, not barred by this rule once the war is over.
    if model.has(RuleCode.NO_ADMISSION_AT_WAR):
        for slug, at_war, text in (
            ("admit-at-war", True, f"{applicant} applies for NATO membership while its territory is still being fought over."),
            ("admit-after-ceasefire", False, "A country's war has ended in a lasting ceasefire and it now asks to join NATO."),
        ):
            verdict = model.admission_barred(at_war=at_war)
            q = draft(
                slug,
                QuestionType.TRUE_FALSE,
                f"Scenario: {text} True or false? The principle the reading cites rules out admitting this country now.",
                [verdict.rule],
                topic="membership",
            )
            q.answer = {"correct": verdict.value}
            q.explanation = f"{'True' if verdict.value else 'False'}: the bar applies to a country engaged in an active conflict. The reading: {cite(verdict.rule)}"
            out.append(q)
        rule = model.rules[RuleCode.NO_ADMISSION_AT_WAR]
        q = draft(
            "why-no-admission",
            QuestionType.SINGLE_CHOICE,
            "According to the reading, why can NATO not admit a country that is engaged in an active war?",
            [rule],
            topic="membership",
        )
        wrong = [RULE_REASONS[c] for c in RuleCode if c is not rule.code][:1] + list(MISCONCEPTIONS[:2])
        q.choices = choice_list(q.key, [RULE_REASONS[rule.code], *wrong])
        q.answer = {"correct": next(c["id"] for c in q.choices if c["text"] == RULE_REASONS[rule.code])}
        q.explanation = f"{RULE_REASONS[rule.code]}. The reading: {cite(rule)}"
        out.append(q)

    # 6. Bilateral guarantees are not Article 5.
    if model.has(RuleCode.BILATERAL_NOT_ARTICLE5):
        rule = model.rules[RuleCode.BILATERAL_NOT_ARTICLE5]
        q = draft(
            "why-bilateral",
            QuestionType.SINGLE_CHOICE,
            "A country signs long-term bilateral defence agreements with several NATO members. Why, according to the reading, does this still not give it the protection of Article 5?",
            [rule],
        )
        wrong = [RULE_REASONS[RuleCode.NO_ADMISSION_AT_WAR], *MISCONCEPTIONS[2:4]]
        q.choices = choice_list(q.key, [RULE_REASONS[rule.code], *wrong])
        q.answer = {"correct": next(c["id"] for c in q.choices if c["text"] == RULE_REASONS[rule.code])}
        q.explanation = f"{RULE_REASONS[rule.code]}. The reading: {cite(rule)}"
        out.append(q)
    for q in out:
        # Keys are computed above; the evidence words must be in the cited passage.
        q.meta["rule_evidence"] = [e for e in q.meta["rule_evidence"] if normalise_text(e) in normalise_text(q.passage)]
    return out
