"""Locust students for the benchmark; run by ``tools.bench`` as a separate process.

The orchestrator writes a plan (JSON, path in ``BENCH_PLAN``): the base scenario, the students'
API tokens (made before timing starts), think times and polling. Each locust user takes one
student and drives the REST API exactly as a client would:

- burst: start, one autosave per question after 1-3 s of thought, submit, poll until graded, stop;
  when every student is done the run ends.
- exam: start, then for each page: view it, think 30-90 s, save its answers; submit, poll until
  graded, start again; the run ends after a fixed duration (locust's --run-time).

Latencies are recorded per request group (start, page, save, submit, poll) from locust's
request events and written as JSON to ``BENCH_OUT`` when locust quits, so the orchestrator
computes exact percentiles instead of locust's rounded ones.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser


def _load_answers() -> Any:
    # Loaded by path, not as ``tools.bench.answers``: importing the ``quizzes`` package would
    # configure Django and Celery inside the load generator, which needs neither.
    spec = importlib.util.spec_from_file_location("bench_answers", Path(__file__).with_name("answers.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


answer_guess = _load_answers().answer_guess

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_PLAN"]).read_text())
OUT = Path(os.environ["BENCH_OUT"])

_latencies: dict[str, list[float]] = defaultdict(list)
# (seconds since the first request, latency ms) per group: where in the run the slow ones were.
_timeline: dict[str, list[tuple[float, float]]] = defaultdict(list)
_first_request: list[float] = []
_failures: dict[str, int] = defaultdict(int)
_errors: dict[str, int] = defaultdict(int)
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
        json.dumps({"latencies": _latencies, "timeline": _timeline, "failures": _failures, "errors": _errors, "finished": _finished})
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
        self.client.post(f"/api/attempts/{attempt_id}/submit/", headers=self.headers, name="submit")
        deadline = time.monotonic() + PLAN["poll_timeout"]
        while time.monotonic() < deadline:
            gevent.sleep(PLAN["poll_interval"])
            with self.client.get(f"/api/attempts/{attempt_id}/", headers=self.headers, name="poll", catch_response=True) as response:
                if response.status_code == 200 and response.json().get("state") == "graded":
                    return
        events.request.fire(
            request_type="GET", name="poll", response_time=0, response_length=0, exception=TimeoutError("attempt not graded in time")
        )

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
