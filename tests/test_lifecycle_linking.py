"""Linking yearly records into lifecycles (pure frames; the stored decisions: test_lifecycle_store.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from lifecycle_frames import UNITS, frame, record, reports

from analytics import lifecycle as life
from analytics.lifecycle.config import DEFAULT_THRESHOLD, THRESHOLD_ENV, LinkSettingsError, link_settings
from analytics.lifecycle.linking import BENTROK, DITERAPKAN, DITOLAK, TIDAK_BERLAKU


def decision(unit, tahun_a, nama_a, tahun_b, nama_b, keputusan="tautkan", at="2025-01-01"):
    return {"unit_kode": unit, "tahun_a": tahun_a, "nama_fold_a": life.fold_names(pd.Series([nama_a]))[0],
            "nama_a": nama_a, "tahun_b": tahun_b, "nama_fold_b": life.fold_names(pd.Series([nama_b]))[0],
            "nama_b": nama_b, "keputusan": keputusan, "diputuskan_pada": pd.Timestamp(at, tz="UTC")}


def decisions(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows)).assign(id=range(1, len(rows) + 1))


def test_exact_matches_across_three_years_link_after_folding():
    data = frame([record("opd.a", 2023, "SI-DESA (Sistem Informasi Desa)"),
                  record("opd.a", 2024, "si desa sistem informasi desa"),
                  record("opd.a", 2025, "  SIDESA — Sistem  Informasi Desa "),
                  record("kec.b", 2024, "SI-DESA (Sistem Informasi Desa)")])
    lc = life.build_lifecycles(data, units=UNITS)
    assert len(lc.table) == 2  # the same name in another unit is another innovation
    mine = lc.table.set_index("unit_kode").loc["opd.a"]
    assert (mine["jumlah_tahun"], mine["tahun_laporan"], mine["jumlah_nama"]) == (3, "2023–2025", 1)
    assert lc.linking.proposals.empty


def test_a_rename_is_proposed_never_linked_silently():
    data = frame([record("opd.a", 2023, "Antar Obat Pasien Lansia"),
                  record("opd.a", 2024, "Antar Obat Lansia"), record("opd.a", 2025, "Antar Obat Lansia")])
    lc = life.build_lifecycles(data, units=UNITS)
    assert len(lc.table) == 2
    [proposal] = lc.linking.proposals.to_dict("records")
    assert (proposal["nama_a"], proposal["tahun_a"], proposal["nama_b"], proposal["tahun_b"]) == (
        "Antar Obat Pasien Lansia", 2023, "Antar Obat Lansia", 2024)
    assert proposal["skor"] >= DEFAULT_THRESHOLD
    linked = life.build_lifecycles(data, units=UNITS, decisions=decisions(
        decision("opd.a", 2023, "Antar Obat Pasien Lansia", 2024, "Antar Obat Lansia")))
    assert len(linked.table) == 1 and linked.linking.proposals.empty
    only = linked.table.iloc[0]
    assert (only["jumlah_tahun"], only["jumlah_nama"], only["nama_pertama"], only["nama_inovasi"]) == (
        3, 2, "Antar Obat Pasien Lansia", "Antar Obat Lansia")
    assert only["lifecycle_id"] == "opd.a/2023/antarobatpasienlansia"
    assert linked.linking.decisions["penerapan"].tolist() == [DITERAPKAN]


def test_similar_names_of_different_innovations_are_never_merged_automatically():
    data = frame([record("opd.a", 2023, "Posyandu Lansia"), record("opd.a", 2023, "Posyandu Balita"),
                  record("opd.a", 2024, "Posyandu Lansia"), record("opd.a", 2024, "Posyandu Balita"),
                  record("opd.a", 2024, "Sapa Warga"), record("opd.a", 2025, "Sapa Warga Desa"),
                  record("opd.a", 2025, "Posyandu Lansia"), record("opd.a", 2025, "Posyandu Balita")])
    lc = life.build_lifecycles(data, units=UNITS)
    assert sorted(lc.table["nama_pertama"]) == ["Posyandu Balita", "Posyandu Lansia", "Sapa Warga",
                                                "Sapa Warga Desa"]
    assert set(lc.table["jumlah_nama"]) == {1}
    # Posyandu Lansia/Balita never end, so they are not even proposed; Sapa Warga -> Sapa Warga Desa is,
    # and stays two lifecycles until someone confirms.
    assert lc.linking.proposals[["nama_a", "nama_b"]].values.tolist() == [["Sapa Warga", "Sapa Warga Desa"]]


def test_a_rejected_pair_is_not_proposed_again():
    data = frame([record("opd.a", 2024, "Sapa Warga"), record("opd.a", 2025, "Sapa Warga Desa")])
    rejected = decisions(decision("opd.a", 2024, "Sapa Warga", 2025, "Sapa Warga Desa", "tolak"))
    lc = life.build_lifecycles(data, units=UNITS, decisions=rejected)
    assert lc.linking.proposals.empty and len(lc.table) == 2
    assert lc.linking.decisions["penerapan"].tolist() == [DITOLAK]
    undone = rejected.assign(dibatalkan_pada=pd.Timestamp("2025-02-01", tz="UTC"))
    assert len(life.build_lifecycles(data, units=UNITS, decisions=undone).linking.proposals) == 1


def test_proposals_bridge_a_year_the_unit_skipped_and_are_blocked_by_unit():
    data = frame([record("kec.b", 2023, "Layanan Stunting Berbasis WhatsApp"),
                  record("kec.b", 2025, "Pelayanan Stunting Berbasis WhatsApp"),
                  record("opd.a", 2024, "Pelayanan Stunting Berbasis WhatsApp")])
    lc = life.build_lifecycles(data, units=UNITS, reports=reports(("opd.a", 2023), ("opd.a", 2024)))
    proposals = lc.linking.proposals
    assert proposals[["unit_kode", "tahun_a", "tahun_b"]].values.tolist() == [["kec.b", 2023, 2025]]


def test_a_unit_that_reported_without_innovations_still_reported():
    data = frame([record("opd.a", 2023, "Kios Pajak")])
    lc = life.build_lifecycles(data, units=UNITS, reports=reports(("opd.a", 2023), ("opd.a", 2024)))
    assert lc.table.iloc[0]["hasil"] == "berhenti" and lc.table.iloc[0]["tahun_berhenti"] == 2024


def test_a_confirmed_link_that_would_put_two_records_in_one_year_is_a_conflict():
    data = frame([record("opd.a", 2023, "Antar Obat"), record("opd.a", 2024, "Antar Obat Lansia"),
                  record("opd.a", 2024, "Antar Obat")])
    ruled = decisions(decision("opd.a", 2023, "Antar Obat", 2024, "Antar Obat Lansia"))
    lc = life.build_lifecycles(data, units=UNITS, decisions=ruled)
    assert lc.linking.decisions["penerapan"].tolist() == [BENTROK]
    assert len(lc.table) == 2
    gone = decisions(decision("opd.a", 2023, "Tidak Ada", 2024, "Antar Obat Lansia"))
    assert life.build_lifecycles(data, units=UNITS, decisions=gone).linking.decisions["penerapan"].tolist() == [
        TIDAK_BERLAKU]


def test_one_name_twice_in_a_year_is_one_node():
    data = frame([record("opd.a", 2024, "SI-KIR", baris=5), record("opd.a", 2024, "SIKIR", baris=3),
                  record("opd.a", 2025, "Si Kir")])
    lc = life.build_lifecycles(data, units=UNITS)
    assert len(lc.table) == 1 and lc.table.iloc[0]["jumlah_tahun"] == 2
    assert lc.records["lifecycle_id"].nunique() == 1 and len(lc.records) == 3
    assert lc.nodes.loc[lc.nodes["tahun"] == 2024, "nama_inovasi"].tolist() == ["SIKIR"]  # Excel row 3 speaks


def test_threshold_from_argument_environment_and_default(monkeypatch):
    data = frame([record("opd.a", 2023, "Sapa Hipertensi Terpadu"), record("opd.a", 2024, "Sapa Stunting")])
    assert life.build_lifecycles(data, units=UNITS).linking.proposals.empty  # 86 < 88
    assert len(life.build_lifecycles(data, units=UNITS, threshold=80).linking.proposals) == 1
    monkeypatch.setenv(THRESHOLD_ENV, "80")
    assert link_settings().ambang_kemiripan == 80
    assert len(life.build_lifecycles(data, units=UNITS).linking.proposals) == 1
    monkeypatch.setenv(THRESHOLD_ENV, "banyak")
    with pytest.raises(LinkSettingsError, match=THRESHOLD_ENV):
        link_settings()
    with pytest.raises(LinkSettingsError):
        link_settings(threshold=0)


def test_candidates_per_ending_innovation_are_capped():
    names = ["Layanan Aduan Warga Plus", "Layanan Aduan Warga 2.0", "Layanan Aduan Warga Kudus",
             "Layanan Aduan Warga Terpadu"]
    data = frame([record("opd.a", 2023, "Layanan Aduan Warga")] + [record("opd.a", 2024, n) for n in names])
    proposals = life.build_lifecycles(data, units=UNITS).linking.proposals
    assert len(proposals) == 3 and proposals["skor"].is_monotonic_decreasing
