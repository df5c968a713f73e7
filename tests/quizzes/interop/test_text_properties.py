"""Whatever characters a question holds, writing it and reading it back gives the same text.

Property tests over the characters that are special somewhere: GIFT's ``~ = # { } : \\``, XML's
``< > & ]]>``, cloze's ``} # ~ / "``, percent signs (GIFT weights) and newlines.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.interop import PARSERS, WRITERS
from quizzes.interop.base import InteropError, QuestionData
from quizzes.interop.mapping import model_fields_from_data
from quizzes.questiontypes import validate_definition

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


def _imported_or_refused(question: QuestionData) -> None:
    """A parsed question either becomes valid model fields or is refused with a reason."""
    try:
        fields = model_fields_from_data(question)
    except InteropError as exc:
        assert str(exc)
        return
    validate_definition(type=fields["type"], choices=fields["choices"], answer=fields["answer"])
    assert fields["stem"]


GIFT_PIECES = st.sampled_from(
    [
        "::t::",
        "{",
        "}",
        "=",
        "~",
        "#",
        "####",
        "->",
        "%50%",
        "%-100%",
        "%x%",
        "T",
        "FALSE",
        "\\",
        "\\:",
        ":",
        "..",
        "1",
        "-2",
        "[html]",
        "[plain]",
        "<b>",
        "\n",
        "\n\n",
        "// [id:a] [tag:b]\n",
        "$CATEGORY: a/b\n",
        "text ",
        "*",
        "____",
    ]
)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(GIFT_PIECES, max_size=30))
def test_any_gift_text_is_either_imported_or_reported_never_a_crash(pieces) -> None:  # type: ignore[no-untyped-def]
    parsed = PARSERS["gift"]("".join(pieces))
    assert all(error.reason and error.line for error in parsed.errors)
    for question in parsed.questions:
        _imported_or_refused(question)


@settings(max_examples=200, deadline=None)
@given(body=st.text(alphabet=st.sampled_from(list("<>/=\"' quizestonaxtypefrcl&;![]CDAT\n{}:~#%1")), max_size=200))
def test_any_xml_text_is_either_imported_or_reported_never_a_crash(body) -> None:  # type: ignore[no-untyped-def]
    for fmt, text in (("moodle-xml", f"<quiz>{body}</quiz>"), ("aiken", body)):
        parsed = PARSERS[fmt](text)
        assert all(error.reason for error in parsed.errors)
        for question in parsed.questions:
            _imported_or_refused(question)


def _xml_question(qtype: str, stem: str, fractions: list[str], texts: list[str], single: str) -> str:
    from xml.sax.saxutils import escape

    answers = "".join(
        f'<answer fraction="{escape(f)}"><text>{escape(t)}</text><tolerance>{escape(t)}</tolerance></answer>'
        f"<subquestion><text>{escape(t)}</text><answer><text>{escape(f)}</text></answer></subquestion>"
        for f, t in zip(fractions, texts, strict=False)
    )
    return (
        f'<question type="{qtype}"><name><text>n</text></name><questiontext format="html"><text>{escape(stem)}</text></questiontext>'
        f"<single>{single}</single><defaultgrade>{escape(fractions[0] if fractions else '')}</defaultgrade>{answers}</question>"
    )


@settings(max_examples=300, deadline=None)
@given(
    qtype=st.sampled_from(["multichoice", "truefalse", "shortanswer", "numerical", "matching", "ordering", "cloze", "essay", "x"]),
    stem=st.sampled_from(["Q?", "", "A ____ B", "{1:SA:=a}", "{1:MC:~a~=b}", "{1:NM:=3:1}", "{1:MR:~%50%a~%50%b~c}", "{:X:=a}"]),
    fractions=st.lists(st.sampled_from(["100", "0", "50", "-50", "33.33333", "abc", "", "150", "1", "2"]), max_size=5),
    texts=st.lists(st.sampled_from(["true", "false", "a", "", "*", "3", "x:y", "<b>b</b>"]), max_size=5),
    single=st.sampled_from(["true", "false", "0", ""]),
)
def test_any_moodle_question_is_either_imported_or_reported_never_a_crash(qtype, stem, fractions, texts, single) -> None:  # type: ignore[no-untyped-def]
    parsed = PARSERS["moodle-xml"]("<quiz>" + _xml_question(qtype, stem, fractions, texts, single) + "</quiz>")
    assert len(parsed.questions) + len(parsed.errors) == 1
    for question in parsed.questions:
        _imported_or_refused(question)
