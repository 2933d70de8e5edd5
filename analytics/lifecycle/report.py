"""The lifecycle report as plain JSON: per-innovation lifecycles and every measure, for the CLI.

`python -m analytics lifecycle --json` prints exactly `lifecycle_report(...)`; the keys are the
column names of the frames (docs/lifecycle.md), NaN and NA become null.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.indicators.report import plain, records
from analytics.lifecycle.flows import stage_flows
from analytics.lifecycle.lifecycles import Lifecycles
from analytics.lifecycle.measures import (
    flag_check,
    outcomes_by,
    outcomes_by_unit,
    outcomes_kabupaten,
    survival,
    time_to_penerapan,
)

REPORT_KEYS = (
    "tahun", "tahun_terakhir", "pengaturan", "ringkasan", "per_jenis_unit", "per_unit", "kelangsungan",
    "uji_coba_ke_penerapan", "cek_penanda", "alur_tahapan", "usulan_tautan", "keputusan_tautan", "inovasi",
)


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-safe records.  `records` already gives Python values column by column; only timestamps
    need text (a recursive `plain` over 30,000 lifecycles would cost a second)."""
    frame = frame.copy()
    for name in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[name]):
            frame[name] = frame[name].map(lambda moment: None if pd.isna(moment) else moment.isoformat())
    return records(frame)


def _record_ids(lifecycles: Lifecycles) -> list[list[int]]:
    """The record ids of each lifecycle, in the order of the lifecycle table."""
    records_ = lifecycles.records[["lifecycle_id", "id"]].astype({"id": "int64"})
    order = pd.Index(lifecycles.table["lifecycle_id"]).get_indexer(records_["lifecycle_id"])
    ids = records_["id"].to_numpy()[np.argsort(order, kind="stable")]
    bounds = np.cumsum(np.bincount(order, minlength=len(lifecycles.table)))[:-1]
    return [part.tolist() for part in np.split(ids, bounds)] if len(lifecycles.table) else []


def lifecycle_report(lifecycles: Lifecycles, *, units: pd.DataFrame | None = None,
                     include_lifecycles: bool = True) -> dict[str, Any]:
    """Everything the Keberlanjutan page shows, as JSON-safe dicts and lists (keys: REPORT_KEYS).

    inovasi: one entry per lifecycle (the lifecycle table) with its record ids; left out (empty)
    when include_lifecycles is False."""
    link = lifecycles.linking
    proposals = link.proposals.drop(columns=["lifecycle_a", "lifecycle_b"])
    decisions = link.decisions[[c for c in ("id", "unit_kode", "tahun_a", "nama_a", "tahun_b", "nama_b", "skor",
                                            "keputusan", "diputuskan_oleh", "diputuskan_pada", "penerapan")
                                if c in link.decisions.columns]]
    inovasi: list[dict[str, Any]] = []
    if include_lifecycles:
        inovasi = _rows(lifecycles.table)
        for entry, ids in zip(inovasi, _record_ids(lifecycles), strict=True):
            entry["id_catatan"] = ids
    return {
        "tahun": lifecycles.years,
        "tahun_terakhir": lifecycles.latest_year,
        "pengaturan": {"ambang_kemiripan": link.settings.ambang_kemiripan, "kandidat": link.settings.kandidat},
        "ringkasan": plain(outcomes_kabupaten(lifecycles)),
        "per_jenis_unit": _rows(outcomes_by(lifecycles, "jenis_unit")),
        "per_unit": _rows(outcomes_by_unit(lifecycles, units)),
        "kelangsungan": {
            "per_kohort": _rows(survival(lifecycles)),
            "per_jenis_unit": _rows(survival(lifecycles, by="jenis_unit", per_kohort=False)),
            "per_jenis_unit_kohort": _rows(survival(lifecycles, by="jenis_unit")),
        },
        "uji_coba_ke_penerapan": {
            "kabupaten": _rows(time_to_penerapan(lifecycles))[0] if len(lifecycles.table) else None,
            "per_jenis_unit": _rows(time_to_penerapan(lifecycles, by="jenis_unit")),
        },
        "cek_penanda": {
            "ringkas": _rows(flag_check(lifecycles)),
            "per_tahun": _rows(flag_check(lifecycles, per_tahun=True)),
        },
        "alur_tahapan": _rows(stage_flows(lifecycles)),
        "usulan_tautan": _rows(proposals),
        "keputusan_tautan": _rows(decisions),
        "inovasi": inovasi,
    }
