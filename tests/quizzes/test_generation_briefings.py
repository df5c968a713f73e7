"""A press briefing's transcript (issue 13): a reporter's words are never the speaker's."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Press Briefing by Press Secretary Dana Holt and Budget Director Omar Vance"


def generated(text: str) -> GenerationResult:
    sections = [SectionText(0, "", "body", "en", text, 0)]
    return generate(reading_key="briefing", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)


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
