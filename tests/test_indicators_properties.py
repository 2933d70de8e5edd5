"""Properties of the indicators on random datasets (hypothesis).

Breakdowns add up to the total (multi-label ones at least to it), shares stay within 0..1, meeting
one more sustainability flag never lowers the score, one more counting innovation never lowers an
official's TPP tier, and the vectorised folding agrees with contract.fold.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from indicator_frames import innovations_frame, officials_frame, units_frame

from analytics import indicators as ind
from analytics.indicators.tpp import tier_index
from analytics.intake import contract
from analytics.rules import FLAGS_KEBERLANJUTAN, load_rules

RULES = load_rules()
YEAR = 2024
UNITS = units_frame([
    {"kode": "opd.a", "nama": "Dinas A", "jenis_unit": "OPD"},
    {"kode": "uptd.a1", "nama": "UPTD A1", "jenis_unit": "UPTD", "induk_kode": "opd.a"},
    {"kode": "kec.b", "nama": "Kecamatan Bae", "jenis_unit": "Kecamatan"},
    {"kode": "bumd.c", "nama": "BUMD C", "jenis_unit": "BUMD"},
    {"kode": "opd.d", "nama": "Dinas D", "jenis_unit": "OPD", "aktif": False},
])
NIPS = [f"19800101200501{i:04d}" for i in range(6)]
KECAMATAN = [k.nama for k in contract.KECAMATAN]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _joined(values: list[str], size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(values), min_size=1, max_size=size).map(";".join)


locations = st.one_of(st.just(contract.SELURUH_KABUPATEN), _joined(KECAMATAN, 3))
money = st.one_of(st.just(float("nan")), st.just(0.0), st.floats(1, 1e9))
innovation = st.fixed_dictionaries({
    "unit_kode": st.sampled_from(list(UNITS["kode"]) + ["unit.asing"]),
    "tahun": st.sampled_from([2023, 2024]),
    "nama_inovasi": st.sampled_from(["Layanan A", "layanan  a", "Layanan B", "Klinik C", "Ruang D", "E-Layan"]),
    "tahapan": st.sampled_from(contract.TAHAPAN), "jenis": st.sampled_from(contract.JENIS),
    "bentuk": st.sampled_from(contract.BENTUK), "inisiator": st.sampled_from(contract.INISIATOR),
    "status": st.sampled_from(contract.STATUS), "urusan": _joined(list(contract.URUSAN[:10]), 3),
    "nip_penggagas": st.one_of(st.just(""), _joined(NIPS, 3)),
    "lokasi_kecamatan": locations,
    "tanggal_penerapan": st.one_of(st.none(), st.dates(min_value=pd.Timestamp("2018-01-01").date(),
                                                         max_value=pd.Timestamp("2024-12-31").date())),
    "dasar_hukum": st.one_of(st.none(), st.sampled_from(contract.DASAR_HUKUM)),
    "monev": st.one_of(st.none(), st.sampled_from(contract.MONEV)),
    "anggaran_tahun_berjalan": money, "anggaran_tahun_lalu": money, "anggaran_dua_tahun_lalu": money,
    "ada_sop": st.one_of(st.none(), st.booleans()),
    "jumlah_replikasi": st.one_of(st.none(), st.integers(0, 6)),
    "jumlah_penerima_manfaat": st.one_of(st.none(), st.integers(0, 900)),
})
official = st.fixed_dictionaries({
    "unit_kode": st.sampled_from(list(UNITS["kode"])), "nip": st.sampled_from(NIPS),
    "jenis_jabatan": st.one_of(st.none(), st.sampled_from(contract.JENIS_JABATAN)),
    "tpp_dasar": st.one_of(st.just(float("nan")), st.floats(0, 5e7)),
})


def _unique_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The store never holds two innovations of one unit and year with the same folded name."""
    seen, out = set(), []
    for row in rows:
        key = (row["unit_kode"], row["tahun"], contract.fold(row["nama_inovasi"]))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


datasets = st.tuples(st.lists(innovation, max_size=25).map(_unique_names), st.lists(official, max_size=10))


def _frames(data: tuple[list, list]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return innovations_frame(data[0]), officials_frame(data[1])


# ---- breakdowns add up --------------------------------------------------------------------------
@SETTINGS
@given(datasets)
def test_breakdowns_add_up_to_the_total(data):
    innovations, officials = _frames(data)
    all_ = ind.compute_all(UNITS, innovations, officials, year=YEAR, rules=RULES)
    total = all_.ringkasan
    assert total == ind.summarize_counts(innovations, year=YEAR, rules=RULES)
    for table in (all_.per_tahapan, all_.per_jenis, all_.per_bentuk, all_.per_inisiator, all_.per_status,
                  all_.per_unit, all_.per_jenis_unit, all_.per_opd_induk):
        assert table["jumlah_inovasi"].sum() == total["jumlah_inovasi"]
        assert table["jumlah_dihitung"].sum() == total["jumlah_dihitung"]
        assert table["jumlah_baru"].sum() == total["jumlah_baru"]
        assert table["dihitung_tahun_lalu"].sum() == total["dihitung_tahun_lalu"]
        assert table["perubahan"].sum() == total["perubahan"]
    assert all_.per_tahun["jumlah_inovasi"].sum() == len(innovations)
    assert all_.tpp_per_unit["jumlah_pejabat"].sum() == all_.tpp_kabupaten["jumlah_pejabat"] == len(
        officials.loc[officials["tahun"].eq(YEAR)])
    assert sum(all_.tpp_kabupaten["pejabat_per_tingkat"].values()) == all_.tpp_kabupaten["jumlah_pejabat"]
    sustain = all_.keberlanjutan_per_unit
    assert (sustain["berkelanjutan"] + sustain["perlu_penguatan"] + sustain["vakum"]).sum() == total["jumlah_inovasi"]


@SETTINGS
@given(datasets)
def test_multi_label_breakdowns_reach_at_least_the_total(data):
    innovations, _ = _frames(data)
    total = ind.summarize_counts(innovations, year=YEAR, rules=RULES)
    for table in (ind.count_by_kecamatan(innovations, year=YEAR, rules=RULES),
                  ind.count_by_urusan(innovations, year=YEAR, rules=RULES)):
        assert table["jumlah_inovasi"].sum() >= total["jumlah_inovasi"]
        assert table["jumlah_dihitung"].sum() >= total["jumlah_dihitung"]
        assert (table["jumlah_dihitung"] <= table["jumlah_inovasi"]).all()
    single = innovations.assign(lokasi_kecamatan=innovations["lokasi_kecamatan"].str.split(";").str[0])
    assert ind.count_by_kecamatan(single, year=YEAR, rules=RULES)["jumlah_inovasi"].sum() == total["jumlah_inovasi"]


# ---- shares and scores stay in range --------------------------------------------------------------
@SETTINGS
@given(datasets)
def test_shares_within_zero_and_one(data):
    innovations, officials = _frames(data)
    all_ = ind.compute_all(UNITS, innovations, officials, year=YEAR, rules=RULES)
    shares = [all_.cakupan_satu_instansi["porsi_berinovasi"], all_.satu_pejabat_per_unit["porsi_berinovasi"],
              all_.satu_pejabat_per_jenis_jabatan["porsi_berinovasi"], all_.tpp_per_unit["porsi_berinovasi"]]
    shares += [all_.keberlanjutan_per_unit[c] for c in ("porsi_berkelanjutan", "porsi_perlu_penguatan", "porsi_vakum")]
    for share in shares:
        assert share.between(0, 1).all()
    regency = all_.keberlanjutan_kabupaten
    for key in ("porsi_berkelanjutan", "porsi_perlu_penguatan", "porsi_vakum"):
        assert 0 <= regency[key] <= 1
    if regency["jumlah_inovasi"]:
        parts = regency["porsi_berkelanjutan"] + regency["porsi_perlu_penguatan"] + regency["porsi_vakum"]
        assert abs(parts - 1) < 1e-9
    assert 0 <= all_.ringkasan_satu_pejabat["porsi_berinovasi"] <= 1
    assert 0 <= all_.tpp_kabupaten["porsi_berinovasi"] <= 1
    assert all_.keberlanjutan_per_inovasi["skor_keberlanjutan"].between(0, 100).all()
    assert all_.kematangan_per_inovasi["skor_kematangan"].between(0, 100).all()
    assert all_.kematangan_per_unit["estimasi_sid"].between(0, 100).all()


@settings(max_examples=15, deadline=None)
@given(datasets)
def test_report_is_always_plain_json(data):
    innovations, officials = _frames(data)
    json.dumps(ind.indicators_report(UNITS, innovations, officials, year=YEAR, rules=RULES), allow_nan=False)


# ---- sustainability is monotone in its flags ---------------------------------------------------
weights = st.lists(st.integers(0, 100), min_size=5, max_size=5).map(
    lambda cuts: [b - a for a, b in zip([0, *sorted(cuts)], [*sorted(cuts), 100], strict=True)])
FLAG_SETTERS = {
    "penerapan": {"tahapan": "Penerapan", "tanggal_penerapan": pd.Timestamp("2019-05-01")},
    "dasar_hukum": {"dasar_hukum": "Peraturan Daerah"},
    "anggaran": {"anggaran_tahun_berjalan": 1e6, "anggaran_tahun_lalu": 1e6, "anggaran_dua_tahun_lalu": 1e6},
    "sop": {"ada_sop": True},
    "monev": {"monev": "Eksternal"},
    "replikasi": {"jumlah_replikasi": 5},
}
CATEGORY_RANK = {"Vakum": 0, "Perlu Penguatan": 1, "Berkelanjutan": 2}


@SETTINGS
@given(st.lists(innovation.map(lambda r: {**r, "tahun": YEAR}), min_size=1, max_size=8).map(_unique_names),
       st.sampled_from(FLAGS_KEBERLANJUTAN), weights, st.integers(0, 100))
def test_meeting_one_more_flag_never_lowers_the_score(rows, flag, weight_list, threshold):
    rule = dataclasses.replace(RULES.keberlanjutan, bobot=tuple(zip(FLAGS_KEBERLANJUTAN, weight_list, strict=True)),
                               ambang_berkelanjutan=float(threshold))
    rules = dataclasses.replace(RULES, keberlanjutan=rule)
    before = ind.keberlanjutan_per_inovasi(innovations_frame(rows), year=YEAR, rules=rules)
    improved = innovations_frame(rows)
    for column, value in FLAG_SETTERS[flag].items():
        improved[column] = pd.Series([value] * len(improved), dtype=improved[column].dtype)
    after = ind.keberlanjutan_per_inovasi(improved, year=YEAR, rules=rules)
    assert after[f"flag_{flag}"].all()
    assert (after["skor_keberlanjutan"] >= before["skor_keberlanjutan"]).all()
    if flag != "penerapan":  # setting Penerapan changes the stage, which the category also reads
        ranks = lambda t: t["kategori_keberlanjutan"].astype(str).map(CATEGORY_RANK)  # noqa: E731
        assert (ranks(after) >= ranks(before)).all()


# ---- one more counting innovation never lowers a TPP tier ---------------------------------------
@SETTINGS
@given(datasets, st.sampled_from(NIPS), st.sampled_from(list(UNITS["kode"])), st.booleans())
def test_extra_counting_innovation_never_lowers_a_tier(data, nip, unit, unit_rule):
    rows, people = data
    if not people:
        people = [{"unit_kode": unit, "nip": nip, "jenis_jabatan": None, "tpp_dasar": 1e6}]
    tpp_rule = dataclasses.replace(RULES.tpp, aturan_unit_aktif=unit_rule)
    rules = dataclasses.replace(RULES, tpp=tpp_rule)
    officials = officials_frame(people)
    before = ind.tpp_per_pejabat(officials, innovations_frame(rows), year=YEAR, rules=rules)
    extra = {"unit_kode": unit, "tahun": YEAR, "nama_inovasi": "Inovasi Tambahan Unik", "tahapan": "Penerapan",
             "status": "Aktif", "nip_penggagas": nip}
    after = ind.tpp_per_pejabat(officials, innovations_frame([*rows, extra]), year=YEAR, rules=rules)
    assert (after["tingkat"].cat.codes >= before["tingkat"].cat.codes).all()
    assert (after["penyesuaian_persen"] >= before["penyesuaian_persen"]).all()
    named = after["nip"].eq(nip)
    assert (after.loc[named, "jumlah_inovasi"] == before.loc[named, "jumlah_inovasi"] + 1).all()


@given(st.lists(st.integers(0, 40), min_size=2, max_size=30))
def test_tier_index_is_monotone(counts):
    ordered = sorted(counts)
    tiers = tier_index(ordered, RULES)
    assert list(tiers) == sorted(tiers) and tiers.min() >= 0


@given(st.floats(0, 100), st.floats(0, 100), st.sampled_from([2019, 2023, 2025, 2027]))
def test_predicate_is_monotone_in_the_score(a, b, year):
    low, high = sorted((a, b))
    scores = pd.Series([low, high])
    labels = ind.predikat_iid(scores, year=year, rules=RULES)
    assert labels.cat.codes.iloc[0] <= labels.cat.codes.iloc[1]


# ---- the vectorised fold is contract.fold ----------------------------------------------------------
@settings(max_examples=300)
@given(st.lists(st.one_of(st.none(), st.text(max_size=30)), max_size=20))
def test_fold_series_matches_contract_fold(texts):
    got = ind.fold_series(pd.Series(texts, dtype=object)).tolist()
    assert got == [contract.fold(t) for t in texts]
