"""An agreement or a format of talks named after the place it was made (``review``): typed in as a cloze, since the
blank asks for the agreement, unless the rest of the sentence names the place or its country."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "NATO and the war in Ukraine"
FILLER = (
    "NATO Allies have supported Ukraine since Russia's invasion. The Alliance trains Ukrainian troops and shares intelligence with Kyiv. "
)


def generated(text: str) -> GenerationResult:
    sections = [SectionText(0, TITLE, "body", "en", text, 0)]
    return generate(reading_key="agreements", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)


def clozes_of(result: GenerationResult, key: str) -> list:
    return [q for q in result.questions if q.type == QuestionType.CLOZE and key in q.answer.get("accepted", [])]


def test_an_agreement_named_after_a_city_is_typed_in():
    text = FILLER + (
        "A ceasefire without security guarantees could repeat the post-2014 Minsk agreements, "
        "which ultimately failed to prevent further escalation.\n"
    )
    [question] = clozes_of(generated(text), "Minsk agreements")
    assert "post-2014 ____, which ultimately failed" in question.stem
    # The singular, the accords and the second agreement's name are what students write.
    assert {"Minsk agreement", "Minsk accords", "Minsk II"} <= set(question.answer["accepted"])


def test_an_agreement_whose_place_the_sentence_names_is_not_typed_in():
    # "Belarus" beside the blank points to its capital: the key is guessed from the sentence.
    text = FILLER + (
        "A ceasefire signed in Belarus could repeat the post-2014 Minsk agreements, "
        "which ultimately failed to prevent further escalation.\n"
    )
    assert clozes_of(generated(text), "Minsk agreements") == []
