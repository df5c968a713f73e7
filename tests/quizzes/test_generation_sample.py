"""The blind-review sampler: `manage.py generation_sample` generates in memory and prints a fixed-seed sample."""

from __future__ import annotations

import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from quizzes.models import Question
from tests.quizzes.seed_readings import SEEDS, UNSEEN


def _sample(folder, seed: int, count: int = 6) -> list[dict]:
    out = StringIO()
    call_command("generation_sample", corpus=str(folder), seed=seed, count=count, json=True, stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def corpus(tmp_path):
    shutil.copy(UNSEEN, tmp_path / UNSEEN.name)
    shutil.copy(SEEDS / "000_c7d0d170a110670f.txt", tmp_path / "000.txt")
    return tmp_path


@pytest.mark.django_db
def test_it_prints_a_sample_across_readings_with_what_a_reviewer_needs_and_saves_nothing(corpus):
    rows = _sample(corpus, seed=2026)
    assert len(rows) == 6
    assert {r["reading"] for r in rows} == {UNSEEN.name, "000.txt"}
    for row in rows:
        assert {"reading", "type", "stem", "options", "key", "passage", "quality"} <= set(row)
        assert row["stem"] and row["key"] and row["passage"]
    assert not Question.objects.exists()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_sample_and_another_seed_another(corpus):
    assert _sample(corpus, seed=7) == _sample(corpus, seed=7)
    assert [r["stem"] for r in _sample(corpus, seed=7)] != [r["stem"] for r in _sample(corpus, seed=8)]


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No folder"):
        call_command("generation_sample", corpus=str(tmp_path / "nowhere"))
