"""The sample generator and the example files: realistic, reproducible, and honest about mistakes."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections import Counter

import pytest

from analytics import i18n, sample
from analytics.intake import contract as c

YEARS = (2023, 2024, 2025)
FLAWED = sample.SAMPLE_DATA / "contoh-salah"
UNTIDY = sample.SAMPLE_DATA / "contoh-rapi-tidak"


@pytest.fixture(scope="module")
def units():
    return sample.read_units()


@pytest.fixture(scope="module")
def by_year(units) -> dict[int, list[sample.GeneratedWorkbook]]:
    return sample.generate_years(units, YEARS)


def _rows(workbooks):
    return [row for wb in workbooks for row in wb.inovasi]


def _names(workbook) -> set[str]:
    return {row["nama_inovasi"] for row in workbook.inovasi}


# ---- units.csv --------------------------------------------------------------------------------
def test_units_master_list(units):
    assert list(units.columns) == ["kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif"]
    assert units["kode"].is_unique and units["nama"].is_unique and units["aktif"].all()
    assert set(units["jenis_unit"]) == set(c.JENIS_UNIT)
    kecamatan = units[units["jenis_unit"] == "Kecamatan"]
    assert sorted(kecamatan["kecamatan"]) == sorted(k.nama for k in c.KECAMATAN)
    assert (kecamatan["nama"] == "Kecamatan " + kecamatan["kecamatan"]).all()
    puskesmas = units[units["nama"].str.startswith("UPTD Puskesmas")]
    assert len(puskesmas) == 19 and (puskesmas["induk_kode"] == "opd.dinkes").all()
    assert set(puskesmas["kecamatan"]) == {k.nama for k in c.KECAMATAN}
    assert units.set_index("kode").at["uptd.pkm-gribig", "kecamatan"] == "Gebog"
    assert (units.loc[units["induk_kode"] == "opd.setda", "jenis_unit"] == "OPD").sum() == 8
    assert set(units["induk_kode"]) - {""} <= set(units["kode"])
    assert units["kode"].str.fullmatch(r"[a-z0-9.\-]+").all()


def test_short_forms_do_not_collide(units):
    keys = Counter()
    for row in units.itertuples():
        keys.update({c.fold(row.nama), *(c.fold(s) for s in row.singkatan.split(";") if s)})
    assert [key for key, count in keys.items() if count > 1] == []


# ---- determinism ------------------------------------------------------------------------------
def test_same_seed_same_data(units, by_year):
    again = sample.generate_year(units, 2024)
    assert [(w.unit_kode, w.profil, w.inovasi, w.pejabat) for w in again] == \
        [(w.unit_kode, w.profil, w.inovasi, w.pejabat) for w in by_year[2024]]
    assert again[0].to_bytes(units) == by_year[2024][0].to_bytes(units)


def test_other_seed_other_data(units, by_year):
    other = sample.generate_year(units, 2024, seed=7)
    assert [w.inovasi for w in other] != [w.inovasi for w in by_year[2024]]


# ---- people -----------------------------------------------------------------------------------
def test_nips_are_valid_and_penggagas_are_the_units_officials(by_year):
    for workbook in (w for ws in by_year.values() for w in ws):
        nips = [p["nip"] for p in workbook.pejabat]
        assert len(nips) == len(set(nips))
        assert all(sample.is_plausible_nip(nip) for nip in nips), workbook.file_name
        for row in workbook.inovasi:
            assert set(row["nip_penggagas"]) <= set(nips), (workbook.file_name, row["nama_inovasi"])
        for person in workbook.pejabat:
            assert c.KELAS_JABATAN_MIN <= person["kelas_jabatan"] <= c.KELAS_JABATAN_MAX
            assert person["jenis_jabatan"] in c.JENIS_JABATAN
            assert person["tpp_dasar"] is None or 1_000_000 <= person["tpp_dasar"] <= 25_000_000


def test_nip_checker_rejects_implausible_numbers():
    assert sample.is_plausible_nip("197503142000031002")
    for bad in ("19750314200003100", "197513142000031002", "197503142000131002", "197503142000033002",
                "197503141990031002", "19750314200003100X"):
        assert not sample.is_plausible_nip(bad), bad


def test_some_innovations_have_no_penggagas(by_year):
    rows = _rows(by_year[2025])
    assert any(not r["nip_penggagas"] for r in rows)
    assert any(len(r["nip_penggagas"]) > 1 for r in rows)


# ---- innovations ------------------------------------------------------------------------------
def test_names_unique_within_unit_year(by_year):
    for workbook in (w for ws in by_year.values() for w in ws):
        folded = [c.fold(r["nama_inovasi"]) for r in workbook.inovasi]
        assert len(folded) == len(set(folded)), workbook.file_name
        assert all(c.NAMA_INOVASI_MIN <= len(r["nama_inovasi"]) <= c.NAMA_INOVASI_MAX for r in workbook.inovasi)


@pytest.mark.parametrize("key", ["tahapan", "jenis", "bentuk", "inisiator", "status", "monev", "dasar_hukum"])
def test_every_choice_value_appears_every_year(by_year, key):
    for tahun in YEARS:
        seen = {r[key] for r in _rows(by_year[tahun])}
        assert set(c.VOCABULARIES[key]) <= seen, (tahun, key)


def test_values_are_canonical(by_year):
    kecamatan = {k.nama for k in c.KECAMATAN}
    for row in _rows(by_year[2025]):
        assert set(row["urusan"]) <= set(c.URUSAN)
        lokasi = row["lokasi_kecamatan"]
        assert lokasi is None or lokasi == c.SELURUH_KABUPATEN or set(lokasi) <= kecamatan


def test_locations_cover_single_multi_and_whole_regency(by_year):
    lokasi = [r["lokasi_kecamatan"] for r in _rows(by_year[2025])]
    assert c.SELURUH_KABUPATEN in lokasi
    assert any(isinstance(v, list) and len(v) > 1 for v in lokasi)
    assert any(isinstance(v, list) and len(v) == 1 for v in lokasi)
    assert len({k for v in lokasi if isinstance(v, list) for k in v}) == 9


def test_kecamatan_units_innovate_in_themselves(by_year):
    for workbook in by_year[2025]:
        if workbook.jenis_unit == "Kecamatan":
            own = workbook.unit_nama.removeprefix("Kecamatan ")
            assert all(r["lokasi_kecamatan"] in (None, [own]) for r in workbook.inovasi)


def test_dates_follow_the_stages(by_year):
    for tahun, workbooks in by_year.items():
        year_end = dt.date(tahun, 12, 31)
        for row in _rows(workbooks):
            uji, terap = row["tanggal_uji_coba"], row["tanggal_penerapan"]
            if row["tahapan"] == "Inisiatif":
                assert uji is None and terap is None
            if row["tahapan"] == "Uji Coba":
                assert uji is not None and terap is None
            if row["tahapan"] == "Penerapan":
                assert uji is not None and terap is not None and uji < terap
            assert all(d is None or dt.date(c.MIN_YEAR, 1, 1) <= d <= year_end for d in (uji, terap))


def test_budgets_sop_and_reach_are_plausible(by_year):
    rows = _rows(by_year[2025])
    money = [r[k] for r in rows for k in ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu")]
    assert any(m is None for m in money) and any(m == 0 for m in money)
    assert all(m is None or 0 <= m <= 1_000_000_000 for m in money)
    assert {r["ada_sop"] for r in rows} == {True, False, None}
    assert any(r["jumlah_replikasi"] for r in rows)
    assert all(r["jumlah_penerima_manfaat"] is None or r["jumlah_penerima_manfaat"] >= 0 for r in rows)
    assert all(r["tautan_bukti"] is None or r["tautan_bukti"].startswith("https://") for r in rows)


# ---- coverage and continuity ------------------------------------------------------------------
def test_about_eight_percent_of_units_have_no_innovation(units, by_year):
    for tahun in YEARS:
        empty = [w for w in by_year[tahun] if not w.inovasi]
        assert 0.03 <= len(empty) / len(units) <= 0.15, (tahun, len(empty))
        assert all(w.pejabat or w.jenis_unit == "BUMD" for w in empty)


def test_some_units_skip_a_year(units, by_year):
    reported = {tahun: {w.unit_kode for w in by_year[tahun]} for tahun in YEARS}
    assert any(len(reported[tahun]) < len(units) for tahun in YEARS)
    assert all(len(reported[tahun]) >= 0.9 * len(units) for tahun in YEARS)


def test_innovations_continue_mature_stop_and_start(by_year):
    last = {w.unit_kode: {r["nama_inovasi"]: r for r in w.inovasi} for w in by_year[2024]}
    kept = new = matured = stopped = total = 0
    for workbook in by_year[2025]:
        before = last.get(workbook.unit_kode, {})
        for row in workbook.inovasi:
            total += 1
            old = before.get(row["nama_inovasi"])
            if old is None:
                new += 1
                continue
            kept += 1
            matured += c.TAHAPAN.index(row["tahapan"]) > c.TAHAPAN.index(old["tahapan"])
            stopped += old["status"] == "Aktif" and row["status"] == "Tidak Aktif"
            assert c.TAHAPAN.index(row["tahapan"]) >= c.TAHAPAN.index(old["tahapan"])
            assert row["anggaran_tahun_lalu"] == old["anggaran_tahun_berjalan"]
    assert kept / total > 0.6 and new > 0 and matured > 0 and stopped > 0


def test_a_year_does_not_depend_on_which_years_were_asked(units, by_year):
    alone = sample.generate_year(units, 2025)
    assert [(w.unit_kode, w.inovasi) for w in alone] == [(w.unit_kode, w.inovasi) for w in by_year[2025]]


def test_write_sample_workbooks(tmp_path, units):
    paths = sample.write_sample_workbooks(tmp_path, years=(2025,), units=units)
    expected = {f"2025_{w.unit_kode}.xlsx" for w in sample.generate_year(units, 2025)}
    assert {p.name for p in paths} == expected == {p.name for p in tmp_path.iterdir()}


# ---- bulk -------------------------------------------------------------------------------------
def test_bulk_workbooks_are_distinct_real_unit_years(units):
    workbooks = sample.generate_bulk(30, 40, seed=3)
    assert len({(w.unit_kode, w.tahun) for w in workbooks}) == 30
    assert set(w.unit_kode for w in workbooks) <= set(units["kode"])
    assert all(min(sample.BULK_YEARS) <= w.tahun <= max(sample.BULK_YEARS) for w in workbooks)
    for workbook in workbooks:
        assert len(workbook.inovasi) == 40
        assert len({c.fold(r["nama_inovasi"]) for r in workbook.inovasi}) == 40
    assert [w.inovasi for w in sample.generate_bulk(30, 40, seed=3)] == [w.inovasi for w in workbooks]
    with pytest.raises(ValueError):
        sample.generate_bulk(len(units) * len(sample.BULK_YEARS) + 1, 1)


# ---- example files ----------------------------------------------------------------------------
def test_flawed_files_exist_per_manifest():
    examples = sample.read_flawed_manifest(FLAWED)
    assert len(examples) == len({e.code for e in examples}) >= 21
    for example in examples:
        assert (FLAWED / example.file).is_file(), example.file
        assert example.code in i18n.MESSAGES and example.severity in ("error", "warning")
        if example.row is not None:
            assert example.sheet and example.column
    assert sorted(p.name for p in FLAWED.iterdir()) == sorted([e.file for e in examples] + ["manifest.csv"])


def test_committed_example_folders_stay_small():
    for folder in (FLAWED, UNTIDY):
        assert sum(p.stat().st_size for p in folder.iterdir()) < 1_000_000


def test_zip_bomb_is_small_but_expands_hugely():
    path = FLAWED / "20_bom_zip.xlsx"
    assert path.stat().st_size < 300_000
    with zipfile.ZipFile(path) as archive:
        assert sum(info.file_size for info in archive.infolist()) > 500 * 2**20


def test_regenerated_examples_match_the_committed_manifests(tmp_path):
    assert sample.write_flawed_workbooks(tmp_path / "salah") == sample.read_flawed_manifest(FLAWED)
    assert sample.write_untidy_workbooks(tmp_path / "rapi") == sample.read_untidy_manifest(UNTIDY)


def test_untidy_files_exist_per_manifest(units):
    examples = sample.read_untidy_manifest(UNTIDY)
    assert {e.file for e in examples} == {p.name for p in UNTIDY.glob("*.xlsx")}
    assert {e.unit_kode for e in examples} <= set(units["kode"])


# ---- against the validator (analytics/intake/validation.py) ---------------------------------------
@pytest.fixture(scope="module")
def validation():
    return pytest.importorskip("analytics.intake.validation")


def test_every_sample_workbook_validates_cleanly(validation, units, by_year):
    for workbook in (w for ws in by_year.values() for w in ws):
        result = validation.validate_workbook(workbook.to_bytes(units), workbook.file_name, units)
        assert result.ok, (workbook.file_name, [i.as_dict() for i in result.errors][:3])
        stored = {(s.unit_kode, s.tahun): s for s in result.submissions}
        submission = stored[(workbook.unit_kode, workbook.tahun)]
        assert len(submission.innovations) == len(workbook.inovasi)
        assert len(submission.officials) == len(workbook.pejabat)


def test_bulk_workbooks_validate_cleanly(validation, units):
    for workbook in sample.generate_bulk(12, 100, seed=11):
        result = validation.validate_workbook(workbook.to_bytes(), workbook.file_name, units)
        assert result.ok, (workbook.file_name, [i.as_dict() for i in result.errors][:3])
        assert len(result.submissions[0].innovations) == 100


@pytest.mark.parametrize("example", sample.read_flawed_manifest(FLAWED), ids=lambda e: e.file)
def test_flawed_file_raises_its_issue(validation, units, example):
    result = validation.validate_workbook((FLAWED / example.file).read_bytes(), example.file, units)
    wanted = {"code": example.code, "severity": example.severity, "sheet": example.sheet,
              "row": example.row, "column": example.column}
    found = [{k: getattr(i, k) for k in wanted} for i in result.issues]
    matching = [f for f in found if all(f[k] == v for k, v in wanted.items() if v not in (None, ""))]
    assert matching, (wanted, found)
    assert not result.submissions


@pytest.mark.parametrize("file", sorted({e.file for e in sample.read_untidy_manifest(UNTIDY)}))
def test_untidy_file_is_accepted_as_expected(validation, units, file):
    result = validation.validate_workbook((UNTIDY / file).read_bytes(), file, units)
    assert result.ok, [i.as_dict() for i in result.errors]
    got = {(s.unit_kode, s.tahun): (len(s.innovations), len(s.officials)) for s in result.submissions}
    expected = {(e.unit_kode, e.tahun): (e.inovasi, e.pejabat)
                for e in sample.read_untidy_manifest(UNTIDY) if e.file == file}
    assert got == expected


def test_flawed_examples_touch_one_thing_each(tmp_path):
    """Each cell flaw differs from the valid base example in exactly the cell it names."""
    base = sample.base_example()
    for example, mutate in sample._cell_flaws():
        workbook = sample.base_example()
        mutate(workbook)
        changed = sum(a != b for a, b in zip([base.profil, *base.inovasi, *base.pejabat],
                                             [workbook.profil, *workbook.inovasi, *workbook.pejabat], strict=True))
        assert changed == 1, example.file
