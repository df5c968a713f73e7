# ruff: noqa: RUF001, RUF002 - transcripts use typographic apostrophes and dashes
"""A press briefing's transcript (issue 13): the speaker answering reporters states facts worth asking
(who chairs the committee a transfer goes through, the new model Allies adopt), on small texts no
reading of the corpus shares; a reporter's words are never the speaker's."""

from __future__ import annotations

from quizzes.generation.builders.blanks import office_trivia
from quizzes.generation.distractors import fine_class
from quizzes.generation.extract import extract_mentions
from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.standalone import droppable_lead
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Press Briefing by Press Secretary Dana Holt and Budget Director Omar Vance"


def generated(text: str) -> GenerationResult:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key="briefing", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)


def test_a_yes_answering_the_reporter_is_left_out_of_the_quotation():
    """ "But yes, of course, we’ve been in contact with …": what follows the "yes" is the claim, and the
    speaker's "we" is then the only problem, which the attribution to the speaker resolves."""
    sentence = "But yes, of course, we’ve been in contact with Senator Ruiz about the water transfers."
    assert sentence[droppable_lead(sentence) :].startswith("we’ve been in contact")
    sentence = "Yes, the Harbor Authority raised other issues as well."
    assert sentence[droppable_lead(sentence) :].startswith("the Harbor Authority")


def test_a_person_whose_office_the_speaker_gives_as_a_reason_is_asked_by_that_office():
    """ "Senator Ruiz, as he is the chair of the Senate Water Committee, …": the clause names his office in
    lower case; the chair of a named body says who is meant, so the person is asked by it."""
    sentence = (
        "We’ve been in contact with Senator Ruiz, as he is the chair of the Senate Water Committee, through which any transfer would go."
    )
    people = [m for m in extract_mentions(sentence, seed_lexicon()) if m.kind == "person_role"]
    assert [(m.surface, m.data["role"]) for m in people] == [("Senator Ruiz", "chair of the Senate Water Committee")]
    assert not office_trivia("chair of the Senate Water Committee")
    # A bare chair, or a clause that is not about an office, is nobody in particular.
    assert office_trivia("chair")
    plain = "We met Governor Alma Reyes, as she is the guest of the Riverside Council this week."
    assert not [m for m in extract_mentions(plain, seed_lexicon()) if m.kind == "person_role" and "guest" in m.data.get("role", "")]


def test_a_briefing_asks_who_chairs_the_committee_the_speaker_names():
    text = (
        "MR. VANCE: We built 1,200 new classrooms across the state in 2022. "
        "We hired 4,500 nurses for the hospitals of the northern valleys in 2023.\n"
        "Q: Have you talked to the Senate about the dams?\n"
        "MR. VANCE: But yes, of course, we’ve been in contact with Senator Ruiz, as he is the chair of the Senate Water "
        "Committee, through which any transfer of the Delta Dams would go."
    )
    stems = [q.stem for q in generated(text).questions if q.type == QuestionType.SHORT_ANSWER]
    assert "Name the person the reading describes as the chair of the Senate Water Committee." in stems


def test_a_model_or_a_framework_is_a_programme_offered_among_programmes():
    """ "Allies will adopt a new NATO Force Model": a named model is a programme of the Alliance, so a single
    choice offers other programmes and plans (it had no options at all, and only a cloze that any new plan fits)."""
    for name, sentence in [
        ("NATO Force Model", "Allies will adopt a new NATO Force Model, which will increase readiness."),
        ("Harbor Resilience Framework", "The state adopted the Harbor Resilience Framework in March."),
    ]:
        mention = next(m for m in extract_mentions(sentence, seed_lexicon()) if m.value == name)
        assert fine_class(mention) == "programme:programme"


def test_a_questioners_turn_that_finishes_the_speakers_cut_off_words_is_not_the_speakers():
    text = (
        "MR. VANCE: We signed a water agreement with the Riverside Council in March.\n"
        "Q — he was moving the goalposts on the water agreement, though?\n"
        "MR. VANCE: We are working closely with the Harbor Authority on the new container port."
    )
    result = generated(text)
    reporter = next(s for s in result.facts.sentences if "goalposts" in s.text)
    assert reporter.start not in result.facts.voices
    assert "questioner's turn" in result.facts.problems[reporter.start]
