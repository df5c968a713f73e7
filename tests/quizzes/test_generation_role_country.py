"""People chosen among people (issue 13, distractors of the key's fine category): a role that names its country
("Ukrainian Defense Minister") is answered among that country's office holders, never among another country's
(blind review 26 turned down Ben Wallace and Lloyd Austin offered for the Ukrainian Defense Minister)."""

from __future__ import annotations

from quizzes.generation.distractors import role_country
from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

BRIEF = (
    "NATO defence ministers met at NATO Headquarters in Brussels on June 4, 2025 to discuss the Allies' military aid for Ukraine against Russia. "
    "The meeting was co-hosted by German Defense Minister Boris Pistorius and UK Defense Secretary John Healey. "
    "Ukrainian Defense Minister Rustem Umerov is expected to attend in person. "
    "However, US Secretary of Defense Pete Hegseth is not expected at the meeting. "
    "Ukrainian Deputy Prime Minister Oleksiy Hernishov will present the refugee plan in Brussels. "
    # Each Ukrainian named again: a person named once, in passing, is not asked about at all (review.py).
    "Umerov asked the Allies for more air defence systems before the winter. "
    "Hernishov said the plan would cover housing and work for refugees across the European Union."
)
UKRAINIANS = {
    "Rustem Umerov",
    "Oleksii Reznikov",
    "Dmytro Kuleba",
    "Andrii Sybiha",
    "Olga Stefanishyna",
    "Denys Shmyhal",
    "Oleksiy Hernishov",
}


def _people_choices(text: str) -> list:  # type: ignore[type-arg]
    """The single choices about people over several reading keys (a key's hash decides between a single choice and
    a short answer, so one key alone might show no single choice)."""
    sections = [SectionText(0, "", "body", "en", text, 0)]
    found = []
    for n in range(8):
        result = generate(reading_key=f"{n}-{normalise_text(text)[:40]}", cleaned_text=text, sections=sections, lexicon=seed_lexicon())
        found += [q for q in result.questions if q.type == QuestionType.SINGLE_CHOICE and q.topic == "people-and-roles"]
    return found


def test_a_role_names_its_country_by_name_or_by_demonym():
    assert role_country("Ukrainian Defense Minister") == "Ukraine"
    assert role_country("UK Defense Secretary") == "United Kingdom"
    assert role_country("US Secretary of Defense") == "United States"
    assert role_country("German Defense Minister") == "Germany"
    assert role_country("EU Commissioner") == ""
    assert role_country("Defense Minister") == ""


def test_a_ukrainian_office_is_answered_among_ukrainian_office_holders_only():
    ukrainian = [q for q in _people_choices(BRIEF) if "Ukrainian" in q.stem]
    assert ukrainian, "the Ukrainian ministers are asked as single choices"
    for q in ukrainian:
        options = {c["text"] for c in q.choices}
        assert len(options) == 4
        # Never another country's minister, never the head of state everyone knows.
        assert options <= UKRAINIANS | {"Rustem Umyerov"}, (q.stem, options)


def test_no_single_choice_offers_another_countrys_minister_for_a_role_naming_its_country():
    for q in _people_choices(BRIEF):
        options = {c["text"] for c in q.choices}
        if "UK Defense Secretary" in q.stem or "US Secretary of Defense" in q.stem or "German Defense Minister" in q.stem:
            # Too few of the country's own office holders for three wrong options: no single choice at all.
            raise AssertionError((q.stem, options))
