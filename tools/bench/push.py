"""How a simulated student learns its result, the way the result page does (issue 18).

The page (``static/js/result_push.js`` on ``quizzes/templates/quizzes/partials/result_block.html``)
opens an EventSource on ``GET /api/attempts/{id}/events/``; on a ``graded`` event it closes the
source and fetches the graded block once. Every other end of a stream (a ``timeout`` event, the
stream just ending, a network error) makes the EventSource reconnect after its reconnection
time: the last ``retry:`` the server sent, ``DEFAULT_RETRY_MS`` before any. A refusal (a status
other than 200, another content type) closes the source for good. Independently the block polls
every ``FALLBACK_POLL_SECONDS``, the page's fallback.

The locust students (``locustfile``) do the same HTTP and note what each response told them,
as seconds since their submit response; ``result_visible`` turns those notes into the moment
the result was on the screen. Only the standard library here: the load generator loads this file
by path, without Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Before the first ``retry:`` an EventSource waits an implementation-defined time; browsers use
# about 3 s. The endpoint always sends ``retry:`` first, so this only matters after a refusal.
DEFAULT_RETRY_MS = 3000
# The result block's ``hx-trigger="every 10s, graded"``: the page's fallback, running meanwhile.
FALLBACK_POLL_SECONDS = 10.0
EVENT_STREAM = "text/event-stream"

Action = Literal["graded", "reconnect", "closed"]
# Where a note came from: the submit response, one events response, the fetch after "graded"
# (``result``) and the fallback poll (``poll``).
Source = Literal["submit", "events", "result", "poll"]
# A note that shows the graded result, and the path that got it there.
SHOWN_BY = {"submit": "submit", "result": "events", "poll": "poll"}
VIAS = ("events", "poll", "submit", "none")


@dataclass(frozen=True)
class Parsed:
    events: list[tuple[str, str]]  # (type, data) of each dispatched event, in order
    retry_ms: int | None  # the last valid ``retry:`` field, None without one


def sse_parse(body: str) -> Parsed:
    """Server-Sent Events as an EventSource interprets them (WHATWG HTML, "event stream
    interpretation"): an event is dispatched at a blank line, and only with data; ``:`` starts a
    comment; one space after the colon is dropped; ``retry`` counts only when all digits; an
    event left unfinished when the stream ends is discarded."""
    events: list[tuple[str, str]] = []
    retry_ms: int | None = None
    event_type = ""
    data: list[str] = []
    for line in re.split(r"\r\n|\r|\n", body):
        if line == "":
            if data:
                events.append((event_type or "message", "\n".join(data)))
            event_type, data = "", []
            continue
        if line.startswith(":"):
            continue
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "event":
            event_type = value
        elif name == "data":
            data.append(value)
        elif name == "retry" and value.isascii() and value.isdigit():
            retry_ms = int(value)
    return Parsed(events=events, retry_ms=retry_ms)


@dataclass(frozen=True)
class Outcome:
    action: Action
    retry_ms: int  # the reconnection time from now on


def eventsource_after(*, status: int | None, content_type: str, body: str, retry_ms: int) -> Outcome:
    """What the page does once one events response has ended. ``status`` None is a network
    error (no response): the EventSource reconnects, as it does when a stream ends."""
    if status is None:
        return Outcome("reconnect", retry_ms)
    if status != 200 or content_type.split(";")[0].strip().lower() != EVENT_STREAM:
        return Outcome("closed", retry_ms)  # the browser fails the connection: polling carries on
    parsed = sse_parse(body)
    retry = parsed.retry_ms if parsed.retry_ms is not None else retry_ms
    if any(kind == "graded" for kind, _ in parsed.events):
        return Outcome("graded", retry)
    return Outcome("reconnect", retry)


@dataclass(frozen=True)
class Note:
    seconds: float  # since the submit response
    source: Source
    graded: bool  # the response said the attempt is graded


@dataclass(frozen=True)
class Visible:
    seconds: float | None  # from the submit response to the graded result on the screen
    via: str  # "events", "poll", "submit", or "none" when it never showed


def result_visible(notes: list[Note]) -> Visible:
    """The first note that put the graded result on the screen. A ``graded`` event alone does
    not: the page shows the result once the fetch it triggers (``result``) has answered."""
    shown = [note for note in notes if note.graded and note.source in SHOWN_BY]
    if not shown:
        return Visible(None, "none")
    first = min(shown, key=lambda note: note.seconds)
    return Visible(first.seconds, SHOWN_BY[first.source])
