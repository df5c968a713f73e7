"""Why an import was refused. Each error carries one message constant that tests reuse."""

from __future__ import annotations

EMPTY_MESSAGE = "The file is empty: there is no text to import."
TOO_LARGE_MESSAGE = "The file is larger than the import limit of {limit} bytes."
UNSUPPORTED_TYPE_MESSAGE = "Unsupported file type: only plain text, Markdown, HTML and PDF readings can be imported."
UNDECODABLE_MESSAGE = "The text is not UTF-8 and its encoding could not be recognised with confidence; save it as UTF-8 and try again."
NO_TEXT_LAYER_MESSAGE = "The PDF has no text layer (it is probably a scan); run it through OCR first."
UNREADABLE_PDF_MESSAGE = "The PDF could not be read: it is damaged or encrypted."
NO_CONTENT_MESSAGE = "No readable text is left after cleaning."


class ReadingImportError(Exception):
    """Base class: a reading that cannot be imported. ``str(error)`` is safe to show users."""

    message = "The reading could not be imported."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)


class EmptyReadingError(ReadingImportError):
    message = EMPTY_MESSAGE


class ReadingTooLargeError(ReadingImportError):
    message = TOO_LARGE_MESSAGE

    def __init__(self, limit: int) -> None:
        super().__init__(TOO_LARGE_MESSAGE.format(limit=limit))


class UnsupportedTypeError(ReadingImportError):
    message = UNSUPPORTED_TYPE_MESSAGE


class UndecodableTextError(ReadingImportError):
    message = UNDECODABLE_MESSAGE


class NoTextLayerError(ReadingImportError):
    message = NO_TEXT_LAYER_MESSAGE


class UnreadablePdfError(ReadingImportError):
    message = UNREADABLE_PDF_MESSAGE


class NoContentError(ReadingImportError):
    message = NO_CONTENT_MESSAGE
