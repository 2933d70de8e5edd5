"""Properties of lifecycles over random reports (hypothesis): every record belongs to exactly one
lifecycle, a lifecycle never holds two names in one year, outcomes add up, and survival shares
never rise with time within a kohort — whatever decisions an analyst took, conflicting ones too."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lifecycle_frames import UNITS, frame, record

from analytics import lifecycle as life

NAMES = ("Sapa Warga", "Sapa Warga Desa", "Posyandu Lansia", "Posyandu Balita", "Antar Obat Pasien Lansia",
         "Antar Obat Lansia", "Kios Pajak", "SI-DESA", "Layanan Aduan Warga", "Pelayanan Aduan Warga")
SPELLINGS = (str, str.upper, str.lower, lambda s: s.replace(" ", "-"), lambda s: f" {s}. ")
YEARS = (2021, 2022, 2023, 2024)


@st.composite
def reports_and_decisions(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rows, reported = [], []
    for unit in draw(st.lists(st.sampled_from(["opd.a", "kec.b", "uptd.c"]), min_size=1, max_size=3, unique=True)):
        years = draw(st.lists(st.sampled_from(YEARS), min_size=1, max_size=4, unique=True))
        for year in sorted(years):
            reported.append((unit, year))
            for name in draw(st.lists(st.sampled_from(NAMES), max_size=5, unique=True)):
                spelled = draw(st.sampled_from(SPELLINGS))(name)
                rows.append(record(unit, year, spelled, draw(st.sampled_from(("Inisiatif", "Uji Coba", "Penerapan"))),
                                   draw(st.sampled_from(("Aktif", "Aktif", "Tidak Aktif")))))
    innovations = frame(rows) if rows else frame([record("opd.a", 2021, "X")]).iloc[0:0]
    # Decisions between any two records of a unit (conflicts and rejections included).
    picks = []
    if len(innovations) > 1:
        for _ in range(draw(st.integers(0, 6))):
            a, b = draw(st.integers(0, len(innovations) - 1)), draw(st.integers(0, len(innovations) - 1))
            ra, rb = innovations.iloc[a], innovations.iloc[b]
            if ra["unit_kode"] != rb["unit_kode"] or ra["tahun"] == rb["tahun"]:
                continue
            first, second = (ra, rb) if ra["tahun"] < rb["tahun"] else (rb, ra)
            picks.append({"unit_kode": first["unit_kode"], "tahun_a": first["tahun"],
                          "nama_fold_a": life.fold_names(pd.Series([first["nama_inovasi"]]))[0],
                          "tahun_b": second["tahun"],
                          "nama_fold_b": life.fold_names(pd.Series([second["nama_inovasi"]]))[0],
                          "keputusan": draw(st.sampled_from(("tautkan", "tautkan", "tolak"))),
                          "diputuskan_pada": pd.Timestamp("2025-01-01", tz="UTC") + pd.Timedelta(len(picks), "h")})
    decisions = pd.DataFrame(picks, columns=["unit_kode", "tahun_a", "nama_fold_a", "tahun_b", "nama_fold_b",
                                             "keputusan", "diputuskan_pada"])
    decisions = decisions.drop_duplicates(["unit_kode", "tahun_a", "nama_fold_a", "tahun_b", "nama_fold_b"])
    return innovations, pd.DataFrame(reported, columns=["unit_kode", "tahun"]), decisions.assign(
        id=np.arange(len(decisions)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports_and_decisions())
def test_every_record_belongs_to_exactly_one_lifecycle(case):
    innovations, reported, decisions = case
    lc = life.build_lifecycles(innovations, units=UNITS, reports=reported, decisions=decisions)
    records = lc.records
    assert len(records) == len(innovations)
    assert records["id"].tolist() == innovations["id"].tolist()
    assert records["lifecycle_id"].notna().all()
    assert set(records["lifecycle_id"]) == set(lc.table["lifecycle_id"])
    assert lc.table["lifecycle_id"].is_unique
    # One unit per lifecycle, and one (folded) name per lifecycle and year.
    assert (records.groupby("lifecycle_id")["unit_kode"].nunique() == 1).all()
    assert (records.groupby(["lifecycle_id", "tahun"])["nama_fold"].nunique() == 1).all()
    assert lc.table["jumlah_tahun"].sum() == len(records.drop_duplicates(["lifecycle_id", "tahun"]))
    # Exact names of a unit never split.
    assert (records.groupby(["unit_kode", "nama_fold"])["lifecycle_id"].nunique() == 1).all()
    assert lc.table["hasil"].isin(life.HASIL).all()
    summary = life.outcomes_kabupaten(lc)
    assert summary["berlanjut"] + summary["berhenti"] + summary["baru"] == len(lc.table)
    columns = life.lifecycle_columns(lc)
    assert len(columns) == len(innovations) and columns["hasil"].notna().all()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports_and_decisions())
def test_survival_never_rises_with_time_within_a_kohort(case):
    innovations, reported, decisions = case
    lc = life.build_lifecycles(innovations, units=UNITS, reports=reported, decisions=decisions)
    for by, per_kohort in ((None, True), ("jenis_unit", True), ("jenis_unit", False), (None, False)):
        curve = life.survival(lc, by=by, per_kohort=per_kohort)
        keys = [k for k in (by, "kohort" if per_kohort else None) if k] or None
        groups = curve.groupby(keys) if keys else [(None, curve)]
        for _, part in groups:
            known = part.sort_values("tahun_ke")["bertahan"].dropna().to_numpy()
            assert ((known >= 0) & (known <= 1)).all()
            assert (np.diff(known) <= 1e-12).all(), part
            assert (np.diff(part.sort_values("tahun_ke")["berisiko"].to_numpy()) <= 0).all()
            # Once nothing is observed, the share stays unknown.
            shares = part.sort_values("tahun_ke")["bertahan"].to_numpy()
            unknown = np.flatnonzero(np.isnan(shares))
            assert not len(unknown) or np.isnan(shares[unknown[0]:]).all()
    flows = life.stage_flows(lc)
    if len(flows):
        assert (flows["jumlah"] > 0).all()
