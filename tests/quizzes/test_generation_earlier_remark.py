"""A speaker pointing back at an earlier remark ("…, which I mentioned before") is not quoted on its own (issue 13,
stems that stand alone; blind reviews 25 and 26 edited a question quoting such a sentence of a briefing)."""

from __future__ import annotations

import pytest

from quizzes.generation.standalone import sentence_problems

REMARK = "unresolved reference (what the speaker said before)"


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. and Russia have a ballistic missile launch notification agreement with each other, which I mentioned before.",
        "As I said earlier, the Alliance will decide on the new force model at the summit in July.",
        "The readiness plan, which we discussed a moment ago, puts 300,000 troops on high readiness.",
    ],
)
def test_a_remark_pointing_back_at_what_the_speaker_said_does_not_stand_alone(sentence: str):
    assert REMARK in sentence_problems(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Allies mentioned before the summit that they would spend more on defence.",
        "The agreement, which the two governments signed earlier in the year, notifies each side of launches.",
    ],
)
def test_mentioned_before_an_event_or_an_earlier_signature_is_no_such_remark(sentence: str):
    assert REMARK not in sentence_problems(sentence)
