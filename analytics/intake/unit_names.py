"""Unit names as offices really write them: the deterministic rules of the one unit resolver.

TPP rides on who owns an innovation, so nothing here guesses: a written name is turned into a few
variants by fixed rules, and a unit is accepted only when every variant that hits the unit list
hits the same unit.  Fuzzy matching only ever *suggests* (and then an admin confirms an alias once,
stored in `unit_aliases`).  The rules:

- the region's own name as a suffix: 'Kabupaten Kudus', 'Kab. Kudus', 'Kudus', a bare 'Kabupaten';
- UPT for UPTD and back;
- 'Dinas' (or 'Badan', 'Bagian', 'Kantor') + a short name: 'Dinas Dukcapil' is 'Dukcapil';
- a short name in brackets: 'Dinas Kesehatan Kabupaten (DKK)';
- 'dr'/'dr.' and spacing inside proper names ('RSUD dr Loekmonohadi'; spacing is folded anyway);
- the IID login in brackets: 'Dinas Perhubungan Kabupaten Kudus (kudus.dishub)', whose login,
  once mapped, keeps its unit;
- the region's own admin account ('admin.kudus (iga2025.kabupaten.kudus)') stands for the IID
  coordinator unit (configurable, default Bagian Organisasi), with a warning per row.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from analytics.intake.contract import fold

DEFAULT_REGION = "Kabupaten Kudus"
DEFAULT_COORDINATOR = "Bagian Organisasi"
_REGION_KINDS = ("Kabupaten", "Kota", "Provinsi")
_BRACKETS = re.compile(r"^(?P<name>.*?)\s*[\(\[](?P<inner>[^\)\]]*)[\)\]]\s*$")
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._\-@]*$")
_UPT = re.compile(r"^\s*upt(d)?\b\.?\s*", re.IGNORECASE)
_OFFICE_WORD = re.compile(r"^\s*(dinas|badan|bagian|kantor)\s+", re.IGNORECASE)
_DOCTOR = re.compile(r"\bdr(?:\.\s*|\s+)", re.IGNORECASE)
_REGION_ADMIN = re.compile(r"^\s*admin\b", re.IGNORECASE)


def region_name() -> str:
    """The region the dashboard serves (KUDUS_REGION, default Kabupaten Kudus)."""
    return os.environ.get("KUDUS_REGION", "").strip() or DEFAULT_REGION


def coordinator_name() -> str:
    """The unit that owns rows entered by the region's own IID admin account
    (KUDUS_IID_COORDINATOR, default Bagian Organisasi)."""
    return os.environ.get("KUDUS_IID_COORDINATOR", "").strip() or DEFAULT_COORDINATOR


def region_core(region: str) -> str:
    """'Kabupaten Kudus' -> 'Kudus'."""
    words = region.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].title() in _REGION_KINDS else region


def _region_suffix(region: str) -> re.Pattern[str]:
    core = re.escape(region_core(region)).replace(r"\ ", r"\s+")
    return re.compile(
        rf"\s*,?\s*(?:(?:pemerintah\s+|pem)?(?:kabupaten|kab\.?|kota|provinsi|prov\.?)\s*)?{core}\s*$"
        r"|\s+(?:kabupaten|kab\.?)\s*$",
        re.IGNORECASE,
    )


def split_login(text: str) -> tuple[str, str | None]:
    """'Unit name (login)' -> ('Unit name', 'login'); a bracket that is no login stays in the name."""
    m = _BRACKETS.match(text)
    if m and _LOGIN.match(m["inner"].strip()) and any(ch in m["inner"] for ch in "._@0123456789"):
        return m["name"].strip(), m["inner"].strip()
    return text.strip(), None


def is_region_admin(name: str, login: str | None) -> bool:
    """The region's own admin account: 'admin.jawa.timur (iga2025.provinsi.jawa.timur)'."""
    return bool(_REGION_ADMIN.match(name)) and (login is None or "." in login or "admin" in fold(name))


def _bracket_variants(text: str) -> Iterator[str]:
    m = _BRACKETS.match(text)
    if m:
        yield m["inner"].strip()  # the short name in brackets: (DKK)
        yield m["name"].strip()
    else:
        yield text


def without_doctor(text: str) -> str:
    """'RSUD dr. Loekmono Hadi' -> 'RSUD Loekmono Hadi'."""
    return _DOCTOR.sub("", text)


def name_variants(text: str, region: str) -> list[str]:
    """Every variant the rules allow for a written unit name (the name itself first)."""
    suffix = _region_suffix(region)
    found: list[str] = []
    for base in _bracket_variants(text):
        for stripped in dict.fromkeys((base, suffix.sub("", base), suffix.sub("", suffix.sub("", base)))):
            for upt in _upt_variants(stripped):
                for variant in (upt, without_doctor(upt), _OFFICE_WORD.sub("", upt)):
                    if variant.strip() and variant.strip() not in found:
                        found.append(variant.strip())
    return found


def _upt_variants(text: str) -> tuple[str, ...]:
    m = _UPT.match(text)
    if not m:
        return (text,)
    rest = text[m.end():]
    return (text, f"UPTD {rest}", f"UPT {rest}")


def core_words(text: str, region: str) -> str:
    """The words that tell a unit apart, for suggestions: login, brackets, region name and the
    region's kind words removed ('Disdukcapil Kabupaten Kudus' -> 'Disdukcapil')."""
    name, _ = split_login(text)
    m = _BRACKETS.match(name)
    name = m["name"] if m else name
    core = region_core(region)
    name = re.sub(rf"\b{re.escape(core)}\b", " ", name, flags=re.IGNORECASE)
    name = re.sub(r"\b(kabupaten|kab\.?|pemerintah|pemkab)\b", " ", name, flags=re.IGNORECASE)
    return " ".join(name.split())
