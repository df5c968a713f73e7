"""`manage.py import_reading PATH [--title T] [--kind K] [--json]`: the contract other tools use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from courseware.ingest.errors import EMPTY_MESSAGE, UNSUPPORTED_TYPE_MESSAGE
from courseware.models import Reading
from tests.courseware.readings_support import PAPER_HEADINGS, SEED_NEWS_VILNIUS, SEED_PAPER

pytestmark = pytest.mark.django_db


def run(*args: str) -> dict:
    out = StringIO()
    call_command("import_reading", *args, stdout=out)
    return json.loads(out.getvalue())


def test_json_output_is_exactly_the_contract():
    payload = run(str(SEED_PAPER), "--json", "--title", "NATO's response", "--kind", "paper")
    reading = Reading.objects.get()
    assert payload["reading"] == {
        "id": reading.pk,
        "title": "NATO's response",
        "kind": "paper",
        "checksum": reading.checksum,
        "language": "en",
        "version": 1,
    }
    assert payload["created"] is True
    assert [section["heading"] for section in payload["sections"]] == PAPER_HEADINGS
    polish = payload["sections"][-1]
    assert (polish["kind"], polish["language"]) == ("foreign_abstract", "pl")
    assert polish["chars"] == len(reading.sections.get(heading="Streszczenie").text)
    economic = payload["sections"][3]
    assert economic["order"] == 4
    assert "(Thomson et al., 2023)" in economic["citations"]
    assert payload["removed"] == []


def test_json_output_lists_removed_boilerplate():
    payload = run(str(SEED_NEWS_VILNIUS), "--json")
    assert payload["reading"]["kind"] == "news"
    assert [item["reason"] for item in payload["removed"]] == ["summary_widget", "summary_widget", "article_navigation"]
    assert payload["removed"][0]["text"] == "No time to read?\nGet a summary"


def test_running_twice_reports_created_false():
    first = run(str(SEED_PAPER), "--json")
    second = run(str(SEED_PAPER), "--json")
    assert (first["created"], second["created"]) == (True, False)
    assert second["reading"]["id"] == first["reading"]["id"]
    assert Reading.objects.count() == 1


def test_without_json_a_human_summary_is_printed():
    out = StringIO()
    call_command("import_reading", str(SEED_PAPER), "--title", "Paper", stdout=out)
    assert out.getvalue().startswith("Imported: #")
    assert "[foreign_abstract/pl] Streszczenie" in out.getvalue()


def test_bad_input_is_a_command_error_and_saves_nothing(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match=EMPTY_MESSAGE):
        call_command("import_reading", str(empty), "--json", stdout=StringIO())
    assert Reading.objects.count() == 0


def test_a_missing_file_is_a_command_error(tmp_path: Path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_reading", str(tmp_path / "nope.txt"), stdout=StringIO())


def test_bad_input_exits_non_zero_with_the_reason_on_stderr_and_nothing_on_stdout(tmp_path: Path):
    image = tmp_path / "reading.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    env = {**os.environ, "DEBUG": "1", "STRATEGIKON_VAR_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)  # bad input is refused before the database is touched
    completed = subprocess.run(
        [sys.executable, "manage.py", "import_reading", str(image), "--json"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode != 0
    assert UNSUPPORTED_TYPE_MESSAGE in completed.stderr
    assert completed.stdout == ""
