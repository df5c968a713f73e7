"""Who does what (issue 13, questions beyond recall): "According to the reading, which of these builds
and operates satellites …?", with other bodies the reading shows doing something else as options."""

from __future__ import annotations

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

AGENCIES = (
    "The National Reconnaissance Office (NRO), the National Security Agency (NSA), the Defense Intelligence Agency (DIA), "
    "the National Geospatial-Intelligence Agency (NGA) and the Central Intelligence Agency (CIA) belong to the community. "
    "The Director of National Intelligence (DNI) and the Department of Energy (DOE) are part of it as well. "
    "NRO builds and operates satellites and ground stations for collecting imagery from orbit. "
    "NSA specializes in cryptology and is responsible for computer network operations. "
    "DIA manages the production of military estimates for the combatant commands. "
    "NGA produces geospatial products and maps for warfighters and first responders. "
    "CIA conducts covert action as directed by the President of the country. "
    "The DNI is the principal adviser to the President on intelligence matters. "
    "DOE protects the nuclear laboratories of the country."
)


def _roles(text: str) -> list:  # type: ignore[type-arg]
    sections = [SectionText(0, "", "body", "en", text, 0)]
    result = generate(reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon())
    return [q for q in result.questions if q.title.startswith("Role: ")]


def _options(q) -> set[str]:  # type: ignore[no-untyped-def]
    return {c["text"] for c in q.choices}


def test_a_body_and_what_the_reading_says_it_does_make_a_question_among_bodies_of_its_sort():
    questions = {q.title.removeprefix("Role: "): q for q in _roles(AGENCIES)}
    nro = questions["NRO"]
    assert nro.type == QuestionType.SINGLE_CHOICE
    assert (
        nro.stem
        == "According to the reading, which of these builds and operates satellites and ground stations for collecting imagery from orbit?"
    )
    assert next(c["text"] for c in nro.choices if c["id"] == nro.answer["correct"]) == "NRO"
    assert len(nro.choices) == 4
    for q in questions.values():
        # Never a post a person holds (the DNI) or a whole department (DOE) among agencies.
        assert not _options(q) & {"DNI", "DOE"}, q.stem
        assert q.meta["understanding"] == "definition" and q.quality_notes


def test_what_a_body_should_do_or_said_and_a_deed_with_a_pronoun_are_not_asked():
    text = AGENCIES.replace("NRO builds and operates", "NRO should build and operate").replace(
        "NSA specializes in cryptology and is responsible", "NSA said it specializes in cryptology and is responsible"
    )
    titles = {q.title for q in _roles(text)}
    assert "Role: NRO" not in titles and "Role: NSA" not in titles


def test_a_body_doing_something_alike_is_not_offered_as_a_wrong_answer():
    text = AGENCIES.replace(
        "NGA produces geospatial products and maps for warfighters", "NGA operates satellites and ground stations for warfighters"
    )
    nro = next(q for q in _roles(text) if q.title == "Role: NRO")
    assert "NGA" not in _options(nro)
