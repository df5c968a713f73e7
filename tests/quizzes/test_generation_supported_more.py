"""No weapon system is swapped for another of its class in "Which statement does the reading support?": "Patriot
allowed … to target helicopters" is true of the Patriot too, whatever the reading says of it (the seed paper's
Stinger statement offered Patriot and IRIS-T so). Moving a sentence's year for two more wrong options was tried and
taken back: both reviewers of blind review 36 rejected the result, the earlier years falling before the reading's own
starting point and so guessed."""

from __future__ import annotations

from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body

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
    out = {}
    for q in generate_body(text):
        if q.type == QuestionType.SINGLE_CHOICE and q.stem.startswith("Which statement") and q.stem.endswith("support?"):
            texts = {c["id"]: c["text"] for c in q.choices}
            out[texts[q.answer["correct"]]] = sorted(texts.values())
    return out


def test_no_weapon_system_is_swapped_for_another_of_its_class():
    asked = _supported(READING)
    options = [o for opts in asked.values() for o in opts]
    # Patriot and NASAMS do target aircraft: a statement giving them the Stingers' deed is no surely false option.
    # (Swapped, they were the Stinger statement's two wrong options: this reading asked exactly that question.)
    assert not any(o.startswith(("Patriot", "NASAMS", "IRIS-T")) for o in options)
