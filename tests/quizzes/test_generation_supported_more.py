"""More "Which statement does the reading support?" questions, from a sentence's year (issue 13: the seed paper's "Since
2015, Operation UNIFIER …, led by Canada, has provided …" was never asked, because a year followed by a comma was
not read as a year). A year moved is a fair wrong option only where the sentence's own words make it false: "since
2013" of a mission begun in 2016 is false, "since 2018" is not (the mission has trained since 2018 too); a year every
student knows or a statement about an office holder ("In 2002, President Clinton …") is never moved. And no weapon
system is swapped for another of its class: "Patriot allowed … to target helicopters" is true of the Patriot too,
whatever the reading says of it."""

from __future__ import annotations

import re
from typing import Any

from quizzes.generation.pipeline import generate
from quizzes.generation.text import SectionText
from quizzes.models import QuestionType
from quizzes.questiontypes import normalise_text
from tests.quizzes.seed_readings import seed_lexicon

SINCE = "Operation Harbour Shield has provided Moldovan border guards with training in areas including patrol tactics, first aid, and logistics."
OPENED = "The Regional Staff College opened a new wing for officers from partner countries in"

READING = (
    "NATO has expanded its support for partners on its eastern flank over the past decade, with deterrence in mind. "
    "Since 2016, Operation Harbour Shield, led by Italy, has provided Moldovan border guards with training in areas "
    "including patrol tactics, first aid, and logistics. "
    "In 2019, the Regional Staff College opened a new wing for officers from partner countries. "
    "Stingers, which are man-portable, allowed the partner's forces to target hostile helicopters and low-altitude aircraft. "
    "Other Allies have provided systems like the Patriot missile defense system and the NASAMS air defense system. "
    "Since 2014, Russia has sent drones over the border of Moldova, according to the partner's ministry. "
    "In 2017, President Trump, meeting the partner's delegation in Washington, announced a new aid package for border security. "
    "The partner's parliament has also adopted a new defence strategy that puts training first."
)


def _supported(text: str) -> dict[str, list[str]]:
    """Key statement -> every option, of each "Which statement … support?" question."""
    sections = [SectionText(0, "", "body", "en", text, 0)]
    questions: list[Any] = generate(
        reading_key=normalise_text(text)[:40], cleaned_text=text, sections=sections, lexicon=seed_lexicon()
    ).questions
    out = {}
    for q in questions:
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("Which statement") and q.stem.endswith("support?"):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[texts[q.answer["correct"]]] = sorted(texts.values())
    return out


def _years(options: list[str]) -> list[int]:
    return sorted(int(y) for o in options for y in re.findall(r"\b(?:19|20)\d\d\b", o))


def test_a_year_followed_by_a_comma_is_moved_and_since_only_to_earlier_years():
    asked = _supported(READING)
    key = f"Since 2016, {SINCE}"
    assert key in asked, asked
    options = asked[key]
    # The aside ("led by Italy") is dropped from the key, and every wrong option is the key with the year moved back.
    assert all(o.endswith(SINCE) and o.startswith("Since ") for o in options)
    years = _years(options)
    assert len(years) == 3 and years[-1] == 2016 and all(2010 <= y <= 2014 for y in years[:-1])


def test_the_latest_year_of_the_reading_moves_only_back():
    asked = _supported(READING)
    key = f"{OPENED} 2019."
    assert key in asked, asked
    years = _years(asked[key])
    assert years[-1] == 2019 and len(set(years)) == 3
    assert all(o.startswith(OPENED) for o in asked[key])


def test_no_known_year_no_office_holder_and_no_weapon_swapped():
    asked = _supported(READING)
    options = [o for opts in asked.values() for o in opts]
    # 2014 is a year every student of the field knows (the pack says so): the drone sentence is not asked by its year.
    assert not any("drones" in o and "2014" not in o for o in options)
    # A President's year may fall outside his term once moved.
    assert not any("Trump" in o for o in options)
    # Patriot and NASAMS do target aircraft: a statement giving them the Stingers' deed is no surely false option.
    assert not any(o.startswith(("Patriot", "NASAMS", "IRIS-T")) for o in options)
