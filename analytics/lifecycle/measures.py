"""Measures over lifecycles: outcomes, survival per kohort, time to Penerapan, and the check of the
one-year sustainability flags against what happened next.

Why Kaplan–Meier for survival: the years after a kohort are not all known yet (the latest kohort
has one report, a unit may have stopped reporting).  Dropping the unknown ones from a plain share
would let a later share rise above an earlier one; the product-limit estimate counts each
innovation while it is observed and never rises with time.  S(k) = Π_{j<=k} (1 − d_j / n_j), with
n_j the innovations still observed and not stopped before year j of their life, d_j those whose
first stop is seen at year j.  Where no innovation is observed any more the share is unknown (NaN).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.indicators.keberlanjutan import KATEGORI
from analytics.lifecycle.lifecycles import BARU, BERHENTI, BERLANJUT, HASIL, Lifecycles

KABUPATEN = "Kabupaten"  # the group label of regency-wide rows


# ------------------------------------------------------------------------------------------------
# Outcomes
# ------------------------------------------------------------------------------------------------
def _outcome_counts(table: pd.DataFrame, by: str | None) -> pd.DataFrame:
    keys = table[by] if by else pd.Series(KABUPATEN, index=table.index)
    counts = pd.crosstab(keys, table["hasil"]).reindex(columns=list(HASIL), fill_value=0)
    counts.columns.name = None
    counts.insert(0, "jumlah_inovasi", counts.sum(axis=1))
    judged = counts[BERLANJUT] + counts[BERHENTI]
    counts["porsi_bertahan"] = (counts[BERLANJUT] / judged.where(judged > 0)).astype("float64")
    return counts.astype({c: "int64" for c in ("jumlah_inovasi", *HASIL)})


def outcomes_by_unit(lifecycles: Lifecycles, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per unit: unit_kode, nama_unit, jenis_unit, jumlah_inovasi (lifecycles), berlanjut, berhenti,
    baru, porsi_bertahan = berlanjut / (berlanjut + berhenti) (NaN when neither).  Every aktif unit
    of `units` is listed, with zeros when it has no lifecycle."""
    table = lifecycles.table
    counts = _outcome_counts(table, "unit_kode")
    names = table.drop_duplicates("unit_kode").set_index("unit_kode")[["nama_unit", "jenis_unit"]]
    if units is not None and len(units):
        listed = units.loc[units["aktif"].astype(bool) | units["kode"].isin(counts.index)]
        listed = listed.rename(columns={"kode": "unit_kode", "nama": "nama_unit"}).set_index("unit_kode")
        names = pd.concat([listed[["nama_unit", "jenis_unit"]], names.loc[~names.index.isin(listed.index)]])
    out = names.join(counts, how="left")
    out[["jumlah_inovasi", *HASIL]] = out[["jumlah_inovasi", *HASIL]].fillna(0).astype("int64")
    return out.rename_axis("unit_kode").reset_index().sort_values(["jenis_unit", "nama_unit"], kind="stable",
                                                                     ignore_index=True)


def outcomes_by(lifecycles: Lifecycles, by: str = "jenis_unit") -> pd.DataFrame:
    """Per value of a lifecycle column (jenis_unit by default): the columns of `outcomes_by_unit`."""
    return _outcome_counts(lifecycles.table, by).rename_axis(by).reset_index()


def outcomes_kabupaten(lifecycles: Lifecycles) -> dict[str, Any]:
    """Regency: jumlah_inovasi, berlanjut, berhenti, baru, porsi_bertahan (None when nothing judged)."""
    row = _outcome_counts(lifecycles.table, None).reindex([KABUPATEN]).fillna(0).iloc[0]
    share = row["porsi_bertahan"]
    return {"jumlah_inovasi": int(row["jumlah_inovasi"]), **{h: int(row[h]) for h in HASIL},
            "porsi_bertahan": None if not row[BERLANJUT] + row[BERHENTI] else float(share)}


# ------------------------------------------------------------------------------------------------
# Survival per kohort
# ------------------------------------------------------------------------------------------------
def _ends(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(end, stopped): the year of life of the first stop, or of the last observation when none."""
    stopped = table["waktu_berhenti"].notna().to_numpy()
    end = np.where(stopped, table["waktu_berhenti"].fillna(0).to_numpy(dtype="int64"),
                   table["waktu_amatan"].to_numpy(dtype="int64"))
    return end, stopped


def _table_of(lifecycles: Lifecycles | pd.DataFrame) -> pd.DataFrame:
    return lifecycles.table if isinstance(lifecycles, Lifecycles) else lifecycles


def survival(lifecycles: Lifecycles | pd.DataFrame, *, by: str | None = None, per_kohort: bool = True,
             horizon: int | None = None) -> pd.DataFrame:
    """Share still berlanjut k years after the first report, per kohort (and per `by`, e.g. jenis_unit).

    Long table, one row per group and k = 0..horizon (default: the longest observation): [by],
    [kohort, tahun = kohort + k], tahun_ke (k), jumlah (innovations of the group), berisiko (still
    observed and not stopped before k), berhenti (first stop seen at k), disensor (last observed at
    k without a stop), bertahan (0..1; NaN where nothing is observed any more: censored).
    Without per_kohort, kohorts are pooled by year of life (the curves by unit type).  Takes the
    Lifecycles or any part of its lifecycle table (e.g. one unit's rows)."""
    table = _table_of(lifecycles)
    end, stopped = _ends(table)
    keys = ([by] if by else []) + (["kohort"] if per_kohort else [])
    frame = pd.DataFrame({"end": end, "stopped": stopped})
    for key in keys:
        frame[key] = table[key].to_numpy()
    if not keys:
        frame["_semua"] = KABUPATEN
        keys = ["_semua"]
    limit = int(horizon if horizon is not None else (table["waktu_amatan"].max() if len(table) else 0))
    steps = list(range(limit + 1))
    grouped = frame.groupby(keys, sort=True)
    ends = grouped["end"].value_counts().unstack(fill_value=0).reindex(columns=steps, fill_value=0)
    stops = frame.loc[frame["stopped"]].groupby(keys)["end"].value_counts().unstack(fill_value=0)
    stops = stops.reindex(index=ends.index, columns=steps, fill_value=0)
    total = grouped.size().reindex(ends.index).to_numpy()
    # Those whose end lies beyond the horizon are still at risk at every step shown.
    beyond = total - ends.to_numpy().sum(axis=1)
    at_risk = ends.to_numpy()[:, ::-1].cumsum(axis=1)[:, ::-1] + beyond[:, None]
    died = stops.to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        hazard = np.where(at_risk > 0, died / at_risk, np.nan)
    share = np.cumprod(1.0 - hazard, axis=1)
    long = pd.DataFrame({
        "tahun_ke": np.tile(steps, len(ends)), "jumlah": np.repeat(total, len(steps)),
        "berisiko": at_risk.ravel(), "berhenti": died.ravel(),
        "disensor": (ends.to_numpy() - died).ravel(), "bertahan": share.ravel(),
    })
    index = ends.index.to_frame(index=False)
    for key in reversed(keys):
        long.insert(0, key, np.repeat(index[key].to_numpy(), len(steps)))
    if "kohort" in keys:
        long.insert(keys.index("kohort") + 1, "tahun", long["kohort"].to_numpy() + long["tahun_ke"].to_numpy())
    return long.drop(columns="_semua", errors="ignore").astype(
        {"tahun_ke": "int64", "jumlah": "int64", "berisiko": "int64", "berhenti": "int64", "disensor": "int64"})


def survival_members(lifecycles: Lifecycles, *, tahun_ke: int, by: str | None = None, value: Any = None,
                     kohort: int | None = None) -> pd.DataFrame:
    """The lifecycles behind one survival point: those at risk at `tahun_ke` in the group, with
    keadaan = berhenti (first stop seen then), disensor (last observed then) or bertahan."""
    table = lifecycles.table
    end, stopped = _ends(table)
    keep = end >= tahun_ke
    if by is not None:
        keep &= table[by].eq(value).to_numpy()
    if kohort is not None:
        keep &= table["kohort"].eq(kohort).to_numpy()
    out = table.loc[keep].copy()
    here = end[keep] == tahun_ke
    out["keadaan"] = np.where(here & stopped[keep], BERHENTI, np.where(here, "disensor", "bertahan"))
    return out.reset_index(drop=True)


# ------------------------------------------------------------------------------------------------
# Time from Uji Coba to Penerapan
# ------------------------------------------------------------------------------------------------
def time_to_penerapan(lifecycles: Lifecycles, *, by: str | None = None) -> pd.DataFrame:
    """Median time from Uji Coba to Penerapan, two ways, per group (or the regency).

    jumlah_transisi / median_tahun: lifecycles reported in Uji Coba and later in Penerapan, years
    between the first such reports.  jumlah_bertanggal / median_bulan: lifecycles that reached
    Penerapan, months between the Tanggal Uji Coba and Tanggal Penerapan of their first Penerapan
    report.  masih_uji_coba: lifecycles still in Uji Coba and not berhenti (not yet arrived, left
    out of both medians)."""
    table = lifecycles.table
    keys = table[by] if by else pd.Series(KABUPATEN, index=table.index)
    years = (table["tahun_penerapan"] - table["tahun_uji_coba"]).astype("Float64")
    moved = years.gt(0).fillna(False).to_numpy(bool)
    waiting = (table["tahapan_terakhir"].eq("Uji Coba") & table["hasil"].ne(BERHENTI)).to_numpy(bool)
    frame = pd.DataFrame({"kunci": keys.to_numpy(), "tahun": years.where(moved).astype("float64"),
                          "bulan": table["bulan_uji_coba_ke_penerapan"].astype("float64"), "menunggu": waiting})
    grouped = frame.groupby("kunci", sort=True)
    out = pd.DataFrame({
        "jumlah_transisi": grouped["tahun"].count(), "median_tahun": grouped["tahun"].median(),
        "jumlah_bertanggal": grouped["bulan"].count(), "median_bulan": grouped["bulan"].median(),
        "masih_uji_coba": grouped["menunggu"].sum().astype("int64"),
    })
    return out.rename_axis(by or "kelompok").reset_index()


# ------------------------------------------------------------------------------------------------
# The check of the one-year flags against what happened next
# ------------------------------------------------------------------------------------------------
def flag_outcomes(lifecycles: Lifecycles) -> pd.DataFrame:
    """Per reported year of each lifecycle (its speaking record): the year's sustainability flags and
    what the unit's next report showed.  Columns: id, lifecycle_id, unit_kode, tahun, nama_inovasi,
    kategori_keberlanjutan, skor_keberlanjutan, flag_*, diketahui (the unit reported a later year),
    berlanjut_berikutnya (reported Aktif in the unit's next report), berhenti_berikutnya (known and
    not so), berhenti_kemudian (known and a stop seen in any later report)."""
    nodes = lifecycles.nodes
    same = nodes["lifecycle"].shift(-1).eq(nodes["lifecycle"])
    next_active = nodes["aktif"].shift(-1, fill_value=False).where(same, False).astype(bool)
    known = nodes["tahun_berikut"].notna().to_numpy(bool)
    onward = (nodes["tahun_rekam_berikut"].eq(nodes["tahun_berikut"]).fillna(False).to_numpy(bool)
              & next_active.to_numpy(bool))
    last_stop = lifecycles.stops.groupby("lifecycle_id")["tahun"].max()
    later_stop = last_stop.reindex(nodes["lifecycle_id"]).to_numpy() > nodes["tahun"].to_numpy()
    out = nodes[["id", "lifecycle_id", "unit_kode", "tahun", "nama_inovasi"]].copy()
    flags = lifecycles.records.drop_duplicates("id").set_index("id")
    for column in [c for c in flags.columns if c == "kategori_keberlanjutan" or c.startswith(("flag_", "skor_"))]:
        out[column] = flags[column].reindex(out["id"]).to_numpy()
    out["diketahui"] = known
    out["berlanjut_berikutnya"] = known & onward
    out["berhenti_berikutnya"] = known & ~onward
    out["berhenti_kemudian"] = known & (later_stop | ~onward)
    return out


def flag_check(lifecycles: Lifecycles, *, per_tahun: bool = False) -> pd.DataFrame:
    """Of the records in each sustainability category, how many stopped by the next report and later.

    Rows per kategori_keberlanjutan (and tahun with per_tahun): jumlah (records), diketahui (a later
    report exists), berlanjut_berikutnya, berhenti_berikutnya, porsi_berhenti_berikutnya,
    berhenti_kemudian, porsi_berhenti_kemudian (shares of diketahui; NaN when none).  For Vakum,
    "berhenti" reads "not back Aktif"."""
    rows = flag_outcomes(lifecycles)
    keys = (["tahun"] if per_tahun else []) + ["kategori_keberlanjutan"]
    rows["kategori_keberlanjutan"] = pd.Categorical(rows["kategori_keberlanjutan"], categories=list(KATEGORI))
    grouped = rows.groupby(keys, observed=False, sort=True)
    out = grouped.agg(jumlah=("id", "size"), diketahui=("diketahui", "sum"),
                      berlanjut_berikutnya=("berlanjut_berikutnya", "sum"),
                      berhenti_berikutnya=("berhenti_berikutnya", "sum"),
                      berhenti_kemudian=("berhenti_kemudian", "sum")).reset_index()
    counts = ["jumlah", "diketahui", "berlanjut_berikutnya", "berhenti_berikutnya", "berhenti_kemudian"]
    out[counts] = out[counts].fillna(0).astype("int64")
    known = out["diketahui"].where(out["diketahui"] > 0)
    out["porsi_berhenti_berikutnya"] = out["berhenti_berikutnya"] / known
    out["porsi_berhenti_kemudian"] = out["berhenti_kemudian"] / known
    out["kategori_keberlanjutan"] = out["kategori_keberlanjutan"].astype("str")
    return out[keys + counts[:4] + ["porsi_berhenti_berikutnya", "berhenti_kemudian", "porsi_berhenti_kemudian"]]


# ------------------------------------------------------------------------------------------------
# Stopped in a year
# ------------------------------------------------------------------------------------------------
def stopped_in(lifecycles: Lifecycles, tahun: int) -> pd.DataFrame:
    """Lifecycles whose stop was seen in the report of `tahun`, with their last known flags.

    Columns: the lifecycle table's, plus tahun_henti (= tahun), sebab (tidak_aktif |
    tidak_dilaporkan), tahun_terakhir_aktif (year of the last record before the stop),
    kategori_keberlanjutan, skor_keberlanjutan and flag_* of that record."""
    stops = lifecycles.stops.loc[lifecycles.stops["tahun"].eq(int(tahun))]
    out = stops.rename(columns={"tahun": "tahun_henti"}).merge(lifecycles.table, on="lifecycle_id", how="left")
    flags = lifecycles.records.drop_duplicates("id").set_index("id")
    before = flags.reindex(out["id_terakhir"])
    out["tahun_terakhir_aktif"] = before["tahun"].to_numpy()
    for column in [c for c in flags.columns if c == "kategori_keberlanjutan" or c.startswith(("flag_", "skor_"))]:
        out[column] = before[column].to_numpy()
    return out.drop(columns="id_terakhir").sort_values(["jenis_unit", "nama_unit", "nama_inovasi"],
                                                        kind="stable", ignore_index=True)


__all__ = ["BARU", "BERHENTI", "BERLANJUT", "KABUPATEN", "flag_check", "flag_outcomes", "outcomes_by",
           "outcomes_by_unit", "outcomes_kabupaten", "stopped_in", "survival", "survival_members",
           "time_to_penerapan"]
