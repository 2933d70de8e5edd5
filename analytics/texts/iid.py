"""Texts of the IID features: unit aliases, the export's import, reconciliation."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---- reading the export ------------------------------------------------------------------
    "iid.year_required": {
        "id": "Berkas ini ekspor aplikasi IID, yang tidak memuat tahun. Pilih tahun IID di samping berkas (CLI: --year TAHUN), lalu periksa lagi.",
        "en": "This file is an export of the IID application, which carries no year. Pick the IID year beside the file (CLI: --year YEAR) and check again.",
    },
    "iid.other_region": {
        "id": "Ekspor ini milik {found} ({rows} baris), bukan {region} yang dilayani dasbor ini. Unduh ekspor {region} dari aplikasi IID, atau atur KUDUS_REGION bila dasbor ini untuk daerah lain.",
        "en": "This export belongs to {found} ({rows} rows), not {region}, the region this dashboard serves. Download {region}'s export from the IID application, or set KUDUS_REGION if this dashboard serves another region.",
    },
    "iid.penerapan_date_early": {
        "id": "{rows} baris bertahap Inisiatif atau Uji Coba sudah memuat Tanggal Penerapan (aplikasi IID mengisinya untuk setiap baris). Tanggal disimpan apa adanya; tahapan yang dipakai tetap tahapan di berkas.",
        "en": "{rows} rows at the Inisiatif or Uji Coba stage carry a Tanggal Penerapan (the IID application fills it for every row). The date is kept as it is; the stage used is the file's stage.",
    },
    "dash.export.kematangan_iid": {"id": "Kematangan IID", "en": "IID maturity"},
    "dash.export.koordinat": {"id": "Koordinat", "en": "Coordinates"},
    "dash.export.lokasi_sumber": {"id": "Asal Lokasi", "en": "Location source"},
    "dash.export.sumber": {"id": "Sumber Data", "en": "Data source"},
    # ---- reconciliation -------------------------------------------------------------------------
    "page.reconcile": {"id": "Rekonsiliasi IID", "en": "IID reconciliation"},
    "iid.rec.intro": {
        "id": "Laporan unit dibandingkan dengan ekspor aplikasi IID tahun yang sama, per unit: inovasi yang belum diinput di aplikasi (poin indeks hilang), entri aplikasi tanpa laporan unit, dan entri yang tahapan, jenis atau bentuknya berbeda. Judul dicocokkan seperti Tautan Inovasi (lipatan nama dan kemiripan).",
        "en": "Unit reports compared with the IID application's export of the same year, per unit: innovations not yet entered in the application (index points lost), application entries without a unit report, and entries whose stage, type or form differ. Titles are matched as on Innovation links (folded names and similarity).",
    },
    "iid.rec.year": {"id": "Tahun", "en": "Year"},
    "iid.rec.no_iid": {
        "id": "Belum ada ekspor aplikasi IID untuk {year}. Unggah ekspornya di halaman Unggah Data (pilih tahun IID di samping berkas).",
        "en": "No IID application export for {year} yet. Upload it on the Upload page (pick the IID year beside the file).",
    },
    "iid.rec.metric.belum_di_iid": {"id": "Belum di aplikasi IID", "en": "Not in the IID application"},
    "iid.rec.metric.hanya_di_iid": {"id": "Hanya di aplikasi IID", "en": "Only in the IID application"},
    "iid.rec.metric.berbeda": {"id": "Berbeda", "en": "Different"},
    "iid.rec.unit": {"id": "Unit", "en": "Unit"},
    "iid.rec.all_units": {"id": "Semua unit", "en": "All units"},
    "iid.rec.nothing": {"id": "Laporan unit dan aplikasi IID sama untuk pilihan ini.",
                        "en": "Unit reports and the IID application agree for this choice."},
    "iid.rec.download": {"id": "Unduh Excel (satu lembar per unit)", "en": "Download Excel (one sheet per unit)"},
    "iid.rec.download_iid": {"id": "Unduh data dalam bentuk ekspor IID", "en": "Download the data in the IID export's shape"},
    "iid.rec.maturity": {"id": "Kematangan: aplikasi IID di samping perkiraan dasbor",
                         "en": "Maturity: the IID application beside the dashboard's estimate"},
    "iid.rec.maturity_note": {
        "id": "Kematangan IID adalah skor aplikasi (20 indikator dengan bukti unggahan); perkiraan dasbor memakai 6 indikator yang ada di laporan. Pilih satu unit untuk melihat per inovasi.",
        "en": "IID maturity is the application's score (20 indicators with uploaded evidence); the dashboard's estimate uses the 6 indicators a report carries. Pick one unit to see each innovation.",
    },
    "iid.rec.estimate": {"id": "Perkiraan dasbor", "en": "Dashboard estimate"},
    "iid.rec.iid_rows": {"id": "Entri IID", "en": "IID entries"},
    "iid.figures_from.laporan": {"id": "Angka {year} dari laporan unit sendiri (templat).",
                                 "en": "The {year} figures come from the unit's own report (template)."},
    "iid.figures_from.iid": {
        "id": "Angka {year} dari ekspor aplikasi IID: status, pejabat, anggaran dan kecamatan tidak diketahui (lihat docs/indikator.md).",
        "en": "The {year} figures come from the IID application's export: status, officials, budget and kecamatan are unknown (see docs/indikator.md).",
    },
    "iid.figures_from_iid_units": {
        "id": "Angka {n} unit pada {year} berasal dari ekspor aplikasi IID (tanpa laporan unit sendiri): status, pejabat, anggaran dan kecamatan di sana tidak diketahui. Kolom Sumber Data di halaman Data menyebut sumber setiap baris.",
        "en": "The {year} figures of {n} units come from the IID application's export (no report of their own): their status, officials, budget and kecamatan are unknown. The Data page's Data source column names each row's source.",
    },
    "iid.figures_from.none": {"id": "Belum ada laporan {year}.", "en": "No report for {year} yet."},
    "iid.rec.sources": {"id": "Sumber angka per unit", "en": "Where each unit's figures come from"},
    "upload.iid_year": {"id": "Tahun IID", "en": "IID year"},
    "upload.iid_year_help": {
        "id": "Ekspor aplikasi IID tidak memuat tahun: pilih tahun penilaian IID yang diekspor. Templat unit memakai tahun di lembar Profil.",
        "en": "The IID application's export carries no year: pick the IID assessment year it holds. A unit's template uses the year on its Profil sheet.",
    },
    "upload.source": {"id": "Sumber", "en": "Source"},
    "upload.source.laporan": {"id": "Laporan unit (templat)", "en": "Unit report (template)"},
    "upload.source.iid": {"id": "Ekspor aplikasi IID", "en": "IID application export"},
    "page.unit_aliases": {"id": "Alias Unit", "en": "Unit aliases"},
    "iid.alias.intro": {
        "id": "Nama unit seperti ditulis kantor (atau login IID dalam kurung) yang tidak terbaca aturan baku dapat "
              "ditetapkan sekali ke satu unit. Setelah itu setiap unggahan membacanya sebagai unit tersebut. "
              "Setiap penetapan dan pencabutan dicatat di log audit.",
        "en": "A unit name as an office writes it (or an IID login in brackets) that the fixed rules do not read "
              "can be assigned to one unit once. Every later upload then reads it as that unit. Every assignment "
              "and revocation is recorded in the audit log.",
    },
    "iid.alias.unknown_seen": {"id": "Nama yang belum dikenal pada pemeriksaan terakhir",
                               "en": "Names not recognised in the last check"},
    "iid.alias.written": {"id": "Nama seperti ditulis", "en": "Name as written"},
    "iid.alias.reads_as": {"id": "Dibaca sebagai **{unit}** (aturan: {rule}).", "en": "Read as **{unit}** (rule: {rule})."},
    "iid.alias.not_read": {"id": "Belum dikenal.", "en": "Not recognised."},
    "iid.alias.suggestions": {"id": "Saran: {names}", "en": "Suggestions: {names}"},
    "iid.alias.unit": {"id": "Unit yang dimaksud", "en": "The unit meant"},
    "iid.alias.kind": {"id": "Jenis", "en": "Kind"},
    "iid.alias.kind.nama": {"id": "Nama unit", "en": "Unit name"},
    "iid.alias.kind.login": {"id": "Login IID", "en": "IID login"},
    "iid.alias.confirm": {"id": "Tetapkan alias", "en": "Confirm alias"},
    "iid.alias.confirmed": {"id": "Alias '{alias}' → {unit} disimpan.", "en": "Alias '{alias}' → {unit} saved."},
    "iid.alias.in_force": {"id": "Alias yang berlaku", "en": "Aliases in force"},
    "iid.alias.none": {"id": "Belum ada alias.", "en": "No aliases yet."},
    "iid.alias.revoke": {"id": "Cabut alias", "en": "Revoke alias"},
    "iid.alias.revoked": {"id": "Alias #{id} dicabut.", "en": "Alias #{id} revoked."},
    "iid.alias.invalid": {"id": "Alias tidak disimpan: {reason}", "en": "Alias not saved: {reason}"},
    "iid.rule.nama": {"id": "nama di daftar unit", "en": "name in the unit list"},
    "iid.rule.aturan": {"id": "aturan baku (akhiran daerah, UPT/UPTD, singkatan, kurung)",
                        "en": "fixed rules (region suffix, UPT/UPTD, short name, brackets)"},
    "iid.rule.alias": {"id": "alias yang ditetapkan admin", "en": "alias confirmed by an admin"},
    "iid.rule.login": {"id": "login IID yang sudah dipetakan", "en": "IID login mapped before"},
    "iid.rule.koordinator": {"id": "akun admin daerah → unit koordinator IID",
                             "en": "region admin account → IID coordinator unit"},
}
