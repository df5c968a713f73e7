"""The benchmark harness's own rules, checked without starting anything: the JSON it reports,
the answers its simulated students send, and its refusal to run without the real services.
The measurements themselves run with `make bench`, never in tests."""

from __future__ import annotations

import random
from collections import namedtuple

import pytest

from quizzes.questiontypes import check_answer, grade_answer
from tests.quizzes.builders import TRAITS, question_of
from tools.bench.answers import answer_correct, answer_guess
from tools.bench.scenarios import percentiles, result_skeleton, timeline_summary
from tools.bench.stack import MISSING_ENV, BenchRefused, machine_cpu_split, services_from_environment

ISSUE_KEYS = {
    "scenario",
    "students",
    "cores",
    "requests",
    "failures",
    "latency_ms",
    "grading_ms",
    "graded_per_s",
    "lost",
    "duplicates",
    "result_visible_ms",
    "result_via",
    "web_server",
    "cpu_s",
    "seconds",
    "hosts",
    "proxy",
    "web_workers_per_host",
    "requests_per_host",
}


def test_every_result_has_exactly_the_keys_other_tools_read() -> None:
    result = result_skeleton("grading", 5000)
    assert set(result) == ISSUE_KEYS
    assert set(result["latency_ms"]) == {"start", "page", "save", "submit", "events", "result", "poll"}
    assert set(result["cpu_s"]) == {"web", "worker"}
    assert result["latency_ms"]["start"] is None and result["requests"] is None
    # grading starts no web server: no hosts to count
    assert result["hosts"] is None and result["proxy"] is None
    assert result["web_workers_per_host"] is None and result["requests_per_host"] is None
    # nor students waiting for a result
    assert result["result_visible_ms"] is None and result["result_via"] is None and result["web_server"] is None


def test_percentiles_are_nearest_rank_and_null_without_data() -> None:
    assert percentiles([]) is None
    values = [float(v) for v in range(1, 101)]
    assert percentiles(values) == {"p50": 50.0, "p95": 95.0, "p99": 99.0}
    assert percentiles([7.0]) == {"p50": 7.0, "p95": 7.0, "p99": 7.0}


def test_the_timeline_shows_per_window_counts_and_p95_of_each_group() -> None:
    timeline = {"save": [[1.0, 10.0], [2.0, 30.0], [12.0, 500.0]], "submit": [[14.0, 900.0]]}
    lines = timeline_summary(timeline, window=10).splitlines()
    assert len(lines) == 3  # a header, then 0-10 and 10-20
    first, second = lines[1].split(), lines[2].split()
    assert first[:4] == ["0-10", "-", "-", "2"] and first[5] == "30"  # start, page empty; save 2 / p95 30
    assert second[3] == "1" and second[5] == "500" and second[6] == "1" and second[8] == "900"


CpuTimes = namedtuple("CpuTimes", "user nice system idle iowait irq softirq steal")


def test_the_machines_cpu_over_a_run_is_split_into_busy_idle_iowait_and_steal() -> None:
    before = CpuTimes(100.0, 0.0, 50.0, 1000.0, 5.0, 1.0, 2.0, 10.0)
    # 200 s of CPU time over the run: 120 busy (user, system, softirq), 50 idle, 10 iowait, 20 stolen
    after = CpuTimes(190.0, 0.0, 78.0, 1050.0, 15.0, 1.0, 4.0, 30.0)
    assert machine_cpu_split(before, after) == {"busy": 60.0, "idle": 25.0, "iowait": 5.0, "steal": 10.0}


def test_a_platform_without_steal_or_iowait_counts_them_as_none() -> None:
    Times = namedtuple("Times", "user system idle")
    assert machine_cpu_split(Times(1.0, 1.0, 8.0), Times(4.0, 2.0, 14.0)) == {"busy": 40.0, "idle": 60.0, "iowait": 0.0, "steal": 0.0}


@pytest.mark.parametrize("qtype", list(TRAITS))
def test_simulated_students_send_answers_of_the_shape_each_type_requires(db: None, qtype: str) -> None:
    question = question_of(qtype)
    rng = random.Random(1)
    for _ in range(20):
        check_answer(type=question.type, choices=question.choices, response=answer_guess(type=qtype, choices=question.choices, rng=rng))


@pytest.mark.parametrize("qtype", list(TRAITS))
def test_prepared_right_answers_earn_full_credit(db: None, qtype: str) -> None:
    question = question_of(qtype)
    right = answer_correct(type=qtype, key=question.answer)
    assert grade_answer(type=qtype, choices=question.choices, answer=question.answer, response=right).correct


@pytest.mark.parametrize(
    "environ",
    [{}, {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"}, {"REDIS_URL": "redis://127.0.0.1:6379/0"}],
    ids=["nothing", "no-redis", "no-database"],
)
def test_it_refuses_to_run_without_both_real_services(environ: dict[str, str]) -> None:
    with pytest.raises(BenchRefused, match="real services"):
        services_from_environment(environ)
    assert "DATABASE_URL" in MISSING_ENV and "REDIS_URL" in MISSING_ENV


def test_it_refuses_sqlite() -> None:
    with pytest.raises(BenchRefused, match="PostgreSQL"):
        services_from_environment({"DATABASE_URL": "sqlite:///var/db.sqlite3", "REDIS_URL": "redis://127.0.0.1:6379/0"})


def test_it_refuses_an_unreachable_database_with_the_reason() -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    with pytest.raises(BenchRefused, match=r"PostgreSQL at 127\.0\.0\.1 is not reachable"):
        services_from_environment({"DATABASE_URL": "postgres://postgres@127.0.0.1:1/x", "REDIS_URL": "redis://127.0.0.1:6379/0"})
