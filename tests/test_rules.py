"""The rules file: defaults reproduce the spec, changes change results, broken files are refused.

Expected figures below refer to the golden dataset (see test_indicators_golden.py for the data).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from indicator_frames import N1, N2, N7, golden_innovations, golden_officials, golden_units

from analytics import indicators as ind
from analytics.rules import (
    DEFAULT_RULES_PATH,
    DISCLAIMER,
    RulesError,
    RulesHolder,
    describe_tpp_rule,
    load_rules,
    load_rules_or_keep,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "indikator.md"
YEAR = 2024


def rules_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "aturan.toml"
    path.write_text(text, encoding="utf-8")
    return path


# ---- every default reproduces the spec ----------------------------------------------------------
def test_default_counting_and_sustainability():
    rules = load_rules()
    assert (rules.dihitung.tahapan_minimum, rules.dihitung.tidak_aktif_dihitung) == ("Uji Coba", False)
    s = rules.keberlanjutan
    assert dict(s.bobot) == {"penerapan": 25, "dasar_hukum": 20, "anggaran": 20, "sop": 10, "monev": 15,
                             "replikasi": 10}
    assert (s.ambang_berkelanjutan, s.tahun_penerapan_minimum, s.dasar_hukum_minimum, s.tahun_anggaran_minimum,
            s.replikasi_minimum) == (60, 2, "SK Kepala Daerah", 2, 1)


def test_default_maturity_table():
    m = load_rules().kematangan
    assert {i.key: i.bobot for i in m.indikator} == {"regulasi": 3, "dukungan_anggaran": 2, "alat_kerja": 2,
                                                     "replikasi": 3, "kemanfaatan": 3, "monev": 2}
    assert m.maksimum == 45 and m.pembagi_minimum_sid == 10
    assert m.get("regulasi").level_map() == {"Tidak Ada": 0, "SK Kepala Perangkat Daerah": 1, "SK Kepala Daerah": 1,
                                             "Peraturan Kepala Daerah": 2, "Peraturan Daerah": 3}
    assert m.get("dukungan_anggaran").level_map() == {"tanpa_anggaran": 0, "satu_tahun": 1,
                                                      "dua_tahun_tidak_berturut": 1, "dua_tahun_berturut": 2,
                                                      "tiga_tahun": 3}
    assert m.get("alat_kerja").level_map() == {"Digital": 3, "Non Digital": 1, "Teknologi": 2}
    assert m.get("replikasi").batas_level == (1, 2, 3)
    assert m.get("kemanfaatan").batas_level == (1, 201, 501)
    assert m.get("monev").level_map() == {"Tidak Ada": 0, "Internal": 1, "Survei Kepuasan": 2, "Eksternal": 3}


def test_default_predicates_basic_services_and_tpp():
    rules = load_rules()
    assert [(b.tahun_mulai, b.sangat_inovatif, b.inovatif, b.kurang_inovatif) for b in rules.predikat] == [
        (2022, 60.01, 35.00, 0.01), (2025, 65.01, 40.01, 0.01)]
    assert rules.predicate_band(2024).tahun_mulai == 2022 and rules.predicate_band(2031).tahun_mulai == 2025
    assert rules.minimum_urusan_pelayanan_dasar == 5
    assert [(t.minimum_inovasi, t.penyesuaian_persen, t.label) for t in rules.tpp.tingkat] == [
        (0, 0, "0"), (1, 3, "1-2"), (3, 4, "3-4"), (5, 5, "5+")]
    assert (rules.tpp.aturan_unit_aktif, rules.tpp.bulan_per_tahun) == (False, 12)


def test_rule_text_carries_the_disclaimer():
    rules = load_rules()
    for lang in ("id", "en"):
        text = describe_tpp_rule(rules, lang)
        assert DISCLAIMER in text and "5+" not in text
    assert "1–2 → +3%" in describe_tpp_rule(rules, "id") and "belum berinovasi" in describe_tpp_rule(rules, "id")
    assert "not yet innovating" in describe_tpp_rule(rules, "en")


def test_rules_are_hashable_and_fingerprinted(tmp_path):
    first, again = load_rules(), load_rules()
    assert hash(first) == hash(again) and first.sidik == again.sidik
    changed = load_rules(rules_file(tmp_path, "[keberlanjutan]\nambang_berkelanjutan = 70\n"))
    assert changed.sidik != first.sidik and changed.sumber.endswith("aturan.toml")


# ---- a changed file changes the results accordingly -----------------------------------------------
@pytest.fixture(scope="module")
def golden():
    return golden_units(), golden_innovations(), golden_officials()


def test_minimum_stage_penerapan(golden, tmp_path):
    units, innovations, officials = golden
    rules = load_rules(rules_file(tmp_path, '[inovasi_dihitung]\ntahapan_minimum = "Penerapan"\n'))
    assert ind.summarize_counts(innovations, year=YEAR, rules=rules)["jumlah_dihitung"] == 4  # I1 I2 I4 I8
    tpp = ind.tpp_per_pejabat(officials, innovations, year=YEAR, rules=rules).set_index("nip")
    assert (tpp.loc[N1, "jumlah_inovasi"], str(tpp.loc[N1, "tingkat"])) == (3, "3-4")  # I1 I2 I8
    assert tpp.loc[N1, "penyesuaian_rp_bulan"] == 400_000.0


def test_inactive_may_count(golden, tmp_path):
    units, innovations, officials = golden
    rules = load_rules(rules_file(tmp_path, "[inovasi_dihitung]\ntidak_aktif_dihitung = true\n"))
    assert ind.summarize_counts(innovations, year=YEAR, rules=rules)["jumlah_dihitung"] == 8  # + I7
    tpp = ind.tpp_per_pejabat(officials, innovations, year=YEAR, rules=rules).set_index("nip")
    assert str(tpp.loc[N7, "tingkat"]) == "1-2"
    assert "Aktif maupun Tidak Aktif" in describe_tpp_rule(rules, "id")


def test_sustainability_threshold_and_weights(golden, tmp_path):
    _, innovations, _ = golden
    rules = load_rules(rules_file(tmp_path, "[keberlanjutan]\nambang_berkelanjutan = 70\n"))
    table = ind.keberlanjutan_per_inovasi(innovations, year=YEAR, rules=rules)
    cats = dict(zip(table["nama_inovasi"], table["kategori_keberlanjutan"].astype(str), strict=True))
    assert (cats["Sipandu  sehat"], cats["Posyandu Remaja"], cats["Parkir Online"]) == (
        "Berkelanjutan", "Perlu Penguatan", "Perlu Penguatan")  # 100 stays; 65 < 70 now
    text = ("[keberlanjutan.bobot]\npenerapan = 45\ndasar_hukum = 10\nanggaran = 20\nsop = 10\nmonev = 5\n"
            "replikasi = 10\n")
    table = ind.keberlanjutan_per_inovasi(innovations, year=YEAR, rules=load_rules(rules_file(tmp_path, text)))
    got = {n: (s, str(c)) for n, s, c in zip(table["nama_inovasi"], table["skor_keberlanjutan"],
                                             table["kategori_keberlanjutan"], strict=True)}
    assert got["Jemput Bola Lansia"] == (75.0, "Berkelanjutan")  # 45 + 20 + 10
    assert got["Posyandu Remaja"] == (45.0, "Perlu Penguatan")   # 10 + 20 + 10 + 5


def test_maturity_levels_and_predicates(golden, tmp_path):
    _, innovations, _ = golden
    text = ('[kematangan.alat_kerja.level]\n"Digital" = 2\n\n'
            '[predikat."2024"]\nsangat_inovatif = 30\ninovatif = 20\nkurang_inovatif = 0.01\n')
    rules = load_rules(rules_file(tmp_path, text))
    table = ind.kematangan_per_inovasi(innovations, year=YEAR, rules=rules).set_index("nama_inovasi")
    assert table.loc["Halte Pintar", "skor_kematangan"] == pytest.approx(700 / 45)  # (2*2 + 3) / 45
    regency = ind.kematangan_kabupaten(innovations, year=YEAR, rules=rules)
    assert regency["estimasi_sid"] == pytest.approx(147 / 45 * 10)  # 155 - 4 counting Digital x (bobot 2 x 1)
    assert regency["predikat"] == "Sangat Inovatif"  # 32.67 >= 30 under the 2024 band


def test_tpp_tiers_and_months(golden, tmp_path):
    _, innovations, officials = golden
    text = ("[tpp]\nbulan_per_tahun = 13\n[[tpp.tingkat]]\nminimum_inovasi = 0\npenyesuaian_persen = 0\n"
            "[[tpp.tingkat]]\nminimum_inovasi = 1\npenyesuaian_persen = 2\n"
            "[[tpp.tingkat]]\nminimum_inovasi = 2\npenyesuaian_persen = 6\n")
    rules = load_rules(rules_file(tmp_path, text))
    tpp = ind.tpp_per_pejabat(officials, innovations, year=YEAR, rules=rules).set_index("nip")
    assert (str(tpp.loc[N2, "tingkat"]), tpp.loc[N2, "penyesuaian_rp_bulan"]) == ("2+", 360_000.0)
    regency = ind.tpp_kabupaten(officials, innovations, year=YEAR, rules=rules)
    # N1 600,000 + N2 360,000 + N3 80,000 + N4 100,000 + N5 90,000 = 1,230,000 a month, x 13
    assert (regency["total_rp_bulan"], regency["total_rp_tahun"]) == (1_230_000.0, 15_990_000.0)
    assert regency["pejabat_per_tingkat"] == {"0": 3, "1": 3, "2+": 2}


def test_basic_services_minimum(golden, tmp_path):
    _, innovations, _ = golden
    rules = load_rules(rules_file(tmp_path, "[iid]\nminimum_urusan_pelayanan_dasar = 4\n"))
    assert ind.ringkasan_pelayanan_dasar(innovations, year=YEAR, rules=rules)["memenuhi_minimum"] is True


# ---- a broken file is refused with its key named ----------------------------------------------
BROKEN = [
    ("[inovasi_dihitung\n", "(berkas)"),
    ('[inovasi_dihitung]\ntahapan_minimum = "Selesai"\n', "inovasi_dihitung.tahapan_minimum"),
    ("[inovasi_dihitung]\ntidak_aktif_dihitung = \"ya\"\n", "inovasi_dihitung.tidak_aktif_dihitung"),
    ("[keberlanjutan.bobot]\nsop = 30\n", "keberlanjutan.bobot"),
    ('[keberlanjutan.bobot]\nsop = "sepuluh"\n', "keberlanjutan.bobot.sop"),
    ("[keberlanjutan]\nambang = 60\n", "keberlanjutan.ambang"),
    ("[keberlanjutan]\nambang_berkelanjutan = 160\n", "keberlanjutan.ambang_berkelanjutan"),
    ('[keberlanjutan]\ndasar_hukum_minimum = "Tidak Ada"\n', "keberlanjutan.dasar_hukum_minimum"),
    ('[kematangan.regulasi.level]\n"Peraturan Bupati" = 2\n', "kematangan.regulasi.level.Peraturan Bupati"),
    ('[kematangan.monev.level]\n"Eksternal" = 4\n', "kematangan.monev.level.Eksternal"),
    ("[kematangan.replikasi]\nbatas_level = [1, 1, 3]\n", "kematangan.replikasi.batas_level"),
    ("[kematangan.kemanfaatan]\nbatas_level = [1, 201]\n", "kematangan.kemanfaatan.batas_level"),
    ("[kematangan.monev]\nbobot = 0\n", "kematangan.monev.bobot"),
    ('[predikat.duaribu]\nsangat_inovatif = 60\ninovatif = 35\nkurang_inovatif = 0.01\n', "predikat.duaribu"),
    ('[predikat."2025"]\nsangat_inovatif = 30\n', "predikat.2025"),
    ("[[tpp.tingkat]]\nminimum_inovasi = 1\npenyesuaian_persen = 3\n", "tpp.tingkat"),
    ("[[tpp.tingkat]]\nminimum_inovasi = 0\npenyesuaian_persen = 5\n[[tpp.tingkat]]\nminimum_inovasi = 1\n"
     "penyesuaian_persen = 3\n", "tpp.tingkat"),
    ("[[tpp.tingkat]]\nminimum_inovasi = 0\n", "tpp.tingkat[0].penyesuaian_persen"),
    ('[tpp.aturan_unit]\naktif = "ya"\n', "tpp.aturan_unit.aktif"),
    ("[tpp]\nbulan_per_tahun = 0\n", "tpp.bulan_per_tahun"),
    ("[lain]\nx = 1\n", "lain"),
]


@pytest.mark.parametrize(("text", "key"), BROKEN, ids=[k for _, k in BROKEN])
def test_broken_file_is_refused_naming_the_key(tmp_path, text, key):
    with pytest.raises(RulesError) as caught:
        load_rules(rules_file(tmp_path, text))
    err = caught.value
    assert err.key == key
    assert f"`{key}`" in str(err)
    assert "Berkas aturan ditolak" in str(err) and "Rules file refused" in str(err)
    assert err.problem_id and err.problem_en and err.problem_id != err.problem_en


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(RulesError, match="tidak ditemukan.*not found"):
        load_rules(tmp_path / "tidak-ada.toml")


# ---- the last good rules are kept ----------------------------------------------------------------
def test_last_good_rules_are_kept(tmp_path):
    good = rules_file(tmp_path, "[keberlanjutan]\nambang_berkelanjutan = 70\n")
    holder = RulesHolder(good)
    assert holder.last_error is None and holder.rules.keberlanjutan.ambang_berkelanjutan == 70
    bad = tmp_path / "rusak.toml"
    bad.write_text("[keberlanjutan]\nambang_berkelanjutan = \"tinggi\"\n", encoding="utf-8")
    error = holder.reload(bad)
    assert isinstance(error, RulesError) and error.key == "keberlanjutan.ambang_berkelanjutan"
    assert holder.rules.keberlanjutan.ambang_berkelanjutan == 70 and holder.last_error is error
    assert holder.reload(None) is None and holder.rules.keberlanjutan.ambang_berkelanjutan == 60


def test_holder_starts_on_defaults_when_first_file_is_bad(tmp_path):
    holder = RulesHolder(rules_file(tmp_path, "[tpp]\nbulan_per_tahun = -1\n"))
    assert holder.rules == load_rules() and holder.last_error.key == "tpp.bulan_per_tahun"


def test_load_rules_or_keep(tmp_path):
    previous = load_rules()
    rules, error = load_rules_or_keep(rules_file(tmp_path, "not toml at all ="), previous)
    assert rules is previous and error is not None and error.key == "(berkas)"


# ---- the documentation's defaults table matches the default file ----------------------------------
def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, inner in value.items():
            part = key if re.fullmatch(r"[A-Za-z0-9_-]+", key) and not key.isdigit() else f'"{key}"'
            out.update(_flatten(inner, f"{prefix}.{part}" if prefix else part))
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return {k: v for i, item in enumerate(value) for k, v in _flatten(item, f"{prefix}[{i}]").items()}
    return {prefix: value}


def test_docs_defaults_table_matches_rules_default_toml():
    defaults = _flatten(tomllib.loads(DEFAULT_RULES_PATH.read_text(encoding="utf-8")))
    documented = {}
    for key, value in re.findall(r"^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|", DOCS.read_text(encoding="utf-8"), re.M):
        documented[key] = tomllib.loads(f"v = {value}")["v"]
    assert documented == defaults
