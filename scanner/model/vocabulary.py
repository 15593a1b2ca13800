"""Vocabulary the records of every kind share: party and consent phase."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """When something happened relative to the consent action of its state."""

    BEFORE_CONSENT = "before_consent"
    AFTER_CONSENT = "after_consent"


class Party(StrEnum):
    """First or third party, by registrable domain."""

    FIRST = "first"
    THIRD = "third"
