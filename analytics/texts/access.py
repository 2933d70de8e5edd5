"""Messages of access control, sign-in and the audit log (codes "access.", "auth.", "audit.")."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # ---- refusals raised by the storage layer ------------------------------------------------
    "access.open_mode_local_only": {
        "id": "Mode terbuka hanya melayani komputer ini: setiap pengunjungnya bertindak sebagai admin. Untuk dipakai lewat jaringan, jalankan dengan mode masuk akun (KUDUS_AUTH=signed-in, lihat README 'Akses dan audit') dan buat akun untuk setiap pengguna.",
        "en": "Open mode serves this computer only: every visitor acts as the administrator. To serve a network, run in signed-in mode (KUDUS_AUTH=signed-in, see the README's 'Access and audit') and create an account for each user.",
    },
    "access.header_mode_exposed": {
        "id": "Mode SSO header tepercaya tidak dijalankan: Streamlit mendengarkan di '{address}', sehingga siapa pun yang menjangkaunya dapat mengaku sebagai pengguna mana pun. Atur server.address = \"127.0.0.1\" (proksi di komputer yang sama) atau alamat proksi yang tercantum di KUDUS_TRUSTED_PROXIES.",
        "en": "Trusted-header SSO is not started: Streamlit listens on '{address}', so anyone who reaches it could claim any user. Set server.address = \"127.0.0.1\" (proxy on the same machine) or an address listed in KUDUS_TRUSTED_PROXIES.",
    },
    "access.header_mode_peer": {
        "id": "Permintaan ini tidak datang dari proksi tepercaya, sehingga header penggunanya tidak dipercaya. Buka dasbor melalui alamat proksi resmi.",
        "en": "This request did not come through a trusted proxy, so its user header is not believed. Open the dashboard through the official proxy address.",
    },
    "audit.chain_ok": {
        "id": "Rantai log audit utuh: {events} peristiwa, kepala {head}….",
        "en": "The audit log's chain is intact: {events} events, head {head}….",
    },
    "audit.chain_changed": {
        "id": "Rantai log audit putus: peristiwa id {id} (urutan {seq}) telah diubah setelah dicatat.",
        "en": "The audit log's chain is broken: event id {id} (sequence {seq}) was changed after it was recorded.",
    },
    "audit.chain_removed": {
        "id": "Rantai log audit putus: peristiwa urutan {seq} telah dihapus (sebelum peristiwa id {id}).",
        "en": "The audit log's chain is broken: the event at sequence {seq} was removed (before event id {id}).",
    },
    "audit.chain_inserted": {
        "id": "Rantai log audit putus: peristiwa id {id} (urutan {seq}) disisipkan di luar rantai.",
        "en": "The audit log's chain is broken: event id {id} (sequence {seq}) was inserted outside the chain.",
    },
    "audit.chain_head": {
        "id": "Rantai log audit putus: kepala rantai yang tercatat tidak cocok dengan peristiwa terakhir (urutan {seq}).",
        "en": "The audit log's chain is broken: the recorded head does not match the last event (sequence {seq}).",
    },
    "access.account_disabled": {
        "id": "Akun '{username}' dinonaktifkan dan tidak dapat dipakai. Minta admin mengaktifkannya (user enable). Percobaan ini dicatat di log audit.",
        "en": "The account '{username}' is disabled and cannot be used. Ask the admin to enable it (user enable). This attempt is recorded in the audit log.",
    },
    "access.denied": {
        "id": "Ditolak: {name} (peran {role}) tidak berwenang untuk '{permission}'. Hubungi admin bila ini keliru.",
        "en": "Refused: {name} (role {role}) may not do '{permission}'. Contact the admin if this is wrong.",
    },
    "access.other_unit": {
        "id": "Ditolak: {name} hanya boleh mengelola data unitnya sendiri, bukan '{unit}'. Tidak ada yang disimpan; percobaan ini dicatat di log audit.",
        "en": "Refused: {name} may only manage their own unit's data, not '{unit}'. Nothing was stored; the attempt is recorded in the audit log.",
    },
    "access.no_actor": {
        "id": "Ditolak: perubahan tanpa pengguna yang masuk tidak diterima di mode masuk akun.",
        "en": "Refused: in signed-in mode a change must come from a signed-in user.",
    },
    "access.account_exists": {
        "id": "Nama pengguna atau e-mel '{username}' sudah dipakai akun lain.",
        "en": "User name or e-mail '{username}' is already used by another account.",
    },
    "access.no_account": {"id": "Akun '{username}' tidak ada.", "en": "There is no account '{username}'."},
    "access.bad_username": {
        "id": "Nama pengguna '{username}' tidak sah: 2–64 huruf kecil, angka, titik, garis bawah, tanda hubung atau @.",
        "en": "User name '{username}' is not valid: 2–64 lower-case letters, digits, dots, underscores, hyphens or @.",
    },
    "access.bad_role": {"id": "Peran '{role}' tidak dikenal (pilihan: {roles}).", "en": "Unknown role '{role}' (choices: {roles})."},
    "access.bad_email": {"id": "Alamat e-mel '{email}' tidak sah.", "en": "E-mail address '{email}' is not valid."},
    "access.operator_needs_unit": {
        "id": "Operator harus ditugaskan ke minimal satu unit.",
        "en": "An operator must be assigned at least one unit.",
    },
    "access.unknown_units": {"id": "Unit tidak ada di daftar unit: {units}.", "en": "Units not in the unit list: {units}."},
    "access.last_admin": {
        "id": "Ditolak: ini admin aktif terakhir. Buat atau aktifkan admin lain lebih dulu.",
        "en": "Refused: this is the last active admin. Create or activate another admin first.",
    },
    # ---- passwords ------------------------------------------------------------------------------
    "auth.password_short": {"id": "Kata sandi minimal {minimum} karakter.", "en": "The password needs at least {minimum} characters."},
    "auth.password_long": {"id": "Kata sandi maksimal {maximum} karakter.", "en": "The password may have at most {maximum} characters."},
    "auth.password_is_username": {"id": "Kata sandi tidak boleh sama dengan nama pengguna.", "en": "The password may not equal the user name."},
    "auth.password_simple": {"id": "Kata sandi terlalu sederhana; pakai lebih banyak karakter yang berbeda.", "en": "The password is too simple; use more different characters."},
    "auth.password_mismatch": {"id": "Kedua kata sandi tidak sama.", "en": "The two passwords differ."},
    # ---- signing in -----------------------------------------------------------------------------
    "auth.bad_credentials": {"id": "Nama pengguna atau kata sandi salah.", "en": "Wrong user name or password."},
    "auth.bad_credentials_wait": {
        "id": "Nama pengguna atau kata sandi salah. Karena sudah beberapa kali salah, tunggu {seconds} detik sebelum mencoba lagi.",
        "en": "Wrong user name or password. After several failed tries, wait {seconds} seconds before trying again.",
    },
    "auth.throttled": {
        "id": "Terlalu banyak percobaan yang gagal. Tunggu {seconds} detik, lalu coba lagi; kata sandi yang benar akan diterima setelah itu. Percobaan ini dicatat di log audit.",
        "en": "Too many failed tries. Wait {seconds} seconds, then try again; the right password is accepted after that. This try is recorded in the audit log.",
    },
    "auth.locked": {
        "id": "Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit atau minta admin membukanya.",
        "en": "The account is locked for a while after too many failed attempts. Try again in {minutes} minutes or ask the admin to unlock it.",
    },
    "auth.inactive": {"id": "Akun ini nonaktif. Hubungi admin.", "en": "This account is inactive. Contact the admin."},
    "auth.sso_unknown": {
        "id": "Identitas '{identity}' belum terdaftar di dasbor. Minta admin membuat akun dengan nama pengguna atau e-mel ini.",
        "en": "Identity '{identity}' is not registered with the dashboard. Ask the admin to create an account with this user name or e-mail.",
    },
    "auth.session_expired": {"id": "Sesi berakhir. Silakan masuk lagi.", "en": "Your session has ended. Please sign in again."},
    "auth.title": {"id": "Masuk", "en": "Sign in"},
    "auth.intro": {
        "id": "Dasbor ini memuat data yang memengaruhi TPP ASN. Masuk dengan akun yang diberikan admin (Bagian Organisasi / Bappeda).",
        "en": "This dashboard holds data that affects civil servants' TPP. Sign in with the account the admin (Bagian Organisasi / Bappeda) gave you.",
    },
    "auth.username": {"id": "Nama pengguna atau e-mel", "en": "User name or e-mail"},
    "auth.password": {"id": "Kata sandi", "en": "Password"},
    "auth.submit": {"id": "Masuk", "en": "Sign in"},
    "auth.sso_button": {"id": "Masuk dengan SSO", "en": "Sign in with SSO"},
    "auth.sso_waiting": {
        "id": "Menunggu identitas dari proksi (header pengguna tepercaya). Buka dasbor melalui alamat resminya.",
        "en": "Waiting for the identity from the proxy (trusted user header). Open the dashboard through its official address.",
    },
    "auth.sign_out": {"id": "Keluar", "en": "Sign out"},
    "auth.signed_in_as": {"id": "Masuk sebagai **{name}** · {role}", "en": "Signed in as **{name}** · {role}"},
    "auth.units_of": {"id": "Unit: {units}", "en": "Units: {units}"},
    "auth.open_banner": {
        "id": "Mode terbuka: tanpa masuk akun, setiap orang yang membuka dasbor ini bertindak sebagai admin lokal ({name}). Untuk server, aktifkan mode masuk akun (KUDUS_AUTH=signed-in).",
        "en": "Open mode: no sign-in; everyone who opens this dashboard acts as the local admin ({name}). For a server, switch to signed-in mode (KUDUS_AUTH=signed-in).",
    },
    "auth.no_pages": {"id": "Belum ada halaman untuk peran Anda.", "en": "There is no page for your role yet."},
    "auth.change_password": {"id": "Ganti kata sandi", "en": "Change password"},
    "auth.current_password": {"id": "Kata sandi sekarang", "en": "Current password"},
    "auth.new_password": {"id": "Kata sandi baru", "en": "New password"},
    "auth.repeat_password": {"id": "Ulangi kata sandi baru", "en": "Repeat the new password"},
    "auth.password_changed": {"id": "Kata sandi diganti. Silakan masuk lagi.", "en": "Password changed. Please sign in again."},
    # ---- roles --------------------------------------------------------------------------------
    "access.role.pimpinan": {"id": "Pimpinan", "en": "Leader (pimpinan)"},
    "access.role.operator": {"id": "Operator unit", "en": "Unit operator"},
    "access.role.admin": {"id": "Admin", "en": "Admin"},
    "access.role.kiosk": {"id": "Kios (presentasi)", "en": "Kiosk (presentation)"},
    # ---- upload page: units outside an operator's scope ------------------------------------------
    "access.upload_other_unit": {
        "id": "{file}: berisi data unit yang bukan tugas Anda ({units}); berkas ini tidak akan disimpan.",
        "en": "{file}: holds data of units you are not assigned to ({units}); this file will not be stored.",
    },
    # ---- admin: accounts ------------------------------------------------------------------------
    "access.users.table": {"id": "Akun", "en": "Accounts"},
    "access.users.create": {"id": "Buat akun", "en": "Create an account"},
    "access.users.edit": {"id": "Ubah akun", "en": "Change an account"},
    "access.users.pick": {"id": "Akun", "en": "Account"},
    "access.users.username": {"id": "Nama pengguna", "en": "User name"},
    "access.users.display_name": {"id": "Nama lengkap", "en": "Full name"},
    "access.users.email": {"id": "E-mel (untuk SSO, boleh kosong)", "en": "E-mail (for SSO, may be empty)"},
    "access.users.email_col": {"id": "E-mel", "en": "E-mail"},
    "access.users.role": {"id": "Peran", "en": "Role"},
    "access.users.units": {"id": "Unit (untuk operator)", "en": "Units (for operators)"},
    "access.users.pick_units": {"id": "Pilih unit", "en": "Choose units"},
    "access.users.active": {"id": "Aktif", "en": "Active"},
    "access.users.locked": {"id": "Terkunci sampai", "en": "Locked until"},
    "access.users.last_login": {"id": "Terakhir masuk", "en": "Last sign-in"},
    "access.users.sso_only": {"id": "Tanpa kata sandi (hanya SSO)", "en": "No password (SSO only)"},
    "access.users.save": {"id": "Simpan perubahan", "en": "Save changes"},
    "access.users.created": {
        "id": "Akun {username} dibuat. Kata sandi sementara (tampil sekali, sampaikan secara pribadi): `{password}`",
        "en": "Account {username} created. Temporary password (shown once, hand it over privately): `{password}`",
    },
    "access.users.created_sso": {"id": "Akun {username} dibuat (masuk lewat SSO).", "en": "Account {username} created (signs in through SSO)."},
    "access.users.saved": {"id": "Akun {username} disimpan.", "en": "Account {username} saved."},
    "access.users.reset": {"id": "Atur ulang kata sandi", "en": "Reset password"},
    "access.users.reset_done": {
        "id": "Kata sandi baru {username} (tampil sekali): `{password}`",
        "en": "New password of {username} (shown once): `{password}`",
    },
    "access.users.unlock": {"id": "Buka kunci", "en": "Unlock"},
    "access.users.unlocked": {"id": "Akun {username} dibuka kuncinya.", "en": "Account {username} unlocked."},
    # ---- admin: units ---------------------------------------------------------------------------
    "access.units.intro": {
        "id": "Ubah nama, tambah unit baru di baris terakhir, atau hapus centang Aktif untuk menonaktifkan. Kode unit yang sudah ada tidak dapat diubah atau dihapus (riwayat bergantung padanya).",
        "en": "Edit names, add new units in the last row, or untick Active to deactivate. Existing unit codes cannot be changed or removed (the history depends on them).",
    },
    "access.units.save": {"id": "Simpan daftar unit", "en": "Save the unit list"},
    "access.units.saved": {"id": "Daftar unit disimpan.", "en": "Unit list saved."},
    "access.units.missing": {
        "id": "Kode unit yang sudah ada tidak boleh diubah atau dihapus: {units}. Nonaktifkan unit dengan mencentang ulang kolom Aktif.",
        "en": "Existing unit codes may not be changed or removed: {units}. Deactivate a unit with the Active column instead.",
    },
    "access.units.bad_code": {
        "id": "Kode unit '{kode}' tidak sah: huruf kecil, angka, titik dan tanda hubung, mis. 'opd.dinkes'.",
        "en": "Unit code '{kode}' is not valid: lower-case letters, digits, dots and hyphens, e.g. 'opd.dinkes'.",
    },
    "access.units.invalid": {"id": "Daftar unit ditolak: {reason}", "en": "Unit list refused: {reason}"},
    # ---- admin: rules ---------------------------------------------------------------------------
    "access.rules.in_force": {"id": "Aturan yang berlaku", "en": "Rules in force"},
    "access.rules.defaults": {"id": "Aturan bawaan (analytics/rules_default.toml).", "en": "The default rules (analytics/rules_default.toml)."},
    "access.rules.version": {"id": "Versi #{id}, diunggah {who} pada {when}.", "en": "Version #{id}, uploaded by {who} on {when}."},
    "access.rules.passed_over": {"id": "Versi terbaru tidak lolos pemeriksaan dan tidak dipakai: {error}", "en": "The newest version failed the check and is not used: {error}"},
    "access.rules.upload": {"id": "Unggah berkas aturan (.toml)", "en": "Upload a rules file (.toml)"},
    "access.rules.apply": {"id": "Periksa dan berlakukan", "en": "Check and apply"},
    "access.rules.changed": {"id": "Aturan baru berlaku.", "en": "The new rules are in force."},
    "access.rules.unchanged": {"id": "Aturan ini sudah berlaku; tidak ada yang berubah.", "en": "These rules are already in force; nothing changed."},
    "access.rules.use_defaults": {"id": "Kembali ke aturan bawaan", "en": "Back to the default rules"},
    "access.rules.download": {"id": "Unduh aturan yang berlaku", "en": "Download the rules in force"},
    "access.rules.history": {"id": "Riwayat berkas aturan", "en": "History of the rules file"},
    "access.rules.not_text": {"id": "Berkas aturan harus teks UTF-8 (TOML).", "en": "The rules file must be UTF-8 text (TOML)."},
    # ---- audit log -------------------------------------------------------------------------------
    "audit.filters": {"id": "Saring", "en": "Filter"},
    "audit.period": {"id": "Rentang tanggal", "en": "Date range"},
    "audit.actor": {"id": "Pengguna", "en": "User"},
    "audit.action": {"id": "Tindakan", "en": "Action"},
    "audit.outcome": {"id": "Hasil", "en": "Outcome"},
    "audit.text": {"id": "Cari teks (sasaran atau rincian)", "en": "Search text (target or detail)"},
    "audit.any": {"id": "Semua", "en": "All"},
    "audit.count": {"id": "{n} kejadian (terbaru lebih dulu, paling banyak {limit})", "en": "{n} events (newest first, at most {limit})"},
    "audit.col.at": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "audit.col.actor": {"id": "Pengguna", "en": "User"},
    "audit.col.action": {"id": "Tindakan", "en": "Action"},
    "audit.col.target": {"id": "Sasaran", "en": "Target"},
    "audit.col.outcome": {"id": "Hasil", "en": "Outcome"},
    "audit.col.detail": {"id": "Rincian", "en": "Detail"},
    "audit.download_xlsx": {"id": "Unduh log (Excel)", "en": "Download the log (Excel)"},
    "audit.download_csv": {"id": "Unduh log (CSV)", "en": "Download the log (CSV)"},
    "audit.none": {"id": "Tidak ada kejadian untuk saringan ini.", "en": "No events for this filter."},
}
