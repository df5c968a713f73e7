"""Dates as prose writes them; built from the month names in ``core.text.words``."""

from __future__ import annotations

import re

from core.text.words import MONTH_NAMES_PATTERN

# "July 11, 2023" or "11 July 2023" (years 1800-2099): month, day and year in groups 1-3, or day,
# month and year in groups 4-6.
FULL_DATE = re.compile(
    rf"\b(?:({MONTH_NAMES_PATTERN})\s+(\d{{1,2}}),?\s+((?:1[89]|20)\d\d)|(\d{{1,2}})\s+({MONTH_NAMES_PATTERN}),?\s+((?:1[89]|20)\d\d))\b"
)
