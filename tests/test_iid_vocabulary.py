"""Vocabulary learned from the national IID application: what it writes is accepted as it writes it."""

from __future__ import annotations

import json

import pytest
from xlsx_helpers import INOVASI_HEADER, UNITS, innovation_row, official_row, profil_grid, simple_workbook, write_xlsx

from analytics.intake import contract, values
from analytics.intake.validation import validate_workbook


@pytest.mark.parametrize(("written", "canonical"), [
    ("Inovasi pelayanan publik", "Pelayanan Publik"),
    ("Inovasi tata kelola pemerintahan daerah", "Tata Kelola Pemerintahan Daerah"),
    ("Inovasi Daerah lainnya sesuai dengan Urusan Pemerintahan yang menjadi kewenangan Daerah",
     "Inovasi Daerah Lainnya"),
])
def test_bentuk_as_the_application_writes_it(written, canonical):
    assert values.parse_choice(written, "bentuk") == values.Parsed(canonical)


def test_teknologi_is_a_jenis_of_its_own():
    assert values.parse_choice("Teknologi", "jenis").value == "Teknologi"
    assert values.parse_choice("teknologi", "jenis").value == "Teknologi"
    assert contract.JENIS == ("Digital", "Non Digital", "Teknologi")


@pytest.mark.parametrize("written", ["ASN", "OPD", "Kepala Daerah", "Masyarakat", "Anggota DPRD"])
def test_inisiator_as_the_application_writes_it(written):
    assert values.parse_choice(written, "inisiator").value == written


@pytest.mark.parametrize(("written", "canonical"), [
    ("pendidikan", "Pendidikan"),
    ("kepemudaan dan olah raga", "Kepemudaan dan Olahraga"),
    ("koperasi, usaha kecil, dan menengah", "Koperasi, Usaha Kecil dan Menengah"),
    ("Fungsi Penunjang lainnya sesuai dengan ketentuan peraturan perundang-undangan", "Fungsi Penunjang Lainnya"),
    ("Perencanaan", "Perencanaan"), ("Keuangan", "Keuangan"), ("Kepegawaian", "Kepegawaian"),
    ("Pendidikan dan Pelatihan", "Pendidikan dan Pelatihan"),
    ("Penelitian dan Pengembangan", "Penelitian dan Pengembangan"),
])
def test_urusan_utama_as_the_application_writes_it(written, canonical):
    assert values.parse_multichoice(written, "urusan").value == canonical


def test_urusan_lain_joined_by_bare_commas_with_commas_inside_names():
    got = values.parse_multichoice("koperasi, usaha kecil, dan menengah,pendidikan,kesehatan,pariwisata", "urusan")
    assert got.value == "Koperasi, Usaha Kecil dan Menengah;Pendidikan;Kesehatan;Pariwisata"


@pytest.mark.parametrize("cell", [
    "https://youtu.be/abc, https://kuduskab.go.id/inovasi/1",
    "https://youtu.be/abc - https://kuduskab.go.id/inovasi/1",
    "https://youtu.be/abc;https://kuduskab.go.id/inovasi/1",
    "https://youtu.be/abc\nhttps://kuduskab.go.id/inovasi/1",
])
def test_several_links_in_one_cell_are_each_kept(cell):
    got = values.parse_url(cell)
    assert got.code is None
    assert values.split_links(got.value) == ["https://youtu.be/abc", "https://kuduskab.go.id/inovasi/1"]


def test_one_bad_link_among_several_is_named():
    got = values.parse_url("https://youtu.be/abc, IG @dinkeskudus")
    assert got.code == "cell.url" and got.params["value"] == "IG"


def test_a_comma_inside_one_link_stays():
    assert values.parse_url("https://maps.example.go.id/?q=-6.8,110.8").value == "https://maps.example.go.id/?q=-6.8,110.8"


def test_titles_up_to_300_characters_with_nbsp_and_curly_quotes():
    long_title = ("“SIPANDU”\u00a0Sistem Informasi Posyandu " + "Terpadu " * 40)[:298].strip()
    rows = [innovation_row(long_title), innovation_row("x" * 301, No=2)]
    result = validate_workbook(simple_workbook(rows), "panjang.xlsx", UNITS)
    lengths = [i for i in result.issues if i.code == "cell.text_length"]
    assert [i.row for i in lengths] == [3]  # only the 301-character title
    assert "\u00a0" not in str([i.value for i in result.issues])


def test_template_reads_the_applications_column_names():
    renames = {"Nama Inovasi": "Judul Inovasi", "Tahapan": "Tahapan Inovasi", "Bentuk": "Bentuk Inovasi",
               "Urusan Pemerintahan": "Urusan Utama", "Nama Penggagas": "Nama Inisiator",
               "Tautan Bukti": "Link Video"}
    header = [renames.get(h, h) for h in INOVASI_HEADER] + ["Urusan lain yang beririsan", "Kematangan"]
    row = innovation_row(**{"Jenis": "Teknologi", "Bentuk": "Inovasi pelayanan publik",
                            "Urusan Pemerintahan": "kesehatan",
                            "Tautan Bukti": "https://youtu.be/a, https://kuduskab.go.id/b"})
    row += ["pendidikan,koperasi, usaha kecil, dan menengah", "85.00"]
    data = write_xlsx({"Profil": profil_grid(), "Inovasi": [header, row], "Pejabat": [
        ["NIP", "Nama", "Jabatan", "Jenis Jabatan", "Kelas Jabatan", "TPP Dasar per Bulan (Rp)"], official_row()]})
    result = validate_workbook(data, "iid-kolom.xlsx", UNITS)
    assert result.ok, [(i.code, i.message()) for i in result.issues]
    assert [i.code for i in result.issues] == []
    got = result.submissions[0].innovations.iloc[0]
    assert got["jenis"] == "Teknologi" and got["bentuk"] == "Pelayanan Publik"
    assert got["urusan"] == "Kesehatan;Pendidikan;Koperasi, Usaha Kecil dan Menengah"
    assert values.split_links(got["tautan_bukti"]) == ["https://youtu.be/a", "https://kuduskab.go.id/b"]
    assert got["kematangan_iid"] == 85.0
    assert got["nama_penggagas"] == "Budi"


def test_template_drop_down_offers_teknologi():
    import io

    import openpyxl

    from analytics.intake.template import template_bytes
    book = openpyxl.load_workbook(io.BytesIO(template_bytes()))
    referensi = [c for row in book["Referensi"].iter_rows(values_only=True) for c in row if c]
    assert "Teknologi" in referensi
    inovasi_headers = [c.value for c in book["Inovasi"][1]]
    assert "Kematangan" not in inovasi_headers and "Koordinat" not in inovasi_headers


def test_indicators_json_lists_teknologi(tmp_path, capsys):
    from analytics.cli import main
    db = f"sqlite:///{tmp_path / 'k.sqlite'}"
    rows = [innovation_row("Alat Pengering Gabah", Jenis="Teknologi"), innovation_row("Antar Obat", No=2)]
    path = tmp_path / "dinkes.xlsx"
    path.write_bytes(simple_workbook(rows, unit="Dinas Kesehatan"))
    assert main(["ingest", str(path), "--db", db]) == 0
    capsys.readouterr()
    assert main(["indicators", "--year", "2024", "--json", "--db", db]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["by_jenis"] == {"Digital": 1, "Non Digital": 0, "Teknologi": 1}
