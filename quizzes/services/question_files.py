"""Writes of question files (``quizzes.models.files``): storing checked images on a question
version, copying them to the next version, and putting a new image into the text.

Nothing here checks permissions: the services that make the version (``quizzes.services.review``
for the editor, ``quizzes.services.interop`` for imports) have checked the bank first, and call
these inside their transaction. Images are checked (``quizzes.media.image_check``) before any of
those services writes, so a refused image costs nothing already saved.

A blob written by a transaction that then rolls back stays in storage, unreferenced: harmless
(its name is random) and cheaper than deferring every write to commit.
"""

from __future__ import annotations

import hashlib
import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile

from quizzes.media import CheckedImage, file_reference, files_referenced, image_check
from quizzes.models import Question, QuestionFile


def question_image_check(*, name: str, data: bytes) -> CheckedImage:
    """The image if it may be kept, or ``quizzes.media.ImageRefused`` saying why, under this site's size limit."""
    return image_check(name=name, data=data, max_bytes=settings.QUESTION_FILE_MAX_BYTES)


def question_files_store(*, question: Question, images: Iterable[CheckedImage]) -> list[QuestionFile]:
    """Store ``images`` on this version, replacing a file of the same name (the text names files)."""
    stored = []
    for image in images:
        QuestionFile.objects.filter(question=question, name=image.name).delete()
        row = QuestionFile(
            question=question,
            name=image.name,
            content_type=image.content_type,
            size=len(image.data),
            sha256=hashlib.sha256(image.data).hexdigest(),
        )
        row.file.save("image", ContentFile(image.data), save=False)
        row.save()
        stored.append(row)
    return stored


def question_files_copy(*, targets: Mapping[int, Question]) -> int:
    """Give each new question (a new version, a copy in another bank) the files of the question
    whose id maps to it: new rows, the same stored blobs, so each keeps its own images whatever
    happens to the other. One query to read, one to write, however many questions."""
    rows = [
        QuestionFile(
            question=targets[f.question_id], name=f.name, content_type=f.content_type, size=f.size, sha256=f.sha256, file=f.file.name
        )
        for f in QuestionFile.objects.filter(question_id__in=list(targets))
    ]
    return len(QuestionFile.objects.bulk_create(rows)) if rows else 0


def text_with_images(
    *, stem: str, explanation: str, meta: dict[str, Any], images: Sequence[CheckedImage], alt: str = ""
) -> tuple[str, str, dict[str, Any]]:
    """The stem with each new image shown at its end (unless the text already refers to it), and
    the text format that can show it.

    Our own questions are plain text, which shows no image: such a question becomes Moodle's
    auto-format (HTML allowed, line breaks kept as written), with its stem and feedback escaped
    so that they read exactly as before. Choices are left as written: auto-format shows plain
    words the same (only text that looks like a tag would now count as one).
    """
    if not images:
        return stem, explanation, meta
    meta = dict(meta)
    fmt = str(meta.get("format") or "plain")
    if fmt == "plain":
        stem, explanation = html.escape(stem, quote=False), html.escape(explanation, quote=False)
        fmt = meta["format"] = "moodle"
    referenced = set(files_referenced(stem))
    for image in images:
        if image.name in referenced:
            continue
        reference = file_reference(image.name)
        if fmt == "markdown":
            stem += f"\n\n![{alt.replace(']', '')}]({reference})"
        else:
            stem += f'\n<p><img src="{reference}" alt="{html.escape(alt, quote=True)}"></p>'
    return stem, explanation, meta
