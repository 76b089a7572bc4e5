"""Offline extraction of incident fields from report text (DESIGN.md, "Extraction contract")."""

from tawthiq.extract.core import extract
from tawthiq.extract.result import ExtractionResult, FieldResult, IncidentResult

__all__ = ["ExtractionResult", "FieldResult", "IncidentResult", "extract"]
