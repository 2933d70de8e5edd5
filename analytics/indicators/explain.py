"""Explanations: the innovations, units or officials behind any figure on screen.

Why: every number a leader sees must open into the rows that produced it ("which 7 innovations
does Kecamatan Jati have?", "who is in tier 3-4?").  `explain(figure, ..., **filters)` takes the
name of the figure and the same filters the figure was computed with, and returns those rows
with every derived column (dihitung, baru, flags, scores, tier) so the reader sees why each row
is there.  Filters accept one value or a list of values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from analytics.indicators import cakupan, keberlanjutan, kematangan, tpp
from analytics.indicators._basis import Basis
from analytics.indicators.counts import LINTAS_KECAMATAN
from analytics.intake import contract
from analytics.rules import Rules

INNOVATION_FILTERS = ("unit_kode", "jenis_unit", "opd_induk_kode", "kecamatan", "tahapan", "jenis", "bentuk",
                      "inisiator", "urusan", "status", "dihitung", "baru", "kategori_keberlanjutan", "predikat")
OFFICIAL_FILTERS = ("unit_kode", "jenis_unit", "jenis_jabatan", "tingkat", "belum_berinovasi", "nip")
UNIT_FILTERS = ("jenis_unit", "melapor", "opd_induk_kode")


def _values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple | set | frozenset) else [value]


def _inovasi_lengkap(basis: Basis) -> pd.DataFrame:
    """The year's innovations with the sustainability and maturity columns alongside."""
    inv = basis.inovasi
    sustain = keberlanjutan._per_inovasi(basis)
    mature = kematangan._per_inovasi(basis)
    extra_s = [c for c in sustain.columns
               if c.startswith("flag_") or c in ("skor_keberlanjutan", "kategori_keberlanjutan")]
    extra_m = [c for c in mature.columns if c.startswith(("level_", "skor_")) or c == "predikat"]
    return pd.concat([inv, sustain[extra_s], mature[extra_m]], axis=1)


def _filter_innovations(basis: Basis, frame: pd.DataFrame, filters: dict[str, Any]) -> pd.DataFrame:
    keep = np.ones(len(frame), dtype=bool)
    for name, value in filters.items():
        wanted = _values(value)
        if name == "kecamatan":
            wanted = [contract.SELURUH_KABUPATEN if w == LINTAS_KECAMATAN else w for w in wanted]
            long = basis.kecamatan_long
            keep &= np.isin(np.arange(len(frame)), long.loc[long["kecamatan"].isin(wanted), "pos"].to_numpy())
        elif name == "urusan":
            long = basis.urusan_long
            keep &= np.isin(np.arange(len(frame)), long.loc[long["urusan"].isin(wanted), "pos"].to_numpy())
        else:
            keep &= frame[name].isin(wanted).to_numpy(bool)
    return frame.loc[keep].reset_index(drop=True)


def _innovations(basis: Basis, filters: dict[str, Any], preset: dict[str, Any]) -> pd.DataFrame:
    _check(filters, INNOVATION_FILTERS)
    return _filter_innovations(basis, _inovasi_lengkap(basis), {**preset, **filters})


def _officials(basis: Basis, filters: dict[str, Any], preset: dict[str, Any], lang: str) -> pd.DataFrame:
    _check(filters, OFFICIAL_FILTERS)
    frame = tpp._per_pejabat(basis, lang)
    for name, value in {**preset, **filters}.items():
        frame = frame.loc[frame[name].isin(_values(value))]
    frame = frame.reset_index(drop=True)
    frame["inovasi"] = frame["nip"].map(_innovation_names(basis, frame["nip"])).astype("str").fillna("")
    return frame


def _innovation_names(basis: Basis, nips: pd.Series) -> pd.Series:
    """nip -> the names of the counting innovations that list it, joined by '; '."""
    long = basis.penggagas_long.loc[lambda d: d["nip"].isin(nips)]
    names = basis.inovasi["nama_inovasi"].to_numpy()[long["pos"].to_numpy()]
    return pd.Series(names, index=long["nip"].to_numpy()).groupby(level=0).agg("; ".join)


def _units_without(basis: Basis, filters: dict[str, Any]) -> pd.DataFrame:
    _check(filters, UNIT_FILTERS)
    frame = cakupan._tanpa_inovasi(basis)
    for name, value in filters.items():
        frame = frame.loc[frame[name].isin(_values(value))]
    return frame.reset_index(drop=True)


def _check(filters: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(filters) - set(allowed))
    if unknown:
        raise ValueError(f"unknown filter(s) {unknown}; this figure accepts {list(allowed)}")


_Explainer = Callable[[Basis, dict[str, Any], str], pd.DataFrame]
FIGURES: dict[str, _Explainer] = {
    "inovasi": lambda b, f, lang: _innovations(b, f, {}),
    "dihitung": lambda b, f, lang: _innovations(b, f, {"dihitung": True}),
    "baru": lambda b, f, lang: _innovations(b, f, {"baru": True}),
    "keberlanjutan": lambda b, f, lang: _innovations(b, f, {}),
    "kematangan": lambda b, f, lang: _innovations(b, f, {"dihitung": True}),
    "pelayanan_dasar": lambda b, f, lang: _innovations(
        b, f, {"dihitung": True, "urusan": list(contract.URUSAN_PELAYANAN_DASAR)}),
    "unit_tanpa_inovasi": lambda b, f, lang: _units_without(b, f),
    "pejabat": lambda b, f, lang: _officials(b, f, {}, lang),
    "pejabat_berinovasi": lambda b, f, lang: _officials(b, f, {"belum_berinovasi": False}, lang),
    "pejabat_belum_berinovasi": lambda b, f, lang: _officials(b, f, {"belum_berinovasi": True}, lang),
    "tpp": lambda b, f, lang: _officials(b, f, {}, lang),
}


def explain(figure: str, *, innovations: pd.DataFrame, year: int, rules: Rules | None = None,
            units: pd.DataFrame | None = None, officials: pd.DataFrame | None = None, lang: str = "id",
            **filters: Any) -> pd.DataFrame:
    """The rows behind `figure` (one of FIGURES) under `filters`.

    Innovation figures (inovasi, dihitung, baru, keberlanjutan, kematangan, pelayanan_dasar) accept
    unit_kode, jenis_unit, opd_induk_kode, kecamatan ('Seluruh Kabupaten' or 'lintas kecamatan' for
    the regency-wide group), tahapan, jenis, bentuk, inisiator, urusan, status, dihitung, baru,
    kategori_keberlanjutan, predikat.  Official figures (pejabat, pejabat_berinovasi,
    pejabat_belum_berinovasi, tpp) accept unit_kode, jenis_unit, jenis_jabatan, tingkat,
    belum_berinovasi, nip and add `inovasi` (the names of their counting innovations).
    unit_tanpa_inovasi accepts jenis_unit, melapor, opd_induk_kode.
    """
    if figure not in FIGURES:
        raise ValueError(f"unknown figure {figure!r}; known: {sorted(FIGURES)}")
    basis = Basis.build(innovations=innovations, units=units, officials=officials, year=year, rules=rules)
    return FIGURES[figure](basis, filters, lang)
