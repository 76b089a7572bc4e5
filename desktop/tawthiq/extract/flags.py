"""Yes-or-no facts a report tells by a listed phrase ("ذخائر غير منفجرة", "unexploded
ordnance"): one phrase list per flag field of the incident registry, in
resources/extract/flags.json. A phrase found makes the flag true; none leaves it unknown,
never false (a report that does not mention remnants does not say there were none)."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import cache

from tawthiq.domain.resources import read_json
from tawthiq.extract.phrases import PhraseIndex
from tawthiq.extract.result import FLAG_FIELDS, FieldResult
from tawthiq.extract.tokens import Token


@cache
def _index() -> PhraseIndex[str]:
    lists = read_json("extract/flags.json")
    return PhraseIndex([(p, name) for name in FLAG_FIELDS for p in lists.get(name, ())])


def read_flags(
    tokens: Sequence[Token],
    keys: Sequence[str],
    sentence: Sequence[int],
    other: AbstractSet[int] = frozenset(),
) -> dict[str, FieldResult]:
    """Each flag field: true where one of its phrases stands outside the sentences ``other``
    (another event's, on another day), with the words as evidence."""
    spans: dict[str, list[tuple[int, int]]] = {name: [] for name in FLAG_FIELDS}
    for hit in _index().find(tokens, keys):
        if sentence[hit.first] not in other:
            spans[hit.payload].append((hit.start, hit.end))
    return {
        name: FieldResult(True, min(0.9, 0.6 + 0.1 * len(found)), tuple(found))
        if found
        else FieldResult()
        for name, found in spans.items()
    }
