"""Blind review 83 (issue 13), on texts about Operation Prosperity Guardian, the Wagner mutiny and Nagorno-Karabakh
nobody had run the generator on: "The ____ rebels" keyed "Iran-backed Houthi", and how long a tie has lasted, hedged,
stated false with another figure."""

from __future__ import annotations

from quizzes.generation.extract.mentions import _cap_runs
from quizzes.models import QuestionType
from tests.quizzes.seed_readings import generate_body


def test_a_describing_word_before_a_name_is_no_part_of_it():
    runs = [" ".join(w for w, _, _ in run) for run in _cap_runs("The Iran-backed Houthi Movement rebels are located in Yemen.")]
    assert "Houthi Movement" in runs and not [r for r in runs if "Iran-backed" in r]
    assert "Nagorno-Karabakh Autonomous Oblast" in [
        " ".join(w for w, _, _ in run) for run in _cap_runs("in the Nagorno-Karabakh Autonomous Oblast")
    ]


def test_how_long_a_tie_has_lasted_roughly_is_not_asked():
    text = (
        "Prigozhin, who has been a close ally of Russian President Vladimir Putin for roughly 20 years, had earlier agreed "
        "to end what he described as a march for justice to topple the military leadership of Russia in Moscow."
    )
    asked = [q for q in generate_body(text) if "roughly ____ years" in q.stem or q.meta.get("tf_original") == "20"]
    assert not asked, [q.stem for q in asked]
    assert not [q for q in generate_body(text) if q.type == QuestionType.NUMERIC and q.answer["value"] == 20]
