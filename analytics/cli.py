"""python -m analytics: the same ingestion path as the app, for scripts and administrators.

Exit status: 0 when everything was fine, 1 when a file had an error, 2 on bad usage or a path
that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analytics import i18n
from analytics.access import PermissionDenied

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or unreadable paths: exit status 2."""


class Refused(Exception):
    """A command that could not be done and changed nothing (exit status 1); wraps an error whose
    `message(lang)` says why."""

    def __init__(self, error: Any) -> None:
        super().__init__(str(error))
        self.message = error.message


def _store(args: argparse.Namespace):
    from analytics.store import Store

    return Store(args.db)


def _actor(args: argparse.Namespace, store):
    """Who the CLI acts as: the local administrator named by --actor, or with --as-user that
    account, whose role and units the store then enforces like on the pages."""
    if not getattr(args, "as_user", None):
        return args.actor
    record = store.accounts.get(args.as_user)
    if record is None or not record.active:
        raise UsageError(i18n.t("access.no_account", args.lang, username=args.as_user))
    return record.actor(via="cli")


# ---- validate / ingest ------------------------------------------------------------------------
def _check_files(args: argparse.Namespace) -> tuple[list[Path], Any]:
    paths = [Path(name) for name in args.files]
    for path in paths:
        if not path.is_file() or not os.access(path, os.R_OK):
            raise UsageError(f"{path}: berkas tidak ada atau tidak dapat dibaca / file missing or unreadable")
    return paths, _store(args)


def _file_report(result, units_by_kode: dict[str, str], lang: str) -> dict[str, Any]:
    subs = result.submissions
    years = sorted({s.tahun for s in subs})
    return {
        "file": result.file_name,
        "ok": result.ok,
        "unit": "; ".join(dict.fromkeys(units_by_kode.get(s.unit_kode, s.unit_kode) for s in subs)) or None,
        "year": years[0] if len(years) == 1 else (years or None),
        "innovations": sum(s.count("innovations") for s in subs),
        "officials": sum(s.count("officials") for s in subs),
        "issues": [i.as_dict(lang) for i in result.issues],
    }


def _print_issues(result, lang: str) -> None:
    verdict = "OK" if result.ok else ("GALAT" if lang == "id" else "ERROR")
    print(f"{result.file_name}: {verdict}")
    row_word = "baris" if lang == "id" else "row"
    for issue in result.issues:
        where = ", ".join(p for p in (issue.sheet, f"{row_word} {issue.row}" if issue.row else "", issue.column) if p)
        print(f"  [{issue.severity}] {where}: {issue.message(lang)}")


def _unit_names(store) -> dict[str, str]:
    units = store.units()
    return dict(zip(units["kode"], units["nama"]))


def _need_year(results, args: argparse.Namespace) -> None:
    """An IID export is a snapshot: without --year it cannot be read (exit 2, saying why)."""
    exports = [r.file_name for r in results if any(i.code == "iid.year_required" for i in r.issues)]
    if exports:
        raise UsageError(f"{', '.join(exports)}: {i18n.t('iid.year_required', args.lang)}")


def cmd_validate(args: argparse.Namespace) -> int:
    from analytics.intake.ingest import check_paths, rosters_of

    paths, store = _check_files(args)
    results = list(check_paths(paths, store.units(), rosters=rosters_of(store), aliases=store.aliases.frame(),
                               tahun=args.year))
    names = _unit_names(store)
    if args.json:
        print(json.dumps({"files": [_file_report(r, names, args.lang) for r in results]},
                         ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print_issues(result, args.lang)
    _need_year(results, args)
    return EXIT_OK if all(r.ok for r in results) else EXIT_INVALID


def cmd_ingest(args: argparse.Namespace) -> int:
    from analytics.intake.ingest import ingest_paths

    paths, store = _check_files(args)
    outcomes = ingest_paths(paths, store, actor=_actor(args, store), tahun=args.year)
    names = _unit_names(store)
    report = []
    for outcome in outcomes:
        entry = _file_report(outcome.result, names, args.lang)
        entry["stored"] = [{"unit": names.get(s.unit_kode, s.unit_kode), "year": s.tahun,
                            "action": s.action, "submission_id": s.submission_id,
                            "message": s.message(args.lang, names.get(s.unit_kode))} for s in outcome.stored]
        if outcome.refused is not None:
            entry["refused"] = outcome.refused.message(args.lang)
        report.append(entry)
        if not args.json:
            _print_issues(outcome.result, args.lang)
            for line in entry["stored"]:
                print(f"  -> {line['message']}")
            if outcome.refused is not None:
                print(f"  -> {entry['refused']}")
    if args.json:
        print(json.dumps({"files": report}, ensure_ascii=False, indent=2))
    _need_year([o.result for o in outcomes], args)  # after the report: the other files were stored
    return EXIT_OK if all(o.result.ok and o.refused is None for o in outcomes) else EXIT_INVALID


# ---- history / restore --------------------------------------------------------------------
def cmd_history(args: argparse.Namespace) -> int:
    store = _store(args)
    unit = _unit_kode(store, args.unit) if args.unit else None
    history = store.history(unit_kode=unit, tahun=args.year)
    who = _actor(args, store)
    if not isinstance(who, str) and not who.all_units():  # --as-user operator: their units only
        history = history[history["unit_kode"].isin(who.units)]
    if args.json:
        print(history.to_json(orient="records", date_format="iso", force_ascii=False, indent=2))
    else:
        columns = [c for c in ("submission_id", "unit_nama", "tahun", "is_current", "file_name",
                               "uploaded_by", "uploaded_at", "innovations", "officials", "source", "sumber")
                   if c in history.columns]
        print(history[columns].to_string(index=False) if len(history) else "(belum ada riwayat)")
    return EXIT_OK


def _unit_kode(store, text: str) -> str:
    match = store.unit_directory().match(text)
    if match.kode is None:
        raise UsageError(i18n.t("unit.unknown", value=text, suggestion="', '".join(match.suggestions)))
    return match.kode


def cmd_restore(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        result = store.restore(args.submission_id, actor=_actor(args, store))
    except (KeyError, LookupError, ValueError) as exc:
        raise UsageError(str(exc)) from exc
    print(result.message(args.lang))
    return EXIT_OK


# ---- template / export / sample ---------------------------------------------------------------
def cmd_template(args: argparse.Namespace) -> int:
    from analytics.intake.template import template_bytes

    store = _store(args)
    unit = store.units().set_index("kode").at[_unit_kode(store, args.unit), "nama"] if args.unit else None
    Path(args.output).write_bytes(template_bytes(unit=unit, tahun=args.year, units=store.units()))
    print(args.output)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from analytics.access.guard import authorize
    from analytics.access.roles import Permission
    from analytics.exports import innovations_for_export, to_csv_bytes, to_excel_bytes

    store = _store(args)
    output = Path(args.output)
    actor = _actor(args, store)
    authorize(store, actor, Permission.EXPORT, target=output.name)  # e.g. --as-user an operator: refused
    fmt = args.format or ("csv" if output.suffix.lower() == ".csv" else "xlsx")
    if fmt == "iid":  # the national IID application's 19 columns and spellings (.xlsx, or .csv by name)
        from analytics.exports import iid_export_rows
        from analytics.intake.iid_export import export_bytes

        rows = iid_export_rows(store.innovations(tahun=args.year), store.units(), store.aliases.frame())
        output.write_bytes(export_bytes(rows, "csv" if output.suffix.lower() == ".csv" else "xlsx"))
        table = rows
    else:
        table = innovations_for_export(store.innovations(tahun=args.year), store.units())
        output.write_bytes(to_csv_bytes(table) if fmt == "csv" else to_excel_bytes(table, "Inovasi"))
    store.record_event(actor=actor, action="export", target=output.name, bump_version=False,
                       detail={"year": args.year, "rows": len(table), "via": "cli", "format": fmt})
    print(f"{output} ({len(table)} inovasi)")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from analytics.sample.loader import load_sample

    store = _store(args)
    if not store.is_empty() and not args.force:
        print("Basis data sudah berisi data; contoh tidak dimuat (pakai --force untuk tetap memuat).")
        return EXIT_OK
    results = load_sample(store, folder=Path(args.folder) if args.folder else None)
    print(f"Data contoh dimuat: {sum(1 for r in results if r.action != 'unchanged')} laporan.")
    return EXIT_OK


def cmd_indicators(args: argparse.Namespace) -> int:
    from analytics.indicators import indicators_report
    from analytics.rules import load_rules

    store = _store(args)
    rules = load_rules(Path(args.rules) if args.rules else None)
    report = indicators_report(store.units(), store.innovations(), store.officials(),
                               year=args.year, rules=rules)
    print(json.dumps(report, ensure_ascii=False, indent=2 if args.json else None))
    return EXIT_OK


def cmd_reconcile(args: argparse.Namespace) -> int:
    """Per unit: innovations not in the IID application, IID entries without a report, differences."""
    from analytics.exports import reconcile_excel_bytes
    from analytics.lifecycle.reconcile import reconcile, reconcile_report

    store = _store(args)
    findings = reconcile(store.report_innovations(args.year), store.iid_innovations(args.year), store.units())
    if args.output:
        Path(args.output).write_bytes(reconcile_excel_bytes(findings))
    current = store.innovations(args.year)
    report = reconcile_report(findings, args.year, current[["unit_kode", "sumber"]].drop_duplicates("unit_kode"))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        totals = report["totals"]
        print(f"{args.year}: {totals['not_in_iid']} belum di IID, {totals['only_in_iid']} hanya di IID, "
              f"{totals['different']} berbeda ({len(report['units'])} unit; --json untuk rinciannya)")
    return EXIT_OK


def cmd_lifecycle(args: argparse.Namespace) -> int:
    """Per-innovation lifecycles across years and their measures (docs/lifecycle.md)."""
    from analytics.lifecycle import LinkSettingsError, build_lifecycles, lifecycle_report
    from analytics.rules import load_rules
    from analytics.store.links import LinkDecisions

    store = _store(args)
    history = store.history()
    rules = load_rules(Path(args.rules)) if args.rules else store.rules_versions.in_force().rules
    try:
        lifecycles = build_lifecycles(
            store.innovations(), units=store.units(), decisions=LinkDecisions(store).frame(), rules=rules,
            reports=history.loc[history["is_current"], ["unit_kode", "tahun"]], threshold=args.threshold)
    except LinkSettingsError as error:
        raise UsageError(str(error)) from error
    report = lifecycle_report(lifecycles, units=store.units())
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        summary = report["ringkasan"]
        print(f"{summary['jumlah_inovasi']} inovasi: {summary['berlanjut']} berlanjut, {summary['berhenti']} berhenti, "
              f"{summary['baru']} baru; {len(report['usulan_tautan'])} usulan tautan menunggu (pakai --json)")
    return EXIT_OK


# ---- backup / restore-backup ------------------------------------------------------------------
def _database_url(args: argparse.Namespace) -> str:
    from analytics.store import default_database_url

    return args.db or default_database_url()


def _backup_summary(manifest: dict[str, Any]) -> dict[str, Any]:
    return {"rows": sum(manifest["tables"].values()), "tables": len(manifest["tables"]),
            "revision": ", ".join(manifest["schema_revision"]), "created_at": manifest["created_at"]}


def cmd_backup(args: argparse.Namespace) -> int:
    """A backup of the whole store; it does not migrate (a backup before an upgrade must work)."""
    from analytics.store.backup import BackupError, backup

    try:
        manifest = backup(_database_url(args), Path(args.output))
    except BackupError as error:
        raise Refused(error) from error
    print(i18n.t("backup.done", args.lang, file=args.output, **_backup_summary(manifest)))
    return EXIT_OK


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from analytics.store import normalise_url
    from analytics.store.backup import BackupError, restore_backup, verify_backup

    path = Path(args.file)
    url = _database_url(args)
    try:
        if args.check:
            manifest = verify_backup(path)
            print(i18n.t("backup.verified", args.lang, file=path.name, **_backup_summary(manifest)))
            return EXIT_OK
        result = restore_backup(path, url, replace=args.replace)
    except BackupError as error:
        raise Refused(error) from error
    store = _store(args)
    # Audited after the fact, in the restored log (which the restore itself cannot write to).
    store.record_event(actor=args.actor, action="backup.restore", target=path.name, detail={
        "created_at": result.manifest["created_at"], "schema_revision": result.manifest["schema_revision"],
        "rows": sum(result.tables.values()), "replaced": result.replaced})
    print(i18n.t("restore.done", args.lang, file=path.name, url=normalise_url(url).render_as_string(hide_password=True),
                 **_backup_summary(result.manifest)))
    return EXIT_OK


# ---- parser -----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analytics",
                                     description="Dasbor Inovasi Daerah Kabupaten Kudus: alat baris perintah")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="URL basis data (bawaan: DATABASE_URL atau berkas SQLite aplikasi)")
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=i18n.DEFAULT_LANGUAGE)
    common.add_argument("--actor", default="cli", help="nama yang dicatat di riwayat dan audit")
    common.add_argument("--as-user", help="bertindak sebagai akun ini (peran dan unitnya diberlakukan)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("template", parents=[common], help="tulis templat Excel kosong")
    p.add_argument("--unit"), p.add_argument("--year", type=int)
    p.add_argument("--output", "-o", default="templat-inovasi.xlsx")
    p.set_defaults(func=cmd_template)

    for name, func, text in (("validate", cmd_validate, "periksa buku kerja tanpa menyimpan"),
                             ("ingest", cmd_ingest, "periksa lalu simpan buku kerja yang lolos")):
        p = sub.add_parser(name, parents=[common], help=text)
        p.add_argument("files", nargs="+", metavar="FILE")
        p.add_argument("--json", action="store_true")
        p.add_argument("--year", type=int, help="tahun IID dari ekspor aplikasi IID (wajib untuk ekspor)")
        p.set_defaults(func=func)

    p = sub.add_parser("history", parents=[common], help="riwayat unggahan")
    p.add_argument("--unit"), p.add_argument("--year", type=int), p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("restore", parents=[common], help="pulihkan versi lama sebagai data berlaku")
    p.add_argument("submission_id", type=int)
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("export", parents=[common], help="ekspor inovasi ke Excel atau CSV")
    p.add_argument("--year", type=int), p.add_argument("--format", choices=("xlsx", "csv", "iid"))
    p.add_argument("--output", "-o", default="inovasi.xlsx")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("sample", parents=[common], help="muat data contoh ke basis data kosong")
    p.add_argument("--folder", help="tempat menulis buku kerja contoh")
    p.add_argument("--force", action="store_true")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("indicators", parents=[common], help="indikator satu tahun sebagai JSON")
    p.add_argument("--year", type=int, required=True), p.add_argument("--rules")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_indicators)

    p = sub.add_parser("backup", parents=[common], help="cadangkan seluruh basis data ke satu berkas")
    p.add_argument("--output", "-o", required=True, help="berkas cadangan (SQLite) yang ditulis")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore-backup", parents=[common], help="pulihkan cadangan ke basis data kosong")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--replace", action="store_true", help="ganti seluruh isi basis data yang sudah berisi data")
    p.add_argument("--check", action="store_true", help="hanya periksa bahwa cadangan utuh; tidak mengubah apa pun")
    p.set_defaults(func=cmd_restore_backup)

    from analytics.access.cli_user import add_user_commands

    add_user_commands(sub, common, store_of=_store, actor_of=_actor, unit_kode_of=_unit_kode)
    from analytics.cli_iid import add_alias_commands

    add_alias_commands(sub, common, store_of=_store, actor_of=_actor, unit_kode_of=_unit_kode,
                       usage_error=UsageError)

    p = sub.add_parser("reconcile", parents=[common], help="rekonsiliasi laporan unit dengan ekspor aplikasi IID")
    p.add_argument("--year", type=int, required=True), p.add_argument("--json", action="store_true")
    p.add_argument("--output", "-o", help="tulis juga Excel (satu lembar per unit)")
    p.set_defaults(func=cmd_reconcile)

    p = sub.add_parser("lifecycle", parents=[common], help="siklus inovasi lintas tahun sebagai JSON")
    p.add_argument("--rules"), p.add_argument("--threshold", type=float, help="ambang kemiripan nama (0-100)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lifecycle)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_USAGE if exit_.code not in (0, None) else EXIT_OK
    try:
        return args.func(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except PermissionDenied as refusal:  # the store refused a write (role, unit, account rules)
        print(refusal.message(args.lang), file=sys.stderr)
        return EXIT_INVALID
    except Refused as refusal:  # a backup or restore that cannot be done; nothing was changed
        print(refusal.message(args.lang), file=sys.stderr)
        return EXIT_INVALID
