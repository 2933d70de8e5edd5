"""Rekonsiliasi IID: a unit's own reports against its entries in the national IID application.

Per unit and year:
- belum_di_iid: innovations in the unit's own report that are not in the application (not
  submitted: index points lost);
- hanya_di_iid: entries in the application that no report of the unit holds (a unit without any
  report of the year has all its entries here);
- berbeda: the same innovation on both sides, but tahapan, jenis or bentuk differ.

Titles are matched within a unit as the lifecycle linker matches names across years: equal after
`contract.fold` first, then the most similar pairs by rapidfuzz WRatio (default processing) at
or above the linker's threshold (KUDUS_LINK_THRESHOLD), each title used once.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process, utils

from analytics.intake.contract import fold
from analytics.lifecycle.config import link_settings

BELUM_DI_IID, HANYA_DI_IID, BERBEDA = "belum_di_iid", "hanya_di_iid", "berbeda"
KATEGORI = (BELUM_DI_IID, HANYA_DI_IID, BERBEDA)
COMPARED = ("tahapan", "jenis", "bentuk")
COLUMNS = ("unit_kode", "nama_unit", "jenis_unit", "kategori", "nama_laporan", "nama_iid", "skor", "perbedaan",
           *(f"{c}_laporan" for c in COMPARED), *(f"{c}_iid" for c in COMPARED), "kematangan_iid")


def reconcile(reports: pd.DataFrame, iid: pd.DataFrame, units: pd.DataFrame, *,
              threshold: float | None = None) -> pd.DataFrame:
    """One row per finding (COLUMNS), by unit name then kategori. `reports`: the units' own report
    innovations of one year; `iid`: the IID import's rows of that year (innovations frames)."""
    cutoff = link_settings(threshold).ambang_kemiripan
    names = units.set_index("kode")
    found: list[dict[str, Any]] = []
    for kode in sorted(set(reports["unit_kode"]) | set(iid["unit_kode"])):
        mine = reports[reports["unit_kode"] == kode]
        theirs = iid[iid["unit_kode"] == kode]
        pairs = match_titles(mine["nama_inovasi"].tolist(), theirs["nama_inovasi"].tolist(), cutoff)
        unit = {"unit_kode": kode, "nama_unit": names["nama"].get(kode, kode),
                "jenis_unit": names["jenis_unit"].get(kode, "")}
        paired_a = {a for a, _, _ in pairs}
        paired_b = {b for _, b, _ in pairs}
        for a in range(len(mine)):
            if a not in paired_a:
                found.append({**unit, "kategori": BELUM_DI_IID, **_side(mine.iloc[a], "laporan")})
        for b in range(len(theirs)):
            if b not in paired_b:
                found.append({**unit, "kategori": HANYA_DI_IID, **_side(theirs.iloc[b], "iid")})
        for a, b, score in pairs:
            left, right = mine.iloc[a], theirs.iloc[b]
            differ = [f"{c}: {left[c]} ≠ {right[c]}" for c in COMPARED if left[c] != right[c]]
            if differ:
                found.append({**unit, "kategori": BERBEDA, **_side(left, "laporan"), **_side(right, "iid"),
                              "skor": round(score, 1), "perbedaan": "; ".join(differ)})
    out = pd.DataFrame(found, columns=list(COLUMNS))
    order = {k: i for i, k in enumerate(KATEGORI)}
    out = out.sort_values(["nama_unit", "kategori"], key=lambda s: s.map(order) if s.name == "kategori" else s,
                          kind="stable", ignore_index=True)
    return out.astype({"skor": "float64", "kematangan_iid": "float64"})


def _side(row: pd.Series, side: str) -> dict[str, Any]:
    out = {f"nama_{side}": row["nama_inovasi"], **{f"{c}_{side}": row[c] for c in COMPARED}}
    if side == "iid":
        out["kematangan_iid"] = row.get("kematangan_iid")
    return out


def match_titles(a: list[str], b: list[str], cutoff: float) -> list[tuple[int, int, float]]:
    """(index in a, index in b, score) pairs: equal folded titles first (100), then the best
    remaining pairs by WRatio at or above `cutoff`, each title used once."""
    pairs: list[tuple[int, int, float]] = []
    free_b: dict[str, list[int]] = {}
    for j, title in enumerate(b):
        free_b.setdefault(fold(title), []).append(j)
    left = []
    for i, title in enumerate(a):
        same = free_b.get(fold(title))
        if same:
            pairs.append((i, same.pop(0), 100.0))
        else:
            left.append(i)
    right = [j for js in free_b.values() for j in js]
    if left and right:
        scores = process.cdist([a[i] for i in left], [b[j] for j in right], scorer=fuzz.WRatio,
                               processor=utils.default_process, workers=1)
        ranked = sorted(((scores[x, y], x, y) for x in range(len(left)) for y in range(len(right))
                         if scores[x, y] >= cutoff), reverse=True)
        used_a, used_b = set(), set()
        for score, x, y in ranked:
            if x not in used_a and y not in used_b:
                used_a.add(x), used_b.add(y)
                pairs.append((left[x], right[y], float(score)))
    return pairs


def reconcile_report(findings: pd.DataFrame, year: int, sources: pd.DataFrame) -> dict[str, Any]:
    """The JSON of `reconcile --json`: per unit its three lists and where its figures come from
    (`sources`: unit_kode, sumber of the innovations that count, from the store)."""
    source_of = dict(zip(sources["unit_kode"], sources["sumber"]))
    units = []
    for kode, rows in findings.groupby("unit_kode", sort=False):
        units.append({
            "unit": kode, "unit_name": rows["nama_unit"].iloc[0], "figures_from": source_of.get(kode),
            "not_in_iid": rows.loc[rows["kategori"] == BELUM_DI_IID, "nama_laporan"].tolist(),
            "only_in_iid": rows.loc[rows["kategori"] == HANYA_DI_IID, "nama_iid"].tolist(),
            "different": [{"report": r.nama_laporan, "iid": r.nama_iid, "score": r.skor, "differences": r.perbedaan}
                          for r in rows.loc[rows["kategori"] == BERBEDA].itertuples()],
        })
    totals = {k: int((findings["kategori"] == k).sum()) for k in KATEGORI}
    return {"year": year, "totals": {"not_in_iid": totals[BELUM_DI_IID], "only_in_iid": totals[HANYA_DI_IID],
                                     "different": totals[BERBEDA]}, "units": units}


def kematangan_beside(figures: pd.DataFrame, iid: pd.DataFrame, units: pd.DataFrame, *, year: int,
                      rules: Any = None, threshold: float | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The IID application's own Kematangan beside the dashboard's maturity estimate.

    Per innovation (the innovations the figures come from, matched to the IID rows by title as in
    reconcile): unit_kode, nama_unit, nama_inovasi, skor_kematangan (estimate, 0..100),
    kematangan_iid.  Per unit: unit_kode, nama_unit, rata_rata_kematangan (estimate, over the
    counting innovations), kematangan_iid (mean over the unit's IID rows), jumlah_iid."""
    from analytics.indicators import kematangan_per_inovasi, kematangan_per_unit

    cutoff = link_settings(threshold).ambang_kemiripan
    estimate = kematangan_per_inovasi(figures, year=year, rules=rules, units=units)
    titles = figures.set_index("id")["nama_inovasi"] if len(figures) else pd.Series(dtype="str")
    scores: list[float | None] = []
    for kode, inovasi in zip(estimate["unit_kode"], estimate["id"]):
        theirs = iid[iid["unit_kode"] == kode]
        pairs = match_titles([titles[inovasi]], theirs["nama_inovasi"].tolist(), cutoff) if len(theirs) else []
        scores.append(float(theirs["kematangan_iid"].iloc[pairs[0][1]]) if pairs else None)
    per_inovasi = estimate[["unit_kode", "nama_unit", "nama_inovasi", "skor_kematangan"]].assign(
        kematangan_iid=pd.array(scores, dtype="Float64"))
    per_unit = kematangan_per_unit(units, figures, year=year, rules=rules)[
        ["unit_kode", "nama_unit", "rata_rata_kematangan"]]
    iid_mean = iid.groupby("unit_kode").agg(kematangan_iid=("kematangan_iid", "mean"),
                                            jumlah_iid=("nama_inovasi", "size")).reset_index()
    per_unit = per_unit.merge(iid_mean, on="unit_kode", how="inner")
    return per_inovasi, per_unit.sort_values("nama_unit", ignore_index=True)
