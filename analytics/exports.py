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
    "tautan_bukti": "Tautan Bukti", "keterangan": "Keterangan", "kematangan_iid": "Kematangan IID",
    "koordinat": "Koordinat", "lokasi_sumber": "Asal Lokasi", "sumber": "Sumber Data",
}
SUMBER_LABELS = {"laporan": "Laporan unit", "iid": "Aplikasi IID"}


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
    if "sumber" in table.columns:  # every export says which source a unit's figures come from
        table["sumber"] = table["sumber"].map(SUMBER_LABELS).fillna(table["sumber"])
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


RECONCILE_HEADERS = {
    "nama_unit": "Nama Unit", "kategori": "Temuan", "nama_laporan": "Nama di Laporan Unit",
    "nama_iid": "Judul di Aplikasi IID", "skor": "Kemiripan Judul", "perbedaan": "Perbedaan",
    "tahapan_laporan": "Tahapan (Laporan)", "tahapan_iid": "Tahapan (IID)", "jenis_laporan": "Jenis (Laporan)",
    "jenis_iid": "Jenis (IID)", "bentuk_laporan": "Bentuk (Laporan)", "bentuk_iid": "Bentuk (IID)",
    "kematangan_iid": "Kematangan IID",
}
RECONCILE_KATEGORI = {"belum_di_iid": "Belum diinput di aplikasi IID", "hanya_di_iid": "Hanya ada di aplikasi IID",
                      "berbeda": "Tahapan/jenis/bentuk berbeda"}


def reconcile_excel_bytes(findings: pd.DataFrame, *, per_unit: bool = True) -> bytes:
    """The reconciliation as a workbook to send to each office: one table ('Semua'), and with
    `per_unit` one sheet per unit as well (sheet names cut to Excel's 31 characters, kept unique)."""
    table = findings.assign(kategori=findings["kategori"].map(RECONCILE_KATEGORI))[list(RECONCILE_HEADERS)]
    table = table.rename(columns=RECONCILE_HEADERS)
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        sheets = [("Semua", table)]
        if per_unit:
            used: set[str] = {"Semua"}
            for name, rows in table.groupby("Nama Unit", sort=True):
                sheet = _sheet_name(str(name), used)
                sheets.append((sheet, rows))
        for sheet, rows in sheets:
            safe_frame(rows).to_excel(writer, sheet_name=sheet, index=False)
            writer.sheets[sheet].freeze_panes(1, 0)
            writer.sheets[sheet].set_column(0, len(rows.columns) - 1, 24)
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\'")[:31].strip() or "Unit"
    sheet, n = base, 2
    while sheet.lower() in {u.lower() for u in used}:
        sheet = f"{base[:27]} ({n})"
        n += 1
    used.add(sheet)
    return sheet


def iid_export_rows(innovations: pd.DataFrame, units: pd.DataFrame, logins: pd.DataFrame | None = None,
                    region: str | None = None) -> list[dict[str, str]]:
    """The innovations in the national IID application's 19 columns and spellings (Admin OPD as
    'Unit name (login)' where the unit's IID login is known), for the coordinator to compare or
    re-enter."""
    from analytics.intake.iid_export import iid_row
    from analytics.intake.unit_names import region_name

    names = dict(zip(units["kode"], units["nama"]))
    login_of: dict[str, str] = {}
    if logins is not None and len(logins):
        for jenis, alias, kode in zip(logins["jenis"], logins["alias"], logins["unit_kode"]):
            if jenis == "login":
                login_of.setdefault(kode, alias)
    region = region or region_name()
    rows = []
    for number, record in enumerate(innovations.to_dict("records"), start=1):
        kode = record["unit_kode"]
        admin = names.get(kode, kode) + (f" ({login_of[kode]})" if kode in login_of else "")
        rows.append(iid_row(number, record, admin, region))
    return rows
