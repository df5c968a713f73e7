"""What a strategy must combine, listed after a colon in one sentence (``understanding.components``): asked as a
select-all whose keys are the listed lines and whose wrong options are other lines of a security strategy the pack
knows, none of them named in the reading (issue 13: "A long-term strategy … must integrate several critical elements:
…" in a paper gave no question, as the list runs on in its sentence instead of paragraphs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Securing the Baltic region"
BEFORE = "NATO Allies have reinforced their eastern flank since Russia's invasion of Ukraine. The Alliance holds exercises with Finland. "
LIST = (
    "A durable Allied strategy for the Baltic region must combine several core elements: military deterrence, "
    "economic stabilisation, institutional reforms, and sustained diplomatic engagement. "
)
AFTER = "Allies agreed to review the plan at their next summit in Brussels."
KEYS = {"Military deterrence", "Economic stabilisation", "Institutional reforms", "Sustained diplomatic engagement"}


def _pack_lines() -> set[str]:
    rules = json.loads((Path(settings.BASE_DIR) / "seeds/packs/security-studies/rules.json").read_text(encoding="utf-8"))
    return {e["term"][:1].upper() + e["term"][1:] for e in rules["strategy_elements"]["elements"]}


def _select_alls(text: str) -> list[tuple[Any, set[str], set[str]]]:
    """(question, key, wrong options) of every "which … ? Select all that apply." question of the components builder."""
    sections = [SectionText(0, TITLE, "body", "en", text, 0)]
    result = generate(reading_key="components", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)
    out = []
    for q in result.questions:
        if q.type == QuestionType.MULTIPLE_RESPONSE and q.meta.get("understanding") == "components":
            texts = {c["id"]: c["text"] for c in q.choices}
            key = {texts[i] for i in q.answer["correct"]}
            out.append((q, key, set(texts.values()) - key))
    return out


def test_the_lines_a_strategy_must_combine_are_asked_as_a_select_all_among_other_lines_of_a_strategy():
    [(question, key, wrong)] = _select_alls(BEFORE + LIST + AFTER)
    assert question.stem == (
        "According to the reading, which core elements must a durable Allied strategy for the Baltic region combine? Select all that apply."
    )
    # Every listed item is a key: the colon closes the list, so a line it leaves out is surely none of them.
    assert key == KEYS
    # The wrong options are the pack's other lines: none of the listed ones, none sharing a word with the sentence.
    assert 2 <= len(wrong) <= 3 and wrong <= _pack_lines()
    assert not any(w.lower() in LIST.lower() for w in wrong)
    assert all(not set(w.lower().split()) & {"military", "economic", "diplomatic", "institutional"} for w in wrong)


def test_a_present_verb_is_asked_with_does():
    text = BEFORE + LIST.replace("must combine several core elements", "rests on four pillars") + AFTER
    [(question, key, _)] = _select_alls(text)
    assert (
        question.stem
        == "According to the reading, which pillars does a durable Allied strategy for the Baltic region rest on? Select all that apply."
    )
    assert key == KEYS


def test_a_line_the_reading_names_elsewhere_is_no_wrong_option():
    # Where the reading names a line (or a word of it in the list's section), it may be part of the strategy there.
    named = {line for line in _pack_lines() if line not in KEYS and not set(line.lower().split()) & {"military", "economic", "diplomatic"}}
    mentions = " ".join(f"Some Allies also discussed {line.lower()} at the summit." for line in sorted(named)[:-2])
    [(_, _, wrong)] = _select_alls(BEFORE + LIST + mentions + " " + AFTER)
    assert wrong and not any(w.lower() in mentions.lower() for w in wrong)


def test_a_list_of_other_things_than_lines_of_a_strategy_is_not_asked():
    # Three regions, not lines of effort: which wrong options would be fair is not known.
    text = BEFORE + "A durable strategy must cover several regions: the north, the coast, and the islands. " + AFTER
    assert _select_alls(text) == []
    # Only one item a line of the pack: the list is not known to be of lines.
    text = BEFORE + "A durable strategy must combine several core elements: military deterrence, patience, and luck. " + AFTER
    assert _select_alls(text) == []


def test_a_sentence_that_leans_on_another_or_an_item_that_could_be_split_is_not_asked():
    assert _select_alls(BEFORE + LIST.replace("A durable Allied strategy for the Baltic region", "This strategy") + AFTER) == []
    split_two_ways = LIST.replace("institutional reforms", "military and institutional reforms")
    assert _select_alls(BEFORE + split_two_ways + AFTER) == []


# Why a need holds: "<reason>, making it imperative for <who> to <what>" (issue 13: the paper's reason for Ukraine's
# energy independence had no causal marker the cause questions read). Its wrong options are plausible reasons of the
# need's theme from the pack (reviewers turned down other sentences of the reading: they are no reasons at all).
FILLER = (
    "Finland joined NATO in April 2023 after decades of military non-alignment. "
    "Sweden's accession was delayed for months by objections in the Turkish parliament. "
    "Poland doubled the size of the Polish army reserve between 2022 and 2024. "
    "Germany created a special fund of 100 billion euros for the Bundeswehr in 2022. "
    "The Alliance held the largest exercise in decades along the Baltic coast in 2024. "
    "Allies met in Vilnius in July 2023 to agree on new regional defence plans. "
)
NEED = (
    "Moscow has repeatedly cut gas deliveries to neighbouring states in winter, making it essential for the Allies to help "
    "Moldova diversify its energy supplies by building new interconnectors. "
)
CLOSING = "Allies agreed to review the plan at their next summit in Brussels."


def _theme_reasons(theme: str) -> set[str]:
    rules = json.loads((Path(settings.BASE_DIR) / "seeds/packs/security-studies/rules.json").read_text(encoding="utf-8"))
    [found] = [t for t in rules["need_reasons"]["themes"] if t["theme"] == theme]
    return {r["text"] for r in found["reasons"]}


def _why_questions(text: str) -> list[tuple[Any, str, set[str]]]:
    sections = [SectionText(0, TITLE, "body", "en", text, 0)]
    result = generate(reading_key="needs", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)
    out = []
    for q in result.questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.meta.get("cause_marker") == "making it":
            texts = {c["id"]: c["text"] for c in q.choices}
            out.append((q, texts[q.answer["correct"]], set(texts.values()) - {texts[q.answer["correct"]]}))
    return out


def test_the_reason_a_result_clause_gives_for_a_need_is_asked_why_among_plausible_reasons_of_its_theme():
    [(question, key, wrong)] = _why_questions(FILLER + NEED + CLOSING)
    # The need's means ("by building …") is no part of why it is needed: the stem stops before it.
    assert question.stem == "Why, according to the reading, is it essential for the Allies to help Moldova diversify its energy supplies?"
    assert key == "Moscow has repeatedly cut gas deliveries to neighbouring states in winter"
    # Wrong reasons are reasons an energy need could have, not other sentences of the reading.
    assert len(wrong) == 3 and wrong <= _theme_reasons("dependence on Russian energy")
    assert not any(w.lower() in FILLER.lower() for w in wrong)
    # The pack lists a theme's reasons most plausible first, and the first three the reading says nothing of are
    # offered (blind review 29 turned down far-fetched ones drawn at random: "Nuclear power already meets most of
    # Europe's energy needs").
    assert wrong == {
        "The Energy Community treaty obliges its members to buy gas only from EU suppliers",
        "EU climate targets require candidate countries to stop importing fossil fuels",
        "The World Trade Organization bars its members from importing Russian fossil fuels",
    }


def test_a_reason_the_reading_speaks_of_is_no_wrong_option():
    # Where the reading speaks of a reason's matter anywhere, it may give that reason: only the three it never speaks
    # of are left.
    spoken = (
        "Brussels tied the climate package to the plan. The Energy Community met in Vienna. The IMF sent a mission. "
        "Pollution in the capital rose sharply. Russia's reserves were debated. Demand for gas fell last year. "
        "The North Atlantic Treaty was signed in 1949. "
    )
    [(_, _, wrong)] = _why_questions(FILLER + spoken + NEED + CLOSING)
    assert wrong == {
        "NATO membership requires every candidate country to be energy independent",
        "The World Trade Organization bars its members from importing Russian fossil fuels",
        "Nuclear power already meets most of Europe's energy needs",
    }


def test_a_cyber_need_gets_wrong_reasons_of_cyber_defence():
    need = "Russian hackers have repeatedly attacked government networks across Europe, making it vital for the Allies to strengthen Moldova's cyber defences. "
    [(_, key, wrong)] = _why_questions(FILLER + need + CLOSING)
    assert key == "Russian hackers have repeatedly attacked government networks across Europe"
    assert len(wrong) == 3 and wrong <= _theme_reasons("cyber defence")


def test_a_need_of_no_theme_the_pack_knows_is_not_asked():
    # Border guards: the pack knows no reasons such a need could have, and sentences of the reading are no reasons.
    assert _why_questions(FILLER + NEED.replace("diversify its energy supplies", "train its border guards") + CLOSING) == []
    # An energy need whose sentence names no Russian supplier: reasons about Russia would be beside the point.
    assert _why_questions(FILLER + NEED.replace("Moscow has", "Winter storms have") + CLOSING) == []


def test_a_reason_in_the_past_is_asked_with_was():
    need = "Russia cut gas deliveries to Ukraine in January 2009, making it vital for the European Union to build new gas interconnectors. "
    [(question, key, _)] = _why_questions(FILLER + need + CLOSING)
    assert question.stem == "Why, according to the reading, was it vital for the European Union to build new gas interconnectors?"
    assert key == "Russia cut gas deliveries to Ukraine in January 2009"


def test_a_result_that_is_no_need_or_a_need_of_someone_unnamed_is_not_asked():
    # "easier" is a result, not a need: what made it so is a cause question's business, not this one's.
    assert _why_questions(FILLER + NEED.replace("essential", "easier") + CLOSING) == []
    # "for them": the stem, shown without the sentence, could not say whose need it is.
    assert _why_questions(FILLER + NEED.replace("for the Allies to help Moldova", "for them to help Moldova") + CLOSING) == []
