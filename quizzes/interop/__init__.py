"""Question banks in and out of Moodle's formats: GIFT, Moodle XML and Aiken.

Readers (``parse(text) -> ParseResult``) and writers (``write(questions) -> ExportResult``) work
on ``QuestionData`` and know nothing of the database; ``quizzes.services.interop`` connects them
to question banks.
"""

from __future__ import annotations

from collections.abc import Callable

from quizzes.interop import aiken, gift, moodle_xml
from quizzes.interop.base import ExportResult, ImportReport, InteropError, Issue, ParseResult, QuestionData

PARSERS: dict[str, Callable[[str], ParseResult]] = {
    "gift": gift.parse,
    "moodle-xml": moodle_xml.parse,
    "aiken": aiken.parse,
}
WRITERS: dict[str, Callable[[list[QuestionData]], ExportResult]] = {
    "gift": gift.write,
    "moodle-xml": moodle_xml.write,
    "aiken": aiken.write,
}
FILE_EXTENSIONS = {"gift": "txt", "moodle-xml": "xml", "aiken": "txt", "json": "json"}

__all__ = ["FILE_EXTENSIONS", "PARSERS", "WRITERS", "ExportResult", "ImportReport", "InteropError", "Issue", "ParseResult", "QuestionData"]
