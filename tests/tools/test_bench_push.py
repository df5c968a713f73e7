"""How the benchmark's students learn their result (issue 18): as the result page does, through
the push endpoint with an EventSource's reconnection rules, the page's 10 s poll as fallback;
and how the time from submit to the result on the screen becomes ``result_visible_ms``.
Pure functions over responses and timestamps: nothing is started, nothing is timed."""

from __future__ import annotations

from quizzes.attempt_events import PREAMBLE, _event, preamble_no_wait
from tools.bench.push import (
    DEFAULT_RETRY_MS,
    FALLBACK_POLL_SECONDS,
    Note,
    Outcome,
    Visible,
    eventsource_after,
    result_visible,
    sse_parse,
)
from tools.bench.scenarios import result_visible_figures, web_server_name

STREAM = "text/event-stream; charset=utf-8"


def _body(*chunks: bytes) -> str:
    return b"".join(chunks).decode()


def test_the_parser_reads_events_as_an_eventsource_does() -> None:
    parsed = sse_parse("retry: 1500\n: a comment\nevent: graded\ndata: {}\n\ndata: a\ndata:b\n\n")
    assert parsed.events == [("graded", "{}"), ("message", "a\nb")]  # one leading space dropped, no more
    assert parsed.retry_ms == 1500


def test_an_unfinished_event_a_dataless_one_and_a_bad_retry_are_ignored() -> None:
    parsed = sse_parse("event: timeout\n\nretry: 2s\r\nevent: graded\r\ndata: {}")
    assert parsed.events == [] and parsed.retry_ms is None


def test_a_sync_server_answers_at_once_and_the_page_asks_again_after_its_retry() -> None:
    body = _body(preamble_no_wait(250), _event("timeout", 7, "submitted"))
    outcome = eventsource_after(status=200, content_type=STREAM, body=body, retry_ms=DEFAULT_RETRY_MS)
    assert outcome == Outcome("reconnect", 250)


def test_a_held_stream_that_ends_graded_closes_the_source() -> None:
    body = _body(PREAMBLE, _event("graded", 7, "graded"))
    assert eventsource_after(status=200, content_type=STREAM, body=body, retry_ms=3000) == Outcome("graded", 1000)


def test_after_a_timeout_the_reconnection_time_is_the_last_one_the_server_sent() -> None:
    timeout = _body(PREAMBLE, _event("timeout", 7, "submitted"))
    assert eventsource_after(status=200, content_type=STREAM, body=timeout, retry_ms=3000) == Outcome("reconnect", 1000)
    # a stream cut before any field keeps the time it had
    assert eventsource_after(status=200, content_type=STREAM, body="", retry_ms=1000) == Outcome("reconnect", 1000)


def test_a_network_error_reconnects_but_a_refusal_closes_the_source_for_good() -> None:
    assert eventsource_after(status=None, content_type="", body="", retry_ms=1000) == Outcome("reconnect", 1000)
    unavailable = '{"detail": "The push channel is unavailable", "code": "unavailable"}'
    assert eventsource_after(status=503, content_type="application/json", body=unavailable, retry_ms=1000).action == "closed"
    assert eventsource_after(status=200, content_type="text/html", body="event: graded\ndata: {}\n\n", retry_ms=1000).action == "closed"


def test_the_result_shows_when_the_fetch_a_graded_event_triggers_has_answered() -> None:
    notes = [Note(0.0, "submit", False), Note(0.0, "events", False), Note(3.1, "events", True), Note(3.2, "result", True)]
    assert result_visible(notes) == Visible(3.2, "events")


def test_the_fallback_poll_shows_it_when_it_answers_first() -> None:
    notes = [Note(0.0, "submit", False), Note(FALLBACK_POLL_SECONDS, "poll", True), Note(12.0, "events", True), Note(12.1, "result", True)]
    assert result_visible(notes) == Visible(FALLBACK_POLL_SECONDS, "poll")


def test_a_graded_event_whose_fetch_did_not_show_it_is_not_a_result_on_screen() -> None:
    assert result_visible([Note(0.0, "submit", False), Note(1.0, "events", True), Note(1.1, "result", False)]) == Visible(None, "none")
    assert result_visible([Note(0.0, "submit", True)]) == Visible(0.0, "submit")


def test_the_json_has_nearest_rank_percentiles_the_maximum_and_a_count_per_path() -> None:
    visible = [[float(ms), "events"] for ms in range(1, 100)] + [[5000.0, "poll"], [None, "none"]]
    figures = result_visible_figures(visible)
    assert figures["result_visible_ms"] == {"p50": 50.0, "p95": 95.0, "max": 5000.0}
    assert figures["result_via"] == {"events": 99, "poll": 1, "submit": 0, "none": 1}


def test_without_submissions_there_is_nothing_to_report() -> None:
    assert result_visible_figures([]) == {"result_visible_ms": None, "result_via": None}
    assert result_visible_figures([[None, "none"]])["result_visible_ms"] is None


def test_the_json_names_the_server_the_stack_started() -> None:
    assert web_server_name({}) == "wsgi"
    assert web_server_name({"WEB_SERVER": "asgi"}) == "asgi"
