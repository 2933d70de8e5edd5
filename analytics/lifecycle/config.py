"""How eagerly near-identical names are proposed as the same innovation: the linking settings.

Why a small config of its own rather than a key in the indicator rules: the threshold steers which
proposals an analyst sees, not any figure on screen, and it must be changeable on a running server
without a rules edit.  Precedence: an explicit argument, then the environment, then the default.

Default 88 (rapidfuzz WRatio, 0..100): on the sample data every real rename (a suffix such as
" Plus" or " 2.0", "Layanan" -> "Pelayanan", an acronym without its long form) scores 90 or more,
while unrelated names of one unit that share a word or two ("PANDAWA (Pelayanan Antrean Daring
Warga)" vs "Layanan Rujukan Daring") score 86 or less.  A proposal is never linked silently, so a
threshold set too low costs the analyst clicks, never wrong data.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_THRESHOLD = 88.0
DEFAULT_CANDIDATES = 3
THRESHOLD_ENV = "KUDUS_LINK_THRESHOLD"
CANDIDATES_ENV = "KUDUS_LINK_CANDIDATES"


class LinkSettingsError(ValueError):
    """A threshold or candidate count outside its range (the message names the setting)."""


@dataclass(frozen=True)
class LinkSettings:
    """ambang_kemiripan: lowest similarity (0..100) proposed; kandidat: proposals per ending innovation."""

    ambang_kemiripan: float = DEFAULT_THRESHOLD
    kandidat: int = DEFAULT_CANDIDATES

    def __post_init__(self) -> None:
        if not 0 < self.ambang_kemiripan <= 100:
            raise LinkSettingsError(f"{THRESHOLD_ENV}: ambang kemiripan harus 0 < x <= 100, bukan "
                                    f"{self.ambang_kemiripan!r} / the threshold must be in (0, 100]")
        if self.kandidat < 1:
            raise LinkSettingsError(f"{CANDIDATES_ENV}: kandidat harus >= 1, bukan {self.kandidat!r} "
                                    "/ at least one candidate")


def _env_number(name: str, default: float, kind: type) -> float:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return kind(raw.replace(",", "."))
    except ValueError as error:
        raise LinkSettingsError(f"{name}={raw!r} bukan angka / is not a number") from error


def link_settings(threshold: float | None = None, candidates: int | None = None) -> LinkSettings:
    """The settings in force: arguments first, then KUDUS_LINK_THRESHOLD / KUDUS_LINK_CANDIDATES, then defaults."""
    return LinkSettings(
        ambang_kemiripan=float(threshold if threshold is not None
                               else _env_number(THRESHOLD_ENV, DEFAULT_THRESHOLD, float)),
        kandidat=int(candidates if candidates is not None
                     else _env_number(CANDIDATES_ENV, DEFAULT_CANDIDATES, int)),
    )
