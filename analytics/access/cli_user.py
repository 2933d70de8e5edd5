"""`python -m analytics user ...`: the first admin, password resets and account changes from a shell.

Whoever runs the CLI on the server already holds the database (its URL or file), so the CLI acts
as the local administrator — unless `--as-user NAME` says to act as that account, with its role
and units enforced by the store like on the pages.  Every change is audited under `--actor`.
Passwords are read from the terminal (twice), from one line of stdin (`--password-stdin`), or,
without either, generated and printed once.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from analytics.access.passwords import generate_password
from analytics.access.roles import ADMIN, ROLES, PermissionDenied


def add_user_commands(sub: Any, common: argparse.ArgumentParser, *, store_of, actor_of, unit_kode_of) -> None:
    """Register `user <action>`; `store_of(args)`, `actor_of(args, store)` and
    `unit_kode_of(store, text)` come from analytics.cli so both share one way of doing them."""
    user = sub.add_parser("user", help="akun pengguna mode masuk / accounts of signed-in mode")
    actions = user.add_subparsers(dest="user_command", required=True)

    def command(name: str, help_text: str, func) -> argparse.ArgumentParser:
        p = actions.add_parser(name, parents=[common], help=help_text)
        p.set_defaults(func=lambda args: func(args, store_of(args), actor_of, unit_kode_of))
        return p

    p = command("create-admin", "buat admin (pertama)", _create_admin)
    p.add_argument("username"), p.add_argument("--name", default=""), p.add_argument("--email")
    p.add_argument("--password-stdin", action="store_true")

    p = command("create", "buat akun", _create)
    p.add_argument("username"), p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--unit", action="append", default=[], help="unit operator (nama atau kode; boleh berulang)")
    p.add_argument("--name", default=""), p.add_argument("--email")
    p.add_argument("--sso-only", action="store_true", help="tanpa kata sandi: masuk hanya lewat SSO")
    p.add_argument("--password-stdin", action="store_true")

    p = command("reset-password", "atur ulang kata sandi (juga membuka kunci)", _reset_password)
    p.add_argument("username"), p.add_argument("--password-stdin", action="store_true")

    p = command("set", "ubah peran, unit, nama, e-mel", _set)
    p.add_argument("username"), p.add_argument("--role", choices=ROLES)
    p.add_argument("--unit", action="append", help="unit operator (menggantikan semua unit; boleh berulang)")
    p.add_argument("--name"), p.add_argument("--email")

    for name, active in (("disable", False), ("enable", True)):
        p = command(name, "nonaktifkan akun" if not active else "aktifkan akun",
                    lambda args, store, actor_of, _u, active=active: _set_active(args, store, actor_of, active))
        p.add_argument("username")

    p = command("unlock", "buka kunci akun", _unlock)
    p.add_argument("username")

    p = command("list", "daftar akun", _list)
    p.add_argument("--json", action="store_true")


def _password(args: argparse.Namespace, username: str) -> tuple[str, bool]:
    """(password, generated?) from stdin, the terminal, or a fresh random one."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n"), False
    if sys.stdin.isatty():
        first = getpass.getpass(f"Kata sandi untuk {username}: ")
        if first != getpass.getpass("Ulangi kata sandi: "):
            raise PermissionDenied("auth.password_mismatch")
        return first, False
    return generate_password(), True


def _report_password(username: str, password: str, generated: bool) -> None:
    if generated:
        print(f"Kata sandi sementara {username} / temporary password: {password}")


def _create_admin(args, store, actor_of, _unit_kode_of) -> int:
    password, generated = _password(args, args.username)
    record = store.accounts.create(args.username, role=ADMIN, actor=actor_of(args, store), password=password,
                                   display_name=args.name, email=args.email)
    print(f"Admin {record.username} dibuat / created.")
    _report_password(record.username, password, generated)
    return 0


def _create(args, store, actor_of, unit_kode_of) -> int:
    password, generated = (None, False) if args.sso_only else _password(args, args.username)
    record = store.accounts.create(args.username, role=args.role, actor=actor_of(args, store), password=password,
                                   units=[unit_kode_of(store, u) for u in args.unit], display_name=args.name,
                                   email=args.email)
    print(f"Akun {record.username} ({record.role}) dibuat / created.")
    if password:
        _report_password(record.username, password, generated)
    return 0


def _reset_password(args, store, actor_of, _unit_kode_of) -> int:
    password, generated = _password(args, args.username)
    store.accounts.set_password(args.username, password, actor=actor_of(args, store))
    print(f"Kata sandi {args.username} diganti; sesi lamanya berakhir / password replaced; old sessions ended.")
    _report_password(args.username, password, generated)
    return 0


def _set(args, store, actor_of, unit_kode_of) -> int:
    units = None if args.unit is None else [unit_kode_of(store, u) for u in args.unit]
    record = store.accounts.update(args.username, actor=actor_of(args, store), role=args.role, units=units,
                                   display_name=args.name, email=args.email)
    print(f"Akun {record.username}: {record.role}, unit {', '.join(sorted(record.units)) or '-'}")
    return 0


def _set_active(args, store, actor_of, active: bool) -> int:
    store.accounts.update(args.username, actor=actor_of(args, store), active=active)
    print(f"Akun {args.username} {'aktif' if active else 'nonaktif'}.")
    return 0


def _unlock(args, store, actor_of, _unit_kode_of) -> int:
    store.accounts.unlock(args.username, actor=actor_of(args, store))
    print(f"Akun {args.username} dibuka kuncinya / unlocked.")
    return 0


def _list(args, store, _actor_of, _unit_kode_of) -> int:
    frame = store.accounts.frame()
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2))
    elif frame.empty:
        print("(belum ada akun / no accounts yet)")
    else:
        columns = ["username", "display_name", "role", "units", "active", "locked_until", "last_login_at"]
        print(frame[columns].to_string(index=False))
    return 0

