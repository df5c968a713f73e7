"""Question banks in and out of Moodle's formats: GIFT, Moodle XML and Aiken.

Readers (``parse(text) -> ParseResult``) and writers (``write(questions) -> ExportResult``) work
on ``QuestionData`` and know nothing of the database; ``quizzes.services.interop`` connects them
to question banks.

Type mapping (Moodle -> ours; writing goes back the same way):

==========================================  ==================================================
multichoice with one 100% answer            single_choice (other non-zero grades -> weights)
multichoice "multiple answers"              multiple_response (weights unless they equal our
                                            +1/n / -1/n rule, which is written as such weights)
truefalse                                   true_false (both feedbacks in meta.answer_feedback)
shortanswer                                 short_answer; cloze when its text has the blank
numerical                                   numeric (first 100% answer is the key, others are
                                            alternatives with weights; base unit kept)
matching / GIFT ``a -> b``                  matching (empty left side = extra wrong answer)
ordering (qtype_ordering, XML only)         ordering
cloze/multianswer with ONE gap              SHORTANSWER gap -> cloze; MULTICHOICE / MULTIRESPONSE
                                            / NUMERICAL gap -> that type with the blank in the stem
cloze/multianswer with several gaps         embedded_answers (XML only): a gap per code with its
                                            kind (SHORTANSWER[_C], NUMERICAL, MULTICHOICE*), marks
                                            and feedback; MULTIRESPONSE gaps are refused
                                            (a cloze without <defaultgrade> is worth the sum of its
                                            gaps' marks, as Moodle's import_multianswer makes it)
essay / GIFT ``{}``                         essay (box size, word limit, template, grader info,
                                            one attached file: none / optional / required and its
                                            kinds; rich text and other file options kept for export)
description / GIFT text without answers     description (shown between questions, worth 0 points)
calculated, drag and drop, random, ...      not imported: reported per question with the reason
==========================================  ==================================================

What maps only approximately is reported as a note on import and on export (see each module):
case-sensitive short answers (graded ignoring case), a paying ``*`` catch-all, units other than
the base unit, ordering grading rules other than "relative to next item", hints and combined
feedback (kept for export, not shown), per-part text formats. Images travel in Moodle XML only
(base64 ``<file>`` elements and the legacy ``<image>``; see ``quizzes.media``). GIFT cannot hold
points, units, ordering questions or case sensitivity; Aiken holds only single choice (true/false
is written as two options); difficulty and source passages only travel in the JSON export.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from quizzes.interop import aiken, gift, moodle_xml
from quizzes.interop.base import ExportResult, ImportReport, InteropError, Issue, ParseResult, QuestionData


class Parser(Protocol):
    def __call__(self, text: str, limit: int | None = None) -> ParseResult: ...


PARSERS: dict[str, Parser] = {
    "gift": gift.parse,
    "moodle-xml": moodle_xml.parse,
    "aiken": aiken.parse,
}
WRITERS: dict[str, Callable[[list[QuestionData]], ExportResult]] = {
    "gift": gift.write,
    "moodle-xml": moodle_xml.write,
    "aiken": aiken.write,
}
# For downloads offered by the review page and the API.
FILE_EXTENSIONS = {"gift": "txt", "moodle-xml": "xml", "aiken": "txt", "json": "json"}
CONTENT_TYPES = {
    "gift": "text/plain; charset=utf-8",
    "moodle-xml": "application/xml; charset=utf-8",
    "aiken": "text/plain; charset=utf-8",
    "json": "application/json",
}

__all__ = [
    "CONTENT_TYPES",
    "FILE_EXTENSIONS",
    "PARSERS",
    "WRITERS",
    "ExportResult",
    "ImportReport",
    "InteropError",
    "Issue",
    "ParseResult",
    "QuestionData",
]
