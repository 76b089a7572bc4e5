"""A clock time told in a report ("الساعة 2:10", "at 6:45"): the incident's time of day, more
precise than "صباح" or "night"."""

from __future__ import annotations

import re

from tawthiq.domain.arabic import ASCII_DIGITS

# a clock time said as one: "الساعة 2:10", "حوالي الساعة 14.30", "at 6:45"
_HHMM = re.compile(
    r"(?:(?:الساعة|الساعه)\s+(?:[^\s\d]+\s+)?([01]?\d|2[0-3])[:.]([0-5]\d)"
    r"|(?:at|around|about)\s+([01]?\d|2[0-3]):([0-5]\d))(?!\d)"
    r"(?:\s*(p\.?m\.?|a\.?m\.?|مساء|مساءً|ليلا|ليلاً|صباحا|صباحاً|ظهرا|فجرا|فجراً))?",
    re.IGNORECASE,
)
_DIGIT_COLON_DIGIT = re.compile(r"\d[:.]\d")  # any script's digits, as _HHMM's \d


def find_clock_time(text: str) -> tuple[str, int, int] | None:
    """A clock time such as "الساعة 10:30" → ("10:30", start, end).

    >>> find_clock_time("حوالي الساعة 2:10 من فجر اليوم")
    ('02:10', 6, 17)
    >>> find_clock_time("the score was 2:1") is None
    True
    """
    if not _DIGIT_COLON_DIGIT.search(text):  # no clock anywhere: the common case
        return None
    m = _HHMM.search(text.translate(ASCII_DIGITS))  # same length: offsets hold
    if not m:
        return None
    hour, minute = int(m.group(1) or m.group(3)), m.group(2) or m.group(4)
    suffix = (m.group(5) or "").lower().replace(".", "")
    if hour < 12 and suffix in ("pm", "مساء", "مساءً", "ليلا", "ليلاً"):
        hour += 12  # "10:30 ليلاً" is 22:30
    return f"{hour:02d}:{minute}", m.start(), m.end()
