"""What the dashboard pages show, assembled from the indicators: pure pandas, never streamlit.

Why this module: a page must not compute figures.  The indicators (analytics.indicators) give every
figure of one year; this module picks and shapes them for a screen — the KPI cards with their
change against last year, the unit ranking, the top and bottom units, the tahapan funnel, the
innovations at risk, one unit's or one kecamatan's detail, the TPP lists — so that pages only lay
them out and charts only draw them.  Every function takes `Indicators` (and plain frames) and
returns frames or small dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.indicators import PERLU_PENGUATAN, Indicators
from analytics.indicators.keberlanjutan import FLAG_COLUMNS
from analytics.intake import contract

KPI_CODES = ("innovations", "counting", "sustainable_share", "units_covered", "officials_covered", "maturity")


@dataclass(frozen=True)
class Kpi:
    """One KPI card: the year's value, last year's (None: no data last year) and what they count."""

    code: str
    kind: str  # "count", "share" (0..1) or "score" (0..100)
    value: float
    previous: float | None = None
    part: int | None = None  # e.g. units with an innovation ...
    whole: int | None = None  # ... out of aktif units
    note: str | None = None  # the maturity predicate
    previous_note: str | None = None

    @property
    def change(self) -> float | None:
        """value − previous (for shares: in 0..1 units; the card shows percentage points)."""
        return None if self.previous is None else self.value - self.previous


def kpis(now: Indicators, before: Indicators | None) -> list[Kpi]:
    """The overview's six cards; `before` is last year's indicators (None when it has no data)."""
    def units_covered(ind: Indicators) -> tuple[int, int]:
        table = ind.cakupan_satu_instansi
        return int(table["unit_berinovasi"].sum()), int(table["jumlah_unit"].sum())

    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    covered, aktif = units_covered(now)
    people = now.ringkasan_satu_pejabat
    sustain = now.keberlanjutan_kabupaten
    mature = now.kematangan_kabupaten
    cards = {
        "innovations": Kpi("innovations", "count", now.ringkasan["jumlah_inovasi"]),
        "counting": Kpi("counting", "count", now.ringkasan["jumlah_dihitung"]),
        "sustainable_share": Kpi("sustainable_share", "share", sustain["porsi_berkelanjutan"],
                                 part=sustain["berkelanjutan"], whole=sustain["jumlah_inovasi"]),
        "units_covered": Kpi("units_covered", "share", share(covered, aktif), part=covered, whole=aktif),
        "officials_covered": Kpi("officials_covered", "share", people["porsi_berinovasi"],
                                 part=people["pejabat_berinovasi"], whole=people["jumlah_pejabat"]),
        "maturity": Kpi("maturity", "score", mature["estimasi_sid"], note=mature["predikat"]),
    }
    if before is not None:
        was_covered, was_aktif = units_covered(before)
        previous = {
            "innovations": before.ringkasan["jumlah_inovasi"],
            "counting": before.ringkasan["jumlah_dihitung"],
            "sustainable_share": before.keberlanjutan_kabupaten["porsi_berkelanjutan"],
            "units_covered": share(was_covered, was_aktif),
            "officials_covered": before.ringkasan_satu_pejabat["porsi_berinovasi"],
            "maturity": before.kematangan_kabupaten["estimasi_sid"],
        }
        cards = {code: _with_previous(card, previous[code], before) for code, card in cards.items()}
    return [cards[code] for code in KPI_CODES]


def _with_previous(card: Kpi, previous: float, before: Indicators) -> Kpi:
    note = before.kematangan_kabupaten["predikat"] if card.code == "maturity" else None
    return Kpi(card.code, card.kind, card.value, previous, card.part, card.whole, card.note, note)


# --------------------------------------------------------------------------------------------
# Overview
# --------------------------------------------------------------------------------------------
def per_jenis_unit(ind: Indicators) -> pd.DataFrame:
    """Per unit type: counts and coverage side by side (jenis_unit, jumlah_inovasi, jumlah_dihitung,
    tidak_dihitung, jumlah_unit, unit_berinovasi); types with no aktif unit and no innovation dropped."""
    counts = ind.per_jenis_unit[["jenis_unit", "jumlah_inovasi", "jumlah_dihitung"]]
    cover = ind.cakupan_satu_instansi[["jenis_unit", "jumlah_unit", "unit_berinovasi"]]
    table = counts.merge(cover, on="jenis_unit", how="outer").fillna(0)
    table = table.astype({c: "int64" for c in table.columns if c != "jenis_unit"})
    table["tidak_dihitung"] = table["jumlah_inovasi"] - table["jumlah_dihitung"]
    order = {v: i for i, v in enumerate(contract.JENIS_UNIT)}
    table = table.loc[(table["jumlah_unit"] > 0) | (table["jumlah_inovasi"] > 0)]
    return table.sort_values("jenis_unit", key=lambda s: s.map(order).fillna(len(order))).reset_index(drop=True)


def tahapan_funnel(ind: Indicators) -> pd.DataFrame:
    """tahapan, jumlah (at that stage now), mencapai (at that stage or later: those that got there)."""
    table = ind.per_tahapan.set_index("tahapan")["jumlah_inovasi"].reindex(contract.TAHAPAN, fill_value=0)
    reached = table[::-1].cumsum()[::-1]
    return pd.DataFrame({"tahapan": list(contract.TAHAPAN), "jumlah": table.to_numpy(dtype="int64"),
                         "mencapai": reached.to_numpy(dtype="int64")})


def per_jenis(ind: Indicators) -> pd.DataFrame:
    """jenis (Digital / Non Digital), jumlah_inovasi, jumlah_dihitung, porsi (of all innovations)."""
    table = ind.per_jenis.loc[ind.per_jenis["jenis"].isin(contract.JENIS),
                              ["jenis", "jumlah_inovasi", "jumlah_dihitung"]].reset_index(drop=True)
    total = table["jumlah_inovasi"].sum()
    table["porsi"] = table["jumlah_inovasi"] / total if total else 0.0
    return table


def keberlanjutan_categories(ind: Indicators) -> pd.DataFrame:
    """kategori, jumlah, porsi: the three sustainability categories of the year's innovations."""
    k = ind.keberlanjutan_kabupaten
    names = (("Berkelanjutan", "berkelanjutan"), ("Perlu Penguatan", "perlu_penguatan"), ("Vakum", "vakum"))
    return pd.DataFrame({"kategori": [n for n, _ in names], "jumlah": [k[key] for _, key in names],
                         "porsi": [k[f"porsi_{key}"] for _, key in names]})


def flags_met(ind: Indicators) -> pd.DataFrame:
    """flag, jumlah (innovations meeting it), porsi, bobot: which sustainability conditions hold."""
    k = ind.keberlanjutan_kabupaten
    total = k["jumlah_inovasi"]
    rule = ind.rules.keberlanjutan
    rows = [(flag, met, met / total if total else 0.0, rule.weight(flag)) for flag, met in k["flag_terpenuhi"].items()]
    return pd.DataFrame(rows, columns=["flag", "jumlah", "porsi", "bobot"])


def innovations_at_risk(ind: Indicators, limit: int | None = 10) -> pd.DataFrame:
    """Counting innovations that may not last: active, at least Uji Coba, yet Perlu Penguatan; lowest
    score first, with the conditions they miss (`syarat_kurang`: flag names joined by ';').

    Why counting ones only: an Inisiatif innovation lacks most conditions by nature; the risk a
    leader can act on is an innovation already serving people without SOP, budget or legal basis."""
    per = ind.keberlanjutan_per_inovasi
    risky = per["kategori_keberlanjutan"].astype("str").eq(PERLU_PENGUATAN) & per["dihitung"].astype(bool)
    risk = per.loc[risky].copy()
    flags = risk[list(FLAG_COLUMNS)].to_numpy(dtype=bool)
    names = np.array([c.removeprefix("flag_") for c in FLAG_COLUMNS])
    risk["syarat_kurang"] = [";".join(names[~row]) for row in flags]
    risk = risk.sort_values(["skor_keberlanjutan", "nama_unit", "nama_inovasi"], ignore_index=True)
    columns = ["unit_kode", "nama_unit", "nama_inovasi", "tahapan", "skor_keberlanjutan", "syarat_kurang"]
    return risk[columns] if limit is None else risk[columns].head(limit)


def pelayanan_dasar(ind: Indicators) -> pd.DataFrame:
    """urusan, jumlah_dihitung, tercakup for the six basic-service affairs."""
    return ind.pelayanan_dasar.copy()


# --------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------
def unit_ranking(ind: Indicators, *, rollup: bool = False) -> pd.DataFrame:
    """Units (or, rolled up, parent OPDs with their UPTD and bagian) by counting innovations:
    kode, nama, jenis_unit, jumlah_unit, jumlah_inovasi, jumlah_dihitung, tidak_dihitung,
    tanpa_inovasi (no counting innovation: the ones to highlight), perubahan (None without last year)."""
    if rollup:
        table = ind.per_opd_induk.rename(columns={"opd_induk_kode": "kode", "nama_opd": "nama"})
        kinds = ind.per_unit.drop_duplicates("unit_kode").set_index("unit_kode")["jenis_unit"]
        table["jenis_unit"] = table["kode"].map(kinds).fillna("OPD")
    else:
        table = ind.per_unit.rename(columns={"unit_kode": "kode", "nama_unit": "nama"})
        table["jumlah_unit"] = 1
    out = table[["kode", "nama", "jenis_unit", "jumlah_unit", "jumlah_inovasi", "jumlah_dihitung"]].copy()
    out["tidak_dihitung"] = out["jumlah_inovasi"] - out["jumlah_dihitung"]
    out["tanpa_inovasi"] = out["jumlah_dihitung"].eq(0)
    out["perubahan"] = table.get("perubahan", pd.NA)
    out = out.loc[out["jenis_unit"].astype("str") != ""]
    return out.sort_values(["jumlah_dihitung", "jumlah_inovasi", "nama"], ascending=[False, False, True],
                           ignore_index=True)


def top_units(ranking: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n units with the most counting innovations (units with none are never 'top')."""
    return ranking.loc[ranking["jumlah_dihitung"] > 0].head(n).reset_index(drop=True)


def bottom_units(ranking: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The n units with the fewest counting innovations, fewest first (ties: fewer innovations)."""
    order = ranking.sort_values(["jumlah_dihitung", "jumlah_inovasi", "nama"], ascending=[True, True, True])
    return order.head(n).reset_index(drop=True)


@dataclass(frozen=True)
class UnitDetail:
    """One unit on the Perangkat Daerah page."""

    kode: str
    nama: str
    jenis_unit: str
    counts: dict[str, int]  # jumlah_inovasi, jumlah_dihitung, jumlah_baru
    sustainability: dict[str, float]  # berkelanjutan, perlu_penguatan, vakum, rata_rata_skor
    officials: dict[str, float]  # jumlah_pejabat, pejabat_berinovasi, porsi_berinovasi
    innovations: pd.DataFrame  # with flags, scores, category
    pejabat: pd.DataFrame  # its officials: innovations, tier, TPP adjustment
    history: pd.DataFrame  # its submissions (versions)
    per_tahun: pd.DataFrame  # its counts per year


def unit_detail(ind: Indicators, history: pd.DataFrame, kode: str) -> UnitDetail | None:
    """The detail of unit `kode` from indicators computed with that unit chosen (None: unknown)."""
    row = ind.per_unit.loc[ind.per_unit["unit_kode"].eq(kode)]
    if row.empty:
        return None
    first = row.iloc[0]
    sustain = ind.keberlanjutan_per_unit.set_index("unit_kode")
    people = ind.satu_pejabat_per_unit.set_index("unit_kode")
    s = sustain.loc[kode] if kode in sustain.index else None
    p = people.loc[kode] if kode in people.index else None
    per = ind.keberlanjutan_per_inovasi  # row for row the same innovations as kematangan_per_inovasi
    mask = per["unit_kode"].eq(kode).to_numpy()
    mine = per.loc[mask].copy()
    mine["skor_kematangan"] = ind.kematangan_per_inovasi["skor_kematangan"].to_numpy()[mask]
    pejabat = ind.tpp_per_pejabat.loc[ind.tpp_per_pejabat["unit_kode"].eq(kode),
                                      ["nama", "nip", "jabatan", "jenis_jabatan", "jumlah_inovasi", "tingkat",
                                       "penyesuaian_persen", "tpp_dasar", "penyesuaian_rp_bulan"]]
    versions = history.loc[history["unit_kode"].eq(kode)].sort_values(["tahun", "submission_id"],
                                                                     ascending=[False, False])
    return UnitDetail(
        kode=kode, nama=str(first["nama_unit"]), jenis_unit=str(first["jenis_unit"]),
        counts={c: int(first[c]) for c in ("jumlah_inovasi", "jumlah_dihitung", "jumlah_baru")},
        sustainability={c: (float(s[c]) if s is not None and pd.notna(s[c]) else 0.0)
                        for c in ("berkelanjutan", "perlu_penguatan", "vakum", "rata_rata_skor")},
        officials={c: (float(p[c]) if p is not None else 0.0)
                   for c in ("jumlah_pejabat", "pejabat_berinovasi", "porsi_berinovasi")},
        innovations=mine.sort_values(["kategori_keberlanjutan", "nama_inovasi"]).reset_index(drop=True),
        pejabat=pejabat.sort_values(["jumlah_inovasi", "nama"], ascending=[True, True]).reset_index(drop=True),
        history=versions.reset_index(drop=True),
        per_tahun=ind.per_tahun.copy(),
    )


# --------------------------------------------------------------------------------------------
# Kecamatan
# --------------------------------------------------------------------------------------------
def kecamatan_nine(ind: Indicators) -> pd.DataFrame:
    """The nine kecamatan (never the regency-wide group): kecamatan, kode, counts[, perubahan]."""
    table = ind.per_kecamatan
    return table.loc[table["grup"].eq("kecamatan")].reset_index(drop=True)


def seluruh_kabupaten(ind: Indicators) -> dict[str, int]:
    """The regency-wide ("Seluruh Kabupaten") innovations, shown apart from the nine."""
    table = ind.per_kecamatan
    row = table.loc[table["kecamatan"].eq(contract.SELURUH_KABUPATEN)]
    columns = [c for c in ("jumlah_inovasi", "jumlah_dihitung", "jumlah_baru", "perubahan") if c in table]
    return {c: int(row[c].iloc[0]) if len(row) else 0 for c in columns}


def units_in_kecamatan(ind: Indicators, units: pd.DataFrame, kecamatan: str) -> pd.DataFrame:
    """Units located in the kecamatan (its office, puskesmas, schools...) with their counts."""
    here = units.loc[units["kecamatan"].astype("str").eq(kecamatan), "kode"].astype("str")
    table = ind.per_unit.loc[ind.per_unit["unit_kode"].isin(set(here))]
    return table[["unit_kode", "nama_unit", "jenis_unit", "jumlah_inovasi", "jumlah_dihitung"]].reset_index(drop=True)


def innovation_list(ind: Indicators) -> pd.DataFrame:
    """The year's innovations (as filtered) with unit, stage, status, category and scores."""
    per = ind.keberlanjutan_per_inovasi
    columns = ["unit_kode", "nama_unit", "nama_inovasi", "tahapan", "status", "kategori_keberlanjutan",
               "skor_keberlanjutan"]
    table = per[columns].copy()  # row for row the same innovations as kematangan_per_inovasi
    table["skor_kematangan"] = ind.kematangan_per_inovasi["skor_kematangan"].to_numpy()
    return table.sort_values(["nama_unit", "nama_inovasi"], ignore_index=True)


# --------------------------------------------------------------------------------------------
# TPP
# --------------------------------------------------------------------------------------------
def tpp_tiers(ind: Indicators) -> pd.DataFrame:
    """tingkat, jumlah_pejabat, penyesuaian_persen: officials per TPP tier, lowest tier first."""
    tiers = ind.rules.tpp.tingkat
    per = ind.tpp_kabupaten["pejabat_per_tingkat"]
    return pd.DataFrame({"tingkat": [t.label for t in tiers], "jumlah_pejabat": [per.get(t.label, 0) for t in tiers],
                         "penyesuaian_persen": [t.penyesuaian_persen for t in tiers]})


def officials_without_innovation(ind: Indicators) -> pd.DataFrame:
    """The officials no counting innovation names (the list a leader acts on), by unit then name."""
    per = ind.tpp_per_pejabat
    columns = ["unit_kode", "nama_unit", "nama", "nip", "jabatan", "jenis_jabatan", "kelas_jabatan", "tpp_dasar"]
    table = per.loc[per["belum_berinovasi"].astype(bool), columns]
    return table.sort_values(["nama_unit", "kelas_jabatan", "nama"], ascending=[True, False, True],
                             ignore_index=True)


def tpp_per_unit(ind: Indicators) -> pd.DataFrame:
    """Per unit with officials: Rupiah impact a month and a year, officials and those innovating,
    largest impact first."""
    columns = ["unit_kode", "nama_unit", "jenis_unit", "jumlah_pejabat", "pejabat_berinovasi", "porsi_berinovasi",
               "pejabat_tanpa_tpp_dasar", "total_rp_bulan", "total_rp_tahun"]
    table = ind.tpp_per_unit[columns]
    return table.sort_values(["total_rp_bulan", "nama_unit"], ascending=[False, True], ignore_index=True)
