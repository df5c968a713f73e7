# ruff: noqa: RUF001 - speech texts use typographic apostrophes
"""What a speaker said: a speech's first-person sentences asked about as quotations of the speaker
(``understanding.said``), on small texts no reading of the corpus shares."""

from __future__ import annotations

import re

import pytest

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText, normalise_text
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

SPEECH_TITLE = "Remarks by Governor Alma Reyes on the State Budget"
SPEECH = (
    "We built 1,200 new classrooms across the state in 2022. "
    "We hired 4,500 nurses for the hospitals of the northern valleys in 2023. "
    "We signed a water agreement with the Riverside Council in March. "
    "We are working closely with the Harbor Authority on the new container port. "
    "Our budget keeps the income tax flat for working families across the state. "
    "They told us that the plan would fail, but we proved the critics of the Reform Party wrong. "
    "I thank the teachers of the Lincoln School District for their patience and their work."
)


def generated(text: str, title: str) -> GenerationResult:
    sections = [SectionText(0, title, "body", "en", text, 0)]
    return generate(reading_key="speech", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=title)


def said_questions(result: GenerationResult) -> list:
    return [q for q in result.questions if q.meta.get("speaker")]


@pytest.fixture(scope="module")
def speech() -> GenerationResult:
    return generated(SPEECH, SPEECH_TITLE)


def test_a_speech_asks_which_of_several_statements_its_speaker_made(speech):
    asked = [q for q in said_questions(speech) if q.type != QuestionType.TRUE_FALSE]
    assert asked
    sentences = {normalise_text(s) for s in re.split(r"(?<=\.) ", SPEECH)}
    for question in asked:
        assert question.stem.startswith("Which of these did Governor Alma Reyes say"), question.stem
        correct = set(question.answer["correct"]) if isinstance(question.answer["correct"], list) else {question.answer["correct"]}
        for option in question.choices:
            # The right options are the speaker's sentences; each wrong one has a figure, a year or a name changed: said nowhere.
            assert (normalise_text(option["text"]) in sentences) == (option["id"] in correct), option


def test_no_select_all_mixes_the_speakers_sentences_as_said_with_copies_changed_in_a_figure(speech):
    """Blind reviews 16 and 17 turned down "Which of these did President Biden say? Select every one that applies." with
    "more than 220,000 people evacuated" and "$210 million a day" among two sentences as said: one number recalled
    exactly in a quotation otherwise known. Round 11 had turned down every other alteration (negated, reversed, leader
    swapped), so no select-all is made of the speaker's sentences; each figure is asked in its own sentence."""
    said = said_questions(speech)
    assert not [q for q in said if q.type == QuestionType.MULTIPLE_RESPONSE], [q.stem for q in said]
    assert [q for q in said if q.type == QuestionType.SINGLE_CHOICE]
    for question in (q for q in said if q.type == QuestionType.SINGLE_CHOICE):
        # Round 11: a figure or a year is what is changed, in the copies of one sentence.
        assert question.meta["changes"] and all(
            re.fullmatch(r"[\d,.]+ → [\d,.]+(?:; [\d,.]+ → [\d,.]+)*", c) for c in question.meta["changes"]
        )


def test_the_statements_are_claims_that_carry_their_own_references(speech):
    for question in said_questions(speech):
        for option in (c["text"] for c in question.choices):
            assert not re.search(r"\b(?:they|them|their|this|these|that plan)\b", option, re.I), option


def test_a_text_without_a_speaker_gets_no_question_about_what_was_said():
    plain = SPEECH.replace("We ", "The state government ").replace("Our budget", "The state budget")
    assert not said_questions(generated(plain, "The State Budget"))
    assert not said_questions(generated(SPEECH, "The State Budget"))


def test_a_statement_says_not_in_one_wrong_option_at_most(speech):
    """A negated copy of what the speaker said is surely not said, but two of them give the wrong options away by form."""
    for question in said_questions(speech):
        negated = [c["text"] for c in question.choices if re.search(r"\bnot\b", c["text"])]
        assert len(negated) <= 1, negated


def test_a_speakers_plan_for_the_speech_is_not_a_claim_to_recall():
    text = SPEECH + " Now I’ll turn to the Harbor Authority and the port of Riverside County."
    for question in said_questions(generated(text, SPEECH_TITLE)):
        assert not any("turn to" in c["text"] for c in question.choices), question.choices


def test_a_briefings_speaker_is_quoted_and_a_questioner_never_is():
    title = "Press Briefing by Press Secretary Dana Holt and Budget Director Omar Vance"
    text = (
        "MR. VANCE: We built 1,200 new classrooms across the state in 2022. "
        "We hired 4,500 nurses for the hospitals of the northern valleys in 2023. "
        "We signed a water agreement with the Riverside Council in March. "
        "We are working closely with the Harbor Authority on the new container port.\n"
        "Q: The Harbor Authority lost 3,000 jobs under the Riverside County Council in 2021.\n"
        "MR. VANCE: The Lincoln School District hired 800 teachers for the northern valleys in 2023."
    )
    result = generated(text, title)
    assert result.facts.voices, "the speaker's turns are attributed"
    assert set(result.facts.voices.values()) == {"Omar Vance"}
    for question in said_questions(result):
        assert re.search(r"\bOmar Vance sa(?:y|id)\b", question.stem), question.stem
        shown = " ".join([question.stem, *(c["text"] for c in question.choices)])
        assert "3,000 jobs" not in shown and "lost" not in shown, shown


def test_a_declaration_that_opens_with_two_presidents_speaks_as_them():
    text = (
        "President Ana Lima of Brazil and President Tomas Berg of Norway met on 3 May 2024 to mark the anniversary "
        "of the Oslo Accord. Our two nations have built a partnership of 40 years in energy and science. "
        "We will open a joint research centre in Bergen in 2025."
    )
    result = generated(text, "Oslo Declaration")
    assert set(result.facts.speakers.values()) == {"the two Presidents"}
    # Not a joint document: a report naming two presidents quotes them, it does not speak as them.
    assert not generated(text, "Presidents Meet in Oslo").facts.speakers


def test_a_year_is_not_changed_where_the_calendar_alone_shows_the_copy_false():
    """Blind reviews 13 to 15: "2021 is the ninth consecutive year …" said in 2023, and a year after any the
    reading names, are false on the calendar, not by the reading."""
    from types import SimpleNamespace

    from quizzes.generation.understanding.said import _fair_variant

    text = "We met the mayors in 2019. 2023 is the ninth consecutive year of increased spending on schools."
    ctx = SimpleNamespace(trivial=set(), cleaned_text=text, frequency=lambda name: 1, facts=SimpleNamespace(mentions={}))
    statement = "2023 is the ninth consecutive year of increased spending on schools."
    subject = (statement.replace("2023", "2021"), "2023 → 2021", "2023")
    assert not _fair_variant(ctx, None, subject, statement)  # type: ignore[arg-type]
    met = "We met the mayors in 2019."
    assert _fair_variant(ctx, None, (met.replace("2019", "2017"), "2019 → 2017", "2019"), met)  # type: ignore[arg-type]
    assert not _fair_variant(ctx, None, (met.replace("2019", "2025"), "2019 → 2025", "2019"), met)  # type: ignore[arg-type]


THREATS = (
    "We face threats from the Red Hand in Chile; Blue Front cells in Peru and the Arabian Peninsula; and the Iron Legion "
    "attempting to seize ports in Ecuador and Colombia, and recruiting across Africa and Asia. "
) + SPEECH


def test_a_list_of_names_each_in_its_place_is_matched_name_to_place():
    # The Afghanistan speech's "threats from al-Shabaab in Somalia; al Qaeda affiliates in Syria and the Arabian
    # Peninsula; and ISIS attempting to create a caliphate in Syria and Iraq, …": one sentence, three pairs.
    result = generated(THREATS, SPEECH_TITLE)
    [question] = [q for q in result.questions if q.type == QuestionType.MATCHING and "place the reading gives" in q.stem]
    assert question.stem == "The reading lists threats from each of these. Match each one to the place the reading gives for it."
    left = {c["id"]: c["text"] for c in question.choices["left"]}
    right = {c["id"]: c["text"] for c in question.choices["right"]}
    assert {left[a]: right[b] for a, b in question.answer["pairs"].items()} == {
        "the Red Hand": "Chile",
        "Blue Front cells": "Peru and the Arabian Peninsula",
        "the Iron Legion": "Ecuador and Colombia",
    }


def test_a_list_with_two_names_in_one_place_is_not_matched():
    text = THREATS.replace("Blue Front cells in Peru and the Arabian Peninsula", "Blue Front cells in Chile")
    result = generated(text, SPEECH_TITLE)
    assert not [q for q in result.questions if q.type == QuestionType.MATCHING and "place the reading gives" in q.stem]


# Issue 13 (afg13): well-formed sentences of a speech lost to reference checks that misread them. Each case names its own
# referent in the sentence, so it stands alone (credited to its speaker where it speaks in the first person).
@pytest.mark.parametrize(
    "sentence",
    [
        # "this" before a colon points ahead to what the colon brings.
        "After more than $5 billion spent on the bridge, the voters of the valley should hear this: $90 million a year for a decade.",
        # "the former" before a noun is an adjective of that noun, not "the former" of two things named before.
        "The former Governor signed an agreement with the Harbor Authority to close the northern port by June.",
        # A time counted back that glosses a date the sentence gives in full.
        "The Riverside Council opened the northern dam on May 2nd, 2011 — over a decade ago.",
        # "here" with the place it is.
        "The Riverside Council counted 18 floods on average every single year, right here in Nevada.",
    ],
)
def test_a_sentence_that_names_its_own_referent_stands_alone(sentence):
    from quizzes.generation.standalone import sentence_problems

    assert sentence_problems(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [
        ("The voters of the valley should hear this.", "demonstrative (this …)"),
        ("The Riverside Council chose the former over the Harbor Authority.", "unresolved reference (the former)"),
        ("The Riverside Council opened the northern dam over a decade ago.", "deixis (relative time)"),
        ("The Riverside Council counted 18 floods on average every single year right here.", "deixis (here)"),
        # An adverb is nothing "it" can stand for: "it" is the cost of war of the sentences before.
        ("Most tragically, we see it in the floods of the northern valleys every year.", "unresolved pronoun (it)"),
    ],
)
def test_the_same_sentences_without_their_referent_still_lean_on_the_one_before(sentence, problem):
    from quizzes.generation.standalone import sentence_problems

    assert problem in sentence_problems(sentence)


def test_a_speakers_announcement_before_a_colon_is_left_out_of_the_quoted_sentence():
    """ "Let me be clear: Leaving … is not due to …": the announcement asserts nothing and is no instruction; the claim
    after the colon is quoted, as "And" or "First," before a claim is."""
    from quizzes.generation.standalone import droppable_lead

    text = "Let me be clear: The northern port closes in June to save the budget of the valley."
    assert text[droppable_lead(text) :].startswith("The northern port")
    assert droppable_lead("Let me be clear about the budget of the valley and the port.") == 0


def test_a_figure_the_sentence_repeats_is_not_changed_in_one_copy_for_a_true_or_false():
    """ "… over $600 million a day for 20 years … should hear this: $300 million a day": one copy changed contradicts the
    other within the statement, which gives it away."""
    text = (
        "After more than $5 billion spent on the northern bridge, the valley paid over $90 million a year for a decade, "
        "and the voters of the valley should hear this: $90 million a year for a decade. "
        "The Riverside Council also built 1,200 new classrooms across the valley in 2022."
    )
    result = generated(text, "Remarks by Governor Alma Reyes on the Northern Bridge")
    statements = [q.stem for q in result.questions if q.type == QuestionType.TRUE_FALSE and "northern bridge" in q.stem]
    assert statements  # the $5 billion, given once, is still changed for a true/false
    assert all(s.count("$90 million a year") == 2 for s in statements), statements


def _stands_alone(text: str, sentence_start: str) -> bool:
    result = generated(text, SPEECH_TITLE)
    sentence = next(s for s in result.facts.sentences if s.text.startswith(sentence_start))
    return result.facts.stands_alone(sentence)


def test_this_war_in_a_reading_that_names_one_war_is_that_war():
    """ "this war" in a speech that speaks of one war ("the war on Moldova") points at that war as clearly as the reading
    does, so "We all want this war to end on just terms …" is quoted (the Vilnius speech's United Nations Charter cloze)."""
    text = (
        "The invaders began their brutal war on Moldova in the spring. "
        "We all want this war to end on just terms that uphold the principles of the Coastal Charter. "
        "The Harbor Authority built 40 new piers."
    )
    assert _stands_alone(text, "We all want this war")


def test_this_war_stays_unresolved_where_the_reading_speaks_of_more_than_one():
    """Two places ("the war in Moldova", "the war in Armenia"), or "a war" written elsewhere, leave "this war" open:
    which one the speaker meant the quotation alone does not show; a noun that is no event is not named by a place."""
    two_places = (
        "Our troops served in the war in Moldova. Our troops also served in the war in Armenia. "
        "We all want this war to end on just terms that uphold the principles of the Coastal Charter."
    )
    assert not _stands_alone(two_places, "We all want this war")
    another = (
        "Our troops served in the war in Moldova. They say a ground war is never won quickly. "
        "We all want this war to end on just terms that uphold the principles of the Coastal Charter."
    )
    assert not _stands_alone(another, "We all want this war")
    # Only an event is named by its place: "the outcome in Moldova" does not make "this outcome" that one.
    outcome = (
        "Nobody can predict the outcome in Moldova. "
        "We know that this outcome depends on sustained unity among the members of the Coastal Charter."
    )
    assert not _stands_alone(outcome, "We know that this outcome")


def test_a_year_glossed_as_over_a_decade_ago_is_offered_and_swapped_only_with_earlier_years():
    """Blind review 19: "… on May 2nd, 2014 — over a decade ago" and 2016 among the options contradict the gloss."""
    text = (
        "The Riverside Council opened the northern dam on May 2nd, 2011 — over a decade ago. "
        "The Harbor Authority built 40 new piers along the coast in 2019. "
        "The northern valley hired 4,500 nurses for the hospitals of the region in 2023."
    )
    dam = [q for q in generated(text, SPEECH_TITLE).questions if "northern dam" in q.stem]
    chosen = [q for q in dam if q.type == QuestionType.SINGLE_CHOICE]
    swapped = [q for q in dam if q.type == QuestionType.TRUE_FALSE]
    assert chosen or swapped, [q.stem for q in dam]
    for q in chosen:
        assert all(int(c["text"]) <= 2011 for c in q.choices), q.choices
    for q in swapped:
        assert int(q.meta["tf_swapped"]) < 2011, q.stem


def test_an_operation_a_transcript_editor_names_in_brackets_is_asked_by_its_code_name():
    """A White House transcript strikes a misspoken name and brackets the right one ("Our Operation <s>Allied Rescue</s>
    [Allies Refuge] …", the struck words removed at import). The bracketed words are the operation's code name: made of
    everyday words by design, they are no generic label ("Flagship Projects"), and the blank keeps the speaker's word
    "Operation", which says what is asked; the stem says the transcript corrects the speaker's words."""
    text = (
        "Our Operation [Harbor Shield] ended up getting more than 4,200 civilians out of the port city. "
        "We worked with the coast guard of every partner nation to keep the sea lanes open through the winter."
    )
    result = generated(text, "Remarks by Governor Alma Reyes on the Evacuation of the Port")
    clozes = [q for q in result.questions if q.type == QuestionType.CLOZE and "Harbor Shield" in q.answer["accepted"]]
    assert clozes, [q.stem for q in result.questions]
    assert "“Our Operation ____ ended up getting more than 4,200 civilians out of the port city.”" in clozes[0].stem
    # The speaker did not say the name the editor put in: the stem says whose words the transcript corrects (blind
    # reviews 50 and 59 edited "said by President Biden" of the name he misspoke).
    assert "as its transcript corrects it" in clozes[0].stem
    assert "Operation Harbor Shield" in clozes[0].answer["accepted"]
    assert not [a for a in clozes[0].answer["accepted"] if "[" in a]  # the editor's brackets are no answer form


def test_a_figure_the_transcript_corrects_is_asked_as_the_transcript_corrects_it():
    # "The bottom line: <s>Ninety</s> [Ninety-eight] percent …" (the struck words removed at import): a sentence the
    # speaker is not named for still says it is the transcript's correction, so the spoken "Ninety" is no defensible
    # answer (blind review 62, both reviewers).
    text = (
        "We worked with the coast guard of every partner nation to keep the sea lanes open through the winter. "
        "The bottom line: [Ninety-eight] percent of the residents who wanted to leave the port city were able to leave."
    )
    result = generated(text, "Remarks by Governor Alma Reyes on the Evacuation of the Port")
    asked = [q for q in result.questions if q.type == QuestionType.NUMERIC and "percent of the residents" in q.stem]
    assert asked, [q.stem for q in result.questions]
    assert all("as its transcript corrects it" in q.stem for q in asked)


def test_brackets_in_a_reading_without_speakers_are_no_transcripts_correction():
    # An article quoting a document ("[T]he Alliance deployed …") or naming an office ("USD[I&S]") corrects no speaker.
    text = (
        "The report notes that “[T]he Alliance deployed four multinational battlegroups to the Baltic states and Poland in 2017.” "
        "The [Baltic] battlegroups were led by Canada, Germany, the United Kingdom and the United States."
    )
    result = generated(text, "NATO's forward presence in the east")
    assert result.questions, "the sentences are asked"
    assert not [q.stem for q in result.questions if "transcript" in q.stem]


def test_no_figure_of_the_key_is_held_by_most_options(speech):
    """Blind review 18's rule, met again on the arms-control speech once a year before a comma counted as one: "By 2033 …
    1,500" and "By 2035 … 3,600" beside "By 2035 … 1,500" leave the key the copy that shares each figure with most. Two
    figures changed get a third copy with both changed, so each figure is held by half the options."""
    asked = [q for q in said_questions(speech) if q.type == QuestionType.SINGLE_CHOICE]
    assert asked
    for question in asked:
        originals = {part.split(" → ")[0] for change in question.meta["changes"] for part in change.split("; ")}
        for figure in originals:
            holding = [c for c in question.choices if re.search(r"(?<![\d,.])" + re.escape(figure) + r"(?![\d])", c["text"])]
            assert 2 * len(holding) <= len(question.choices), (figure, [c["text"] for c in question.choices])


def test_a_year_said_twice_and_changed_twice_is_two_changes_not_one_span():
    """The review of the change: a copy with "2014" changed in both places made one span from the first to the second, so
    a figure between them looked overlapped and the question lost its third copy."""
    from quizzes.generation.understanding.said import _changes

    statement = "Since 2014, Allies have added 350 billion dollars, and since 2014 every Ally has raised its budget."
    assert [(statement[a:b], new) for a, b, new in _changes(statement, statement.replace("2014", "2013"))] == [
        ("4", "3"),
        ("4", "3"),
    ]
