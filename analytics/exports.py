"""Tables people take away (Excel, CSV), safe to open in a spreadsheet.

Uploaded text reaches these files, so any cell that a spreadsheet would run as a formula
(starting with = + - @, or a tab/carriage return) is neutralised with a leading apostrophe.
"""

from __future__ import annotations

import io

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

INNOVATION_EXPORT_COLUMNS = {
    "tahun": "Tahun", "unit": "Nama Unit", "jenis_unit": "Jenis Unit", "nama_inovasi": "Nama Inovasi",
    "tahapan": "Tahapan", "jenis": "Jenis", "bentuk": "Bentuk", "inisiator": "Inisiator",
    "urusan": "Urusan Pemerintahan", "nip_penggagas": "NIP Penggagas", "nama_penggagas": "Nama Penggagas",
    "tanggal_uji_coba": "Tanggal Uji Coba", "tanggal_penerapan": "Tanggal Penerapan",
    "lokasi_kecamatan": "Lokasi Kecamatan", "dasar_hukum": "Dasar Hukum",
    "nomor_dasar_hukum": "Nomor Dasar Hukum", "anggaran_tahun_berjalan": "Anggaran Tahun Berjalan (Rp)",
    "anggaran_tahun_lalu": "Anggaran Tahun Lalu (Rp)", "anggaran_dua_tahun_lalu": "Anggaran Dua Tahun Lalu (Rp)",
    "ada_sop": "Ada SOP", "jumlah_replikasi": "Jumlah Replikasi",
    "jumlah_penerima_manfaat": "Jumlah Penerima Manfaat", "monev": "Monev", "status": "Status",
    "tautan_bukti": "Tautan Bukti", "keterangan": "Keterangan",
}


def neutralise(value: object) -> object:
    """Text that a spreadsheet would evaluate gets a leading apostrophe; other values pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [str(neutralise(c)) for c in out.columns]
    return out


def innovations_for_export(innovations: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Current innovations with unit names and the template's Indonesian headers."""
    names = units.set_index("kode")[["nama", "jenis_unit"]].rename(columns={"nama": "unit"})
    table = innovations.join(names, on="unit_kode")
    table["ada_sop"] = table["ada_sop"].map({True: "Ya", False: "Tidak"})
    for key in ("urusan", "nip_penggagas", "lokasi_kecamatan"):
        table[key] = table[key].fillna("").str.replace(";", "; ", regex=False)
    columns = [c for c in INNOVATION_EXPORT_COLUMNS if c in table.columns]
    return table[columns].rename(columns=INNOVATION_EXPORT_COLUMNS)


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    # utf-8-sig so that Excel opens Indonesian text correctly; ';' is what Excel expects in id-ID.
    return safe_frame(frame).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_excel_bytes(frame: pd.DataFrame, sheet: str = "Data") -> bytes:
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        safe = safe_frame(frame)
        safe.to_excel(writer, sheet_name=sheet, index=False)
        sheet_obj = writer.sheets[sheet]
        sheet_obj.freeze_panes(1, 0)
        for position, column in enumerate(safe.columns):
            sheet_obj.set_column(position, position, min(45, max(10, len(str(column)) + 2)))
    return buffer.getvalue()
