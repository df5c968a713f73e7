"""A partnership proposed on the model of a known bilateral alliance (``understanding.models``): asked which country's
alliance is the model, among the same party's other alliances the pack knows."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Security guarantees for Ukraine"
FILLER = (
    "NATO Allies have supported Ukraine since Russia's invasion. The Alliance trains Ukrainian troops and shares intelligence with Kyiv. "
)


def generated(text: str) -> GenerationResult:
    sections = [SectionText(0, TITLE, "body", "en", text, 0)]
    return generate(reading_key="models", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)


def model_questions(result: GenerationResult) -> list:
    return [q for q in result.questions if q.stem.startswith("Which country's") and "as a model for" in q.stem]


def test_the_alliance_a_partnership_is_modeled_after_is_asked_among_the_same_partys_alliances():
    text = FILLER + "One possible approach is a NATO-Ukraine security partnership modeled after the U.S.-Japan alliance.\n"
    [question] = model_questions(generated(text))
    assert (
        question.stem == "Which country's alliance with the U.S. does the reading offer as a model for a NATO-Ukraine security partnership?"
    )
    options = {c["text"] for c in question.choices}
    key = {c["text"] for c in question.choices if c["id"] == question.answer["correct"]}
    assert key == {"Japan"}
    # The other options are the United States' other bilateral alliances in the pack: the same fine class.
    assert options - key <= {"South Korea", "Australia", "Philippines"} and len(options) == 4


def test_a_relationship_the_pack_does_not_class_is_not_asked():
    # Which other relationships would be fair options is not known: no question rather than options by region.
    text = FILLER + "One possible approach is a NATO-Ukraine security partnership modeled after the U.S.-Israel defense relationship.\n"
    assert model_questions(generated(text)) == []


def test_a_partner_the_sentence_names_is_not_offered_and_fewer_than_three_others_ask_nothing():
    text = FILLER + (
        "Unlike the Australia talks, one possible approach is a NATO-Ukraine security partnership modeled after the "
        "U.S.-South Korea defense relationship.\n"
    )
    assert model_questions(generated(text)) == []
