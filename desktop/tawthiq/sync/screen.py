"""The pure checks of an export's event lines, done ahead on a second core.

Reading a line, checking its shape, its hash and its value is most of the work of checking
an export, and needs nothing from the database. For a large merge, ``ScreenedLines`` hands
the lines in batches to the helper's process, which screens each line, and tells the
checker which of these checks a line passes. The checker does every check whose outcome it
was not told, itself, and all of them on a line the screen found fault with, so the first
problem in a file is reported as it always was, with the same sentence.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from tawthiq.domain.checks import foreign_value_problem
from tawthiq.store.events import canonical_json, column_hash
from tawthiq.store.parallel import Helper
from tawthiq.sync.format import event_shape_problem, holds_lone_surrogate

BAD = 1  # not valid text, JSON or an event of the right shape
BAD_HASH = 2
BAD_VALUE = 4
_DECODE = json.JSONDecoder().raw_decode
_LINES_PER_BATCH = 5000
# a batch is cut short past this many bytes: the evidence files an export carries come in
# long lines, and a few batches are read ahead
_BYTES_PER_BATCH = 4 * 2**20


@lru_cache(maxsize=8192)
def _value_problem(entity: str, name: str, text: str) -> str | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return "the value is not valid JSON"
    if canonical_json(value) != text:
        return "the value is not in the form Tawthiq stores"
    return foreign_value_problem(entity, name, value)


def value_problem(entity: str, name: str, text: str) -> str | None:
    if len(text) > 256:  # long texts are rarely repeated: do not fill the cache with them
        return _value_problem.__wrapped__(entity, name, text)
    return _value_problem(entity, name, text)


def parse_line(line: bytes) -> Any:
    """One line as JSON, the whole of it, or ValueError (UnicodeDecodeError for bad text,
    a lone surrogate written as a JSON escape included: it is no more text than a bad byte)."""
    text = line.decode("utf-8")
    item, end = _DECODE(text)
    if end != len(text):
        raise ValueError
    if holds_lone_surrogate(line, item):
        raise UnicodeDecodeError("utf-8", line, 0, len(line), "a lone surrogate")
    return item


def screen_lines(lines: list[bytes]) -> bytes:
    """One byte of flags per line: what ``Checker`` would find wrong with it on its own."""
    out = bytearray(len(lines))
    for i, line in enumerate(lines):
        try:
            item = parse_line(line)
            if event_shape_problem(item) or not isinstance(item, list):
                out[i] = BAD
                continue
            flags = 0 if column_hash(item) == item[11] else BAD_HASH
            if value_problem(item[1], item[3], item[4]):
                flags |= BAD_VALUE
            out[i] = flags
        except Exception:  # whatever it is, the checker meets it in its turn
            out[i] = BAD
    return bytes(out)


class ScreenedLines:
    """A file's lines, screened a few batches ahead of the reader when ``helper`` has a
    second process. ``flags`` holds the screen's finding on the line given last, or None
    when it was not screened (then the reader checks everything). An error in reading is
    raised where the reader reaches it, after every line before it, as without the screen."""

    def __init__(self, lines: Iterator[bytes], helper: Helper | None) -> None:
        self.flags: int | None = None
        self._lines = lines
        self._error: Exception | None = None
        self._screened = (
            helper.map(screen_lines, self._batches())
            if helper is not None and helper.parallel
            else None
        )
        self._batch: deque[bytes] = deque()
        self._verdicts: deque[int] = deque()

    def _batches(self) -> Iterator[list[bytes]]:
        batch: list[bytes] = []
        size = 0
        try:
            for line in self._lines:
                batch.append(line)
                size += len(line)
                if len(batch) >= _LINES_PER_BATCH or size >= _BYTES_PER_BATCH:
                    yield batch
                    batch, size = [], 0
        except Exception as exc:  # raised again where the reader gets to it
            self._error = exc
        if batch:
            yield batch

    def __iter__(self) -> ScreenedLines:
        return self

    def __next__(self) -> bytes:
        if self._screened is None:
            return next(self._lines)
        if not self._batch:
            found = next(self._screened, None)
            if found is None:
                if self._error is not None:
                    error, self._error = self._error, None
                    raise error
                raise StopIteration
            self._batch.extend(found[0])
            self._verdicts.extend(found[1])
        self.flags = self._verdicts.popleft()
        return self._batch.popleft()
