"""Property: random valid data, written with random untidy-but-valid spellings, reads back to
exactly the same records."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsx_helpers import INOVASI_HEADER, UNITS, profil_grid, write_xlsx

from analytics.intake import contract
from analytics.intake.validation import validate_workbook

MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]


def spell_choice(draw, value: str) -> str:
    """Untidy but valid: case, hyphens and spaces changed."""
    style = draw(st.sampled_from(["same", "upper", "lower", "hyphen", "nospace", "padded"]))
    return {"same": value, "upper": value.upper(), "lower": value.lower(),
            "hyphen": value.replace(" ", "-"), "nospace": value.replace(" ", ""),
            "padded": f"  {value}  "}[style]


def spell_date(draw, day: dt.date) -> object:
    style = draw(st.sampled_from(["excel", "dmy", "dmy-dash", "iso", "indonesian", "serial"]))
    return {"excel": dt.datetime(day.year, day.month, day.day),
            "dmy": day.strftime("%d/%m/%Y"), "dmy-dash": day.strftime("%d-%m-%Y"),
            "iso": day.isoformat(), "indonesian": f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}",
            "serial": (day - dt.date(1899, 12, 30)).days}[style]


def spell_money(draw, amount: int | None) -> object:
    if amount is None:
        return draw(st.sampled_from([None, "-"]))
    style = draw(st.sampled_from(["number", "rp", "rp-decimals", "dots"]))
    dotted = f"{amount:,}".replace(",", ".")
    return {"number": amount, "rp": f"Rp {dotted}", "rp-decimals": f"Rp{dotted},00", "dots": dotted}[style]


names = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F),
                min_size=3, max_size=40).map(str.strip).filter(lambda s: len(s) >= 3)


@st.composite
def innovation(draw, index: int):
    tahapan = draw(st.sampled_from(contract.TAHAPAN))
    trial = draw(st.dates(dt.date(2016, 1, 1), dt.date(2024, 6, 30))) if tahapan != "Inisiatif" else None
    applied = trial + dt.timedelta(days=draw(st.integers(0, 400))) if tahapan == "Penerapan" else None
    urusan = draw(st.lists(st.sampled_from(contract.URUSAN), min_size=1, max_size=3, unique=True))
    lokasi = draw(st.one_of(st.just([contract.SELURUH_KABUPATEN]),
                            st.lists(st.sampled_from([k.nama for k in contract.KECAMATAN]),
                                     min_size=1, max_size=3, unique=True)))
    money = [draw(st.one_of(st.none(), st.integers(0, 5_000_000_000))) for _ in range(3)]
    record = {
        "nama_inovasi": f"Inovasi {index} {draw(names)}",
        "tahapan": tahapan, "jenis": draw(st.sampled_from(contract.JENIS)),
        "bentuk": draw(st.sampled_from(contract.BENTUK)),
        "inisiator": draw(st.sampled_from(contract.INISIATOR)),
        "urusan": ";".join(urusan), "tanggal_uji_coba": trial, "tanggal_penerapan": applied,
        "lokasi_kecamatan": ";".join(lokasi), "anggaran": money,
        "ada_sop": draw(st.booleans()), "jumlah_replikasi": draw(st.integers(0, 50)),
        "status": draw(st.sampled_from(contract.STATUS)),
    }
    cells = {
        "Nama Inovasi": record["nama_inovasi"], "Tahapan": spell_choice(draw, tahapan),
        "Jenis": spell_choice(draw, record["jenis"]), "Bentuk": spell_choice(draw, record["bentuk"]),
        "Inisiator": spell_choice(draw, record["inisiator"]),
        "Urusan Pemerintahan": draw(st.sampled_from(["; ", ";"])).join(urusan),
        "Tanggal Uji Coba": spell_date(draw, trial) if trial else None,
        "Tanggal Penerapan": spell_date(draw, applied) if applied else None,
        "Lokasi Kecamatan": draw(st.sampled_from(["; ", ", "])).join(
            draw(st.sampled_from(["{}", "Kec. {}", "KECAMATAN {}"])).format(k) for k in lokasi),
        "Anggaran Tahun Berjalan (Rp)": spell_money(draw, money[0]),
        "Anggaran Tahun Lalu (Rp)": spell_money(draw, money[1]),
        "Anggaran Dua Tahun Lalu (Rp)": spell_money(draw, money[2]),
        "Ada SOP": draw(st.sampled_from(["Ya", "Y", "ya", "Ada"] if record["ada_sop"]
                                        else ["Tidak", "T", "tidak ada"])),
        "Jumlah Replikasi": draw(st.sampled_from([record["jumlah_replikasi"], str(record["jumlah_replikasi"])])),
        "Status": spell_choice(draw, record["status"]),
    }
    return record, [cells.get(h) for h in INOVASI_HEADER]


@st.composite
def workbook(draw):
    count = draw(st.integers(1, 6))
    pairs = [draw(innovation(i)) for i in range(count)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workbook())
def test_untidy_valid_workbook_reads_back_exactly(data) -> None:
    records, rows = data
    xlsx = write_xlsx({"Profil": profil_grid("Dinkes", 2024), "Inovasi": [INOVASI_HEADER, *rows]})
    result = validate_workbook(xlsx, "acak.xlsx", UNITS)
    assert result.ok, [(i.row, i.column, i.value, i.message()) for i in result.errors]
    got = result.submissions[0].innovations
    assert len(got) == len(records)
    for record, (_, row) in zip(records, got.iterrows()):
        for key in ("nama_inovasi", "tahapan", "jenis", "bentuk", "inisiator", "urusan",
                    "lokasi_kecamatan", "status"):
            assert row[key] == record[key], key
        for key in ("tanggal_uji_coba", "tanggal_penerapan"):
            expected = pd.Timestamp(record[key]) if record[key] else None
            assert (pd.isna(row[key]) and expected is None) or row[key] == expected, key
        for key, amount in zip(("anggaran_tahun_berjalan", "anggaran_tahun_lalu",
                                "anggaran_dua_tahun_lalu"), record["anggaran"]):
            assert (pd.isna(row[key]) and amount is None) or row[key] == amount, key
        assert bool(row["ada_sop"]) is record["ada_sop"]
        assert row["jumlah_replikasi"] == record["jumlah_replikasi"]
