# ruff: noqa: RUF001 - the readings use typographic apostrophes
"""Which country supplied a named system (``understanding.suppliers``): asked among other countries the reading names
as giving, never the reading's own sides, never a country it also ties to that system."""

from __future__ import annotations

from quizzes.generation.pipeline import GenerationResult, generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import seed_lexicon

TITLE = "Western military aid"
# Ukraine, Russia and the United States are what this reading is most about; France, Poland, Italy and the United
# Kingdom are named once each, as giving something.
FILLER = (
    "Russia's invasion of Ukraine changed European security. Ukraine has resisted Russia with help from NATO Allies. "
    "The United States has led the coalition supporting Ukraine against Russia. The United States trains Ukrainian troops. "
    "France has provided Ukraine with artillery shells. Poland has delivered humanitarian aid to Ukraine. "
    "The United Kingdom has sent Ukraine long-range missiles. Italy has supplied Ukraine with medical equipment. "
)


def generated(text: str) -> GenerationResult:
    sections = [SectionText(0, TITLE, "body", "en", text, 0)]
    return generate(reading_key="suppliers", cleaned_text=text, sections=sections, lexicon=seed_lexicon(), title=TITLE)


def supplier_questions(result: GenerationResult, qtype: str = QuestionType.SINGLE_CHOICE) -> list:
    return [q for q in result.questions if q.type == qtype and q.stem.startswith("According to the reading, which country")]


def key_and_options(question) -> tuple[str, set[str]]:
    options = {c["text"] for c in question.choices}
    [key] = [c["text"] for c in question.choices if c["id"] == question.answer["correct"]]
    return key, options - {key}


def test_whose_system_a_system_is_is_not_asked():
    """ "Germany's IRIS-T air defense system": its maker is known to anyone who knows the system, not learnt from the
    reading (blind reviews 33, 35 and 36: both reviewers rejected it each time)."""
    text = FILLER + (
        "To counter this, NATO allies have provided systems like the Patriot missile defense system and Germany’s IRIS-T air defense system.\n"
    )
    result = generated(text)
    assert supplier_questions(result) == [] and supplier_questions(result, QuestionType.SHORT_ANSWER) == []
    assert not [q for q in result.questions if "IRIS-T" in q.stem and "Germany" in str(q.answer)]


def test_the_main_supplier_of_a_provision_is_asked_with_the_readings_hedge():
    text = (
        FILLER + "NATO’s provision of NLAW anti-tank missiles, primarily from Norway, has been instrumental in countering Russian armour.\n"
    )
    [question] = supplier_questions(generated(text))
    assert question.stem == "According to the reading, which country primarily provided the NLAW anti-tank missiles?"
    assert key_and_options(question)[0] == "Norway"


def test_a_system_provided_by_a_country_is_asked_with_the_readings_verb():
    text = FILLER + "One of the most impactful contributions has been the deployment of the Caesar howitzers supplied by Denmark.\n"
    [question] = supplier_questions(generated(text))
    assert question.stem == "According to the reading, which country supplied the Caesar howitzers?"
    assert key_and_options(question)[0] == "Denmark"


def test_a_country_the_reading_is_most_about_is_not_asked():
    # The United States is one of the three countries this reading names most: a student names it without reading.
    text = FILLER + "One of the most impactful contributions has been the deployment of the HIMARS provided by the United States.\n"
    assert supplier_questions(generated(text)) == []


def test_a_system_the_reading_ties_to_two_countries_is_not_asked():
    text = FILLER + (
        "One of the most impactful contributions has been the deployment of the Caesar howitzers supplied by Denmark. "
        "Later deliveries included the Caesar howitzers provided by Norway.\n"
    )
    assert supplier_questions(generated(text)) == []


def test_a_country_named_beside_the_system_elsewhere_is_not_offered():
    # France may have sent some Caesar howitzers too, as far as the student can tell: it is no surely wrong option.
    text = FILLER + (
        "One of the most impactful contributions has been the deployment of the Caesar howitzers supplied by Denmark. "
        "Ukrainian crews trained in France on Caesar howitzers.\n"
    )
    [question] = supplier_questions(generated(text))
    assert "France" not in key_and_options(question)[1]


def test_a_hedged_or_wished_for_supply_is_not_asked():
    text = FILLER + "Sweden could provide Ukraine with Gripen fighter jets if its parliament agrees.\n"
    assert supplier_questions(generated(text)) == []
