"""What reading and writing Moodle XML share: text formats, the options Moodle writes per type,
our types' Moodle names."""

from __future__ import annotations

FORMAT_FROM_XML = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}
FORMAT_TO_XML = {v: k for k, v in FORMAT_FROM_XML.items()}

# Options we write for each Moodle type; an imported value that differs is kept in meta["moodle"].
COMMON_OPTIONS = {"penalty": "0.3333333", "hidden": "0"}
TYPE_OPTIONS: dict[str, dict[str, str]] = {
    "multichoice": {"shuffleanswers": "true", "answernumbering": "abc", "showstandardinstruction": "0"},
    "truefalse": {},
    "shortanswer": {},
    "numerical": {"unitgradingtype": "0", "unitpenalty": "0.1000000", "showunits": "3", "unitsleft": "0"},
    "matching": {"shuffleanswers": "true"},
    "ordering": {
        "layouttype": "VERTICAL",
        "selecttype": "ALL",
        "selectcount": "0",
        "gradingtype": "RELATIVE_NEXT_EXCLUDE_LAST",
        "showgrading": "SHOW",
        "numberingstyle": "none",
    },
    "cloze": {},
    # Text between questions: nothing but the common fields (Moodle writes defaultgrade 0).
    "description": {},
    # Kept as read and written back; here students answer in plain text (the import notes say
    # so). Box size, word limit, template, grader info and the attachment settings (ATTACHMENT_*
    # below) map to the type.
    "essay": {
        "responseformat": "editor",
        "responserequired": "1",
        "minwordlimit": "",
        "attachments": "0",
        "attachmentsrequired": "0",
        "maxbytes": "0",
        "filetypeslist": "",
    },
}
OUR_TO_MOODLE = {
    "single_choice": "multichoice",
    "multiple_response": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "ordering": "ordering",
    "cloze": "cloze",
    "essay": "essay",
    "description": "description",
    "embedded_answers": "cloze",
}
NOT_REPRESENTABLE: dict[str, str] = {}
COMBINED = ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback")

# An essay's attachment settings: Moodle's <attachments>, <attachmentsrequired>, <filetypeslist>.
ATTACHMENT_OPTIONS = ("attachments", "attachmentsrequired", "filetypeslist")
# Moodle's file types (extensions, MIME types and its groups) -> the kinds an essay takes here.
FILE_TYPES_FROM_MOODLE = {
    ".pdf": ["pdf"],
    "application/pdf": ["pdf"],
    ".docx": ["docx"],
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ["docx"],
    ".odt": ["odt"],
    "application/vnd.oasis.opendocument.text": ["odt"],
    ".txt": ["txt"],
    "text/plain": ["txt"],
    ".png": ["png"],
    "image/png": ["png"],
    ".jpg": ["jpeg"],
    ".jpeg": ["jpeg"],
    ".jpe": ["jpeg"],
    "image/jpeg": ["jpeg"],
    "document": ["pdf", "docx", "odt", "txt"],
    "image": ["png", "jpeg"],
    "web_image": ["png", "jpeg"],
}
FILE_TYPES_TO_MOODLE = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt", "txt": ".txt", "png": ".png", "jpeg": ".jpg"}

# Moodle's default essay box size (lines): not kept when read, written when a question sets none.
ESSAY_LINES_DEFAULT = "15"

# Moodle 1.x's <image> tag: what cannot be carried of it, said per question.
LEGACY_IMAGE_NOTES = {
    "link": "the image {name} is a link to a file outside this XML (no <image_base64>); it is not imported",
    "base64": "the image {name} (<image_base64>) is not valid base64; it is not imported",
    "plain": "the image {name} is not imported: the question text is plain text, which shows no image",
}
