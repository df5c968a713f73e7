"""Word lists: sentence openers (a data file, ``data/sentence_openers.json``) and month names, with
the regular-expression alternatives the import and generation match them by."""

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


def _lower_month_pattern(name: str) -> str:
    """``jan(?:uary)?``: the three-letter abbreviation, then the rest of the name optionally."""
    lower = name.lower()
    if lower == "september":
        return "sept?(?:ember)?"  # "sept" is abbreviated too ("Sept. 4"), so its "t" is optional on its own
    return lower[:3] + (f"(?:{lower[3:]})?" if len(lower) > 3 else "")


# A month as a dateline writes it, in lower case, full or abbreviated ("jan", "january", "sept", "june");
# match case-insensitively.
MONTH_PATTERN_LOWER: str = "|".join(_lower_month_pattern(name) for name in MONTHS)
# The three-letter abbreviations in lower case: "jan|feb|...|dec".
MONTH_ABBREVIATIONS_PATTERN: str = "|".join(name[:3].lower() for name in MONTHS)
# Full month names as written in prose: "January|February|...|December".
MONTH_NAMES_PATTERN: str = "|".join(MONTHS)


@cache
def sentence_openers(*, with_name_starts: bool = True) -> frozenset[str]:
    """Capitalised words that open sentences; a capitalised run that starts with one does not
    start a name or a term with it ("The", "However", "According", ...).

    ``with_name_starts=False`` leaves out the openers that also begin names ("Under", "Following"):
    a reader of offices and names ("Under Secretary of State") must keep them.
    """
    data = json.loads((DATA / "sentence_openers.json").read_text(encoding="utf-8"))
    return frozenset(data["words"] + (data["name_starts"] if with_name_starts else []))
