"""Importing readings: one service for the admin upload page, the management command, the API
and the demo seeds. The pipeline itself (``courseware.ingest``) never touches the database;
this module validates, parses, then saves everything in one transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from courseware.ingest.errors import ReadingImportError
from courseware.ingest.pipeline import KINDS, ParsedReading, parse_reading
from courseware.models import Citation, Reading, RemovedSpan, Section, StagedUpload, User
from courseware.permissions import RequestUser
from courseware.signals import reading_imported

__all__ = [
    "INVALID_KIND_MESSAGE",
    "ReadingImportError",
    "ReadingImportResult",
    "ReadingPreview",
    "StagedPreview",
    "reading_import",
    "reading_import_staged",
    "reading_preview",
    "reading_preview_upload",
    "reading_stage_upload",
    "reading_staged_data",
    "reading_staged_discard",
    "reading_versions",
]

INVALID_KIND_MESSAGE = "Unknown reading kind {kind!r}: use one of paper, news, report."

# Sections that English questions may be generated from: never the title line, the
# references, or an abstract in another language.


class InvalidKindError(ReadingImportError):
    message = INVALID_KIND_MESSAGE


@dataclass
class ReadingImportResult:
    reading: Reading
    created: bool
    sections: list[Section]
    removed: list[RemovedSpan]
    citations: dict[int, list[Citation]] = field(default_factory=dict)  # section id -> its citations

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of ``import_reading --json`` (and the API's import response)."""
        reading = self.reading
        return {
            "reading": {
                "id": reading.pk,
                "title": reading.title,
                "kind": reading.kind,
                "checksum": reading.checksum,
                "language": reading.language,
                "version": reading.version,
            },
            "created": self.created,
            "sections": [
                {
                    "order": section.order,
                    "heading": section.heading,
                    "kind": section.kind,
                    "language": section.language,
                    "chars": len(section.text),
                    "citations": [citation.as_cited for citation in self.citations.get(section.pk, [])],
                }
                for section in self.sections
            ],
            "removed": [{"reason": span.reason, "text": span.text} for span in self.removed],
        }


@dataclass
class ReadingPreview:
    """What an import would create, for the admin's preview; nothing is saved."""

    parsed: ParsedReading
    duplicate_of: Reading | None
    replaces: Reading | None

    @property
    def version(self) -> int:
        return self.replaces.version + 1 if self.replaces is not None else 1


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise InvalidKindError(INVALID_KIND_MESSAGE.format(kind=kind))


def _parse(data: bytes, *, filename: str, title: str | None, kind: str | None) -> ParsedReading:
    # Forms send "" for "not chosen": that means "guess", like None.
    kind = kind or None
    title = (title or "").strip() or None
    _check_kind(kind)
    return parse_reading(data, filename=filename, max_bytes=settings.READING_MAX_BYTES, title=title, kind=kind)


def _previous_version(*, title: str, replaces: Reading | None) -> Reading | None:
    """The reading a new import continues: the one named by the caller, else the latest
    version of a reading with the same title."""
    if replaces is not None:
        return Reading.objects.filter(lineage_id=replaces.lineage_id or replaces.pk, is_latest=True).first() or replaces
    return Reading.objects.filter(title__iexact=title, is_latest=True).order_by("-version").first()


def reading_preview(*, data: bytes, filename: str, title: str | None = None, kind: str | None = None) -> ReadingPreview:
    """Run the whole pipeline without saving (the admin's upload preview)."""
    parsed = _parse(data, filename=filename, title=title, kind=kind)
    duplicate = _reading_with_checksum(parsed.checksum)
    # The same bytes again create nothing, so they replace nothing either.
    replaces = None if duplicate is not None else _previous_version(title=parsed.title, replaces=None)
    return ReadingPreview(parsed=parsed, duplicate_of=duplicate, replaces=replaces)


def _reading_with_checksum(checksum: str) -> Reading | None:
    return Reading.objects.filter(checksum=checksum).first()


def _existing_result(reading: Reading) -> ReadingImportResult:
    sections = list(reading.sections.order_by("order"))
    citations: dict[int, list[Citation]] = {}
    for citation in Citation.objects.filter(section__reading=reading).order_by("section_id", "start"):
        citations.setdefault(citation.section_id, []).append(citation)
    return ReadingImportResult(
        reading=reading, created=False, sections=sections, removed=list(reading.removed_spans.order_by("order")), citations=citations
    )


def reading_import(
    *,
    data: bytes,
    filename: str,
    title: str | None = None,
    kind: str | None = None,
    imported_by: RequestUser | None = None,
    replaces: Reading | None = None,
    generate_questions: bool = True,
) -> ReadingImportResult:
    """Import one reading from raw bytes (text, Markdown, HTML or PDF, detected by content).

    A new reading gets its questions generated: ``reading_imported`` is sent and the quizzes
    app queues generation after the commit. Callers that generate synchronously themselves
    (demo seeding, the benchmark) pass ``generate_questions=False`` so it does not run twice.

    - The same bytes again create nothing: ``created`` is False and the existing reading is
      returned.
    - A reading whose title matches the latest version of an existing reading (or that the
      caller says ``replaces`` one) becomes its next version; the old version, and the lessons
      and questions built from it, stay until an instructor rebuilds.
    - Bad input raises a ``ReadingImportError`` subclass with a message fit for users, and
      nothing is saved.
    """
    # Validate first (bad input never touches the database), then look for the same bytes.
    parsed = _parse(data, filename=filename, title=title, kind=kind)
    existing = _reading_with_checksum(parsed.checksum)
    if existing is not None:
        return _existing_result(existing)
    try:
        result = _save(parsed, filename=filename, imported_by=imported_by, replaces=replaces)
    except IntegrityError:
        # Someone imported the same bytes between our check and our insert (the unique
        # checksum constraint stopped the second insert): theirs stands.
        existing = _reading_with_checksum(parsed.checksum)
        if existing is None:
            raise
        return _existing_result(existing)
    if generate_questions:
        reading_imported.send(sender=Reading, reading=result.reading)
    return result


@transaction.atomic
def _save(parsed: ParsedReading, *, filename: str, imported_by: RequestUser | None, replaces: Reading | None) -> ReadingImportResult:
    previous = _previous_version(title=parsed.title, replaces=replaces)
    root_id: int | None = None
    version = 1
    if previous is not None:
        root_id = previous.lineage_id or previous.pk
        # Two new versions of one reading imported at once must not both become "v2": lock the
        # lineage's first version, then read the newest version only once we hold the lock.
        Reading.objects.select_for_update().filter(pk=root_id).first()
        version = _lineage(root_id).order_by("-version").values_list("version", flat=True).first() or 0
        version += 1
    reading = Reading.objects.create(
        title=parsed.title,
        kind=parsed.kind,
        source_format=parsed.source_format,
        source=parsed.source,
        published_on=parsed.published_on,
        original_filename=(filename or "")[:300],
        checksum=parsed.checksum,
        raw_text=parsed.raw_text,
        cleaned_text=parsed.cleaned_text,
        language=parsed.language,
        lineage_id=root_id,
        version=version,
        imported_by=imported_by if isinstance(imported_by, User) and imported_by.pk else None,
    )
    if root_id is not None:
        _lineage(root_id).exclude(pk=reading.pk).update(is_latest=False)
    sections = Section.objects.bulk_create(
        Section(
            reading=reading,
            order=parsed_section.order,
            heading=parsed_section.heading[:300],
            level=parsed_section.level,
            kind=parsed_section.kind,
            language=parsed_section.language,
            text=parsed_section.text,
            start=parsed_section.start,
            end=parsed_section.end,
            # Often OCR-damaged and of no use to an English-reading class; an instructor can show it.
            hidden_from_students=parsed_section.kind == Section.Kind.FOREIGN_ABSTRACT,
        )
        for parsed_section in parsed.sections
    )
    citations: dict[int, list[Citation]] = {}
    pending: list[Citation] = []
    for section, parsed_section in zip(sections, parsed.sections, strict=True):
        for match in parsed_section.citations:
            citation = Citation(
                section=section, authors=match.authors[:300], year=match.year, as_cited=match.as_cited[:400], start=match.start
            )
            pending.append(citation)
            citations.setdefault(section.pk, []).append(citation)
    Citation.objects.bulk_create(pending)
    removed = RemovedSpan.objects.bulk_create(
        RemovedSpan(reading=reading, reason=item.reason, text=item.text, order=order) for order, item in enumerate(parsed.removed)
    )
    return ReadingImportResult(reading=reading, created=True, sections=sections, removed=removed, citations=citations)


def _lineage(root_id: int) -> QuerySet[Reading]:
    return Reading.objects.filter(pk=root_id) | Reading.objects.filter(lineage_id=root_id)


def reading_versions(*, reading: Reading) -> QuerySet[Reading]:
    """All versions of a reading, newest first."""
    root = reading.lineage_id or reading.pk
    assert root is not None, "only saved readings have versions"
    return _lineage(root).order_by("-version")


# --- uploads waiting between preview and confirmation -----------------------------------------
#
# The preview shows what an upload would become; the confirmation must import exactly those
# bytes without making the browser send them twice. They wait in a database row (any host may
# take the confirmation) named by a random token the caller keeps (e.g. in the session), and
# are deleted once used or expired.

STAGING_EXPIRED_MESSAGE = "The preview has expired; upload the reading again."
STAGING_MAX_AGE_SECONDS = 24 * 3600
_TOKEN = re.compile(r"[0-9a-f]{32}")


class StagedUploadMissingError(ReadingImportError):
    message = STAGING_EXPIRED_MESSAGE


def reading_staged_purge_expired() -> int:
    """Delete staged uploads past their expiry; returns how many went."""
    deleted, _ = StagedUpload.objects.filter(expires_at__lt=timezone.now()).delete()
    return deleted


def reading_stage_upload(*, data: bytes) -> str:
    """Keep uploaded bytes for a later confirmation; returns the token that names them."""
    reading_staged_purge_expired()
    token = secrets.token_hex(16)
    StagedUpload.objects.create(token=token, data=data, expires_at=timezone.now() + dt.timedelta(seconds=STAGING_MAX_AGE_SECONDS))
    return token


def reading_staged_data(*, token: str) -> bytes:
    if not _TOKEN.fullmatch(token or ""):
        raise StagedUploadMissingError()
    staged = StagedUpload.objects.filter(token=token, expires_at__gte=timezone.now()).values_list("data", flat=True).first()
    if staged is None:
        raise StagedUploadMissingError()
    return bytes(staged)


def reading_staged_discard(*, token: str) -> None:
    if _TOKEN.fullmatch(token or ""):
        StagedUpload.objects.filter(token=token).delete()


# The admin's upload page and the management import page run the same preview/confirm flow;
# only their forms, messages and redirects differ.


@dataclass
class StagedPreview:
    preview: ReadingPreview
    # What the caller keeps (in the session) for the confirmation: token, filename, title, kind.
    staged: dict[str, Any]

    @property
    def token(self) -> str:
        return str(self.staged["token"])


def reading_preview_upload(*, upload: Any | None, text: str, title: str | None, kind: str | None) -> StagedPreview:
    """Preview an uploaded file (or, without one, pasted text) and stage its bytes; ReadingImportError if it would not import."""
    data = upload.read() if upload else text.encode("utf-8")
    filename = upload.name if upload else "pasted.txt"
    preview = reading_preview(data=data, filename=filename, title=title, kind=kind)
    token = reading_stage_upload(data=data)
    return StagedPreview(preview=preview, staged={"token": token, "filename": filename, "title": title, "kind": kind})


def reading_import_staged(*, staged: dict[str, Any], token: str, imported_by: RequestUser | None) -> ReadingImportResult:
    """Import exactly the bytes a preview staged, if ``token`` is the one it gave; the staged
    file is discarded whether or not the import succeeds (a failed one must be uploaded again)."""
    if not token or staged.get("token") != token:
        raise StagedUploadMissingError()
    try:
        data = reading_staged_data(token=token)
        return reading_import(
            data=data, filename=staged["filename"], title=staged.get("title"), kind=staged.get("kind"), imported_by=imported_by
        )
    finally:
        reading_staged_discard(token=token)


def section_visibility_set(*, section: Section, visible: bool) -> Section:
    """Show a section to students on the reading page, or keep it from them (the caller checked that
    the user teaches; readings are shared, so the choice holds for every course that uses it)."""
    if section.hidden_from_students == (not visible):
        return section
    section.hidden_from_students = not visible
    section.save(update_fields=["hidden_from_students"])
    return section
