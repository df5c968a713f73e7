"""Question-bank generation on the seed readings (real import) and on an unseen reading."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from courseware.models import Reading, Section
from quizzes.generation import bank_generate_for_reading
from quizzes.generation.export import question_export_dict
from quizzes.generation.service import lexicon_load_seed
from quizzes.models import Fact, GenerationJob, LexiconTerm, Question, QuestionType
from quizzes.questiontypes import BLANK, is_manually_marked, is_scored, key_terms, normalise_text, validate_definition
from quizzes.selectors.generation import generation_job_latest
from tests.quizzes.seed_readings import UNSEEN, generate_file, import_seed_readings

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds():
    """The seed readings freshly imported, no question generated yet. The tests using it come first
    in this file, before the shared generated bank below exists in their process."""
    assert not Reading.objects.exists(), "a fresh-seeds test must come before the tests of the shared seed bank"
    lexicon_load_seed()
    return import_seed_readings()


@pytest.fixture(scope="module")
def _generated_seeds(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Import and generation of the seed readings once for the tests that only read their bank (or
    change it inside their own transaction): an outer transaction rolled back after the module's
    last test, each test running in a savepoint inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        lexicon_load_seed()
        readings = import_seed_readings()
        for reading in readings:
            bank_generate_for_reading(reading=reading)
        yield [reading.pk for reading in readings]
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_generated_seeds):  # type: ignore[no-untyped-def]
    """The seed readings with their generated bank (fresh instances for each test)."""
    by_pk = Reading.objects.in_bulk(_generated_seeds)
    return [by_pk[pk] for pk in _generated_seeds]


@pytest.fixture
def seed_bank(seeded):  # type: ignore[no-untyped-def]
    return Question.objects.filter(origin=Question.Origin.GENERATED, is_current=True).select_related("source_section")


# Precision before yield (issue 13): sentences that do not stand alone, trivial keys and keys given
# away by other questions are no longer asked, so the seeds give fewer questions than the 150 of v1;
# the rules from this session's blind reviews (country swaps, one-word and everyday-word options, the
# reading's three most-named countries, common abbreviations, years and figures the pack lists as known
# to every student: the paper's 2014 and 2022) took them from 100 to 75; blind review 7's (abbreviations
# spelled out once, the 2025 the paper repeats in 23 sentences) to 69. The issue asks 120: not met.
# From 76 (18 + 4 + 54; the paper's groups: 22, still 22): drafts of different sentences blanked at the same place
# no longer share a key (the second was lost as a repeat: the HIMARS, the Black Sea Grain Initiative), a
# sentence's second amount is asked, and a body's name of three words and more is no generic label (the Black
# Sea Fleet); a city swapped out of the country a demonym names ("Ukrainian troops … Moscow") and a choice whose
# key alone echoes the sentence (the Black Sea Grain Initiative after "Ukrainian grain") went: 83 (18 + 4 + 61).
# A sentence leaning on the one before is asked with it when the reference names a word of the same family
# ("assistance … this aid": the paper's $280 billion; "convened … The meeting": 000's co-hosts) or "Another
# possibility" follows a "would" (the paper's war of attrition): 88 (20 + 4 + 64; groups 6 + 3 + 23, from 7 + 3 + 22);
# merged with the speech rules (a single choice whose key alone echoes a place of its sentence is set aside): 87.
# What things enabled (the paper's Javelins and Stingers) and a pair's amount in three formats: 91 (20 + 4 + 67); the
# alternatives laid out one by one, more wrong causes and the EU institutions (95) went after blind review 16 turned them down.
# The wrong statements of "which statement does the reading support?" change one element only (mixed, the key was each
# element's most shared value): the paper's 2014 cyberattacks statement gives way to its centres of excellence, whose
# options print the cyber centre's key, and that group's two weakest go: 89 (20 + 4 + 65).
# A fronted concessive clause dropped from a statement ("While Ukraine is not yet a NATO member, …": 000's "which
# statement about Kyiv") and the deeds of sentences that cannot be asked offered first as what other things enabled
# (the paper's NATO intelligence asked, its Stingers now a wrong option): 90 (20 + 4 + 66); 000's statement about Kyiv
# is not asked with the one-element rule (its two false copies change different elements). Blind review 19 turned
# down what NATO's intelligence enabled among what weapons enabled (bad options; no longer offered across that line)
# and a "why" whose long key alone fitted the stem (paper13's wider pool of wrong reasons, reverted): 89 (20 + 4 + 65).
# The paper's scenarios' conditions matched with their outcomes, why it is imperative to cut Ukraine's dependence on
# Russian fossil fuels ("…, making it imperative …"), why Trump questions enlargement ("…, contending that …"), and the
# Patriot and IRIS-T asked with the sentence "To counter this, …" leans on (its countries' select-all lost to the
# group cap): 93 (20 + 4 + 69). Why the Russian military was forced to adjust its tactics ("…, forcing …"), its wrong
# reasons never a clause printing another question's statement (which would tie two groups under one cap): 94 (20 + 4 + 70).
# Blind review 21 turned down all three new "why" questions (wrong reasons unrelated sentences, the key alone on topic:
# those three patterns are gone) and the IRIS-T chosen after "Germany's ____" beside Gepard, German too: 90 (20 + 4 + 66).
# A law named after the place it concerns is blanked as a law ("through the ____ to support Ukraine's budget": the
# Ukraine Supplemental Appropriations Act), no longer set aside as a place's blank; its sentence's EU cloze moves to
# another sentence that asked the EU (one cloze a sentence): 91 (20 + 4 + 67).
# The security-studies pack knows formats of talks (Ramstein, Normandy, Weimar, Bucharest Nine): the news seed's
# "convened … under the ____" is typed in and chosen among them: 93 (22 + 4 + 67).
# The pack knows two more training and reassurance operations (Orbital, Atlantic Resolve): the paper's Operation
# UNIFIER is also chosen among operations, in its sentence's group: 94 (22 + 4 + 68).
# No blank right after "NATO Secretary General" (as the short answer naming its holder already was not): 000's Mark
# Rutte cloze goes, 001's Stoltenberg is asked where the sentence does not give his office: 93 (21 + 4 + 68).
# Blind review 23 turned down the Act's cloze (the exact title of an appropriations act: minor detail) and the EU cloze
# it displaced the old one with ("NATO allies, especially the ____": the EU is no ally); the law rule is reverted and
# the paper asks "The ____ launched a €9 billion package" again: 92 (21 + 4 + 67).
# The pack knows that Russia holds no veto over NATO's decisions (rules.json, no_outside_veto): the news brief's "He
# stressed that Moscow does not hold any veto power over NATO's decisions" is applied to a case, an applicant at peace
# that every Ally invites while Russia objects (a single choice and a true/false, one new group): 94 (21 + 6 + 67).
# Weapons are matched with their descriptions only one system of a class each (the paper's matching of three air-defence
# systems, never kept, no longer takes the Javelin group's place): the Javelin pair's two formats, 94 (21 + 4 + 69).
# An agreement the pack knows, named after a place the sentence does not name, is typed in: the paper's "similar to the
# post-2014 ____" (the Minsk agreements), in the war-of-attrition pair's group: 95 (21 + 4 + 70).
# A partnership proposed on the model of a bilateral alliance the pack knows is asked which country's alliance
# (the paper's "modeled after the U.S.-South Korea defense relationship", a new group): 96 (21 + 4 + 71).
# A select-all of the countries in one blank joins another question's group only when that stem prints all of them
# ("Germany's IRIS-T" no longer ties "Countries like ____ have expressed concerns" to the Patriot sentence; the quiz
# draw still keeps them apart): the concerns and the healthcare select-alls are asked, and the Patriot sentence keeps
# its cloze, IRIS-T cloze and Hawk swap: 101 (21 + 4 + 76).
# The veto case (news brief) and the paper's new questions together: 103 (21 + 6 + 76).
# Blind review 25 turned down or edited all three select-alls of countries given as examples ("Countries like ____ have
# led in reconstructing healthcare …": which ones the author named, beside neighbours not surely wrong) and the Hawk
# swapped into "systems like the ____ missile defense system" (true of the world): no swap and no select-all of a name
# after "like" or "such as"; the paper loses four select-alls and the Hawk swap, and the IRIS-T cloze with it: 97 (21 + 6 + 70).
# A concept a sentence describes without naming it is asked among the pack's concepts of alliance politics (burden sharing,
# interoperability: two new groups of two); the war-of-attrition pair's "Which term" choice runs out of concepts: 100 (21 + 6 + 73).
# Concepts get a kind (alliance politics, arms control, ways of war) and options of the key's kind only; the paper's
# "makes future Russian aggression increasingly costly" (deterrence) and "believing it can outlast Ukraine … prolong the
# war" (war of attrition, in the attrition cloze's group): 102 (21 + 6 + 75).
# Two membership rules the seeds state, applied to cases they do not tell (one new group each): NATO invites by
# consensus (the paper: one Ally objecting holds an invitation up) and the country and the Allies decide together
# (Vilnius brief: a country that has not asked does not join), a single choice and a true/false each: 101 (21 + 8 + 72).
# The concepts' kinds and the membership rules together: 106 (21 + 8 + 77).
# Blind review 25 edited the "align … defense policies, and strategic objectives with NATO standards" concept question
# (it reads as preparing to join as much) and that wording is no cue of interoperability any more: 105 (21 + 8 + 76).
# Blind review 26 turned down or edited what a named programme or body provided (the Strategic Communications Centre's
# name gives "counteract propaganda" away) and statements whose wrong options are mechanical reversals and negations, so
# those two branches did not land. What did: the views the paper attributes to named actors (NATO's, President Trump's,
# and a matching of three actors to their views; one new group): 108 (21 + 8 + 79); interdiction described without
# being named (the HIMARS sentence, in its group): 109; who co-hosted a meeting, asked as a select-all (000's UDCG
# meeting, in its people group) and a role naming its country answered among that country's office holders only (Ben
# Wallace and Lloyd Austin are no longer offered for the Ukrainian Defense Minister; the UK Defense Secretary becomes a
# short answer, and Hegseth's and Pistorius's "which person completes" go, their options being Trump and Biden or
# none); a term the sentence names and explains chosen among its kind ("Russia's ____ tactics - encompassing
# cyberattacks, disinformation campaigns, and political interference", hybrid warfare): 110 (21 + 8 + 81); which
# country's air defence system IRIS-T is ("Germany's IRIS-T air defense system" in a sentence about giving; a single
# choice and a short answer): 112 (21 + 8 + 83). The scenarios a section lays out one by one matched with what the
# reading says each would bring ("A U.S.-brokered ceasefire → Would leave Ukraine in a weakened position …") and asked
# which of them would validate Russia's territorial seizures (blind review 26: both accepted by both reviewers); their
# group takes in the war-of-attrition concept's, whose weakest member, the two-sentence attrition cloze, goes: 113
# (21 + 8 + 84). Session 17 (blind reviews 27-30, two reviewers each): what the reading does NOT
# attribute to a person, among that person's statements (Stoltenberg in 001, President Trump in the paper); the scenario
# that could provoke a drastic Russian response, which quotes only the matching's sentences and now counts as the
# matching's toward its group's cap; what the paper says is at stake beyond regional security (the rules-based
# international order, among other orders of states); the elements a long-term strategy must integrate (a select-all
# among lines of effort the reading never names); why the paper's Eastern European members support Ukraine's membership
# (among reasons for such support the reading gives nowhere): each accepted by both reviewers. Why it is imperative to
# cut Ukraine's dependence on Russian fossil fuels (among the pack's plausible wrong reasons): accepted by one reviewer,
# an edit for the other. 120 (21 + 9 + 90). Turned down and not made: what the paper says it analyses, and which
# country's defense minister was not expected at 000's meeting.
# Session 18 (blind review 31: 40 corpus and 35 seed questions, two reviewers, fixed seed 20261203): the corpus
# sample accepted as it stands by both for 35 of 40, the seed sample for only 18 of 35. Precision first, as the issue
# asks: what both reviewers rejected in every round goes, though the count falls below the 120. Names of
# officials the reading mentions once (15 questions on 000 and 001: who co-hosted, who presents a plan, the who's-who
# matching), a figure changed in a true/false whose sentence holds two others (3: aid totals), the paper's statement
# of its own plan (1), and the per-section "which statement does the section support" whose wrong options were a
# negated sentence or a swapped ally (2): 99 (8 + 7 + 84). Blanks on names the pack lists as known to every student
# of the field (the Cold War, the Kremlin: "since the end of the ____", rejected by both): 96 (8 + 7 + 81). The NABU
# cloze after "its ____" goes and a held-back cloze takes its place; blind review 32: the true/false restating Article 5
# on an Ally invaded goes (the single choice asks that case): 95 (8 + 7 + 80). The schedule of 000's upcoming meetings
# (who plans to unveil what, "in due course … as he did in ____ and Washington"), rejected by both in reviews 31 and 32:
# 93 (6 + 7 + 80). Blind reviews 32 and 33: the admission true/false "the Allies can make it a member without its
# request" (false on common sense, rejected by both each time; the single choice stays) and an amount of money chosen
# among four in a sentence holding two other figures ($40 billion, €9 billion, $280 billion; the typed-in amounts stay):
# 89 (6 + 6 + 77).
# Blind reviews 35 and 36 (two reviewers, fixed seeds, the new questions among controls): five new kinds of questions
# came in (what named countries did, matched; what NATO's intelligence enabled; how the reading describes HIMARS; two
# concepts of the pack's new kinds, economic coercion and sphere of influence): 94. Turned down by both and gone: the
# Stinger statement with Patriot and IRIS-T swapped in (true in reality), the Panzerfaust 3 true/false, whose system
# IRIS-T is (single choice and short answer) and why stabilizing Ukraine's economy was a priority among unrelated
# sentences: 89 (6 + 6 + 77) again, of higher precision; the two orderings now show the start of what is "since" a year.
# Blind review 38 (two reviewers, the whole seed bank of 93 after review 37's new questions): 49 accepted by both, 65 by
# one at least. Turned down by both and gone, by rule: blanks on the European Union (a known term: "NATO and the ____",
# "The ____ launched a €9 billion package"), one of two sums typed in beside a third figure, a select-all of "____, for
# example,", a typed-in example of a "like" (Patriot, IRIS-T), a person blank a pronoun points ahead to ("During his
# comments, ____"), a meeting's venue ("at ____ in Brussels"): -8. In: Article 5 and admission cases (an applicant at
# war attacked, asked as a single choice; a country at war every Ally would invite, single choice and true/false; a
# member admitted after a ceasefire attacked again), two sentences describing entrapment (blind review 39: accepted by
# both), a weapon credited with another class's deed (true/false): 89 (5 + 5 + 79). Two more cases (a non-member with
# bilateral agreements, what follows; a country whose war has ended, what follows), a partner in the cases bound by no
# other mutual-defence pledge (Switzerland, not Austria): blind review 40 accepted nine of the ten new or reworded
# scenario questions as they stand (both reviewers), the tenth being the Austria case now mended: 91 (5 + 5 + 81).
# Blind review 41 (the whole bank of 91 again): 62 accepted by both reviewers, 76 by one at least. Rejected by both in
# reviews 38 and 41 alike and gone: the matchings of abbreviations (the initials give them), of conditions and of
# countries' deeds (common sense and stereotype pair them): 88 (5 + 5 + 78). A missile strike on an Ally asked what
# follows (blind review 42: accept / edit): 89 (5 + 5 + 79). Blind review 44 (the whole bank of 89): 65 accepted by both
# reviewers, 76 by one at least; 50 of the 84 it shares with review 41 accepted by both in both rounds. Edited by both
# in reviews 41 and 44 and gone: the choice for "Stingers, which are man-portable" (no single name agrees with "are"):
# 88 (5 + 5 + 78). Two concepts the paper describes (détente: Trump's diplomacy with Moscow; a sphere of influence: Russia
# pressing the Allies to rule out Ukraine's membership), both accepted by both reviewers of blind review 51 (the second
# after an edit: the security dilemma is no option beside it now); "What does HIMARS stand for?" gone (rejected by both
# in reviews 41, 44 and 52), the select-all of the weapons systems the paper names back in its place: 90 (5 + 5 + 80).
# Blind review 52 (the whole bank of 90): 57 accepted by both reviewers, 86 by one at least (A 62, B 81). Blind review 53
# edited or rejected (both reviewers) the select-all of the systems the paper names and every choice of UNIFIER's year
# "Since ____" (a later year is as true, an earlier one before the war): neither is made now: 88 (5 + 5 + 78). Blind
# review 55 (the bank of 88): 63 accepted by both, 85 by one at least, every scenario by both. A country whose
# ceasefire broke down asks to join (true/false: the bar holds; spot review 57 accepted it, both reviewers): 89 (5 + 5 + 79).
# Deterrence also told as a warning that any step towards a thing would be met with severe consequences (Moscow's
# warnings against Ukraine's membership): 90 (5 + 5 + 80).
SEED_QUESTIONS = 90


def test_generate_questions_prints_the_json_contract(seeds):
    out = StringIO()
    call_command("generate_questions", "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert set(payload) == {"readings", "questions", "by_type", "by_topic", "seconds"}
    assert payload["readings"] == 3 and payload["questions"] == sum(payload["by_type"].values()) == sum(payload["by_topic"].values())
    out = StringIO()
    call_command("generate_questions", "--reading", str(seeds[0].pk), "--json", stdout=out)
    assert json.loads(out.getvalue())["readings"] == 1


def test_the_generation_task_reports_progress_on_a_job(seeds, settings, django_capture_on_commit_callbacks):
    from quizzes.services.generation_jobs import generation_enqueue

    settings.CELERY_TASK_ALWAYS_EAGER = True
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            job = generation_enqueue(reading=seeds[0])
            assert GenerationJob.objects.get(pk=job.pk).state == GenerationJob.State.QUEUED
    finally:
        app.conf.task_always_eager = False
    latest = generation_job_latest(reading=seeds[0])
    assert latest is not None and latest.pk == job.pk
    assert (latest.state, latest.progress) == (GenerationJob.State.DONE, 100)
    assert latest.questions == Question.objects.filter(bank__reading=seeds[0], is_current=True).count() > 0


def test_the_seed_readings_yield_scored_grouped_questions_of_all_eight_types(seed_bank):
    assert seed_bank.count() >= SEED_QUESTIONS
    # Every automatically graded type; an essay is the instructor's to write and mark, a description has no
    # answer, and embedded answers (several gaps in one text) are written by instructors or imported from Moodle.
    generated_types = {t for t in QuestionType.values if not is_manually_marked(t) and is_scored(t)} - {QuestionType.EMBEDDED}
    assert set(seed_bank.values_list("type", flat=True)) == generated_types
    for q in seed_bank:
        assert q.exclusion_group and q.quality is not None and 0 < q.quality <= 1 and q.quality_notes, q.stem
        assert q.key_terms == key_terms(q.type, q.choices, q.answer)


def test_no_key_is_printed_in_another_seed_question_outside_its_group(seed_bank):
    by_reading: dict[int, list[Question]] = {}
    for q in seed_bank:
        by_reading.setdefault(q.source_section.reading_id, []).append(q)
    for questions in by_reading.values():
        raw = {q.pk: " ".join([q.stem, *_option_texts(q)]) for q in questions}
        texts = {pk: f" {normalise_text(text)} " for pk, text in raw.items()}
        for q in questions:
            # A select-all of the names in one blank: its key is the set, given away only by a stem printing all of it
            # (quality._is_set_key); one of its names printed elsewhere is kept apart by the quiz draw, not the group.
            if q.type == QuestionType.MULTIPLE_RESPONSE and "____" in q.stem and len(q.key_terms) >= 2:
                for other in questions:
                    if other.pk != q.pk and all(f" {normalise_text(k)} " in f" {normalise_text(other.stem)} " for k in q.key_terms):
                        assert other.exclusion_group == q.exclusion_group, (q.key_terms, q.stem, other.stem)
                continue
            for key in q.key_terms:
                if not normalise_text(key):
                    continue
                for other in questions:
                    if other.pk == q.pk or other.exclusion_group == q.exclusion_group:
                        continue
                    if _set_key_printed_as_one_of_its_names(other, key):
                        continue
                    if re.fullmatch(r"[\d.,]+", key):  # a number as written, not inside a longer one
                        assert not re.search(r"(?<![\d.,])" + re.escape(key) + r"(?![\d])", raw[other.pk]), (key, q.stem, other.stem)
                    else:
                        assert f" {normalise_text(key)} " not in texts[other.pk], (key, q.stem, other.stem)


def _set_key_printed_as_one_of_its_names(q: Question, key: str) -> bool:
    """``key`` is one of the names a select-all of one blank offers (its own key or an option beside it): printed there
    it gives nothing away, the two questions meeting only where the quiz draw allows."""
    return (
        q.type == QuestionType.MULTIPLE_RESPONSE
        and "____" in q.stem
        and normalise_text(key) in {normalise_text(t) for t in _option_texts(q)}
        and f" {normalise_text(key)} " not in f" {normalise_text(q.stem)} "
    )


def _option_texts(q: Question) -> list[str]:
    if isinstance(q.choices, list):
        return [c["text"] for c in q.choices]
    if isinstance(q.choices, dict):
        return [c["text"] for side in ("left", "right") for c in q.choices.get(side, [])]
    return []


def test_every_body_section_of_the_paper_has_questions(seeded, seed_bank):
    paper = seeded[2]
    body = set(paper.sections.filter(kind=Section.Kind.BODY).exclude(text="").values_list("pk", flat=True))
    assert len(body) == 6
    asked = set(seed_bank.filter(source_section__reading=paper).values_list("source_section_id", flat=True))
    assert body <= asked


def test_every_question_fits_its_type_and_records_fact_topic_difficulty_and_source(seed_bank):
    for q in seed_bank:
        validate_definition(type=q.type, choices=q.choices, answer=q.answer)
        assert q.status == Question.Status.DRAFT
        assert q.topic and 0 <= q.difficulty <= 1
        reading_text = q.source_section.reading.cleaned_text
        # The passage is the cited text itself: one sentence, or several joined by " … ".
        for part in q.source_passage.split(" … "):
            assert part in reading_text[q.source_start : q.source_end]
        assert q.fact_id is not None, "every question records the fact it asks about (scenarios: their rule)"
        if q.type == QuestionType.CLOZE:
            assert q.stem.count(BLANK) == 1


def test_choice_ids_are_opaque_and_options_come_in_a_neutral_order(seed_bank):
    for q in seed_bank.filter(type__in=[QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.ORDERING]):
        texts = [c["text"] for c in q.choices]
        # Figures, bare or as amounts written alike ("€7 billion", "€9 billion"), come in numeric order.
        shapes = {re.sub(r"\d[\d,.]*", "#", t) for t in texts}
        if q.generation_key and len(shapes) == 1 and all(re.fullmatch(r"[^\d]{0,2}#(?: [a-z]+)?", shape) for shape in shapes):
            assert texts == sorted(texts, key=lambda t: float(re.sub(r"[^\d.]", "", t))), "figures in numeric order"
        else:
            assert texts == sorted(texts, key=lambda t: (normalise_text(t), t))
        for c in q.choices:
            assert re.fullmatch(r"[0-9a-f]{8}", c["id"])
    orderings = seed_bank.filter(type=QuestionType.ORDERING)
    assert orderings and any(q.answer["order"] != [c["id"] for c in q.choices] for q in orderings), "the listed order is not the answer"


def test_generation_is_deterministic_and_regeneration_changes_nothing(seeded, seed_bank):
    before = {q.generation_key: (q.stem, q.choices, q.answer) for q in seed_bank}
    reports = [bank_generate_for_reading(reading=r) for r in seeded]
    assert sum(r.created for r in reports) == 0 and sum(r.refreshed for r in reports) == 0 and sum(r.deleted for r in reports) == 0
    after = {q.generation_key: (q.stem, q.choices, q.answer) for q in Question.objects.filter(origin=Question.Origin.GENERATED)}
    assert after == before


def test_a_term_added_to_the_lexicon_is_picked_up_by_regeneration(seeded, seed_bank):
    news = seeded[1]
    assert not Fact.objects.filter(reading=news, value="Allied nations").exists()
    LexiconTerm.objects.create(term="Allied nations", category="concept")
    bank_generate_for_reading(reading=news)
    assert Fact.objects.filter(reading=news, value="Allied nations").exists()


def test_the_polish_abstract_and_removed_boilerplate_never_produce_questions(seeded, seed_bank):
    assert not seed_bank.filter(source_section__kind=Section.Kind.FOREIGN_ABSTRACT).exists()
    removed = [span.text for r in seeded for span in r.removed_spans.all()]
    assert removed, "the Vilnius article has boilerplate to remove"
    for q in seed_bank:
        assert "No time to read" not in q.stem and "Previous Article" not in q.source_passage


def test_an_unseen_reading_on_another_topic_still_yields_sensible_questions():
    result = generate_file(UNSEEN)
    stems = [q.stem for q in result.questions]
    assert len(result.questions) >= 15
    assert len({q.type for q in result.questions}) >= 4
    # KSF is spelled out and never used again: not an abbreviation the reading asks anyone to learn (blind review 7).
    assert not any("KSF stand for" in s for s in stems)
    # Mike Jackson, named once (he led the first deployment), is a name to recall in passing: not asked (review.py).
    assert not any("Mike Jackson" in str(q.answer) for q in result.questions)
    assert not any(q.meta.get("scenario") for q in result.questions), "a reading stating no Article 5 rule gets no scenarios"


def test_export_dict_has_the_contract_fields(seed_bank):
    q = seed_bank.filter(type=QuestionType.SINGLE_CHOICE).first()
    data = question_export_dict(q)
    assert {"id", "type", "stem", "choices", "answer", "explanation", "topic", "difficulty", "status", "source"} <= set(data)
    assert set(data["source"]) >= {"reading", "section", "passage", "start", "end"}
    assert data["source"]["reading"] == q.source_section.reading_id
    json.dumps(data)
