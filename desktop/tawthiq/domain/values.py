"""How a value of each kind of field is checked and written in its one canonical form.

Every change in the event log holds plain JSON; a value is stored only as the parser of its
field's kind returns it, whoever wrote it (the CLI, the window, an import, the extractor).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from tawthiq.domain.errors import N_, ValidationError
from tawthiq.domain.places import find_governorate
from tawthiq.domain.vocab import vocabulary

MAX_PEOPLE = 10_000_000
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$")
_ISO2 = re.compile(r"^[A-Z]{2}$")

Parser = Callable[[str, Any], Any]


def _text(name: str, v: Any) -> Any:
    if not isinstance(v, str):
        raise ValidationError(N_("expected text, got {kind}"), field=name, kind=type(v).__name__)
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            N_("the text contains bytes that are not valid characters"), field=name
        ) from None
    v = v.strip()
    return v or None


def _verbatim(name: str, v: Any) -> Any:
    """Text kept exactly as given (a report as it was pasted: the extractor's offsets point
    into it), only refused when it holds nothing."""
    checked = _text(name, v)
    return v if checked is not None else None


def _date(name: str, v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if not isinstance(v, str):
        raise ValidationError(N_("expected a date as YYYY-MM-DD"), field=name)
    try:
        return date.fromisoformat(v.strip()).isoformat()
    except ValueError:
        raise ValidationError(
            N_("{value!r} is not a valid date; write it as YYYY-MM-DD, e.g. 2022-11-06"),
            field=name,
            value=v,
        ) from None


def _count(name: str, v: Any) -> Any:
    """A casualty figure: {"min", "max", "approximate"} from an int, 'N', 'MIN-MAX' or a dict."""
    approximate = False
    lo: object
    hi: object
    if isinstance(v, bool):
        raise ValidationError(N_("expected a number of people"), field=name)
    if isinstance(v, int):
        lo = hi = v
    elif isinstance(v, str):
        m = _RANGE.match(v)
        if not m:
            raise ValidationError(
                N_(
                    "{value!r} is not a number of people; write a whole number like 9 "
                    "or a range like 9-12"
                ),
                field=name,
                value=v,
            )
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
    elif isinstance(v, Mapping):
        lo, hi = v.get("min", v.get("value")), v.get("max", v.get("min", v.get("value")))
        approximate = v.get("approximate", False)
        if not isinstance(approximate, bool):
            raise ValidationError(N_("approximate must be true or false"), field=name)
    else:
        raise ValidationError(N_("expected a number of people"), field=name)
    if (
        not (isinstance(lo, int) and isinstance(hi, int))
        or isinstance(lo, bool)
        or isinstance(hi, bool)
    ):
        raise ValidationError(N_("minimum and maximum must be whole numbers"), field=name)
    if lo < 0 or hi < 0:
        raise ValidationError(N_("a number of people cannot be negative"), field=name)
    if hi > MAX_PEOPLE:
        raise ValidationError(
            N_("{count} is not a plausible number of people for one incident"), field=name, count=hi
        )
    if lo > hi:
        raise ValidationError(
            N_("the minimum {low} is greater than the maximum {high}"), field=name, low=lo, high=hi
        )
    return {"min": lo, "max": hi, "approximate": approximate or lo != hi}


def _number(lo: float, hi: float) -> Parser:
    def parse(name: str, v: Any) -> Any:
        try:
            x = float(v)
        except (TypeError, ValueError):
            raise ValidationError(N_("{value!r} is not a number"), field=name, value=v) from None
        if isinstance(v, bool) or not math.isfinite(x) or not lo <= x <= hi:
            raise ValidationError(
                N_("{value!r} is outside {low}..{high}"), field=name, value=v, low=f"{lo:g}",
                high=f"{hi:g}",
            )  # fmt: skip
        return x

    return parse


MAX_AGE = 120


def _age(name: str, v: Any) -> Any:
    """A person's age in whole years, 0 to 120, from a number or its digits."""
    if isinstance(v, str) and v.strip().isdigit():
        v = int(v.strip())
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValidationError(
            N_("{value!r} is not an age; write it in whole years, e.g. 9"), field=name, value=v
        )
    if not 0 <= v <= MAX_AGE:
        raise ValidationError(
            N_("{value} is not a plausible age: an age is 0 to {most} years"),
            field=name,
            value=v,
            most=MAX_AGE,
        )
    return v


def _bool(name: str, v: Any) -> Any:
    if isinstance(v, bool):
        return v
    if isinstance(v, str) and v.lower() in ("true", "yes", "1", "false", "no", "0"):
        return v.lower() in ("true", "yes", "1")
    raise ValidationError(N_("expected yes or no"), field=name)


def _time(name: str, v: Any) -> Any:
    v = _text(name, v)
    if v is None or _HHMM.match(v) or v in vocabulary("time_of_day").codes:
        return v
    raise ValidationError(
        N_("{value!r} is neither a time like 06:30 nor one of {codes}"),
        field=name,
        value=v,
        codes=", ".join(vocabulary("time_of_day").codes),
    )


def _governorate(name: str, v: Any) -> Any:
    v = _text(name, v)
    return None if v is None else find_governorate(v).name_en


def _country(name: str, v: Any) -> Any:
    v = _text(name, v)
    if v is None:
        return None
    if not _ISO2.match(v.upper()):
        raise ValidationError(
            N_("{value!r} is not a two-letter country code such as SY"), field=name, value=v
        )
    return v.upper()


def _code(vocab: str | None) -> Parser:
    def parse(name: str, v: Any) -> Any:
        v = _text(name, v)
        if v is None:
            return None
        assert vocab is not None
        return vocabulary(vocab).term(v.strip().lower()).code

    return parse


def _codes(vocab: str | None) -> Parser:
    one = _code(vocab)

    def parse(name: str, v: Any) -> Any:
        items = v.split(",") if isinstance(v, str) else v
        if not isinstance(items, list | tuple):
            raise ValidationError(N_("expected a list of codes"), field=name)
        out: list[str] = []
        for item in items:
            code = one(name, item)
            if code is not None and code not in out:
                out.append(code)
        return out

    return parse


def _texts(name: str, v: Any) -> Any:
    items = v.split(";") if isinstance(v, str) else v
    if not isinstance(items, list | tuple):
        raise ValidationError(N_("expected a list of names"), field=name)
    return [t for t in (_text(name, i) for i in items) if t]


_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _sha256(name: str, v: Any) -> Any:
    """A file's SHA-256: 64 lower-case hexadecimal digits."""
    if not isinstance(v, str) or not _SHA256.match(v):
        raise ValidationError(N_("expected a SHA-256 (64 hexadecimal digits)"), field=name)
    return v


def _bytes(name: str, v: Any) -> Any:
    """A size in bytes: a whole number, none below zero."""
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValidationError(N_("expected a size in bytes"), field=name)
    return v


_PARSERS: dict[str, Callable[[str | None], Parser]] = {
    "text": lambda v: _text,
    "verbatim": lambda v: _verbatim,
    "texts": lambda v: _texts,
    "date": lambda v: _date,
    "time": lambda v: _time,
    "count": lambda v: _count,
    "latitude": lambda v: _number(-90, 90),
    "longitude": lambda v: _number(-180, 180),
    "bool": lambda v: _bool,
    "age": lambda v: _age,
    "governorate": lambda v: _governorate,
    "country": lambda v: _country,
    "code": _code,
    "codes": _codes,
    "sha256": lambda v: _sha256,
    "bytes": lambda v: _bytes,
}
KINDS = frozenset(_PARSERS)


def parser(kind: str, vocab: str | None = None) -> Parser:
    """The check of a field of ``kind`` (``vocab`` for codes): (field name, value) -> value."""
    return _PARSERS[kind](vocab)
