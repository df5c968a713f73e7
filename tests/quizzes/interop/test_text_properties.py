"""Whatever characters a question holds, writing it and reading it back gives the same text.

Property tests over the characters that are special somewhere: GIFT's ``~ = # { } : \\``, XML's
``< > & ]]>``, cloze's ``} # ~ / "``, percent signs (GIFT weights) and newlines.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.interop import PARSERS, WRITERS
from quizzes.interop.base import QuestionData

SPECIAL = list("ab ~=#{}:\\<>&\"'%/]\n-*")
text = (
    st.text(alphabet=st.sampled_from(SPECIAL), min_size=1, max_size=25)
    # Stripped like every reader strips; a leading "[" could be a format marker; "->" in a
    # short answer reads as matching in GIFT (documented limitation).
    .filter(lambda s: bool(s.strip()) and s == s.strip() and not s.startswith("[") and "____" not in s)
)
letters = st.text(alphabet="abcdefgh", min_size=1, max_size=8)


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
@settings(max_examples=150, deadline=None)
@given(stem=text, right=text, wrong=text, feedback=text, explanation=text)
def test_single_choice_texts_survive_writing_and_reading(fmt, stem, right, wrong, feedback, explanation) -> None:  # type: ignore[no-untyped-def]
    question = QuestionData(
        type="single_choice",
        stem=stem,
        choices=[{"id": "c1", "text": right, "feedback": feedback}, {"id": "c2", "text": wrong}],
        answer={"correct": "c1"},
        explanation=explanation,
        meta={"format": "plain"},
    )
    written = WRITERS[fmt]([question]).text
    parsed = PARSERS[fmt](written)
    assert parsed.errors == []
    (back,) = parsed.questions
    assert (back.stem, back.explanation) == (stem, explanation)
    assert back.choices == [{"id": "c1", "text": right, "feedback": feedback}, {"id": "c2", "text": wrong}]


@pytest.mark.parametrize("fmt", ["gift", "moodle-xml"])
@settings(max_examples=150, deadline=None)
@given(before=letters, after=letters, accepted=text.filter(lambda s: "->" not in s and any(c.isalnum() for c in s)), feedback=text)
def test_cloze_answers_survive_writing_and_reading(fmt, before, after, accepted, feedback) -> None:  # type: ignore[no-untyped-def]
    question = QuestionData(
        type="cloze",
        stem=f"{before} ____ {after}",
        answer={"accepted": [accepted]},
        meta={"format": "plain", "answer_feedback": {accepted: feedback}},
    )
    parsed = PARSERS[fmt](WRITERS[fmt]([question]).text)
    assert parsed.errors == []
    (back,) = parsed.questions
    assert (back.type, back.stem, back.answer) == ("cloze", question.stem, {"accepted": [accepted]})
    assert back.meta["answer_feedback"] == {accepted: feedback}
