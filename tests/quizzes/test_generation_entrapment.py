"""Entrapment, a concept of alliance politics a sentence may describe without naming it (issue 13, blind review 38: the
concept questions were the kind both reviewers accepted most often): Allies wary of being dragged into a partner's war,
or of extending their guarantee to a country at war. Collective defence, the open door and burden sharing are never
offered beside it (the same sentence speaks of Article 5, of accession or of the costs of defending); abandonment, the
opposite fear, is one of the concepts it may be offered beside."""

from __future__ import annotations

import pytest

from tests.quizzes.test_generation_concepts2 import _asked as asked_concepts

OPENING = "NATO Allies met in Brussels to discuss support for Ukraine and the Alliance's posture on the eastern flank. "


def _asked(text: str) -> dict[str, tuple[str, set[str]]]:
    return asked_concepts(OPENING + text)


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        ("Several Allies remain wary of being drawn into a direct war with Russia over Georgia.", True),
        ("Some members fear the costs of defending Moldova under the Alliance's mutual defence obligations.", True),
        ("Others hesitate, fearing the risks of extending Article 5 guarantees to a country in active conflict.", True),
        # Near misses: no fear of one's own entanglement, or the concept named.
        ("Russian forces were drawn into a long war of attrition in the Donbas.", False),
        ("Some Allies fear entrapment in a war over Ukraine.", False),
        ("The Allies agreed to extend air policing to the Baltic states.", False),
    ],
)
def test_entrapment_is_asked_on_a_paraphrase_and_not_on_a_near_miss(sentence: str, asked: bool):
    assert ("entrapment" in _asked(sentence)) is asked


def test_entrapment_is_asked_among_concepts_of_alliance_politics_that_do_not_fit_the_sentence():
    stem, options = _asked("Others hesitate, fearing the risks of extending Article 5 guarantees to a country in active conflict.")[
        "entrapment"
    ]
    assert "extending Article 5 guarantees" in stem
    alliance_politics = {"interoperability", "neutrality", "deterrence", "abandonment", "entrapment"}
    assert options <= alliance_politics and len(options) == 4
