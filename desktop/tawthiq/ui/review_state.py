"""What a review of one pasted report holds, apart from its widgets (no Qt): the incidents
the report tells of, what each had when it was loaded or saved, and the source report
already kept — so that what a save sends, and what would be lost, can be told exactly."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html import escape
from typing import Any

from tawthiq.i18n import N_, _, format_number, isolate, ngettext, quote
from tawthiq.services.drafts import EVIDENCE_OF, Draft
from tawthiq.services.kept import AlreadyKept

# fields that a fresh form fills in by itself: no reason to keep an otherwise empty form
DEFAULTS = {"status": "draft", "confidentiality": "restricted"}
_BY_ITSELF = frozenset({*DEFAULTS, "date_precision", "country", "geo_precision"})


def has_content(values: Mapping[str, Any]) -> bool:
    """Whether a form says anything beyond what every new form starts with."""
    return any(v is not None for k, v in values.items() if k not in _BY_ITSELF)


@dataclass
class Candidate:
    """One incident of the report: its draft, its form as last left while another was shown,
    and, once saved (or opened from the list), its id, the form as saved and the events each
    field's value came from."""

    draft: Draft
    snapshot: dict[str, Any] | None = None
    incident_id: str | None = None
    baseline: dict[str, Any] | None = None
    heads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # fields saved as the extractor's suggestion that no person has checked yet
    unchecked: frozenset[str] = frozenset()

    def values_away(self) -> dict[str, Any]:
        """Its form's values while it is not the one shown."""
        if self.snapshot is not None:
            return dict(self.snapshot["values"])
        return {**DEFAULTS, **self.draft.values} if self.incident_id is None else {}

    def unsaved(self, values: Mapping[str, Any]) -> bool:
        if self.incident_id is None:
            return has_content(values)
        return self.baseline is not None and bool(self.changes(values))

    def changes(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """What a save sends: everything of a new incident; of a saved one, only the fields
        the documenter changed since it was loaded (a field left alone is not re-sent, so a
        conflict in it stays open and a change made elsewhere meanwhile is not undone)."""
        if self.incident_id is None or self.baseline is None:
            return dict(values)
        return {k: v for k, v in values.items() if v != self.baseline.get(k)}

    def seen(self, fields: Iterable[str]) -> dict[str, tuple[str, ...]] | None:
        if self.incident_id is None:
            return None
        return {k: self.heads.get(k, ()) for k in fields}

    def marks(self, changes: Mapping[str, Any], shown: Iterable[str]) -> Marks:
        """What a save says of the fields still ``shown`` as suggestions: those whose value
        goes into the record as the extractor's, not checked, and those saved so before
        that the documenter has now checked."""
        still = set(shown)
        suggested = sorted(k for k in still & set(changes) if changes[k] not in (None, []))
        confirmed = sorted(self.unchecked - still - set(changes))
        return Marks(suggested, confirmed)


def own_draft(saved: Mapping[str, Any], drafts: Sequence[Draft]) -> int:
    """Which of a report's incidents, read again, is the saved incident ``saved``: the one
    that agrees with it on the most fields (the first, when none does)."""
    agree = [sum(saved.get(k) == v for k, v in d.values.items()) for d in drafts]
    return agree.index(max(agree))


@dataclass(frozen=True)
class Marks:
    suggested: list[str]
    confirmed: list[str]


# the fields of the incident's day, read from the report's "today", "yesterday", weekdays
READ_DAY_FIELDS = tuple(name for name, source in EVIDENCE_OF.items() if source == "date")


def redated(snapshot: Mapping[str, Any], old: Draft, new: Draft) -> dict[str, Any]:
    """One incident's form (values and marks) with its day read again from a corrected
    publication day: a day still as the extractor suggested it, or never found, takes the new
    reading; one the documenter typed, confirmed or cleared is theirs, and stays."""
    values, marks = dict(snapshot["values"]), dict(snapshot["marks"])
    state = marks.get("date_start", (None, None))[0]
    theirs = values.get("date_start") is not None or old.values.get("date_start") is not None
    if state != "suggested" and theirs:
        return {"values": values, "marks": marks}
    for name in READ_DAY_FIELDS:
        values[name], evidence = new.values.get(name), new.evidence.get(name)
        marks[name] = ("suggested" if evidence and values[name] is not None else None, evidence)
    return {"values": values, "marks": marks}


def with_days_of(old: Draft, new: Draft) -> Draft:
    """``old`` with the day fields of ``new`` (what a corrected publication day changes)."""
    values = {k: v for k, v in old.values.items() if k not in READ_DAY_FIELDS}
    evidence = {k: v for k, v in old.evidence.items() if k not in READ_DAY_FIELDS}
    values.update({k: new.values[k] for k in READ_DAY_FIELDS if k in new.values})
    evidence.update({k: new.evidence[k] for k in READ_DAY_FIELDS if k in new.evidence})
    return Draft(values, evidence)


@dataclass(frozen=True)
class KeptReport:
    """The source report as saved: its id, its text and what was known of its origin."""

    id: str
    text: str
    origin: dict[str, Any]


@dataclass
class Review:
    candidates: list[Candidate] = field(default_factory=lambda: [Candidate(Draft({}))])
    current: int = 0
    kept: KeptReport | None = None
    language: str | None = None
    already: AlreadyKept | None = None  # the same report, kept before this paste
    again: bool = False  # the documenter chose to save it once more

    @property
    def shown(self) -> Candidate:
        return self.candidates[self.current]

    def redate(self, drafts: Sequence[Draft], shown: Mapping[str, Any]) -> dict[str, Any]:
        """Each incident's days read again from a corrected publication day (``drafts``: the
        report read again; ``shown``: the snapshot of the form on the screen): a form not yet
        looked at takes the new reading whole. The shown form's new snapshot is returned."""
        out = dict(shown)
        for candidate, new in zip(self.candidates, drafts, strict=False):
            form = shown if candidate is self.shown else candidate.snapshot
            if form is None:  # not looked at yet: the new reading, unless it was saved
                candidate.draft = new if candidate.incident_id is None else candidate.draft
                continue
            form = redated(form, candidate.draft, new)
            if candidate is self.shown:
                out = form
            else:
                candidate.snapshot = form
            if form["values"].get("date_start") == new.values.get("date_start"):
                candidate.draft = with_days_of(candidate.draft, new)  # named by its new day
        return out

    def source_plan(
        self, text: str, origin: Mapping[str, Any]
    ) -> tuple[dict[str, Any] | None, str | None, dict[str, Any] | None]:
        """(a new report to keep, or the id of the one kept, with changes to its origin).
        The text of a kept report never changes: a different text is a different report."""
        if not text.strip():
            return None, None, None
        if self.kept is not None and self.kept.text == text:
            changes = {k: v for k, v in origin.items() if v != self.kept.origin.get(k)}
            return None, self.kept.id, changes or None
        new = {"text": text, **{k: v for k, v in origin.items() if v is not None}}
        if self.language:
            new["language"] = self.language
        return new, None, None

    def report_unsaved(self, text: str, origin: Mapping[str, Any]) -> bool:
        """A report pasted or typed but never kept, or its origin changed since."""
        report, _kept_id, changes = self.source_plan(text, origin)
        return report is not None or bool(changes)


def candidate_label(number: int, candidate: Candidate) -> str:
    """How an incident of the report is named in the list of them: its number, date, place
    and toll, and ✓ once saved."""
    s = candidate.draft.summary
    killed = s.get("killed")
    place = s.get("place_name")  # in its own direction: an Arabic name keeps "7 killed" after it
    parts = [format_number(number), s.get("date_start") or "", quote(place) if place else ""]
    if killed:
        parts.append(_("{n} killed").format(n=format_number(killed["max"])))
    if candidate.incident_id:
        parts.append("✓")
    return " · ".join(p for p in parts if p)


def status_text(review: Review, unchecked: int) -> str:
    """What the review is doing (a new incident, an edit, several incidents) and how many
    suggested fields are still to check."""
    current = review.shown
    n = len(review.candidates)
    if current.incident_id and not current.draft.values:
        text = _("Editing incident {id}").format(id=isolate(current.incident_id[:8]))
    elif current.incident_id:
        text = _("Saved as incident {id}; changes are saved as edits").format(
            id=isolate(current.incident_id[:8])
        )
    elif n > 1:
        text = ngettext(
            "The report tells of {n} incident; check each one's form and save it.",
            "The report tells of {n} incidents; check each one's form and save it.",
            n,
        ).format(n=format_number(n))
    else:
        text = _("New incident")
    if unchecked:
        text += " — " + ngettext(
            "{n} field suggested by the extractor (in amber): check it",
            "{n} fields suggested by the extractor (in amber): check each",
            unchecked,
        ).format(n=format_number(unchecked))
    return text


# what makes an incident of the report one of its own (extract/incidents.py's reasons)
_WHY = {
    "headline": N_("the incident the report is mostly about"),
    "other_governorate": N_("another attack, in another governorate"),
    "other_place": N_("another attack, elsewhere in the same governorate"),
    "own_day": N_("another attack, told with a place and a day of its own"),
}
_SHOWN_WORDS = 160  # characters of the sentence shown; the report marks all of it


def told_text(review: Review, text: str) -> str:
    """Which incident of the report (``text``) the form shows, why it is one of its own,
    and the sentence it rests on: a second incident is an attack of its own, not background."""
    n, draft = len(review.candidates), review.shown.draft
    if draft.told is None or not draft.told.spans:
        return ""
    start, end = draft.told.spans[0]
    words = " ".join(text[start:end].split())
    why = _(_WHY.get(draft.why, _WHY["headline"]))
    head = (
        _("Incident {i} of {n}: {why}.").format(
            i=format_number(review.current + 1), n=format_number(n), why=why
        )
        if n > 1
        else ""
    )
    if not words:
        return head
    if len(words) > _SHOWN_WORDS:
        words = words[: _SHOWN_WORDS - 1] + "…"
    told = _("It rests on: «{words}»").format(words=quote(words))
    return f"{head} {told}".strip()


def kept_html(already: AlreadyKept) -> str:
    """The incidents a report already kept rests on, each a link to open it (its id as
    the link's target)."""
    links = []
    for incident_id, values in already.incidents:
        parts = [values.get("date_start") or "", values.get("place_name") or ""]
        label = " · ".join(p for p in parts if p) or incident_id[:8]
        links.append(f'<a href="{escape(incident_id)}">{escape(quote(label))}</a>')
    n = len(already.incidents)
    if not n:
        return escape(_("This report is already kept; no incident rests on it now."))
    head = ngettext(
        "This report is already kept, with {n} incident:",
        "This report is already kept, with {n} incidents:",
        n,
    ).format(n=format_number(n))
    tail = _("Saving it again would record its incidents a second time.")
    return f"{escape(head)} {' · '.join(links)}. {escape(tail)}"


def kept_sentence(already: AlreadyKept) -> str:
    """The status bar's sentence for a report kept before."""
    n = len(already.incidents)
    return ngettext(
        "This report is already kept, with {n} incident: open it from the note above the form.",
        "This report is already kept, with {n} incidents: open them from the note above the form.",
        n,
    ).format(n=format_number(n))


def again_question(n: int) -> str:
    """Asked before an incident of a report kept before is saved once more."""
    return ngettext(
        "This report is already kept, with {n} incident (shown above the form). Save an "
        "incident from it once more anyway?",
        "This report is already kept, with {n} incidents (shown above the form). Save an "
        "incident from it once more anyway?",
        n,
    ).format(n=format_number(n))
