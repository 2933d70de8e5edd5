"""Lifecycles: what became of each innovation over the years its unit reported.

Definitions (docs/lifecycle.md has them in both languages):

* A *stop* (berhenti) is dated to the first report that shows it: the year the innovation is
  reported Tidak Aktif, or the first year its unit reported without it.  A year the unit sent no
  report at all tells nothing: the innovation is neither alive nor stopped there, and a stop seen
  only in the next report is dated to that report.
* Outcome (hasil), judged at the latest year its *unit* reported:
  berhenti — not reported in that year, or reported Tidak Aktif there;
  baru — first reported in that year (an innovation with one report has no track record yet);
  berlanjut — otherwise (reported and Aktif there, having been reported before).
* A lifecycle that stopped and later came back Aktif is berlanjut, with dihidupkan_kembali True;
  survival counts its *first* stop (once stopped, an innovation has not lasted without a break).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.indicators import keberlanjutan_per_inovasi
from analytics.indicators.keberlanjutan import FLAG_COLUMNS
from analytics.lifecycle.config import LinkSettings
from analytics.lifecycle.linking import Linking, link_innovations
from analytics.rules import Rules, load_rules

BERLANJUT, BERHENTI, BARU = "berlanjut", "berhenti", "baru"
HASIL = (BERLANJUT, BERHENTI, BARU)
TIDAK_AKTIF, TIDAK_DILAPORKAN = "tidak_aktif", "tidak_dilaporkan"  # why a stop was seen
UNIT_TIDAK_DIKENAL = "(tidak dikenal)"
ARROW = " → "
FLAG_FIELDS = ("kategori_keberlanjutan", "skor_keberlanjutan", *FLAG_COLUMNS)


@dataclass(frozen=True)
class Lifecycles:
    """Everything measured about innovations across years, from one linking.

    table: one row per lifecycle (columns in `LIFECYCLE_COLUMNS`).
    records: one row per innovation record, input order — id, unit_kode, tahun, nama_inovasi,
        nama_fold, lifecycle_id, tahapan, status, aktif, and the record's sustainability flags
        (kategori_keberlanjutan, skor_keberlanjutan, flag_*).
    nodes: one row per lifecycle and year reported (the record that speaks for the year).
    stops: one row per stop — lifecycle_id, tahun (the report that showed it), sebab
        (tidak_aktif | tidak_dilaporkan), id_terakhir (the last record before the stop, Aktif when
        there was one: its flags are the "last known flags").
    linking: the `Linking` it was built from (proposals, decisions, reports).
    """

    table: pd.DataFrame
    records: pd.DataFrame
    nodes: pd.DataFrame
    stops: pd.DataFrame
    linking: Linking
    rules: Rules

    @property
    def years(self) -> list[int]:
        """Every year any unit reported, ascending."""
        return sorted(int(y) for y in self.linking.reports["tahun"].unique())

    @property
    def latest_year(self) -> int | None:
        years = self.years
        return years[-1] if years else None


LIFECYCLE_COLUMNS = (
    "lifecycle_id", "unit_kode", "nama_unit", "jenis_unit", "nama_inovasi", "nama_pertama", "jumlah_nama",
    "tahun_pertama", "tahun_terakhir", "jumlah_tahun", "tahun_laporan", "tahapan_terakhir", "status_terakhir",
    "jalur_tahapan", "jalur_status", "hasil", "tahun_berhenti", "tahun_berhenti_pertama", "dihidupkan_kembali",
    "tahun_terakhir_unit", "kohort", "waktu_berhenti", "waktu_amatan", "tahun_uji_coba", "tahun_penerapan",
    "bulan_uji_coba_ke_penerapan",
)


def year_ranges(years: list[int]) -> str:
    """[2022, 2023, 2025] -> "2022–2023, 2025": runs of consecutive years, gaps kept visible."""
    parts: list[str] = []
    start = prev = None
    for year in years:
        if prev is not None and year == prev + 1:
            prev = year
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = year
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}–{prev}")
    return ", ".join(parts)


def _paths(lifecycle: np.ndarray, years: np.ndarray, values: np.ndarray, size: int) -> list[str]:
    """Per lifecycle, its runs of equal values: "Uji Coba 2023 → Penerapan 2024–2025".

    One pass over the nodes, sorted by lifecycle and year (Python work per node, not per pair)."""
    out = [""] * size
    parts: list[str] = []
    run_value, run_years, current = None, [], -1

    def close() -> None:
        if run_years:
            parts.append(f"{run_value} {year_ranges(run_years)}")

    for lc, year, value in zip(lifecycle.tolist(), years.tolist(), values.tolist()):
        if lc != current:
            close()
            if current >= 0:
                out[current] = ARROW.join(parts)
            parts, run_value, run_years, current = [], value, [year], lc
        elif value != run_value:
            close()
            run_value, run_years = value, [year]
        else:
            run_years.append(year)
    close()
    if current >= 0:
        out[current] = ARROW.join(parts)
    return out


def _flags(innovations: pd.DataFrame, units: pd.DataFrame | None, rules: Rules) -> pd.DataFrame:
    """Each record's one-year sustainability flags (the indicator of that year), input order."""
    years = innovations["tahun"].astype("int64").to_numpy()
    out = pd.DataFrame(index=range(len(innovations)))
    parts = []
    for year in np.unique(years):
        positions = np.flatnonzero(years == year)
        flags = keberlanjutan_per_inovasi(innovations.iloc[positions], year=int(year), rules=rules, units=units)
        parts.append(flags[list(FLAG_FIELDS)].set_axis(positions))
    if not parts:
        return out.assign(**{c: pd.Series(dtype="bool") for c in FLAG_FIELDS})
    return pd.concat(parts).sort_index()


def _nodes(link: Linking, innovations: pd.DataFrame) -> pd.DataFrame:
    """One row per lifecycle and year, sorted, with the unit's next reported year and the next record."""
    rec = link.records
    speakers = np.flatnonzero(rec["wakil"].to_numpy())
    nodes = rec.iloc[speakers][["id", "unit_kode", "tahun", "nama_inovasi", "nama_fold", "lifecycle",
                               "lifecycle_id"]].copy()
    for column in ("tahapan", "status", "tanggal_uji_coba", "tanggal_penerapan"):
        nodes[column] = innovations[column].iloc[speakers].to_numpy()
    nodes["aktif"] = nodes["status"].eq("Aktif").fillna(False).to_numpy(bool)
    nodes = nodes.sort_values(["lifecycle", "tahun"], kind="stable").reset_index(drop=True)
    nodes = nodes.merge(link.reports[["unit_kode", "tahun", "tahun_berikut"]], on=["unit_kode", "tahun"], how="left")
    same = nodes["lifecycle"].shift(-1).eq(nodes["lifecycle"])
    nodes["tahun_rekam_berikut"] = nodes["tahun"].shift(-1).where(same).astype("Int64")
    before = nodes["lifecycle"].shift(1).eq(nodes["lifecycle"])
    nodes["aktif_sebelum"] = nodes["aktif"].shift(1, fill_value=False).where(before, False).astype(bool)
    nodes["tahun_berikut_sebelum"] = nodes["tahun_berikut"].shift(1).where(before).astype("Int64")
    nodes["id_sebelum"] = nodes["id"].shift(1).where(before).astype("Int64")
    nodes["pertama"] = ~before.to_numpy(bool)
    return nodes


def _stops(nodes: pd.DataFrame) -> pd.DataFrame:
    """Every stop: an Aktif year followed by a unit report without the innovation, or a Tidak Aktif
    year right after an Aktif one (or as the first report).  A stop that lasts is counted once."""
    skipped = nodes["tahun_rekam_berikut"].isna() | nodes["tahun_berikut"].lt(nodes["tahun_rekam_berikut"])
    gap = (nodes["aktif"] & nodes["tahun_berikut"].notna() & skipped).fillna(False)
    missing = pd.DataFrame({
        "lifecycle": nodes.loc[gap, "lifecycle"], "lifecycle_id": nodes.loc[gap, "lifecycle_id"],
        "tahun": nodes.loc[gap, "tahun_berikut"].astype("int64"), "sebab": TIDAK_DILAPORKAN,
        "id_terakhir": nodes.loc[gap, "id"],
    })
    right_after = nodes["aktif_sebelum"] & nodes["tahun_berikut_sebelum"].eq(nodes["tahun"])
    turned = (~nodes["aktif"] & (nodes["pertama"] | right_after)).fillna(False)
    inactive = pd.DataFrame({
        "lifecycle": nodes.loc[turned, "lifecycle"], "lifecycle_id": nodes.loc[turned, "lifecycle_id"],
        "tahun": nodes.loc[turned, "tahun"].astype("int64"), "sebab": TIDAK_AKTIF,
        "id_terakhir": nodes.loc[turned, "id_sebelum"].fillna(nodes.loc[turned, "id"]).astype("int64"),
    })
    stops = pd.concat([missing, inactive], ignore_index=True)
    return stops.sort_values(["lifecycle", "tahun"], kind="stable").reset_index(drop=True)


def _months(start: pd.Series, end: pd.Series) -> np.ndarray:
    days = (pd.to_datetime(end) - pd.to_datetime(start)).dt.days.astype("float64")
    return (days / (365.25 / 12)).where(days >= 0).to_numpy()


def _table(nodes: pd.DataFrame, stops: pd.DataFrame, reports: pd.DataFrame, units: pd.DataFrame | None) -> pd.DataFrame:
    size = int(nodes["lifecycle"].max()) + 1 if len(nodes) else 0
    lc = nodes["lifecycle"].to_numpy()
    grouped = nodes.groupby("lifecycle", sort=True)
    first, last = grouped.head(1).set_index("lifecycle"), grouped.tail(1).set_index("lifecycle")
    out = pd.DataFrame({
        "lifecycle_id": first["lifecycle_id"], "unit_kode": first["unit_kode"],
        "nama_inovasi": last["nama_inovasi"], "nama_pertama": first["nama_inovasi"],
        "jumlah_nama": grouped["nama_fold"].nunique(), "tahun_pertama": first["tahun"],
        "tahun_terakhir": last["tahun"], "jumlah_tahun": grouped.size(),
        "tahapan_terakhir": last["tahapan"], "status_terakhir": last["status"],
    }, index=pd.RangeIndex(size, name="lifecycle"))
    years = nodes["tahun"].to_numpy()
    groups = np.split(years, np.flatnonzero(np.diff(lc)) + 1) if size else []
    out["tahun_laporan"] = [year_ranges(list(g)) for g in groups]
    out["jalur_tahapan"] = _paths(lc, years, nodes["tahapan"].to_numpy(dtype=object), size)
    out["jalur_status"] = _paths(lc, years, nodes["status"].to_numpy(dtype=object), size)
    unit_last = reports.groupby("unit_kode")["tahun"].max()
    out["tahun_terakhir_unit"] = unit_last.reindex(out["unit_kode"]).to_numpy()
    last_active = nodes.loc[nodes["aktif"]].groupby("lifecycle")["tahun"].max().reindex(out.index)
    by_stop = stops.groupby("lifecycle")["tahun"]
    out["tahun_berhenti_pertama"] = by_stop.min().reindex(out.index).astype("Int64")
    last_stop = by_stop.max().reindex(out.index)
    stopped = out["tahun_terakhir"].lt(out["tahun_terakhir_unit"]) | out["status_terakhir"].ne("Aktif")
    new = ~stopped & out["tahun_pertama"].eq(out["tahun_terakhir_unit"])
    out["hasil"] = np.where(stopped, BERHENTI, np.where(new, BARU, BERLANJUT))
    out["tahun_berhenti"] = last_stop.where(stopped).astype("Int64")
    revived = last_active > out["tahun_berhenti_pertama"].astype("float64")
    out["dihidupkan_kembali"] = revived.fillna(False).astype(bool)
    out["kohort"] = out["tahun_pertama"]
    out["waktu_berhenti"] = (out["tahun_berhenti_pertama"] - out["kohort"]).astype("Int64")
    out["waktu_amatan"] = (out["tahun_terakhir_unit"] - out["kohort"]).astype("int64")
    for column, stage in (("tahun_uji_coba", "Uji Coba"), ("tahun_penerapan", "Penerapan")):
        out[column] = nodes.loc[nodes["tahapan"].eq(stage)].groupby("lifecycle")["tahun"].min().reindex(
            out.index).astype("Int64")
    applied = nodes.loc[nodes["tahapan"].eq("Penerapan")].groupby("lifecycle").head(1).set_index("lifecycle")
    out["bulan_uji_coba_ke_penerapan"] = pd.Series(
        _months(applied["tanggal_uji_coba"], applied["tanggal_penerapan"]), index=applied.index).reindex(out.index)
    unit_table = units.drop_duplicates("kode").set_index("kode") if units is not None and len(units) else None
    if unit_table is not None:
        known = unit_table.reindex(out["unit_kode"])
        out["nama_unit"] = known["nama"].fillna(out["unit_kode"]).astype("str").to_numpy()
        out["jenis_unit"] = known["jenis_unit"].fillna(UNIT_TIDAK_DIKENAL).astype("str").to_numpy()
    else:
        out["nama_unit"], out["jenis_unit"] = out["unit_kode"], UNIT_TIDAK_DIKENAL
    return out[list(LIFECYCLE_COLUMNS)].reset_index(drop=True)


def build_lifecycles(innovations: pd.DataFrame, *, units: pd.DataFrame | None = None,
                     decisions: pd.DataFrame | None = None, reports: pd.DataFrame | None = None,
                     rules: Rules | None = None, settings: LinkSettings | None = None,
                     threshold: float | None = None) -> Lifecycles:
    """Link the records (see `link_innovations`), then measure each lifecycle.

    innovations: the innovations frame of docs/frames.md, every year.  units: the units frame (names
    and unit types).  decisions: stored link decisions.  reports: (unit_kode, tahun) of the current
    submissions.  rules: the indicator rules whose sustainability flags are checked against what
    happened next (defaults when omitted).
    """
    rules = rules or load_rules()
    innovations = innovations.reset_index(drop=True)
    link = link_innovations(innovations, decisions=decisions, reports=reports, settings=settings, threshold=threshold)
    nodes = _nodes(link, innovations)
    stops = _stops(nodes)
    table = _table(nodes, stops, link.reports, units)
    records = link.records[["id", "unit_kode", "tahun", "nama_inovasi", "nama_fold", "lifecycle_id"]].copy()
    records["tahapan"] = innovations["tahapan"].to_numpy()
    records["status"] = innovations["status"].to_numpy()
    records["aktif"] = records["status"].eq("Aktif").fillna(False).to_numpy(bool)
    flags = _flags(innovations, units, rules)
    for column in FLAG_FIELDS:
        records[column] = flags[column].to_numpy() if len(flags) else pd.Series(dtype="bool")
    nodes = nodes.drop(columns=["aktif_sebelum", "tahun_berikut_sebelum", "id_sebelum"])
    return Lifecycles(table=table, records=records, nodes=nodes, stops=stops.drop(columns="lifecycle"),
                      linking=link, rules=rules)
