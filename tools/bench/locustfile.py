"""Locust students for the benchmark; run by ``tools.bench`` as a separate process.

The orchestrator writes a plan (JSON, path in ``BENCH_PLAN``): the base scenario, the students'
API tokens (made before timing starts), think times and polling. Each locust user takes one
student and drives the REST API exactly as a client would:

- burst: start, one autosave per question after 1-3 s of thought, submit, wait for the result,
  stop; when every student is done the run ends.
- exam: start, then for each page: view it, think 30-90 s, save its answers; submit, wait for
  the result, start again; the run ends after a fixed duration (locust's --run-time).

Waiting for the result is what the result page does (``tools.bench.push``): the push endpoint
(``events``), reconnecting as an EventSource does after each answer without a grade, then one
fetch of the graded attempt (``result``) on ``graded``; meanwhile the page's fallback, a poll
every 10 s (``poll``). Each student's time from the submit response to the graded result on
the screen goes to ``visible``, with the path that showed it.

Latencies are recorded per request group (start, page, save, submit, events, result, poll) from
locust's request events and written as JSON to ``BENCH_OUT`` when locust quits, so the
orchestrator computes exact percentiles instead of locust's rounded ones.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import gevent
import gevent.event
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser


def _load(name: str) -> Any:
    # Loaded by path, not as ``tools.bench.<name>``: importing the ``quizzes`` package would
    # configure Django and Celery inside the load generator, which needs neither.
    spec = importlib.util.spec_from_file_location(f"bench_{name}", Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs: dataclasses look their module up in sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


answer_guess = _load("answers").answer_guess
push = _load("push")

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
OUT = Path(os.environ["BENCH_OUT"])

_latencies: dict[str, list[float]] = defaultdict(list)
# (seconds since the first request, latency ms) per group: where in the run the slow ones were.
_timeline: dict[str, list[tuple[float, float]]] = defaultdict(list)
_first_request: list[float] = []
_failures: dict[str, int] = defaultdict(int)
_errors: dict[str, int] = defaultdict(int)
# Per submitted attempt: [ms from the submit response to the graded result on screen (None:
# never), how it got there ("events", "poll", "submit", "none")].
_visible: list[list[Any]] = []
_next_student = iter(range(len(PLAN["tokens"])))
_finished = 0


@events.request.add_listener
def _record(request_type: str, name: str, response_time: float, response_length: int, exception: Any = None, **_: Any) -> None:
    if exception is None:
        _latencies[name].append(response_time)
        now = time.monotonic()
        if not _first_request:
            _first_request.append(now - response_time / 1000)
        _timeline[name].append((round(now - _first_request[0], 2), round(response_time, 1)))
    else:
        _failures[name] += 1
        message = f"{name}: {exception}"[:200]
        _errors[message] += 1


@events.quitting.add_listener
def _write(**_: Any) -> None:
    OUT.write_text(
        json.dumps(
            {
                "latencies": _latencies,
                "timeline": _timeline,
                "failures": _failures,
                "errors": _errors,
                "finished": _finished,
                "visible": _visible,
            }
        )
    )


def _questions(attempt: dict[str, Any]) -> list[dict[str, Any]]:
    """The attempt's questions as the API shows them (question_id, type, options, left)."""
    questions = []
    for item in attempt.get("questions") or []:
        options = item.get("options") or []
        choices = {"left": item.get("left") or [], "right": options} if item["type"] == "matching" else options
        questions.append({"id": item["question_id"], "type": item["type"], "choices": choices})
    return questions


class Student(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        try:
            index = next(_next_student)
        except StopIteration:  # more locust users than prepared students: the extra ones idle
            raise StopUser() from None
        self.headers = {"Authorization": f"Token {PLAN['tokens'][index]}"}
        self.rng = random.Random(index)

    def _think(self, bounds: list[float]) -> None:
        gevent.sleep(self.rng.uniform(*bounds))

    def _save(self, attempt_id: int, question: dict[str, Any]) -> None:
        answer = answer_guess(type=question["type"], choices=question["choices"], rng=self.rng)
        self.client.put(
            f"/api/attempts/{attempt_id}/responses/{question['id']}/", json={"answer": answer}, headers=self.headers, name="save"
        )

    def _submit_and_wait(self, attempt_id: int) -> None:
        with self.client.post(f"/api/attempts/{attempt_id}/submit/", headers=self.headers, name="submit", catch_response=True) as response:
            if response.status_code not in (200, 202):
                response.failure(f"submit answered {response.status_code}: {(response.text or '')[:120]}")
                return
            graded = response.json().get("state") == "graded"
        submitted = time.monotonic()
        notes = [push.Note(0.0, "submit", graded)]
        if not graded:
            self._wait_for_result(attempt_id, submitted, notes)
        visible = push.result_visible(notes)
        _visible.append([None if visible.seconds is None else round(visible.seconds * 1000, 1), visible.via])
        if visible.seconds is None:
            events.request.fire(
                request_type="GET", name="result", response_time=0, response_length=0, exception=TimeoutError("result not shown in time")
            )

    def _wait_for_result(self, attempt_id: int, submitted: float, notes: list[Any]) -> None:
        """The result page's EventSource, with its fallback poll running meanwhile, until one of
        them shows the graded result or ``result_timeout`` has passed."""
        shown = gevent.event.Event()

        def note(source: str, graded: bool) -> None:
            notes.append(push.Note(time.monotonic() - submitted, source, graded))
            if graded and source in push.SHOWN_BY:
                shown.set()

        poller = gevent.spawn(self._fallback_poll, attempt_id, note, shown)
        deadline = submitted + PLAN["result_timeout"]
        retry_ms = push.DEFAULT_RETRY_MS
        try:
            while not shown.is_set() and time.monotonic() < deadline:
                outcome = self._events_once(attempt_id, retry_ms)
                note("events", outcome.action == "graded")
                retry_ms = outcome.retry_ms
                if outcome.action == "graded":
                    # The page closes its source and fetches the graded block; were it not graded
                    # after all, only the fallback poll would be left, as on the page.
                    with self.client.get(f"/api/attempts/{attempt_id}/", headers=self.headers, name="result", catch_response=True) as got:
                        note("result", got.status_code == 200 and got.json().get("state") == "graded")
                    break
                if outcome.action == "closed":
                    break
                shown.wait(timeout=min(retry_ms / 1000, max(0.0, deadline - time.monotonic())))
            shown.wait(timeout=max(0.0, deadline - time.monotonic()))
        finally:
            shown.set()  # also stops the fallback poll
            poller.join(timeout=0)

    def _events_once(self, attempt_id: int, retry_ms: int) -> Any:
        """One EventSource connection, read to its end, and what the page does next."""
        headers = {**self.headers, "Accept": push.EVENT_STREAM, "Cache-Control": "no-cache"}
        with self.client.get(f"/api/attempts/{attempt_id}/events/", headers=headers, name="events", catch_response=True) as response:
            status = response.status_code or None  # 0: no response at all (a network error)
            content_type = (response.headers or {}).get("Content-Type", "") if status else ""
            body = (response.text or "") if status else ""
            outcome = push.eventsource_after(status=status, content_type=content_type, body=body, retry_ms=retry_ms)
            if outcome.action == "closed":
                response.failure(f"events refused ({status} {content_type}): {body[:120]}")
        return outcome

    def _fallback_poll(self, attempt_id: int, note: Any, shown: Any) -> None:
        """The result block's own polling every 10 s, until the result is shown either way."""
        while not shown.wait(timeout=push.FALLBACK_POLL_SECONDS):
            with self.client.get(f"/api/attempts/{attempt_id}/", headers=self.headers, name="poll", catch_response=True) as response:
                note("poll", response.status_code == 200 and response.json().get("state") == "graded")

    def _start(self) -> tuple[int, list[dict[str, Any]]] | None:
        with self.client.post(
            f"/api/quizzes/{PLAN['quiz_id']}/attempts/", headers=self.headers, name="start", catch_response=True
        ) as response:
            if response.status_code not in (200, 201):
                response.failure(f"start answered {response.status_code}: {response.text[:120]}")
                return None
            attempt = response.json()
        return attempt["id"], _questions(attempt)

    @task
    def take_quiz(self) -> None:
        global _finished
        started = self._start()
        if started is None:
            raise StopUser()
        attempt_id, questions = started
        per_page = PLAN["questions_per_page"]
        if per_page:
            for first in range(0, len(questions), per_page):
                self.client.get(f"/api/attempts/{attempt_id}/", headers=self.headers, name="page")
                self._think(PLAN["think"])
                for question in questions[first : first + per_page]:
                    self._save(attempt_id, question)
        else:
            for question in questions:
                self._think(PLAN["think"])
                self._save(attempt_id, question)
        self._submit_and_wait(attempt_id)
        if PLAN["once"]:
            _finished += 1
            if _finished >= min(len(PLAN["tokens"]), PLAN["users"]):
                # Every student is done: end the run from outside this user's greenlet.
                gevent.spawn(self.environment.runner.quit)
            raise StopUser()
