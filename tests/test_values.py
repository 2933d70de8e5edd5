"""Every value form of the data contract is read as the contract says."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.intake import values

D = dt.date


@pytest.mark.parametrize(
    ("raw", "expected", "partial"),
    [
        (dt.datetime(2023, 12, 31, 0, 0), D(2023, 12, 31), False),
        (D(2023, 12, 31), D(2023, 12, 31), False),
        (45291, D(2023, 12, 31), False),  # Excel serial number
        (45291.0, D(2023, 12, 31), False),
        ("45291", D(2023, 12, 31), False),
        ("31/12/2023", D(2023, 12, 31), False),
        ("31-12-2023", D(2023, 12, 31), False),
        ("31.12.2023", D(2023, 12, 31), False),
        ("2023-12-31", D(2023, 12, 31), False),
        ("2023-12-31 00:00:00", D(2023, 12, 31), False),
        ("01/02/2023", D(2023, 2, 1), False),  # day first, always
        ("31 Desember 2023", D(2023, 12, 31), False),
        ("31 Des 2023", D(2023, 12, 31), False),
        ("17 Agustus 2024", D(2024, 8, 17), False),
        ("31 December 2023", D(2023, 12, 31), False),
        ("Desember 2023", D(2023, 12, 1), True),
        ("12/2023", D(2023, 12, 1), True),
        ("2023", D(2023, 1, 1), True),
        (2023, D(2023, 1, 1), True),
    ],
)
def test_dates_day_first(raw: object, expected: dt.date, partial: bool) -> None:
    result = values.parse_date(raw)
    assert result.value == expected
    assert (result.code == "cell.date_partial") is partial
    assert result.ok


@pytest.mark.parametrize("raw", ["besok", "31/13/2023", "32 Desember 2023", "abc 2023", True])
def test_unreadable_dates_are_errors(raw: object) -> None:
    result = values.parse_date(raw)
    assert result.code == "cell.date" and not result.ok


def test_date_far_in_the_future_is_an_error() -> None:
    assert values.parse_date("01/01/2099").code == "cell.date_range"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1500000, 1_500_000.0),
        (1500000.5, 1_500_000.5),
        ("Rp 1.500.000", 1_500_000.0),
        ("Rp1.500.000,00", 1_500_000.0),
        ("Rp. 1.500.000,-", 1_500_000.0),
        ("1.500.000", 1_500_000.0),
        ("1,5 juta", 1_500_000.0),
        ("1,5 jt", 1_500_000.0),
        ("2 M", 2_000_000_000.0),
        ("2 miliar", 2_000_000_000.0),
        ("750 ribu", 750_000.0),
        ("IDR 2.500", 2_500.0),
        ("0", 0.0),
    ],
)
def test_money_forms(raw: object, expected: float) -> None:
    assert values.parse_money(raw).value == expected


@pytest.mark.parametrize("raw", ["-", "", "  ", None, float("nan")])
def test_dash_or_empty_means_no_budget(raw: object) -> None:
    assert values.is_blank(raw)


@pytest.mark.parametrize(("raw", "code"), [("satu juta", "cell.money"), ("Rp -5.000", "cell.negative"),
                                           (-5000, "cell.negative"), ("-5000", "cell.negative")])
def test_bad_money(raw: object, code: str) -> None:
    assert values.parse_money(raw).code == code


@pytest.mark.parametrize("raw", ["Ya", "Y", "ya ", "Ada", "Yes", "1", 1, True, "TRUE", "✓"])
def test_yes(raw: object) -> None:
    assert values.parse_yesno(raw).value is True


@pytest.mark.parametrize("raw", ["Tidak", "T", "Tidak Ada", "No", "0", 0, False, "FALSE"])
def test_no(raw: object) -> None:
    assert values.parse_yesno(raw).value is False


def test_yes_no_unknown() -> None:
    assert values.parse_yesno("mungkin").code == "cell.yesno"


@pytest.mark.parametrize("raw", ["ujicoba", "Uji-Coba", "UJI COBA", " uji  coba "])
def test_choice_ignores_case_spaces_hyphens(raw: str) -> None:
    assert values.parse_choice(raw, "tahapan").value == "Uji Coba"


@pytest.mark.parametrize("raw", ["non-digital", "Nondigital", "NON DIGITAL"])
def test_non_digital_spellings(raw: str) -> None:
    assert values.parse_choice(raw, "jenis").value == "Non Digital"


def test_unknown_choice_suggests_the_closest() -> None:
    result = values.parse_choice("Penerapn", "tahapan", column="Tahapan")
    assert result.code == "cell.choice"
    assert result.params["suggestion"] == "Penerapan"
    assert "Inisiatif, Uji Coba, Penerapan" in result.params["accepted"]


def test_urusan_multi_label_with_commas_inside_names() -> None:
    result = values.parse_multichoice("Kesehatan, Koperasi, Usaha Kecil dan Menengah; PUPR", "urusan")
    assert result.value.split(";") == ["Kesehatan", "Koperasi, Usaha Kecil dan Menengah",
                                       "Pekerjaan Umum dan Penataan Ruang"]


@pytest.mark.parametrize(("short", "canonical"), [("Dukcapil", "Administrasi Kependudukan dan Pencatatan Sipil"),
                                                  ("Kominfo", "Komunikasi dan Informatika"),
                                                  ("Trantibum",
                                                   "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat"),
                                                  ("KB", "Pengendalian Penduduk dan Keluarga Berencana")])
def test_urusan_short_forms(short: str, canonical: str) -> None:
    assert values.parse_multichoice(short, "urusan").value == canonical


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bae; Kota Kudus", "Bae;Kota Kudus"),  # two kecamatan, not one
        ("Kec. Jati, Kota", "Jati;Kota Kudus"),
        ("KECAMATAN UNDAAN", "Undaan"),
        ("kota", "Kota Kudus"),
        ("Seluruh Kabupaten", "Seluruh Kabupaten"),
        ("Semua Kecamatan", "Seluruh Kabupaten"),
        ("Se-Kabupaten", "Seluruh Kabupaten"),
        ("Kabupaten", "Seluruh Kabupaten"),
    ],
)
def test_kecamatan_spellings(raw: str, expected: str) -> None:
    assert values.parse_kecamatan(raw).value == expected


def test_unknown_kecamatan_is_an_error_with_suggestion() -> None:
    result = values.parse_kecamatan("Jekulo; Mejob")
    assert result.code == "cell.kecamatan"
    assert result.params["suggestion"] == "Mejobo"


def test_nip_text_and_number() -> None:
    assert values.parse_nip("197001011990031002").value == "197001011990031002"
    assert values.parse_nip("19700101 199003 1 002").value == "197001011990031002"
    assert values.parse_nip(197001011990031002).code == "cell.nip_number"
    assert values.parse_nip(1.97001011990031e17).code == "cell.nip_number"
    assert values.parse_nip("19700101199003100").code == "cell.nip_format"


def test_nip_list() -> None:
    assert values.parse_nip_list("197001011990031002; 198505152010012003").value == \
        "197001011990031002;198505152010012003"
    assert values.parse_nip_list("197001011990031002;123").code == "cell.nip_format"


def test_text_is_trimmed_folded_and_cleaned() -> None:
    assert values.clean_text("  Antar   Obat\tLansia ").value == "Antar Obat Lansia"
    cleaned = values.clean_text("Antar\x00 Obat\u202e")
    assert cleaned.value == "Antar Obat" and cleaned.code == "cell.text_cleaned" and cleaned.ok


@pytest.mark.parametrize(("raw", "ok"), [("https://kuduskab.go.id/a", True), ("http://x.id", True),
                                          ("kuduskab.go.id", False), ("javascript:alert(1)", False),
                                          ("https://", False)])
def test_url(raw: str, ok: bool) -> None:
    assert (values.parse_url(raw).code is None) is ok


@pytest.mark.parametrize(("raw", "expected"), [(3, 3), ("3", 3), (3.0, 3), ("1.250", 1250)])
def test_counts(raw: object, expected: int) -> None:
    assert values.parse_count(raw).value == expected


@pytest.mark.parametrize("raw", [-1, 2.5, "dua", "1,5"])
def test_bad_counts(raw: object) -> None:
    assert values.parse_count(raw).code == "cell.count"


def test_year() -> None:
    assert values.parse_year(2024).value == 2024
    assert values.parse_year("2024").value == 2024
    assert values.parse_year(2010).code == "year.invalid"
    assert values.parse_year("dua ribu").code == "year.invalid"
