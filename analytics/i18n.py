"""Message catalogue: Bahasa Indonesia first, English second.

Messages are looked up by a stable code and formatted with named parameters, so that a validation
issue can be stored once and shown in whichever language the reader chose.  Texts say what is
wrong and what to do about it.
"""

from __future__ import annotations

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

MESSAGES: dict[str, dict[str, str]] = {
    # ---- the file itself ------------------------------------------------------------------
    "file.too_large": {
        "id": "Berkas berukuran {size_mb} MB, melebihi batas {limit_mb} MB. Hapus lembar atau gambar yang tidak perlu, lalu unggah lagi.",
        "en": "The file is {size_mb} MB, above the {limit_mb} MB limit. Remove unneeded sheets or pictures and upload again.",
    },
    "file.empty": {
        "id": "Berkas kosong (0 byte). Simpan ulang buku kerja di Excel lalu unggah lagi.",
        "en": "The file is empty (0 bytes). Save the workbook again in Excel and upload it again.",
    },
    "file.not_xlsx": {
        "id": "Berkas ini bukan buku kerja Excel (.xlsx, .xls) atau OpenDocument (.ods). Gunakan templat dari dasbor dan simpan sebagai .xlsx.",
        "en": "This file is not an Excel (.xlsx, .xls) or OpenDocument (.ods) workbook. Use the dashboard's template and save it as .xlsx.",
    },
    "file.old_xls": {
        "id": "Berkas berformat Excel lama (.xls). Buka di Excel, pilih Simpan Sebagai > Buku Kerja Excel (.xlsx), lalu unggah lagi.",
        "en": "The file is in the old Excel format (.xls). Open it in Excel, Save As > Excel Workbook (.xlsx), and upload again.",
    },
    "file.csv_not_export": {
        "id": "Berkas CSV hanya diterima sebagai ekspor aplikasi IID (judul kolom Judul Inovasi, Pemda, Admin OPD, ...). Untuk laporan unit, gunakan templat Excel dari dasbor.",
        "en": "A CSV file is accepted only as the IID application's export (headers Judul Inovasi, Pemda, Admin OPD, ...). For a unit's report, use the dashboard's Excel template.",
    },
    "file.encrypted": {
        "id": "Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File > Info > Lindungi Buku Kerja), simpan, lalu unggah lagi.",
        "en": "The file is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook), save, and upload again.",
    },
    "file.damaged": {
        "id": "Berkas rusak atau tidak lengkap dan tidak dapat dibaca ({detail}). Buka dan simpan ulang di Excel, atau isi ulang templat.",
        "en": "The file is damaged or incomplete and cannot be read ({detail}). Open and save it again in Excel, or fill in the template again.",
    },
    "file.zip_bomb": {
        "id": "Isi berkas mengembang menjadi {expanded_mb} MB saat dibuka (batas {limit_mb} MB) sehingga ditolak demi keamanan. Gunakan templat asli dari dasbor.",
        "en": "The file expands to {expanded_mb} MB when opened (limit {limit_mb} MB) and is refused for safety. Use the dashboard's original template.",
    },
    "file.macros": {
        "id": "Berkas berisi makro (VBA), yang tidak diterima. Simpan sebagai Buku Kerja Excel (.xlsx) tanpa makro, lalu unggah lagi.",
        "en": "The file contains macros (VBA), which are not accepted. Save it as an Excel Workbook (.xlsx) without macros and upload again.",
    },
    "file.too_many_cells": {
        "id": "Lembar '{sheet}' memakai area sampai baris {rows} dan kolom ke-{columns}, melebihi batas {max_rows} baris dan {max_columns} kolom, sehingga berkas tidak dibaca. Hapus baris dan kolom kosong di luar data (pilih, klik kanan > Hapus), simpan, lalu unggah lagi; laporan yang lebih besar dibagi ke beberapa berkas.",
        "en": "Sheet '{sheet}' uses an area up to row {rows} and column {columns}, above the limit of {max_rows} rows and {max_columns} columns, so the file was not read. Delete the empty rows and columns beyond the data (select them, right-click > Delete), save, and upload again; split a larger report into several files.",
    },
    "file.unreadable.memory": {
        "id": "Berkas '{file}' tidak dapat dibaca: membacanya memerlukan lebih dari {limit_mb} MB memori, batas untuk satu berkas. Tidak ada yang disimpan dari berkas ini. Buka di Excel, hapus lembar, gambar dan baris di luar data, simpan sebagai .xlsx (atau isi ulang templat), lalu unggah lagi.",
        "en": "The file '{file}' could not be read: reading it needs more than {limit_mb} MB of memory, the limit for one file. Nothing from this file was stored. Open it in Excel, delete sheets, pictures and rows beyond the data, save as .xlsx (or fill in the template again), and upload again.",
    },
    "file.unreadable.time": {
        "id": "Berkas '{file}' tidak dapat dibaca: pemeriksaannya melewati batas {limit_s} detik. Tidak ada yang disimpan dari berkas ini. Buka di Excel, hapus lembar dan baris di luar data, simpan sebagai .xlsx (atau isi ulang templat), lalu unggah lagi.",
        "en": "The file '{file}' could not be read: checking it took longer than the {limit_s}-second limit. Nothing from this file was stored. Open it in Excel, delete sheets and rows beyond the data, save as .xlsx (or fill in the template again), and upload again.",
    },
    "file.unreadable.crash": {
        "id": "Berkas '{file}' tidak dapat dibaca: pembaca berkas berhenti pada isinya ({detail}). Tidak ada yang disimpan dari berkas ini; berkas lain tidak terpengaruh. Buka di Excel dan simpan ulang sebagai .xlsx, atau isi ulang templat, lalu unggah lagi.",
        "en": "The file '{file}' could not be read: the file reader stopped on its content ({detail}). Nothing from this file was stored; other files are not affected. Open it in Excel and save it again as .xlsx, or fill in the template again, and upload again.",
    },
    "file.bad_name": {
        "id": "Nama berkas tidak sah. Ganti nama berkas hanya dengan huruf, angka, spasi, titik, tanda hubung atau garis bawah.",
        "en": "The file name is not valid. Rename the file using only letters, digits, spaces, dots, hyphens or underscores.",
    },
    "ingest.not_stored": {
        "id": "TIDAK DISIMPAN: basis data gagal menyimpan ({reason}). Berkas ini lolos pemeriksaan; perbaiki masalah basis data (mis. ruang disk, koneksi), lalu jalankan ingest lagi — yang sudah tersimpan tidak akan berubah.",
        "en": "NOT STORED: the database failed to store it ({reason}). This file passed the checks; fix the database problem (e.g. disk space, connection) and run ingest again — what is already stored stays as it is.",
    },
    "ingest.summary": {
        "id": "{stored} dari {files} berkas tersimpan; {not_stored} tidak (lihat di atas).",
        "en": "{stored} of {files} files stored; {not_stored} not (see above).",
    },
    "ingest.summary_failed": {
        "id": "{stored} dari {files} berkas tersimpan; {not_stored} tidak, di antaranya {failed} berkas yang lolos tetapi tidak tersimpan karena basis data gagal. Jalankan lagi setelah masalahnya diperbaiki.",
        "en": "{stored} of {files} files stored; {not_stored} not, {failed} of them sound files the failing database could not take. Run it again once the problem is fixed.",
    },
    "store.unavailable": {
        "id": "Basis data tidak dapat dibuka atau dibuat ({reason}). Tidak ada yang disimpan. Periksa ruang disk, hak akses dan alamat basis data (--db / DATABASE_URL).",
        "en": "The database could not be opened or created ({reason}). Nothing was stored. Check disk space, permissions and the database address (--db / DATABASE_URL).",
    },
    # ---- sheets and headers ---------------------------------------------------------------
    "sheet.missing": {
        "id": "Lembar '{sheet}' tidak ditemukan (lembar yang ada: {found}). Gunakan templat dari dasbor atau ganti nama lembar menjadi '{sheet}'.",
        "en": "Sheet '{sheet}' was not found (sheets present: {found}). Use the dashboard's template or rename the sheet to '{sheet}'.",
    },
    "sheet.no_header": {
        "id": "Baris judul kolom tidak ditemukan di lembar '{sheet}'. Pastikan ada satu baris berisi judul kolom seperti '{example}'.",
        "en": "No header row was found on sheet '{sheet}'. Make sure one row holds column headers such as '{example}'.",
    },
    "sheet.empty": {
        "id": "Lembar '{sheet}' tidak berisi data. Isi minimal satu baris di bawah judul kolom.",
        "en": "Sheet '{sheet}' holds no data. Fill in at least one row below the headers.",
    },
    "header.missing": {
        "id": "Kolom wajib '{column}' tidak ada di lembar '{sheet}'. Tambahkan kolom dengan judul '{column}' (lihat templat).",
        "en": "Required column '{column}' is missing on sheet '{sheet}'. Add a column headed '{column}' (see the template).",
    },
    "header.unknown": {
        "id": "Kolom '{value}' tidak dikenal dan diabaikan.{hint}",
        "en": "Column '{value}' is not known and was ignored.{hint}",
    },
    "header.duplicate": {
        "id": "Kolom '{column}' muncul lebih dari sekali; hanya yang pertama dipakai. Hapus kolom yang ganda.",
        "en": "Column '{column}' appears more than once; only the first is used. Remove the duplicate column.",
    },
    "hint.did_you_mean": {"id": " Mungkin maksudnya '{suggestion}'?", "en": " Did you mean '{suggestion}'?"},
    # ---- Profil -----------------------------------------------------------------------------
    "profil.missing_field": {
        "id": "'{column}' belum diisi di lembar Profil. Isi di kolom B, sebaris dengan label '{column}'.",
        "en": "'{column}' is not filled in on the Profil sheet. Fill it in column B, next to the label '{column}'.",
    },
    "unit.unknown": {
        "id": "Nama unit '{value}' tidak ada dalam daftar unit.{hint} Tulis nama persis seperti di daftar unit (lembar Referensi) atau minta admin menambahkannya.",
        "en": "Unit name '{value}' is not in the unit list.{hint} Write the name exactly as in the unit list (Referensi sheet) or ask the admin to add it.",
    },
    "unit.region_admin": {
        "id": "Baris ini diisi oleh akun admin daerah ('{value}'), bukan akun perangkat daerah; dicatat atas nama unit koordinator IID '{unit}'. Minta perangkat daerah pemilik inovasi memasukkannya dengan akunnya sendiri.",
        "en": "This row was entered by the region's admin account ('{value}'), not an agency's; it is recorded under the IID coordinator unit '{unit}'. Ask the agency that owns the innovation to enter it with its own account.",
    },
    "unit.inactive": {
        "id": "Unit '{value}' berstatus tidak aktif di daftar unit. Hubungi admin bila unit ini masih melapor.",
        "en": "Unit '{value}' is marked inactive in the unit list. Contact the admin if this unit still reports.",
    },
    "unit.type_mismatch": {
        "id": "Jenis unit '{value}' berbeda dengan daftar unit ({expected}); yang dipakai: {expected}.",
        "en": "Unit type '{value}' differs from the unit list ({expected}); {expected} is used.",
    },
    "year.invalid": {
        "id": "Tahun '{value}' tidak sah. Isi tahun laporan antara {min_year} dan {max_year}, mis. {example}.",
        "en": "Year '{value}' is not valid. Enter the reporting year between {min_year} and {max_year}, e.g. {example}.",
    },
    "consolidated.missing_unit": {
        "id": "Baris ini tidak menyebut Nama Unit atau Tahun, dan lembar Profil tidak ada. Isi kolom Nama Unit dan Tahun.",
        "en": "This row names no unit or year and there is no Profil sheet. Fill in the Nama Unit and Tahun columns.",
    },
    # ---- cells ------------------------------------------------------------------------------
    "cell.required": {
        "id": "'{column}' wajib diisi. Lengkapi sel ini.",
        "en": "'{column}' is required. Fill in this cell.",
    },
    "cell.choice": {
        "id": "'{value}' bukan pilihan yang sah untuk {column}.{hint} Pilihan yang diterima: {accepted}.",
        "en": "'{value}' is not a valid choice for {column}.{hint} Accepted values: {accepted}.",
    },
    "cell.text_length": {
        "id": "{column} harus {min}–{max} karakter (ditemukan {length}). Perbaiki isinya.",
        "en": "{column} must be {min}–{max} characters long (found {length}). Correct it.",
    },
    "cell.duplicate_name": {
        "id": "Nama inovasi '{value}' sudah dipakai di baris {first_row}. Setiap inovasi satu unit pada satu tahun harus bernama beda; gabungkan atau bedakan namanya.",
        "en": "Innovation name '{value}' is already used on row {first_row}. Each innovation of a unit in a year needs its own name; merge or rename them.",
    },
    "cell.date": {
        "id": "'{value}' bukan tanggal yang dapat dibaca. Tulis tanggal dengan hari lebih dulu, mis. 31/12/2023 atau 31 Desember 2023.",
        "en": "'{value}' is not a readable date. Write the date day first, e.g. 31/12/2023 or 31 December 2023.",
    },
    "cell.date_partial": {
        "id": "Tanggal '{value}' tidak lengkap; dibaca sebagai {date}. Lengkapi tanggalnya bila tahu hari persisnya.",
        "en": "Date '{value}' is incomplete; read as {date}. Complete the date if you know the exact day.",
    },
    "cell.date_range": {
        "id": "Tanggal '{value}' di luar rentang wajar ({min_year}–{max_year}). Periksa tahunnya.",
        "en": "Date '{value}' is outside the sensible range ({min_year}–{max_year}). Check the year.",
    },
    "cell.date_required_for_stage": {
        "id": "{column} wajib diisi karena Tahapan '{tahapan}'. Isi tanggalnya, atau ubah Tahapan.",
        "en": "{column} is required because the stage is '{tahapan}'. Fill in the date, or change the stage.",
    },
    "cell.date_order": {
        "id": "Tanggal Penerapan ({value}) lebih awal dari Tanggal Uji Coba ({uji_coba}). Penerapan tidak boleh sebelum uji coba; periksa kedua tanggal.",
        "en": "The implementation date ({value}) is before the trial date ({uji_coba}). Implementation cannot precede the trial; check both dates.",
    },
    "cell.money": {
        "id": "'{value}' bukan jumlah rupiah yang dapat dibaca. Tulis angka, mis. 1.500.000 atau 1,5 juta; kosongkan atau '-' bila tanpa anggaran.",
        "en": "'{value}' is not a readable Rupiah amount. Write a number, e.g. 1.500.000 or 1,5 juta; leave empty or '-' for no budget.",
    },
    "cell.negative": {
        "id": "{column} tidak boleh negatif ('{value}'). Tulis 0 atau kosongkan.",
        "en": "{column} cannot be negative ('{value}'). Write 0 or leave it empty.",
    },
    "cell.too_large": {
        "id": "'{value}' terlalu besar untuk {column} (paling banyak {max}). Periksa angkanya; mungkin tertulis dalam notasi ilmiah atau ada digit berlebih.",
        "en": "'{value}' is too large for {column} (at most {max}). Check the number; it may be in scientific notation or have extra digits.",
    },
    "cell.too_long": {
        "id": "Isi {column} terlalu panjang: {length} karakter, paling banyak {max}. Ringkas isinya; rincian dapat ditaruh di dokumen yang ditautkan di Tautan Bukti.",
        "en": "{column} is too long: {length} characters, at most {max}. Shorten it; details can go in a document linked from Tautan Bukti.",
    },
    "upload.too_many_files": {
        "id": "{n} berkas diunggah sekaligus; paling banyak {limit}. Tidak ada yang diperiksa. Unggah dalam beberapa kelompok (hapus sebagian dari daftar di atas).",
        "en": "{n} files were uploaded at once; at most {limit}. None was checked. Upload them in several groups (remove some from the list above).",
    },
    "upload.limits": {
        "id": "Paling banyak {files} berkas sekaligus, {mb} MB per berkas, {rows} baris per lembar.",
        "en": "At most {files} files at once, {mb} MB per file, {rows} rows per sheet.",
    },
    "cell.count": {
        "id": "'{value}' bukan bilangan bulat ≥ 0 untuk {column}. Tulis angka tanpa desimal, mis. 3.",
        "en": "'{value}' is not a whole number ≥ 0 for {column}. Write a number without decimals, e.g. 3.",
    },
    "cell.int_range": {
        "id": "{column} harus bilangan bulat {min}–{max} (ditemukan '{value}').",
        "en": "{column} must be a whole number from {min} to {max} (found '{value}').",
    },
    "cell.yesno": {
        "id": "'{value}' tidak dapat dibaca sebagai Ya/Tidak untuk {column}. Tulis Ya atau Tidak.",
        "en": "'{value}' cannot be read as yes/no for {column}. Write Ya (yes) or Tidak (no).",
    },
    "cell.nip_format": {
        "id": "NIP '{value}' harus tepat 18 digit angka. Periksa dan ketik ulang NIP sebagai teks.",
        "en": "NIP '{value}' must be exactly 18 digits. Check it and type the NIP again as text.",
    },
    "cell.nip_number": {
        "id": "NIP '{value}' tersimpan sebagai angka sehingga Excel sudah memotong digit terakhirnya. Format sel sebagai Teks (atau awali dengan tanda petik ') lalu ketik ulang NIP lengkap.",
        "en": "NIP '{value}' was stored as a number, so Excel has already cut its last digits. Format the cell as Text (or start it with an apostrophe ') and type the full NIP again.",
    },
    "cell.nip_duplicate": {
        "id": "NIP '{value}' sudah tercantum di baris {first_row}. Setiap pejabat cukup dicantumkan sekali.",
        "en": "NIP '{value}' is already listed on row {first_row}. List each official once.",
    },
    "cell.nip_unknown": {
        "id": "NIP penggagas '{value}' tidak ada di lembar Pejabat maupun data pejabat unit yang tersimpan. Tambahkan pejabat itu ke lembar Pejabat bila ia pejabat unit ini.",
        "en": "Initiator NIP '{value}' is neither on the Pejabat sheet nor in the unit's stored officials. Add the official to the Pejabat sheet if they belong to this unit.",
    },
    "cell.kecamatan": {
        "id": "'{value}' bukan kecamatan di Kabupaten Kudus.{hint} Pilihan: {accepted}, atau 'Seluruh Kabupaten'.",
        "en": "'{value}' is not a kecamatan of Kabupaten Kudus.{hint} Choices: {accepted}, or 'Seluruh Kabupaten'.",
    },
    "cell.kecamatan_mixed": {
        "id": "'Seluruh Kabupaten' digabung dengan kecamatan tertentu ('{value}'); yang dipakai hanya 'Seluruh Kabupaten'. Pilih salah satu.",
        "en": "'Seluruh Kabupaten' is combined with specific kecamatan ('{value}'); only 'Seluruh Kabupaten' is kept. Choose one.",
    },
    "cell.url": {
        "id": "'{value}' bukan tautan yang sah. Tulis alamat lengkap yang diawali http:// atau https://; beberapa tautan dipisah koma, titik koma atau spasi.",
        "en": "'{value}' is not a valid link. Write the full address starting with http:// or https://; separate several links with a comma, semicolon or space.",
    },
    "cell.score": {
        "id": "'{value}' bukan skor kematangan. Tulis angka 0–100 seperti di aplikasi IID, mis. 85.00.",
        "en": "'{value}' is not a maturity score. Write a number 0–100 as in the IID application, e.g. 85.00.",
    },
    "cell.coordinates": {
        "id": "'{value}' bukan koordinat. Tulis lintang, bujur dalam derajat desimal, mis. -6.8048, 110.8405.",
        "en": "'{value}' is not a coordinate. Write latitude, longitude in decimal degrees, e.g. -6.8048, 110.8405.",
    },
    "cell.text_cleaned": {
        "id": "Karakter kontrol tak terlihat dihapus dari {column}.",
        "en": "Invisible control characters were removed from {column}.",
    },
    # ---- store --------------------------------------------------------------------------------
    "store.stored": {
        "id": "{unit} {tahun}: tersimpan ({innovations} inovasi, {officials} pejabat).",
        "en": "{unit} {tahun}: stored ({innovations} innovations, {officials} officials).",
    },
    "store.replaced": {
        "id": "{unit} {tahun}: menggantikan versi sebelumnya ({innovations} inovasi, {officials} pejabat); versi lama tetap di riwayat.",
        "en": "{unit} {tahun}: replaced the previous version ({innovations} innovations, {officials} officials); the old version stays in the history.",
    },
    "store.unchanged": {
        "id": "{unit} {tahun}: berkas yang sama sudah tersimpan; tidak ada yang berubah.",
        "en": "{unit} {tahun}: the same file is already stored; nothing changed.",
    },
    "store.restored": {
        "id": "{unit} {tahun}: versi #{submission_id} dipulihkan sebagai data yang berlaku.",
        "en": "{unit} {tahun}: version #{submission_id} restored as the current data.",
    },
    "store.refused": {
        "id": "Tidak disimpan: {reason}",
        "en": "Not stored: {reason}",
    },
}

# ---- interface texts ----------------------------------------------------------------------------
UI: dict[str, dict[str, str]] = {
    "app.title": {"id": "Dasbor Inovasi Daerah Kabupaten Kudus", "en": "Regional Innovation Dashboard, Kudus Regency"},
    "app.language": {"id": "Bahasa", "en": "Language"},
    "app.open_mode": {"id": "Mode terbuka (satu pengguna lokal, tanpa masuk akun).", "en": "Open mode (single local user, no sign-in)."},
    "app.sample_banner": {"id": "DATA CONTOH — dibuat otomatis untuk mencoba dasbor, bukan data resmi Kabupaten Kudus.", "en": "SAMPLE DATA — generated to try the dashboard, not official Kudus Regency data."},
    "app.data_as_of": {"id": "Data per {when}", "en": "Data as of {when}"},
    "app.no_data": {"id": "Belum ada data tersimpan. Unggah buku kerja di halaman Unggah Data, atau muat data contoh untuk mencoba.", "en": "No data stored yet. Upload workbooks on the Upload page, or load the sample data to try it out."},
    "app.load_sample": {"id": "Muat data contoh", "en": "Load sample data"},
    "app.sample_loaded": {"id": "Data contoh dimuat: {n} laporan.", "en": "Sample data loaded: {n} reports."},
    "app.sample_loading": {"id": "Membuat dan memuat buku kerja contoh…", "en": "Generating and loading sample workbooks…"},
    "page.upload": {"id": "Unggah Data", "en": "Upload Data"},
    "page.data": {"id": "Data", "en": "Data"},
    "page.overview": {"id": "Ringkasan", "en": "Overview"},
    "page.units": {"id": "Perangkat Daerah", "en": "Agencies"},
    "page.kecamatan": {"id": "Kecamatan", "en": "Districts (kecamatan)"},
    "page.tpp": {"id": "TPP", "en": "TPP (additional income)"},
    "page.lifecycle": {"id": "Keberlanjutan", "en": "Sustainability over time"},
    "page.presentation": {"id": "Presentasi", "en": "Presentation"},
    "page.linking": {"id": "Tautan Inovasi", "en": "Innovation links"},
    "page.users": {"id": "Pengguna", "en": "Users"},
    "page.unit_list": {"id": "Daftar Unit", "en": "Unit list"},
    "page.rules": {"id": "Aturan Indikator", "en": "Indicator rules"},
    "page.audit": {"id": "Log Audit", "en": "Audit log"},
    "nav.dashboard": {"id": "Dasbor", "en": "Dashboard"},
    "nav.data": {"id": "Data", "en": "Data"},
    "nav.admin": {"id": "Admin", "en": "Admin"},
    "upload.intro": {"id": "Unduh templat, isi di Excel, lalu unggah satu atau banyak buku kerja sekaligus. Setiap sel diperiksa; berkas yang ada galatnya tidak disimpan sama sekali.", "en": "Download the template, fill it in Excel, then upload one or many workbooks at once. Every cell is checked; a file with any error is not stored at all."},
    "upload.template_header": {"id": "1. Templat", "en": "1. Template"},
    "upload.template_unit": {"id": "Unit (opsional, untuk mengisi lembar Profil)", "en": "Unit (optional, pre-fills the Profil sheet)"},
    "upload.template_year": {"id": "Tahun laporan", "en": "Reporting year"},
    "upload.template_download": {"id": "Unduh templat Excel", "en": "Download the Excel template"},
    "upload.files_header": {"id": "2. Unggah buku kerja", "en": "2. Upload workbooks"},
    "upload.files_label": {"id": "Buku kerja (.xlsx, juga .xls/.ods) atau ekspor aplikasi IID (.xlsx/.csv), boleh banyak sekaligus", "en": "Workbooks (.xlsx, also .xls/.ods) or the IID application's export (.xlsx/.csv), several at once"},
    "upload.uploader_name": {"id": "Nama pengunggah (dicatat di riwayat)", "en": "Uploader name (kept in the history)"},
    "upload.checking": {"id": "Memeriksa {name} ({i}/{n})…", "en": "Checking {name} ({i}/{n})…"},
    "upload.report_header": {"id": "3. Hasil pemeriksaan", "en": "3. Check results"},
    "upload.summary": {"id": "{ok} dari {n} berkas lolos pemeriksaan; {errors} galat dan {warnings} peringatan.", "en": "{ok} of {n} files passed; {errors} errors and {warnings} warnings."},
    "upload.store_button": {"id": "Simpan {n} berkas yang lolos", "en": "Store the {n} files that passed"},
    "upload.storing": {"id": "Menyimpan {name} ({i}/{n})…", "en": "Storing {name} ({i}/{n})…"},
    "upload.stored_header": {"id": "Hasil penyimpanan", "en": "Storage results"},
    "upload.nothing_to_store": {"id": "Tidak ada berkas yang lolos; perbaiki galat di bawah lalu unggah lagi.", "en": "No file passed; fix the errors below and upload again."},
    "upload.file_ok": {"id": "lolos", "en": "passed"},
    "upload.file_error": {"id": "ada galat", "en": "has errors"},
    "col.file": {"id": "Berkas", "en": "File"},
    "col.status": {"id": "Status", "en": "Status"},
    "col.unit": {"id": "Unit", "en": "Unit"},
    "col.year": {"id": "Tahun", "en": "Year"},
    "col.innovations": {"id": "Inovasi", "en": "Innovations"},
    "col.officials": {"id": "Pejabat", "en": "Officials"},
    "col.errors": {"id": "Galat", "en": "Errors"},
    "col.warnings": {"id": "Peringatan", "en": "Warnings"},
    "col.severity": {"id": "Tingkat", "en": "Severity"},
    "col.sheet": {"id": "Lembar", "en": "Sheet"},
    "col.row": {"id": "Baris", "en": "Row"},
    "col.column": {"id": "Kolom", "en": "Column"},
    "col.value": {"id": "Isi sel", "en": "Value found"},
    "col.message": {"id": "Apa yang harus dilakukan", "en": "What to do"},
    "col.current": {"id": "Berlaku", "en": "Current"},
    "col.uploaded_by": {"id": "Diunggah oleh", "en": "Uploaded by"},
    "col.uploaded_at": {"id": "Waktu unggah", "en": "Uploaded at"},
    "col.source": {"id": "Sumber", "en": "Source"},
    "col.hash": {"id": "Sidik berkas", "en": "File hash"},
    "col.version": {"id": "Versi", "en": "Version"},
    "source.upload": {"id": "unggahan", "en": "upload"},
    "source.sample": {"id": "contoh", "en": "sample"},
    "source.restore": {"id": "pemulihan", "en": "restore"},
    "severity.error": {"id": "Galat", "en": "Error"},
    "severity.warning": {"id": "Peringatan", "en": "Warning"},
    "data.submissions": {"id": "Laporan tersimpan", "en": "Stored reports"},
    "data.innovations": {"id": "Inovasi (data berlaku)", "en": "Innovations (current data)"},
    "data.filter_unit": {"id": "Unit", "en": "Unit"},
    "data.filter_year": {"id": "Tahun", "en": "Year"},
    "data.all": {"id": "Semua", "en": "All"},
    "data.current_only": {"id": "Hanya versi berlaku", "en": "Current versions only"},
    "data.restore_header": {"id": "Pulihkan versi lama", "en": "Restore an earlier version"},
    "data.restore_pick": {"id": "Versi yang dipulihkan", "en": "Version to restore"},
    "data.restore_button": {"id": "Pulihkan sebagai data berlaku", "en": "Restore as current data"},
    "data.restore_none": {"id": "Tidak ada versi lama untuk dipulihkan.", "en": "There is no earlier version to restore."},
    "data.download_xlsx": {"id": "Unduh Excel", "en": "Download Excel"},
    "data.download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "data.with_lifecycle": {"id": "Tampilkan siklus hidup", "en": "Show lifecycles"},
    "data.with_lifecycle_help": {"id": "Tahun pertama dan terakhir, jalur tahapan dan hasil (berlanjut, berhenti, baru) tiap inovasi lintas tahun.", "en": "First and last year, stage path and outcome (continuing, stopped, new) of each innovation across years."},
    "data.rows": {"id": "{n} baris", "en": "{n} rows"},
    "data.empty_filter": {"id": "Tidak ada data untuk pilihan ini.", "en": "No data for this selection."},
}
MESSAGES.update(UI)


def _merge_feature_catalogues() -> None:
    """Add the catalogues of analytics/texts/*.py; a code defined twice is a bug, not an override."""
    import importlib
    import pkgutil

    from analytics import texts

    for module_info in pkgutil.iter_modules(texts.__path__):
        catalogue = importlib.import_module(f"analytics.texts.{module_info.name}").MESSAGES
        clash = set(catalogue) & set(MESSAGES)
        if clash:
            raise ValueError(f"message codes defined twice: {sorted(clash)}")
        MESSAGES.update(catalogue)


_merge_feature_catalogues()


def t(code: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The message for `code` in `lang` (Indonesian when the language or text is missing)."""
    texts = MESSAGES.get(code)
    if texts is None:
        return code
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if "suggestion" in params and "hint" not in params and code != "hint.did_you_mean":
        suggestion = params["suggestion"]
        params["hint"] = t("hint.did_you_mean", lang, suggestion=suggestion) if suggestion else ""
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def decimal(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A plain number in the reader's notation, no more decimals than it has (up to two):
    60 · 2,5 · 1.234,75 (id); 60 · 2.5 · 1,234.75 (en).  For numbers written into sentences."""
    from babel.numbers import format_decimal  # babel's locale data loads only when a number is written

    return format_decimal(value, format="#,##0.##", locale="en_US" if lang == "en" else "id_ID")


class CatalogueError(Exception):
    """An error whose text is a catalogue code: `str()` gives both languages (logs, tracebacks),
    `message(lang)` the reader's."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{t(code, 'id', **params)} / {t(code, 'en', **params)}")

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t(self.code, lang, **self.params)
