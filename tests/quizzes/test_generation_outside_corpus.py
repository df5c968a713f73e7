# ruff: noqa: RUF001 - the readings and stems use typographic quotes and dashes
"""Generation over the outside corpus (``tests/corpus``): readings nobody tuned the generator for.

Each check is a detector of its own, written from what a reviewer rejects, not a call into the
generator's filters: a stem is read as a student reads it (the template outside the quotation
marks, the quoted sentence inside), options are classified with the pack data and the country
list directly, and a key is looked for in every other question of the same bank.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from quizzes.generation.pipeline import GenerationResult
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import BLANK, key_terms, normalise_text
from tests.quizzes.seed_readings import generate_file

CORPUS = Path(settings.BASE_DIR) / "tests" / "corpus"
PACKS = Path(settings.BASE_DIR) / "seeds" / "packs"
MIN_WORDS_FOR_YIELD = 1500
MIN_QUESTIONS = 15
MIN_TYPES = 4

FIRST_SECOND = re.compile(
    r"\b(?:(?<!Article )(?<!Articles )I(?![&.-])(?! and II\b)|me|my|mine|we|us|our|ours|you|your|yours|myself|ourselves|yourselves|let’s|let's|I’m|I'm|we’re|we're|we’ve|we've|you’re|you're)\b"
)
# Sentence-initial references a quotation cannot resolve on its own.
UNRESOLVED_START = re.compile(
    r"^\W*(?:It|Its|They|Their|Them|He|His|She|Her|This|These|Those|That|Such|Here|There|And|But|So)\b"
    r"(?!\s+(?:Treaty|Convention|Agreement|Declaration|Charter|Protocol|Strategy|article|paper|report)\b)"
)
# "Unlike X, it was ...": a pronoun subject after a fronted clause refers outside the sentence.
FRONTED_PRONOUN = re.compile(
    r"^\W*(?:Unlike|After|Before|Since|In|As|While|Although|Despite|When|If|Because)\b[^,]*,\s*(?:it|they|its|their)\b"
)
# ", that this is …" restates a clause of the same sentence ("clear that he supported X, that this is …").
# "met on this 26th day of April, 2023": a date written out in full points nowhere.
# "…; this includes …": a bare "this" opening the clause after a semicolon is the clause before it.
DEMONSTRATIVE = re.compile(
    r"(?<!, that )\b(?:this|these|those)\s+(?!Treaty|Convention|Agreement|Declaration|Charter|Protocol|Strategy|article|paper|study|report|reading)"
    r"(?!\d{1,2}(?:st|nd|rd|th)\s+day\s+of\b)(?<!; this )(?<!; these )(?!(?:includes?|included|is|are|was|were|means)\b)\w+"
)
# "two years ago" counts from a moment the stem does not give; a bare "years ago" ("which Moscow began violating
# years ago") counts from none a reader must find.
DEIXIS = re.compile(
    r"\b(?:here|today|yesterday|tomorrow|tonight|last (?:year|week|month|night)|(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several) \w+ ago"
    r"|(?!(?:years|decades|long|ages) ago)\w+ ago)\b",
    re.I,
)
# "tomorrow", "last night" in a quotation whose stem gives the reading's date ("said by Jake Sullivan in the reading, on
# 11 July 2023", "from the reading (published on 11 July 2023)"): the day is resolved (``facts.quoted_with_date``).
RELATIVE_DAY = re.compile(r"today|yesterday|tomorrow|tonight|last night|this (?:week|morning|afternoon|evening)", re.I)
DATED_TEMPLATE = re.compile(
    r"\b(?:in the reading, on|said on|published on) \d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}\b"
)
# The year may be the blank a question asks for ("on May 2nd, ____ — over a decade ago").
DATE_GLOSS = re.compile(r"(?:\b(?:1[89]|20)\d\d|____)\s*(?:,|[—–]|\()\s*(?:(?:over|more than|nearly|almost|just|some|about|roughly)\s+)?$")
PERSONAL = re.compile(r"\b(?:he|him|his|she|her)\b")
# Who a he/she can refer to: an office, a two-word name, a name opening the quotation before a verb ("Putin
# formally announced that he …"), or the blank the student fills with a name.
OFFICE_OR_NAME = re.compile(
    r"\b(?:President|Minister|Secretary|Chancellor|General|Advisor|Adviser|Ambassador|Director)\b|(?<=\w )[A-Z][a-z]{2,}"
    r"|^(?!(?:The|This|That|These|Those|They|There|Then|When|While|After|Before|Once|With|From|Since)\b)[A-Z][a-z]{2,}(?=\s+(?:[a-z]+ly\s+)?[a-z]+(?:ed|s)\b)|____"
)
MARKUP = re.compile(
    r"\*\*|__|^#|\s#{1,6}\s|Keywords?:|\[\d+\]|<[a-z/]|https?://|(?:^|“)[A-Z][A-Z. ]{2,}:|\((?:Applause|Laughter|inaudible|crosstalk)"
)
DEBRIS = re.compile(
    r"\b[A-Za-z]{1,8}-\s+[—–]|[—–]\s+[—–]|\b(?:uh|um|erm|you know)\b|\b(the|a|and|of|to) \1\b|\b(?:the|and|a|of) [—–] |[a-z]\.[A-Z][a-z]",
    re.I,
)


@cache
def manifest() -> list[dict[str, Any]]:
    return list(json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8")))


@cache
def result_for(name: str) -> GenerationResult:
    return generate_file(CORPUS / name)


@cache
def pack_terms() -> dict[str, dict[str, Any]]:
    """Every pack term and alias (normalised) -> the term's data, read from the pack files."""
    out: dict[str, dict[str, Any]] = {}
    for path in PACKS.glob("*/lexicon.json"):
        for term in json.loads(path.read_text(encoding="utf-8"))["terms"]:
            for name in (term["term"], *term.get("aliases", [])):
                out.setdefault(normalise_text(name), term)
    return out


@cache
def country_names() -> set[str]:
    import pycountry

    names = {
        normalise_text(n)
        for c in pycountry.countries
        for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""))
        if n
    }
    return names | {
        normalise_text(n)
        for n in (
            "Russia",
            "Iran",
            "Syria",
            "North Korea",
            "South Korea",
            "Turkey",
            "Türkiye",
            "Vietnam",
            "Taiwan",
            "Moldova",
            "Czech Republic",
            "United States",
            "United Kingdom",
            "Britain",
            "Venezuela",
            "Bolivia",
            "Tanzania",
            "Laos",
        )
    }


def eligible_words(result: GenerationResult) -> int:
    """Words of the English body text questions may come from (a bilingual treaty's Dutch half does not count)."""
    sections: list[SectionText] = result.facts.sections
    return sum(len(s.text.split()) for s in sections if s.kind in {"abstract", "body", "conclusion"} and s.language == "en")


def quoted(stem: str) -> tuple[str, str]:
    """(the template a student reads around the quotation, the quoted sentence)."""
    m = re.search(r"“(.*)”", stem, re.S)
    if not m:
        return stem, ""
    return stem[: m.start()] + stem[m.end() :], m.group(1)


def option_texts(q: Any) -> list[str]:
    if isinstance(q.choices, list):
        return [c["text"] for c in q.choices]
    if isinstance(q.choices, dict):
        return [c["text"] for side in ("left", "right") for c in q.choices.get(side, [])]
    return []


def option_class(text: str) -> str | None:
    """A distractor's class as the pack files and the country list say, or None when they do not know it."""
    norm = normalise_text(text)
    term = pack_terms().get(norm)
    if term is not None:
        if term["category"] == "person":
            office = normalise_text(term.get("office", "")).replace("defence", "defense")
            return "person:" + ("defense minister" if "defense" in office else office)
        return "country" if term["category"] in {"ally", "partner"} else term["category"]
    if norm in country_names():
        return "country"
    return None


READINGS = (
    [entry["file"] for entry in json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))]
    if (CORPUS / "manifest.json").exists()
    else []
)


def test_the_corpus_manifest_lists_readings():
    assert len(READINGS) >= 10


_THIS_EVENT = re.compile(r"this\s+(?:[a-z-]+\s+){0,2}?(war|invasion|conflict|crisis|occupation|uprising|revolution)\b")


def _the_one_event(name: str, text: str) -> bool:
    """ "this war …" and the reading ties "war" to one place only and never writes "a war" or "wars"."""
    m = _THIS_EVENT.match(text)
    if not m:
        return False
    reading = (CORPUS / name).read_text(encoding="utf-8")
    noun = m.group(1)
    places = set(re.findall(rf"\b{noun}\s+(?:on|in|against)\s+(?:the\s+)?([A-Z]\w+)", reading))
    more = re.search(
        rf"\b(?:a|an|another|other|one)\s+(?:(?!(?:of|and|or|in|on|to|for|with|the)\b)[\w-]+\s+){{0,2}}{noun}\b|\b{noun}s\b", reading
    )
    return len(places) == 1 and not more


@pytest.mark.parametrize("name", READINGS)
def test_no_stem_leans_on_context_it_does_not_carry(name):
    for q in result_for(name).questions:
        template, inside = quoted(q.stem)
        assert not FIRST_SECOND.search(template), (name, q.stem)
        attributed = bool(re.search(r"\bsaid\b|\bsays\b", template))
        if inside:
            assert attributed or not FIRST_SECOND.search(inside), f"first/second person outside an attributed quotation: {q.stem}"
            assert not UNRESOLVED_START.search(inside), f"opens with an unresolved reference: {q.stem}"
            assert not FRONTED_PRONOUN.search(inside), f"pronoun after a fronted clause: {q.stem}"
            dated = bool(DATED_TEMPLATE.search(template))
            if not template.startswith("Which article"):  # "this Article" is what such a question asks about
                for m in DEMONSTRATIVE.finditer(inside):
                    if dated and RELATIVE_DAY.fullmatch(m.group(0)):
                        continue
                    # "this war" where the reading names one war only ("war on Ukraine"): ``facts.resolve_the_one_named``.
                    assert _the_one_event(name, inside[m.start() :]), f"demonstrative: {q.stem}"
            # "on May 2nd, 2011 — over a decade ago": a time counted back that glosses the full date before it leaves
            # nothing to resolve (``standalone._DATE_GLOSS``); any other is deixis.
            assert not [
                m
                for m in DEIXIS.finditer(inside)
                if not DATE_GLOSS.search(inside[: m.start()]) and not (dated and RELATIVE_DAY.fullmatch(m.group(0)))
            ], f"deixis: {q.stem}"
            for m in PERSONAL.finditer(inside):
                assert OFFICE_OR_NAME.search(inside[: m.start()]), f"{m.group(0)!r} with nobody named before it: {q.stem}"
                if m.group(0) == "him":  # "X succeeded him": someone besides the subject must be named
                    assert len(OFFICE_OR_NAME.findall(inside[: m.start()])) >= 2, f"'him' with one person before it: {q.stem}"


@pytest.mark.parametrize("name", READINGS)
def test_no_markup_or_transcript_debris_reaches_a_question(name):
    for q in result_for(name).questions:
        for text in (q.stem.replace(BLANK, "…"), *option_texts(q)):
            assert not MARKUP.search(text), (name, text)
            assert not DEBRIS.search(text), (name, text)


@pytest.mark.parametrize("name", READINGS)
def test_no_key_is_printed_in_another_question_of_its_bank_unless_they_share_a_group(name):
    questions = result_for(name).questions
    texts = [" " + normalise_text(" ".join((q.stem, *option_texts(q)))) + " " for q in questions]
    raw = [" ".join((q.stem, *option_texts(q))) for q in questions]
    for i, q in enumerate(questions):
        assert q.group, f"every question has an exclusion group: {q.stem}"
        for key in key_terms(q.type, q.choices, q.answer):
            norm = normalise_text(key)
            if not norm:
                continue
            for j, other in enumerate(questions):
                if i == j or other.group == q.group:
                    continue
                if re.fullmatch(r"[\d.,]+", key):
                    # A number going on after a comma or point is another number: the key 2 is not printed in "2,461".
                    printed = re.search(r"(?<![\d.,])" + re.escape(key) + r"(?![\d]|[.,]\d)", raw[j])
                else:
                    printed = f" {norm} " in texts[j]
                assert not printed, f"{key!r} (key of {q.stem[:60]!r}) is printed in {other.stem[:80]!r}"


@pytest.mark.parametrize("name", READINGS)
def test_false_statements_are_grammatical_and_swap_like_for_like(name):
    reading = (CORPUS / name).read_text(encoding="utf-8")
    for q in result_for(name).questions:
        swapped = q.meta.get("tf_swapped")
        if q.type != QuestionType.TRUE_FALSE or not swapped:
            continue
        _, statement = quoted(q.stem)
        at = statement.find(swapped)
        assert at >= 0, q.stem
        before = statement[:at]
        article = re.search(r"\b(a|an)\s+$", before, re.I)
        if article:
            vowel = swapped[0].lower() in "aeiou"
            acronym = swapped.split()[0].isupper()
            assert acronym or (article.group(1).lower() == "an") == vowel, f"article does not fit: {statement}"
        original = q.meta.get("tf_original", "")
        kind_swapped, kind_original = option_class(swapped), option_class(original)
        if kind_swapped and kind_original:
            assert kind_swapped == kind_original, f"{original!r} ({kind_original}) swapped for {swapped!r} ({kind_swapped})"
        if kind_swapped and kind_swapped.startswith("person"):
            # A role written in front of a name must be one the reading gives that person.
            role = re.search(r"((?:[A-Z][\w’'-]+ ){1,4})$", before)
            if role and re.search(r"President|Minister|Secretary|Chancellor|General", role.group(1)):
                assert normalise_text(role.group(1) + swapped) in normalise_text(reading), f"role does not fit: {statement}"
        assert not re.search(r"\bthe " + re.escape(swapped) + r"\s+(?:will|has|have|is|are|was|said)\b", statement) or swapped.startswith(
            "The "
        ), statement


@pytest.mark.parametrize("name", READINGS)
def test_every_distractor_is_of_the_keys_class_and_domain(name):
    result = result_for(name)
    in_domain = bool(result.facts.packs)
    reading = (CORPUS / name).read_text(encoding="utf-8")
    text = normalise_text(reading)
    for q in result.questions:
        if (
            q.type not in {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE}
            or q.meta.get("scenario")
            or q.meta.get("understanding")
        ):
            continue
        correct = set(q.answer["correct"]) if isinstance(q.answer["correct"], list) else {q.answer["correct"]}
        keys = [c["text"] for c in q.choices if c["id"] in correct]
        classes = {option_class(k) for k in keys} - {None}
        for c in q.choices:
            if c["id"] in correct:
                continue
            if classes:
                known = option_class(c["text"])
                if known is None and any(k.startswith("person:") for k in classes):
                    # A person the pack does not know: the reading must give them the key's office.
                    office = next(k for k in classes if k.startswith("person:")).split(":")[1].split()[-1]
                    assert re.search(office + r"\W+(?:[A-Z][\w’'-]+ )?" + re.escape(c["text"].split()[-1]), reading, re.I), (
                        c["text"],
                        q.stem,
                    )
                    continue
                assert known in classes, f"{c['text']!r} is not a {classes} like {keys}: {q.stem}"
            if not in_domain and normalise_text(c["text"]) in pack_terms():
                assert f" {normalise_text(c['text'])} " in f" {text} ", f"{c['text']!r} comes from a pack this reading is not of"


# Precision first (issue 13): a speech or a transcript that is mostly rhetoric, turns of a press briefing and lists may
# keep fewer than 15 questions of 4 types after the blind reviewers' rules; such a reading is named here with the
# reason, and any other reading falling short is a regression. Every reading of 1,500 words or more now reaches it, so
# the set is empty and ``test_every_reading_of_1500_words_gets_15_questions_of_4_types`` holds for all of them.
BELOW_THE_YIELD_TARGET: set[str] = set()
# History of the readings that were in the set:
# biden-end-of-war-in-afghanistan-2021 left the set in issue 13 (afg13) at 15 / 7 / 4, came back at 14 / 6 / 4 when
# blind review 19 turned down "Which of these did President Biden say?" on a conditional premise ("If you take the
# number of $1 trillion …"), and left it again (speech13b) at 15 / 7 / 5: the operation's code name a transcript
# editor brackets ("Our Operation ____ ended up getting more than 5,500 Americans out.", key Allies Refuge) is asked.
# biden-vilnius-university-2023 left the set (sul22) at 15 / 7 / 5 (13 / 7 / 5 before, 11 / 6 / 5 before speech13b, when
# the pack came to know the G7 among its forums): the transcript's false start "it wa- — I was in constant contact"
# is cut whole at import (the restart swaps the subject pronoun), so "I was in constant contact with my fellow leaders
# of the ____ and the European Union and NATO" is asked, and the sentence offsets after it moved, which turned the
# United Nations Charter sentence's first format to a true/false (the North Atlantic Treaty swapped in).
# sullivan-arms-control-association-2023 left the set in issue 13 at 15 / 5 / 5, came back at 14 / 5 / 5 when the P5's
# members (general knowledge, blind reviews 19 and 21) were no longer asked, and left it again (sul22) at 16 / 6 / 5:
# the pack knows extended deterrence among the nuclear doctrines, so "… has been U.S. ____—which has reassured so many
# of our partners that they do not need to develop nuclear weapons of their own" is chosen among doctrines.
# whitehouse-press-briefing-vilnius-2023 is at 10 / 4 / 4 (6 / 3 / 3 before this session): "But yes, of course, we've
# been in contact with Senator Menendez …" drops its interjection (the Senate Foreign Relations Committee is asked),
# NATO's 32nd Ally is also chosen and swapped among near ranks (brief13), and with the reading's date known
# "Tomorrow will be the very first meeting of the ____." is quoted as said by Jake Sullivan "on 11 July 2023"
# (date13); Sweden blanked in three places of one sentence went (blind review 21). Most of the rest leans on more
# than a relative day ("So today and tomorrow, …", "thanking him", "these long-term commitments"). It is at 12 / 5 / 4
# (brief22): a stutter is quoted once ("President Biden has long been on the record supporting Türkiye's membership
# in the ____", key European Union), and a speaker's "They" stands for the one country the sentence before names
# last ("… to have Ukraine work towards it. They have something called an ____.", Annual National Programme, asked
# typed: its single choice went, "an" fits the key alone). What is left leans on more than one sentence: Stoltenberg's
# extension ("that leadership … his extension" after a sentence that does not stand alone), the Oslo Convention
# ("this particular weapon system", named several turns before), "those stockpiles" and "this counteroffensive"
# (the rounds are named in the same sentence, the offensive nowhere), "Then … here at the summit" (the Senate NATO
# Observer Group: the event is not named), and keys the review turns down (the ninth consecutive year, Stoltenberg).
# whitehouse-press-briefing-vilnius-2023 left the set (branch brief) at 15 / 7 / 4: the pack knows the Allies' commitments
# ("adopt a new ____" chosen among them: the Defence Investment Pledge) and the munitions the field argues over ("no
# need to continue giving ____", typed in and chosen among them: cluster munitions).


def _short_banks() -> dict[str, tuple[int, int]]:
    """Readings of 1,500 words or more (English body text) with fewer than 15 questions of 4 types."""
    long = [name for name in READINGS if eligible_words(result_for(name)) >= MIN_WORDS_FOR_YIELD]
    assert len(long) >= 4, long
    return {
        name: (len(result_for(name).questions), len({q.type for q in result_for(name).questions}))
        for name in long
        if len(result_for(name).questions) < MIN_QUESTIONS or len({q.type for q in result_for(name).questions}) < MIN_TYPES
    }


def test_no_reading_of_1500_words_falls_below_15_questions_of_4_types_beyond_the_known_shortfalls():
    short = _short_banks()
    assert set(short) == BELOW_THE_YIELD_TARGET, f"(questions, types) below {MIN_QUESTIONS} questions of {MIN_TYPES} types: {short}"


def test_every_reading_of_1500_words_gets_15_questions_of_4_types():
    assert not _short_banks()


@pytest.mark.parametrize("name", READINGS)
def test_every_question_carries_a_quality_score_with_reasons_and_ranks_best_first(name):
    questions = result_for(name).questions
    for q in questions:
        assert 0 < q.quality <= 1 and q.quality_notes, q.stem
    assert [q.quality for q in questions] == sorted((q.quality for q in questions), reverse=True)


def test_an_off_domain_text_gets_no_pack_distractors_and_no_pack_topics():
    from quizzes.generation.packs import load_packs
    from quizzes.generation.pipeline import generate
    from tests.quizzes.seed_readings import seed_lexicon

    text = (
        "Photosynthesis in Green Plants\n\n"
        "Photosynthesis converts light energy into chemical energy stored in glucose. "
        "The Dutch physician Jan Ingenhousz showed in 1779 that plants need light to restore air. "
        "The British chemist Joseph Priestley had shown in 1771 that a plant could restore air that a candle had burned. "
        "The Calvin cycle, described by Melvin Calvin at the University of California in 1950, fixes carbon dioxide. "
        "Chlorophyll absorbs red and blue light and reflects green light, which is why leaves look green. "
        "In 1961, Melvin Calvin received the Nobel Prize in Chemistry for this work on carbon fixation."
    )
    sections = [SectionText(0, "Photosynthesis in Green Plants", "body", "en", text, 0)]
    result = generate(reading_key="photosynthesis", cleaned_text=text, sections=sections, lexicon=seed_lexicon())
    assert not result.facts.packs
    pack_topics = {t.slug for p in load_packs() for t in p.topics}
    for q in result.questions:
        assert q.topic not in pack_topics, q.topic
        for option in option_texts(q):
            assert normalise_text(option) not in pack_terms() or f" {normalise_text(option)} " in f" {normalise_text(text)} ", option


def verbatim_true_statements(name: str) -> list[str]:
    return [q.stem for q in result_for(name).questions if q.type == QuestionType.TRUE_FALSE and q.answer.get("correct") is True]


@pytest.mark.parametrize("name", READINGS)
def test_true_false_is_asked_as_a_false_variant_not_as_the_sentence_word_for_word(name):
    """Blind review: a statement keyed True repeats the reading's sentence and is answered from its ring
    (17 of 80). Only a household name, which no swap makes surely false, keeps the True form."""
    kept = verbatim_true_statements(name)
    assert len(kept) <= 2, kept


def test_the_corpus_has_no_more_than_ten_verbatim_true_statements():
    assert sum(len(verbatim_true_statements(name)) for name in READINGS) <= 10


def test_a_capitalised_everyday_word_is_not_taken_for_a_weapons_system():
    """Blind review: "Capabilities like conventionally-armed hypersonic missiles …" gave a system "Capabilities"."""
    asked = [
        f"{q.stem} {q.options} {q.answer}"
        for q in result_for("sullivan-arms-control-association-2023.md").questions
        if "weapons system" in q.stem
    ]
    assert not any("Capabilities" in text for text in asked), asked


@pytest.mark.parametrize("name", READINGS)
def test_every_select_all_says_so(name):
    """Blind review 50: "Which of these does the reading list under the heading “Non-DOD Elements”?" did not say how many
    to pick; a student must know a multiple-response question may have several answers."""
    for q in result_for(name).questions:
        if q.type == QuestionType.MULTIPLE_RESPONSE:
            assert q.stem.endswith("Select all that apply."), q.stem


def test_names_listed_under_another_heading_are_offered_alike_in_form_to_the_keys():
    """Blind review 65 (both reviewers): "U.S. Naval Intelligence", "U.S. Space Force Intelligence" and the Marine Corps'
    enterprise offered as "Non-DOD Elements" are plainly military; the wrong options are the Defense Department's
    agencies named like the keys (National Security Agency beside Central Intelligence Agency)."""
    asked = [q for q in result_for("crs-defense-primer-national-and-defense-intelligence.md").questions if "“Non-DOD Elements”" in q.stem]
    assert asked
    wrong = [c["text"] for c in asked[0].choices if c["id"] not in asked[0].answer["correct"]]
    assert len(wrong) >= 2
    assert not any(re.search(r"Naval|Navy|Army|Marine|Air Force|Space Force", text) for text in wrong), wrong


@pytest.mark.parametrize("name", READINGS)
def test_a_scenario_and_a_question_quoting_its_rule_share_a_group(name):
    """Blind review 66: "manufactured and exploded a nuclear weapon … prior to January 1, ____" (the year asked) answers
    "a State manufactured its first nuclear weapons in 1965 but has never exploded one"; a quiz takes one of them."""
    questions = result_for(name).questions
    for scenario in (q for q in questions if q.meta.get("scenario") and " … " not in q.passage):
        for q in questions:
            if not q.meta.get("scenario") and " … " not in q.passage and q.start < scenario.end and scenario.start < q.end:
                assert q.group == scenario.group, (scenario.stem, q.stem)


def test_the_treatys_definition_and_its_scenarios_are_one_group():
    questions = result_for("non-proliferation-treaty-1968.md").questions
    groups = {q.group for q in questions if "manufactured" in q.stem and ("1965" in q.stem or "____" in q.stem)}
    assert len(groups) == 1, groups


@pytest.mark.parametrize("name", READINGS)
def test_no_speaker_is_asked_what_they_said_in_a_conditional_premise(name):
    """Blind review 19 (two reviewers): "If you take the number of $1 trillion, as many say, that's still $150 million a
    day …" among copies with the sums changed: a premise the speaker tries out, not a claim worth recalling."""
    for q in result_for(name).questions:
        if q.meta.get("speaker") and q.type == QuestionType.SINGLE_CHOICE:
            assert not any(re.match(r"(?:If|Even if|Unless)\b", c["text"]) for c in q.choices), q.stem


@pytest.mark.parametrize("name", READINGS)
def test_no_blank_or_swap_on_a_name_the_sentence_says_any_of(name):
    """ "… the Senate Foreign Relations Committee, through which any transfer of F-16s would go" (the press briefing): the
    committee reviews a transfer of any aircraft, so "Gripen" or "F-35" in the gap is as true as the key; neither a
    blank nor a true/false swap is asked there."""
    for q in result_for(name).questions:
        quoted = str(q.meta.get("quoted", ""))
        swapped = str(q.meta.get("tf_swapped", ""))
        shown = quoted.replace(swapped, BLANK, 1) if swapped else quoted
        assert not re.search(r"\bany\s+(?:[a-z-]+\s+){0,3}" + re.escape(BLANK), shown), q.stem


@pytest.mark.parametrize("name", READINGS)
def test_no_choice_blanks_a_name_in_three_places(name):
    """The press briefing's "… the efforts by ____, Türkiye, and NATO to reach an understanding that would allow ____'s
    accession in the Turkish Parliament … ____'s membership in NATO …": the name blanked three times is what the
    sentence is about, given away by its neighbours, and three gaps read clumsily (blind reviews 19 and 21)."""
    for q in result_for(name).questions:
        assert not (q.type == QuestionType.SINGLE_CHOICE and str(q.meta.get("quoted", "")).count(BLANK) >= 3), q.stem


@pytest.mark.parametrize("name", READINGS)
def test_no_choice_blanks_a_name_after_an_article_some_option_does_not_take(name):
    """The press briefing's "They have something called an ____.": "an Membership Action Plan" is wrong English, and
    the one option "an" fits (Annual National Programme) is the key; the typed cloze is asked instead."""
    from quizzes.generation.review import _takes_an

    for q in result_for(name).questions:
        article = re.search(r"\b(an?)\s+" + re.escape(BLANK), str(q.meta.get("quoted", "")), re.I)
        if q.type == QuestionType.SINGLE_CHOICE and article:
            wants_an = article.group(1).lower() == "an"
            assert all(_takes_an(c["text"]) in {None, wants_an} for c in q.choices), q.stem
