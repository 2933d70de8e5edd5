"""The configurable rules behind the indicators, read from TOML and validated on load.

Why a file: which innovations count, how sustainability is weighed and what TPP adjustment an
innovation earns are policy, not code.  An administrator changes them in a TOML file; a file that
is wrong must never half-apply, so it is refused whole with a message that names the key and the
problem (Bahasa Indonesia and English), and the dashboard keeps the last good rules.

A rules file may hold only the keys it changes: it is merged over `rules_default.toml` (tables
merge key by key; arrays such as `tpp.tingkat` replace the default array whole).  Unknown keys are
refused, so that a typo cannot silently leave a default in force.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from analytics.i18n import decimal
from analytics.intake import contract

DEFAULT_RULES_PATH = Path(__file__).with_name("rules_default.toml")

DISCLAIMER = "simulasi — sesuaikan dengan Peraturan Bupati yang berlaku"
DISCLAIMER_EN = "simulation — adjust to the Peraturan Bupati (Regent's Regulation) in force"

# Sustainability flags, in the order they are shown (Status Aktif is the gate, not a flag).
FLAGS_KEBERLANJUTAN = ("penerapan", "dasar_hukum", "anggaran", "sop", "monev", "replikasi")
# The six per-innovation IID indicators the workbook can support, in the spec's order.
INDIKATOR_KEMATANGAN = ("regulasi", "dukungan_anggaran", "alat_kerja", "replikasi", "kemanfaatan", "monev")
ANGGARAN_POLA = ("tanpa_anggaran", "satu_tahun", "dua_tahun_tidak_berturut", "dua_tahun_berturut", "tiga_tahun")
LEVEL_MAKSIMUM = 3  # IID evidence levels run 1..3 (0 without evidence)
# Which vocabulary the keys of each categorical level table come from.
_LEVEL_KEYS: dict[str, tuple[str, ...]] = {
    "regulasi": contract.DASAR_HUKUM,
    "dukungan_anggaran": ANGGARAN_POLA,
    "alat_kerja": contract.JENIS,
    "monev": contract.MONEV,
}
_THRESHOLD_INDICATORS = ("replikasi", "kemanfaatan")


# --------------------------------------------------------------------------------------------
# The rules as frozen, hashable values (so pages can use them as cache keys)
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CountingRule:
    """Which innovations count for a year: minimum tahapan and whether Tidak Aktif ones count."""

    tahapan_minimum: str
    tidak_aktif_dihitung: bool


@dataclass(frozen=True)
class SustainabilityRule:
    bobot: tuple[tuple[str, float], ...]  # (flag, weight) in FLAGS_KEBERLANJUTAN order
    ambang_berkelanjutan: float
    tahun_penerapan_minimum: int
    dasar_hukum_minimum: str
    tahun_anggaran_minimum: int
    replikasi_minimum: int

    def weight(self, flag: str) -> float:
        return dict(self.bobot)[flag]


@dataclass(frozen=True)
class MaturityIndicator:
    """One IID indicator: bobot, and either a value -> level table or three level thresholds."""

    key: str
    bobot: float
    level: tuple[tuple[str, int], ...] = ()
    batas_level: tuple[int, ...] = ()

    def level_map(self) -> dict[str, int]:
        return dict(self.level)


@dataclass(frozen=True)
class MaturityRule:
    indikator: tuple[MaturityIndicator, ...]
    pembagi_minimum_sid: int

    @property
    def maksimum(self) -> float:
        """Σ bobot × 3: the per-innovation maximum of the indicators used (45 by default)."""
        return sum(i.bobot for i in self.indikator) * LEVEL_MAKSIMUM

    def get(self, key: str) -> MaturityIndicator:
        return next(i for i in self.indikator if i.key == key)


@dataclass(frozen=True)
class PredicateBand:
    """IID predicate lower bounds, in force from `tahun_mulai` until the next band starts."""

    tahun_mulai: int
    sangat_inovatif: float
    inovatif: float
    kurang_inovatif: float


@dataclass(frozen=True)
class TppTier:
    minimum_inovasi: int
    penyesuaian_persen: float
    label: str  # "0", "1-2", "3-4", "5+"


@dataclass(frozen=True)
class TppRule:
    tingkat: tuple[TppTier, ...]
    bulan_per_tahun: int
    aturan_unit_aktif: bool
    potongan_unit_persen: float


@dataclass(frozen=True)
class Rules:
    dihitung: CountingRule
    keberlanjutan: SustainabilityRule
    kematangan: MaturityRule
    predikat: tuple[PredicateBand, ...]
    minimum_urusan_pelayanan_dasar: int
    tpp: TppRule
    sumber: str = ""  # the file the rules came from ("" = defaults only)
    sidik: str = ""  # fingerprint of the effective rules: a stable cache key

    def predicate_band(self, year: int) -> PredicateBand:
        """The band in force for `year`: the latest starting at or before it (else the first)."""
        started = [b for b in self.predikat if b.tahun_mulai <= year]
        return started[-1] if started else self.predikat[0]


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the key and the problem (id, en)."""

    def __init__(self, key: str, problem_id: str, problem_en: str, source: str = "") -> None:
        self.key, self.problem_id, self.problem_en, self.source = key, problem_id, problem_en, source
        where = f" ({source})" if source else ""
        super().__init__(
            f"Berkas aturan ditolak{where} — kunci `{key}`: {problem_id}. "
            f"/ Rules file refused{where} — key `{key}`: {problem_en}."
        )


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------
def load_rules(path: str | Path | None = None) -> Rules:
    """Rules from `path` merged over the defaults (None: the defaults); RulesError when unusable."""
    defaults = _read_toml(DEFAULT_RULES_PATH, "")
    raw = defaults if path is None else _merge(defaults, _read_toml(Path(path), str(path)))
    return _finish(raw, "" if path is None else str(path))


def parse_rules(text: str, source: str = "") -> Rules:
    """Rules from TOML text (an uploaded file, a stored version) merged over the defaults, checked
    exactly as `load_rules` checks a file; RulesError when unusable."""
    try:
        override = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise RulesError("(berkas)", f"bukan TOML yang sah ({err})", f"not valid TOML ({err})", source) from None
    return _finish(_merge(_read_toml(DEFAULT_RULES_PATH, ""), override), source)


def _finish(raw: dict[str, Any], source: str) -> Rules:
    try:
        rules = _build(raw)
    except RulesError as err:
        raise RulesError(err.key, err.problem_id, err.problem_en, source) from None
    sidik = hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()[:16]
    return replace(rules, sumber=source, sidik=sidik)


def load_rules_or_keep(path: str | Path | None, previous: Rules) -> tuple[Rules, RulesError | None]:
    """The new rules, or `previous` and the reason when the new file is bad (never half-applied)."""
    try:
        return load_rules(path), None
    except RulesError as err:
        return previous, err


class RulesHolder:
    """Keeps the rules in force: a bad new file is reported and the last good rules stay."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._rules, self.last_error = load_rules_or_keep(path, load_rules(None))

    @property
    def rules(self) -> Rules:
        return self._rules

    def reload(self, path: str | Path | None = None) -> RulesError | None:
        """Load `path`; on failure keep the current rules and return (and remember) the error."""
        self._rules, self.last_error = load_rules_or_keep(path, self._rules)
        return self.last_error


def _read_toml(path: Path, source: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise RulesError("(berkas)", f"berkas tidak ditemukan: {path}", f"file not found: {path}", source) from None
    except tomllib.TOMLDecodeError as err:
        raise RulesError("(berkas)", f"bukan TOML yang sah ({err})", f"not valid TOML ({err})", source) from None
    except (OSError, UnicodeDecodeError) as err:
        raise RulesError("(berkas)", f"tidak dapat dibaca ({err})", f"cannot be read ({err})", source) from None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value (arrays included) replaces the default."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merge(base[key], value)
        else:
            merged[key] = value
    return merged


# --------------------------------------------------------------------------------------------
# Validation: small typed readers that know the dotted key they are reading
# --------------------------------------------------------------------------------------------
def _table(raw: Any, key: str, allowed: tuple[str, ...] | None = None) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise RulesError(key, f"harus berupa tabel, ditemukan {raw!r}", f"must be a table, found {raw!r}")
    if allowed is not None:
        unknown = [k for k in raw if k not in allowed]
        if unknown:
            bad, listed = f"{key}.{unknown[0]}" if key else unknown[0], ", ".join(allowed)
            raise RulesError(bad, f"kunci tidak dikenal; yang dikenal: {listed}",
                             f"unknown key; known keys: {listed}")
    return raw


def _get(table: dict[str, Any], name: str, key: str) -> Any:
    if name not in table:
        raise RulesError(f"{key}.{name}", "wajib ada", "is required")
    return table[name]


def _number(value: Any, key: str, low: float, high: float = float("inf")) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        span = f"{low:g}–{high:g}" if high != float("inf") else f"≥ {low:g}"
        raise RulesError(key, f"harus angka {span}, ditemukan {value!r}", f"must be a number {span}, found {value!r}")
    return float(value)


def _integer(value: Any, key: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low or (high is not None and value > high):
        span = f"{low}–{high}" if high is not None else f"≥ {low}"
        raise RulesError(key, f"harus bilangan bulat {span}, ditemukan {value!r}",
                         f"must be a whole number {span}, found {value!r}")
    return value


def _boolean(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise RulesError(key, f"harus true atau false, ditemukan {value!r}", f"must be true or false, found {value!r}")
    return value


def _choice(value: Any, key: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        listed = ", ".join(choices)
        raise RulesError(key, f"harus salah satu dari: {listed}; ditemukan {value!r}",
                         f"must be one of: {listed}; found {value!r}")
    return value


def _build(raw: dict[str, Any]) -> Rules:
    top = _table(raw, "", ("inovasi_dihitung", "keberlanjutan", "kematangan", "iid", "predikat", "tpp"))
    iid = _table(_get(top, "iid", ""), "iid", ("minimum_urusan_pelayanan_dasar",))
    minimum_dasar = _integer(_get(iid, "minimum_urusan_pelayanan_dasar", "iid"), "iid.minimum_urusan_pelayanan_dasar",
                             0, len(contract.URUSAN_PELAYANAN_DASAR))
    return Rules(
        dihitung=_build_counting(_get(top, "inovasi_dihitung", "")),
        keberlanjutan=_build_sustainability(_get(top, "keberlanjutan", "")),
        kematangan=_build_maturity(_get(top, "kematangan", "")),
        predikat=_build_predicates(_get(top, "predikat", "")),
        minimum_urusan_pelayanan_dasar=minimum_dasar,
        tpp=_build_tpp(_get(top, "tpp", "")),
    )


def _build_counting(raw: Any) -> CountingRule:
    key = "inovasi_dihitung"
    table = _table(raw, key, ("tahapan_minimum", "tidak_aktif_dihitung"))
    return CountingRule(
        tahapan_minimum=_choice(_get(table, "tahapan_minimum", key), f"{key}.tahapan_minimum", contract.TAHAPAN),
        tidak_aktif_dihitung=_boolean(_get(table, "tidak_aktif_dihitung", key), f"{key}.tidak_aktif_dihitung"),
    )


def _build_sustainability(raw: Any) -> SustainabilityRule:
    key = "keberlanjutan"
    table = _table(raw, key, ("ambang_berkelanjutan", "tahun_penerapan_minimum", "dasar_hukum_minimum",
                              "tahun_anggaran_minimum", "replikasi_minimum", "bobot"))
    weights = _table(_get(table, "bobot", key), f"{key}.bobot", FLAGS_KEBERLANJUTAN)
    bobot = tuple((f, _number(_get(weights, f, f"{key}.bobot"), f"{key}.bobot.{f}", 0, 100))
                  for f in FLAGS_KEBERLANJUTAN)
    total = sum(w for _, w in bobot)
    if abs(total - 100) > 1e-9:
        raise RulesError(f"{key}.bobot", f"jumlah bobot harus 100, ditemukan {total:g}",
                         f"the weights must add up to 100, found {total:g}")
    return SustainabilityRule(
        bobot=bobot,
        ambang_berkelanjutan=_number(_get(table, "ambang_berkelanjutan", key), f"{key}.ambang_berkelanjutan", 0, 100),
        tahun_penerapan_minimum=_integer(_get(table, "tahun_penerapan_minimum", key),
                                         f"{key}.tahun_penerapan_minimum", 0, 50),
        dasar_hukum_minimum=_choice(_get(table, "dasar_hukum_minimum", key), f"{key}.dasar_hukum_minimum",
                                    contract.DASAR_HUKUM[1:]),
        tahun_anggaran_minimum=_integer(_get(table, "tahun_anggaran_minimum", key),
                                        f"{key}.tahun_anggaran_minimum", 1, 3),
        replikasi_minimum=_integer(_get(table, "replikasi_minimum", key), f"{key}.replikasi_minimum", 1),
    )


def _build_maturity(raw: Any) -> MaturityRule:
    key = "kematangan"
    table = _table(raw, key, ("pembagi_minimum_sid", *INDIKATOR_KEMATANGAN))
    indicators = tuple(_build_indicator(_get(table, name, key), name) for name in INDIKATOR_KEMATANGAN)
    return MaturityRule(indikator=indicators, pembagi_minimum_sid=_integer(
        _get(table, "pembagi_minimum_sid", key), f"{key}.pembagi_minimum_sid", 1))


def _build_indicator(raw: Any, name: str) -> MaturityIndicator:
    key = f"kematangan.{name}"
    if name in _THRESHOLD_INDICATORS:
        table = _table(raw, key, ("bobot", "batas_level"))
        limits = _get(table, "batas_level", key)
        if not isinstance(limits, list) or len(limits) != LEVEL_MAKSIMUM:
            raise RulesError(f"{key}.batas_level", f"harus daftar 3 bilangan bulat, ditemukan {limits!r}",
                             f"must be a list of 3 whole numbers, found {limits!r}")
        values = tuple(_integer(v, f"{key}.batas_level[{i}]", 1) for i, v in enumerate(limits))
        if list(values) != sorted(set(values)):
            raise RulesError(f"{key}.batas_level", f"harus naik tegas, ditemukan {list(values)}",
                             f"must be strictly increasing, found {list(values)}")
        return MaturityIndicator(name, _number(_get(table, "bobot", key), f"{key}.bobot", 0.000001), batas_level=values)
    table = _table(raw, key, ("bobot", "level"))
    levels = _table(_get(table, "level", key), f"{key}.level", _LEVEL_KEYS[name])
    pairs = tuple((v, _integer(levels.get(v, 0), f"{key}.level.{v}", 0, LEVEL_MAKSIMUM)) for v in _LEVEL_KEYS[name])
    return MaturityIndicator(name, _number(_get(table, "bobot", key), f"{key}.bobot", 0.000001), level=pairs)


def _build_predicates(raw: Any) -> tuple[PredicateBand, ...]:
    table = _table(raw, "predikat")
    if not table:
        raise RulesError("predikat", "minimal satu tahun harus ada", "at least one year is required")
    bands = []
    for year_text, band_raw in table.items():
        key = f"predikat.{year_text}"
        if not (isinstance(year_text, str) and year_text.isdigit() and len(year_text) == 4):
            raise RulesError(key, 'nama tabel harus tahun 4 angka, mis. "2025"',
                             'the table name must be a 4-digit year, e.g. "2025"')
        band = _table(band_raw, key, ("sangat_inovatif", "inovatif", "kurang_inovatif"))
        names = ("sangat_inovatif", "inovatif", "kurang_inovatif")
        values = [_number(_get(band, n, key), f"{key}.{n}", 0, 100) for n in names]
        if not values[0] >= values[1] >= values[2] > 0:
            raise RulesError(key, f"harus sangat_inovatif ≥ inovatif ≥ kurang_inovatif > 0, ditemukan {values}",
                             f"must satisfy sangat_inovatif ≥ inovatif ≥ kurang_inovatif > 0, found {values}")
        bands.append(PredicateBand(int(year_text), *values))
    return tuple(sorted(bands, key=lambda b: b.tahun_mulai))


def _build_tpp(raw: Any) -> TppRule:
    key = "tpp"
    table = _table(raw, key, ("bulan_per_tahun", "tingkat", "aturan_unit"))
    unit = _table(_get(table, "aturan_unit", key), f"{key}.aturan_unit", ("aktif", "potongan_persen"))
    return TppRule(
        tingkat=_build_tiers(_get(table, "tingkat", key)),
        bulan_per_tahun=_integer(_get(table, "bulan_per_tahun", key), f"{key}.bulan_per_tahun", 1, 14),
        aturan_unit_aktif=_boolean(_get(unit, "aktif", f"{key}.aturan_unit"), f"{key}.aturan_unit.aktif"),
        potongan_unit_persen=_number(_get(unit, "potongan_persen", f"{key}.aturan_unit"),
                                     f"{key}.aturan_unit.potongan_persen", 0, 100),
    )


def _build_tiers(raw: Any) -> tuple[TppTier, ...]:
    """Tiers by minimum innovation count: start at 0, rise strictly, adjustments never fall."""
    if not isinstance(raw, list) or not raw:
        raise RulesError("tpp.tingkat", "harus daftar [[tpp.tingkat]] yang tidak kosong",
                         "must be a non-empty list of [[tpp.tingkat]]")
    rows = []
    for i, item in enumerate(raw):
        key = f"tpp.tingkat[{i}]"
        table = _table(item, key, ("minimum_inovasi", "penyesuaian_persen"))
        rows.append((_integer(_get(table, "minimum_inovasi", key), f"{key}.minimum_inovasi", 0),
                     _number(_get(table, "penyesuaian_persen", key), f"{key}.penyesuaian_persen", -100, 100)))
    minimums = [m for m, _ in rows]
    if minimums[0] != 0 or any(b <= a for a, b in zip(minimums, minimums[1:], strict=False)):
        raise RulesError("tpp.tingkat", f"minimum_inovasi harus mulai dari 0 dan naik tegas, ditemukan {minimums}",
                         f"minimum_inovasi must start at 0 and rise strictly, found {minimums}")
    percents = [p for _, p in rows]
    if any(b < a for a, b in zip(percents, percents[1:], strict=False)):
        raise RulesError("tpp.tingkat",
                         f"penyesuaian_persen tidak boleh turun pada tingkat lebih tinggi, ditemukan {percents}",
                         f"penyesuaian_persen must not fall for a higher tier, found {percents}")
    return tuple(TppTier(m, p, _tier_label(m, minimums[i + 1] if i + 1 < len(minimums) else None))
                 for i, (m, p) in enumerate(rows))


def _tier_label(low: int, next_low: int | None) -> str:
    if next_low is None:
        return f"{low}+"
    high = next_low - 1
    return str(low) if high == low else f"{low}-{high}"


# --------------------------------------------------------------------------------------------
# The TPP rule in words, printed beside every TPP figure
# --------------------------------------------------------------------------------------------
def describe_tpp_rule(rules: Rules, lang: str = "id") -> str:
    """The TPP rule in force, in words, ending with the 'simulasi' disclaimer."""
    tpp, count = rules.tpp, rules.dihitung
    tiers = "; ".join(_tier_text(t, lang) for t in tpp.tingkat)
    status_id = "Aktif maupun Tidak Aktif" if count.tidak_aktif_dihitung else "Aktif"
    status_en = "Aktif or Tidak Aktif" if count.tidak_aktif_dihitung else "Aktif"
    cut = f"{decimal(tpp.potongan_unit_persen, lang)}%"
    if lang == "en":
        unit = (f"a unit with no counting innovation applies −{cut} to all its officials" if tpp.aturan_unit_aktif
                else "unit rule off")
        return (f"TPP adjustment by the number of counting innovations (Tahapan {count.tahapan_minimum} or later, "
                f"Status {status_en}) that list the official's NIP as initiator: {tiers}, of the monthly base TPP; "
                f"{unit}. Note: {DISCLAIMER_EN} ({DISCLAIMER}).")
    unit = (f"unit tanpa inovasi yang dihitung: −{cut} untuk semua pejabatnya" if tpp.aturan_unit_aktif
            else "aturan unit: tidak aktif")
    return (f"Penyesuaian TPP menurut jumlah inovasi yang dihitung (Tahapan minimal {count.tahapan_minimum}, "
            f"Status {status_id}) yang mencantumkan NIP pejabat sebagai penggagas: {tiers}, dari TPP Dasar per "
            f"bulan; {unit}. Catatan: {DISCLAIMER}.")


def _tier_text(tier: TppTier, lang: str) -> str:
    count = tier.label.replace("-", "–").replace("+", " " + ("or more" if lang == "en" else "atau lebih"))
    sign = "+" if tier.penyesuaian_persen > 0 else ""
    text = f"{count} → {sign}{decimal(tier.penyesuaian_persen, lang)}%"
    if tier.minimum_inovasi == 0:
        text += " (not yet innovating)" if lang == "en" else " (belum berinovasi)"
    return text
