"""Word lists: sentence openers (a data file, ``data/sentence_openers.json``) and month names."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Lower-case full names and the abbreviations used in datelines ("Sept. 4", "Jun 3"), to 1..12.
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
SEASONS: frozenset[str] = frozenset({"spring", "summer", "autumn", "fall", "winter"})


@cache
def sentence_openers() -> frozenset[str]:
    """Capitalised words that open sentences; a capitalised run that starts with one does not
    start a name or a term with it ("The", "However", "According", ...)."""
    return frozenset(json.loads((DATA / "sentence_openers.json").read_text(encoding="utf-8"))["words"])
