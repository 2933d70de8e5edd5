"""Texts of the innovation lifecycle (Keberlanjutan and Tautan Inovasi pages, charts, unit line)."""

from __future__ import annotations


def _pair(id_: str, en: str) -> dict[str, str]:
    return {"id": id_, "en": en}


_COLUMNS = {
    "lifecycle_id": ("ID siklus", "Lifecycle ID"), "unit_kode": ("Kode unit", "Unit code"),
    "nama_unit": ("Unit", "Unit"), "jenis_unit": ("Jenis unit", "Unit type"),
    "nama_inovasi": ("Nama inovasi (terakhir)", "Innovation (latest name)"),
    "nama_pertama": ("Nama pertama", "First name"), "jumlah_nama": ("Jumlah nama", "Names used"),
    "tahun_pertama": ("Tahun pertama", "First year"), "tahun_terakhir": ("Tahun terakhir", "Last year"),
    "jumlah_tahun": ("Jumlah tahun dilaporkan", "Years reported"), "tahun_laporan": ("Tahun dilaporkan", "Reported in"),
    "tahapan_terakhir": ("Tahapan terakhir", "Latest stage"), "status_terakhir": ("Status terakhir", "Latest status"),
    "jalur_tahapan": ("Jalur tahapan", "Stage path"), "jalur_status": ("Jalur status", "Status path"),
    "hasil": ("Hasil", "Outcome"), "tahun_berhenti": ("Tahun berhenti", "Year stopped"),
    "tahun_berhenti_pertama": ("Berhenti pertama kali", "First stopped"),
    "dihidupkan_kembali": ("Dihidupkan kembali", "Revived"),
    "tahun_terakhir_unit": ("Laporan terakhir unit", "Unit's latest report"), "kohort": ("Kohort", "Cohort"),
    "waktu_berhenti": ("Tahun ke- saat berhenti", "Year of life stopped"),
    "waktu_amatan": ("Tahun teramati", "Years observed"), "tahun_uji_coba": ("Tahun Uji Coba", "Uji Coba year"),
    "tahun_penerapan": ("Tahun Penerapan", "Penerapan year"),
    "bulan_uji_coba_ke_penerapan": ("Bulan Uji Coba → Penerapan", "Months Uji Coba → Penerapan"),
    "keadaan": ("Keadaan", "State"), "sebab": ("Terlihat dari", "Seen as"), "tahun": ("Tahun", "Year"),
    "tahun_terakhir_aktif": ("Tahun data penanda", "Year of the flags"),
    "kategori_keberlanjutan": ("Kategori keberlanjutan", "Sustainability category"),
    "skor_keberlanjutan": ("Skor keberlanjutan", "Sustainability score"),
    "flag_penerapan": ("Penerapan ≥ 2 th", "Applied ≥ 2 yrs"), "flag_dasar_hukum": ("Dasar hukum", "Legal basis"),
    "flag_anggaran": ("Anggaran", "Budget"), "flag_sop": ("SOP", "SOP"), "flag_monev": ("Monev", "M&E"),
    "flag_replikasi": ("Replikasi", "Replicated"), "berhenti_berikutnya": ("Berhenti di laporan berikutnya",
                                                                           "Stopped by the next report"),
    "diketahui": ("Tahun berikutnya diketahui", "Next year known"), "jumlah_inovasi": ("Inovasi", "Innovations"),
    "berlanjut": ("Berlanjut", "Continuing"), "berhenti": ("Berhenti", "Stopped"), "baru": ("Baru", "New"),
    "porsi_bertahan": ("Bertahan (berlanjut / dinilai)", "Lasting (continuing / judged)"),
    "jumlah": ("Jumlah", "Count"), "field": ("Isian", "Field"), "same": ("Sama?", "Same?"), "id": ("#", "#"),
    "unit": ("Unit", "Unit"), "nama_a": ("Nama (tahun awal)", "Name (earlier year)"),
    "tahun_a": ("Tahun awal", "Earlier year"), "nama_b": ("Nama (tahun berikut)", "Name (later year)"),
    "tahun_b": ("Tahun berikut", "Later year"), "skor": ("Skor kemiripan", "Similarity"),
    "keputusan": ("Keputusan", "Decision"), "penerapan": ("Berlaku?", "Applied?"),
    "diputuskan_oleh": ("Oleh", "By"), "diputuskan_pada": ("Waktu (WIB)", "When (WIB)"),
}

_FIELDS = {
    "nama_inovasi": ("Nama inovasi", "Innovation name"), "tahun": ("Tahun laporan", "Reporting year"),
    "tahapan": ("Tahapan", "Stage"), "status": ("Status", "Status"), "jenis": ("Jenis", "Type"),
    "bentuk": ("Bentuk", "Form"), "inisiator": ("Inisiator", "Initiator"), "urusan": ("Urusan", "Affairs"),
    "nama_penggagas": ("Penggagas", "Initiated by"), "tanggal_uji_coba": ("Tanggal Uji Coba", "Trial date"),
    "tanggal_penerapan": ("Tanggal Penerapan", "Applied since"), "dasar_hukum": ("Dasar hukum", "Legal basis"),
    "nomor_dasar_hukum": ("Nomor dasar hukum", "Legal basis number"),
    "lokasi_kecamatan": ("Lokasi (kecamatan)", "Location (kecamatan)"), "keterangan": ("Keterangan", "Remarks"),
    "paths": ("Jalur tahapan siklusnya", "Stage path of its lifecycle"),
}

MESSAGES: dict[str, dict[str, str]] = {
    **{f"life.col.{k}": _pair(*v) for k, v in _COLUMNS.items()},
    **{f"life.field.{k}": _pair(*v) for k, v in _FIELDS.items()},
    "life.hasil.berlanjut": _pair("Berlanjut", "Continuing"),
    "life.hasil.berhenti": _pair("Berhenti", "Stopped"),
    "life.hasil.baru": _pair("Baru", "New"),
    "life.help.berlanjut": _pair(
        "Masih dilaporkan dan Aktif pada laporan terakhir unitnya, setelah dilaporkan sebelumnya.",
        "Still reported and Aktif in its unit's latest report, having been reported before."),
    "life.help.berhenti": _pair(
        "Dilaporkan Tidak Aktif, atau tidak dilaporkan lagi padahal unitnya melapor pada tahun sesudahnya.",
        "Reported Tidak Aktif, or no longer reported although its unit reported a later year."),
    "life.help.baru": _pair("Pertama kali dilaporkan pada laporan terakhir unitnya: belum ada rekam jejak.",
                            "First reported in its unit's latest report: no track record yet."),
    "life.help.median": _pair(
        "Median selang Tanggal Uji Coba → Tanggal Penerapan ({n} inovasi yang mencapai Penerapan). Menurut tahun "
        "laporan (Uji Coba pada satu laporan, Penerapan pada laporan kemudian): {tahun} tahun.",
        "Median gap Trial date → Applied date ({n} innovations that reached Penerapan). By reporting years (Uji "
        "Coba in one report, Penerapan in a later one): {tahun} years."),
    "life.median_trial_to_applied": _pair("Ke Penerapan (bulan)", "To Penerapan (months)"),
    "life.intro": _pair(
        "Penanda keberlanjutan satu tahun menyatakan apakah inovasi *tampak* berkelanjutan; laporan dari tahun ke "
        "tahun menunjukkan apakah inovasi itu *benar* bertahan. Catatan tahunan satu unit dengan nama yang sama "
        "ditautkan otomatis; nama yang hanya mirip diputuskan analis di halaman Tautan Inovasi.",
        "A year's sustainability flags say whether an innovation *looks* sustainable; the years of reports show "
        "whether it *did* last. A unit's yearly records with the same name are linked automatically; names that "
        "are only similar are decided by an analyst on the Innovation links page."),
    "life.pending_link": _pair("{n} usulan tautan menunggu keputusan analis", "{n} link proposals await an analyst"),
    "life.pending": _pair("{n} usulan tautan menunggu keputusan analis.", "{n} link proposals await an analyst."),
    "life.tab.survival": _pair("Kelangsungan", "Survival"),
    "life.tab.flows": _pair("Alur tahapan", "Stage flows"),
    "life.tab.stopped": _pair("Berhenti", "Stopped"),
    "life.tab.check": _pair("Cek penanda", "Flag check"),
    "life.tab.units": _pair("Per unit", "Per unit"),
    "life.curves_by": _pair("Kurva per", "Curves by"),
    "life.curves_by.jenis_unit": _pair("Jenis unit", "Unit type"),
    "life.curves_by.kohort": _pair("Kohort (tahun pertama dilaporkan)", "Cohort (first year reported)"),
    "life.chart_survival": _pair("Berapa inovasi masih berlanjut", "How many innovations keep going"),
    "life.chart_survival_kohort": _pair("Kelangsungan per kohort", "Survival per cohort"),
    "life.chart_survival_sub": _pair(
        "Porsi yang belum pernah berhenti sejak laporan pertama (Kaplan–Meier; tahun yang belum diketahui disensor)",
        "Share never stopped since the first report (Kaplan–Meier; years not yet known are censored)"),
    "life.axis_year_of_life": _pair("Tahun sejak laporan pertama", "Years since the first report"),
    "life.year_of_life_tick": _pair("th ke-{k}", "year {k}"),
    "life.axis_share_going": _pair("Masih berlanjut", "Still going"),
    "life.still_going": _pair("Masih berlanjut", "Still going"),
    "life.at_risk": _pair("Teramati", "Observed"),
    "life.stopped_then": _pair("Berhenti saat itu", "Stopped then"),
    "life.regency": _pair("Kabupaten", "Regency"),
    "life.kohort_label": _pair("Kohort {tahun}", "Cohort {tahun}"),
    "life.survival_table": _pair("Tabel kelangsungan per kohort (% masih berlanjut)",
                                 "Survival per cohort (% still going)"),
    "life.survival_note": _pair(
        "Kosong = belum diketahui (disensor). Kohort tahun data pertama memuat juga inovasi yang sudah berjalan "
        "sebelumnya. Tahun saat unit tidak melapor tidak dihitung sebagai berhenti.",
        "Blank = not known yet (censored). The first data year's cohort also holds innovations already running "
        "before. A year the unit sent no report does not count as a stop."),
    "life.opened_survival": _pair("{group}, tahun ke-{k}: inovasi yang teramati", "{group}, year {k}: the "
                                  "innovations observed"),
    "life.keadaan.berhenti": _pair("berhenti saat itu", "stopped then"),
    "life.keadaan.disensor": _pair("terakhir teramati (disensor)", "last observed (censored)"),
    "life.keadaan.bertahan": _pair("bertahan", "lasted"),
    "life.click_hint": _pair("Klik titik atau batang untuk melihat inovasinya.",
                             "Click a point or a bar to see its innovations."),
    "life.chart_flows": _pair("Alur tahapan dari tahun ke tahun", "Stage flows year to year"),
    "life.chart_flows_sub": _pair("Lebar alur = jumlah inovasi; merah = tidak dilaporkan lagi, oranye = Tidak Aktif",
                                  "Width = innovations; red = no longer reported, orange = Tidak Aktif"),
    "life.state.baru": _pair("Baru", "New"), "life.state.inisiatif": _pair("Inisiatif", "Inisiatif"),
    "life.state.uji_coba": _pair("Uji Coba", "Uji Coba"), "life.state.penerapan": _pair("Penerapan", "Penerapan"),
    "life.state.tidak_aktif": _pair("Tidak Aktif", "Tidak Aktif"),
    "life.state.tidak_dilaporkan": _pair("Tidak dilaporkan", "Not reported"),
    "life.state.unit_tidak_melapor": _pair("Unit tidak melapor", "Unit sent no report"),
    "life.open_flow": _pair("Lihat inovasi pada satu alur", "See the innovations of one flow"),
    "life.pick_flow": _pair("— pilih alur —", "— pick a flow —"),
    "life.one_year_only": _pair("Alur butuh data minimal dua tahun.", "Flows need at least two years of data."),
    "life.stopped_year": _pair("Tahun laporan", "Reporting year"),
    "life.stopped_title": _pair("{n} inovasi berhenti menurut laporan {tahun}", "{n} innovations stopped per the "
                                "{tahun} reports"),
    "life.stopped_help": _pair(
        "Penanda yang ditampilkan adalah yang terakhir diketahui: dari laporan terakhir sebelum berhenti (saat "
        "masih Aktif).", "The flags shown are the last known: from the last report before the stop (while Aktif)."),
    "life.sebab.tidak_aktif": _pair("dilaporkan Tidak Aktif", "reported Tidak Aktif"),
    "life.sebab.tidak_dilaporkan": _pair("tidak dilaporkan lagi", "no longer reported"),
    "life.check_headline": _pair(
        "Dari **{n}** catatan berkategori Berkelanjutan yang tahun berikutnya sudah diketahui, **{berhenti}** "
        "({persen}) kemudian berhenti.",
        "Of **{n}** records flagged Berkelanjutan whose next year is known, **{berhenti}** ({persen}) later "
        "stopped."),
    "life.chart_flag_check": _pair("Cek aturan: yang Berkelanjutan bertahan?",
                                   "Our rule: did Berkelanjutan ones last?"),
    "life.chart_flag_check_sub": _pair("Porsi berhenti menurut kategori satu tahun (atas catatan yang tahun "
                                       "berikutnya diketahui)", "Share stopped by one-year category (of records "
                                       "whose next year is known)"),
    "life.stopped_next": _pair("Berhenti di laporan berikutnya", "Stopped by the next report"),
    "life.stopped_later": _pair("Berhenti kapan pun kemudian", "Stopped at any later report"),
    "life.axis_share_stopped": _pair("Porsi berhenti", "Share stopped"),
    "life.check_note": _pair("Untuk Vakum, 'berhenti' berarti belum Aktif kembali.",
                             "For Vakum, 'stopped' means not back to Aktif."),
    "life.opened_check": _pair("Catatan berkategori {kategori} dan apa yang terjadi sesudahnya",
                               "Records flagged {kategori} and what happened next"),
    "life.chart_outcomes": _pair("Hasil per jenis unit", "Outcome per unit type"),
    "life.chart_outcomes_sub": _pair("Dinilai pada laporan terakhir tiap unit", "Judged at each unit's latest report"),
    "life.axis_innovations": _pair("Inovasi", "Innovations"),
    "life.opened_outcome": _pair("{group}: inovasi {hasil}", "{group}: {hasil} innovations"),
    "life.nothing_here": _pair("Tidak ada inovasi untuk pilihan ini.", "No innovation for this choice."),
    "life.rows": _pair("{n} inovasi", "{n} innovations"),
    "life.slide_title": _pair("Inovasi yang bertahan: {berlanjut} berlanjut, {berhenti} berhenti, {baru} baru",
                              "Innovations that last: {berlanjut} continuing, {berhenti} stopped, {baru} new"),
    "life.unit_line": _pair("Siklus inovasi {tahun}: {n} inovasi — {berlanjut} berlanjut, {berhenti} berhenti, "
                            "{baru} baru.", "Innovation lifecycle {tahun}: {n} innovations — {berlanjut} "
                            "continuing, {berhenti} stopped, {baru} new."),
    "life.unit_line_survival": _pair("{persen} bertahan setahun setelah laporan pertama.",
                                     "{persen} lasted a year after their first report."),
    "life.unit_line_none": _pair("Belum ada inovasi yang dilaporkan unit ini.", "This unit has reported no "
                                 "innovation yet."),
    # ---- Tautan Inovasi ---------------------------------------------------------------------------
    "life.link_intro": _pair(
        "Nama yang sama (setelah huruf besar/kecil, spasi dan tanda baca diabaikan) ditautkan otomatis. Nama yang "
        "mirip (skor ≥ {ambang}) hanya diusulkan: bandingkan kedua catatan, lalu tautkan bila inovasinya sama atau "
        "tolak bila berbeda. Keputusan tetap berlaku setelah unggah ulang dan dapat dibatalkan.",
        "Identical names (ignoring case, spaces and punctuation) are linked automatically. Similar names (score ≥ "
        "{ambang}) are only proposed: compare both records, then link them if the innovation is the same or reject "
        "if not. Decisions hold after re-uploads and can be undone."),
    "life.proposals": _pair("Usulan tautan ({n})", "Link proposals ({n})"),
    "life.no_proposals": _pair("Tidak ada usulan yang menunggu.", "No proposal is waiting."),
    "life.pick_proposal": _pair("Usulan", "Proposal"),
    "life.proposal_head": _pair("**{unit}** · skor kemiripan **{skor}**", "**{unit}** · similarity score **{skor}**"),
    "life.differ_note": _pair("Baris berwarna: isian yang berbeda antara kedua catatan.",
                              "Shaded rows: fields that differ between the two records."),
    "life.score_help": _pair("rapidfuzz WRatio 0–100 atas kedua nama.", "rapidfuzz WRatio 0–100 of both names."),
    "life.confirm": _pair("Tautkan: inovasi yang sama", "Link: the same innovation"),
    "life.reject": _pair("Tolak: inovasi berbeda", "Reject: different innovations"),
    "life.decided.tautkan": _pair("Ditautkan: '{a}' dan '{b}' satu inovasi.", "Linked: '{a}' and '{b}' are one "
                                  "innovation."),
    "life.decided.tolak": _pair("Ditolak: '{a}' dan '{b}' inovasi berbeda.", "Rejected: '{a}' and '{b}' are "
                                "different innovations."),
    "life.decisions": _pair("Keputusan yang berlaku", "Decisions in force"),
    "life.no_decisions": _pair("Belum ada keputusan.", "No decision yet."),
    "life.verdict.tautkan": _pair("tautkan", "link"), "life.verdict.tolak": _pair("tolak", "reject"),
    "life.applied.diterapkan": _pair("diterapkan", "applied"),
    "life.applied.ditolak": _pair("ditolak (tidak diusulkan lagi)", "rejected (not proposed again)"),
    "life.applied.bentrok": _pair("bentrok: dua catatan pada satu tahun", "conflict: two records in one year"),
    "life.applied.sudah_tertaut": _pair("sudah tertaut", "already linked"),
    "life.applied.tidak_berlaku": _pair("catatannya tidak ada di data berlaku", "its records are not in the current "
                                        "data"),
    "life.conflict_note": _pair(
        "Keputusan yang bentrok tidak diterapkan: tautan itu akan menaruh dua catatan satu tahun dalam satu siklus. "
        "Batalkan keputusan yang keliru.", "Conflicting decisions are not applied: the link would put two records "
        "of one year into one lifecycle. Undo the wrong decision."),
    "life.undo_pick": _pair("Keputusan yang dibatalkan", "Decision to undo"),
    "life.undo": _pair("Batalkan keputusan", "Undo decision"),
    "life.undone": _pair("Keputusan #{id} dibatalkan; pasangan itu terbuka lagi.", "Decision #{id} undone; the pair "
                         "is open again."),
}
