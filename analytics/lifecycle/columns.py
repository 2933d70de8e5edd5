"""What other pages take from the lifecycles: columns for the innovations table, a filter by
outcome, and one line for a unit's detail.

Why here and not in those pages: the Data page and the unit page belong to other features; they
call these small functions and stay ignorant of how lifecycles are built.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from analytics import i18n
from analytics.lifecycle.lifecycles import BARU, BERHENTI, BERLANJUT, HASIL, Lifecycles
from analytics.lifecycle.measures import survival

LIFECYCLE_FIELDS = ("lifecycle_id", "tahun_pertama", "tahun_terakhir", "jumlah_tahun", "tahun_laporan",
                    "jalur_tahapan", "hasil")


def hasil_label(hasil: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """"berlanjut" -> "Berlanjut" / "Continuing" (anything unknown comes back as it is)."""
    return i18n.t(f"life.hasil.{hasil}", lang) if hasil in HASIL else str(hasil)


def column_labels(lang: str = i18n.DEFAULT_LANGUAGE) -> dict[str, str]:
    """Display names of LIFECYCLE_FIELDS, for renaming the columns of a table on screen."""
    return {field: i18n.t(f"life.col.{field}", lang) for field in LIFECYCLE_FIELDS}


def lifecycle_columns(lifecycles: Lifecycles) -> pd.DataFrame:
    """One row per innovation record: id, then LIFECYCLE_FIELDS of the lifecycle it belongs to
    (first/last year, years reported as a count and as "2023–2025", stage path, outcome)."""
    records = lifecycles.records[["id", "lifecycle_id"]]
    table = lifecycles.table[list(LIFECYCLE_FIELDS)]
    return records.merge(table, on="lifecycle_id", how="left").reset_index(drop=True)


def with_lifecycle_columns(innovations: pd.DataFrame, lifecycles: Lifecycles) -> pd.DataFrame:
    """`innovations` (any frame with the record `id`) with LIFECYCLE_FIELDS added, same rows and
    order; a record the lifecycles do not know (built from other data) gets empty values."""
    columns = lifecycle_columns(lifecycles).drop_duplicates("id").set_index("id")
    out = innovations.copy()
    found = columns.reindex(out["id"].to_numpy())
    for field in LIFECYCLE_FIELDS:
        out[field] = found[field].to_numpy()
    return out


def filter_by_hasil(frame: pd.DataFrame, hasil: str | Iterable[str] | None) -> pd.DataFrame:
    """Rows whose `hasil` is one of `hasil` (all rows when None or empty)."""
    wanted = [hasil] if isinstance(hasil, str) else list(hasil or [])
    if not wanted:
        return frame
    unknown = set(wanted) - set(HASIL)
    if unknown:
        raise ValueError(f"hasil tidak dikenal: {sorted(unknown)} ({', '.join(HASIL)})")
    return frame.loc[frame["hasil"].isin(wanted)]


def unit_summary(lifecycles: Lifecycles, unit_kode: str) -> dict[str, Any]:
    """A unit's lifecycles in numbers: jumlah_inovasi, berlanjut, berhenti, baru, tahun_awal,
    tahun_akhir (years reported by the unit), bertahan_1_tahun (survival one year after the first
    report, all kohorts of the unit pooled; None when unknown)."""
    table = lifecycles.table.loc[lifecycles.table["unit_kode"].eq(unit_kode)]
    counts = table["hasil"].value_counts()
    years = lifecycles.linking.reports.loc[lifecycles.linking.reports["unit_kode"].eq(unit_kode), "tahun"]
    one_year = None
    if len(table):
        curve = survival(table, per_kohort=False)
        point = curve.loc[curve["tahun_ke"].eq(1), "bertahan"]
        one_year = float(point.iloc[0]) if len(point) and pd.notna(point.iloc[0]) else None
    return {"jumlah_inovasi": len(table), **{h: int(counts.get(h, 0)) for h in HASIL},
            "tahun_awal": int(years.min()) if len(years) else None,
            "tahun_akhir": int(years.max()) if len(years) else None, "bertahan_1_tahun": one_year}


def unit_summary_line(lifecycles: Lifecycles, unit_kode: str, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """One line for a unit's detail, e.g. "Siklus inovasi 2023–2025: 12 inovasi — 8 berlanjut,
    3 berhenti, 1 baru; 85% bertahan setahun setelah laporan pertama."."""
    summary = unit_summary(lifecycles, unit_kode)
    if not summary["jumlah_inovasi"]:
        return i18n.t("life.unit_line_none", lang)
    years = (str(summary["tahun_awal"]) if summary["tahun_awal"] == summary["tahun_akhir"]
             else f"{summary['tahun_awal']}–{summary['tahun_akhir']}")
    line = i18n.t("life.unit_line", lang, tahun=years, n=summary["jumlah_inovasi"], berlanjut=summary[BERLANJUT],
                  berhenti=summary[BERHENTI], baru=summary[BARU])
    if summary["bertahan_1_tahun"] is not None:
        line += " " + i18n.t("life.unit_line_survival", lang, persen=f"{summary['bertahan_1_tahun']:.0%}")
    return line
