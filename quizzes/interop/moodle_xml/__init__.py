"""Moodle XML (``<quiz><question type="...">``), read and written as Moodle's qformat_xml does.

Types: multichoice (single choice / multiple response), truefalse, shortanswer (our cloze when
its text has the blank), numerical, matching, ordering (the qtype_ordering plugin), description
and cloze (multianswer): with one embedded gap, SHORTANSWER gaps become our cloze type and
MULTICHOICE / MULTIRESPONSE / NUMERICAL gaps the corresponding type with the blank in the stem;
with several gaps, our embedded answers (``cloze.py``). Essays with their box size, word limit,
template, grader information and attachment settings. Categories (``<question type="category">``, nested with "/", "//" for a slash in a
name), CDATA and entity escapes, idnumbers and tags are kept. Images: every base64 ``<file>`` and
the legacy ``<image>``/``<image_base64>`` are read into ``QuestionData.files``; the writer puts each
file next to the text that refers to it. Each malformed question is
reported with its reason while the others in the file still import.
"""

from quizzes.interop.moodle_xml.read import parse
from quizzes.interop.moodle_xml.write import write

__all__ = ["parse", "write"]
