"""Quick-capture parser: free text in English or French -> structured records (pure Python)."""

from entregent.capture.parser.core import detect_language, fold, parse_capture
from entregent.capture.parser.types import (
    Candidate,
    CaptureParse,
    KnownPerson,
    ParsedFact,
    ParsedFollowUp,
    ParsedPerson,
    ParseWarning,
)

__all__ = [
    "Candidate",
    "CaptureParse",
    "KnownPerson",
    "ParseWarning",
    "ParsedFact",
    "ParsedFollowUp",
    "ParsedPerson",
    "detect_language",
    "fold",
    "parse_capture",
]
