"""python -m analytics alias ...: unit names as offices write them, confirmed once by an admin.

    alias list [--all] [--json]            the aliases in force (--all: revoked ones too)
    alias confirm "NAME" --unit UNIT       from now on NAME (as written) is UNIT
    alias confirm LOGIN --unit UNIT --login   an IID login (the part in brackets) is UNIT
    alias revoke ID                        take an alias back
    alias check "NAME"                     how the resolver reads NAME today (unit, rule, suggestions)
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

EXIT_OK = 0


def add_alias_commands(sub: Any, common: argparse.ArgumentParser, *, store_of: Callable, actor_of: Callable,
                       unit_kode_of: Callable, usage_error: type[Exception]) -> None:
    p = sub.add_parser("alias", parents=[common], help="alias nama unit dan login IID (admin)")
    actions = p.add_subparsers(dest="alias_command", required=True)

    a = actions.add_parser("list", parents=[common], help="alias yang berlaku")
    a.add_argument("--all", action="store_true", help="termasuk yang sudah dicabut")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=lambda args: _list(args, store_of(args)))

    a = actions.add_parser("confirm", parents=[common], help="tetapkan alias untuk satu unit")
    a.add_argument("alias", metavar="NAME"), a.add_argument("--unit", required=True)
    a.add_argument("--login", action="store_true", help="NAME adalah login IID (dalam kurung)")
    a.set_defaults(func=lambda args: _confirm(args, store_of(args), actor_of, unit_kode_of, usage_error))

    a = actions.add_parser("revoke", parents=[common], help="cabut alias")
    a.add_argument("alias_id", type=int, metavar="ID")
    a.set_defaults(func=lambda args: _revoke(args, store_of(args), actor_of, usage_error))

    a = actions.add_parser("check", parents=[common], help="bagaimana nama ini dibaca")
    a.add_argument("name", metavar="NAME"), a.add_argument("--json", action="store_true")
    a.set_defaults(func=lambda args: _check(args, store_of(args)))


def _list(args: argparse.Namespace, store: Any) -> int:
    frame = store.aliases.frame(include_revoked=args.all)
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2))
    else:
        columns = ["id", "jenis", "alias", "unit_nama", "dibuat_oleh", "dibuat_pada", "dicabut_pada"]
        print(frame[columns].to_string(index=False) if len(frame) else "(belum ada alias / no aliases)")
    return EXIT_OK


def _confirm(args: argparse.Namespace, store: Any, actor_of: Callable, unit_kode_of: Callable,
             usage_error: type[Exception]) -> int:
    from analytics.intake.units import ALIAS_LOGIN, ALIAS_NAME
    from analytics.store.aliases import AliasError

    kode = unit_kode_of(store, args.unit)
    try:
        result = store.aliases.confirm(args.alias, kode, actor=actor_of(args, store),
                                       jenis=ALIAS_LOGIN if args.login else ALIAS_NAME)
    except AliasError as error:
        raise usage_error(str(error)) from error
    print(f"alias #{result.alias_id}: '{args.alias}' -> {kode} ({result.action})")
    return EXIT_OK


def _revoke(args: argparse.Namespace, store: Any, actor_of: Callable, usage_error: type[Exception]) -> int:
    from analytics.store.aliases import AliasError

    try:
        result = store.aliases.revoke(args.alias_id, actor=actor_of(args, store))
    except AliasError as error:
        raise usage_error(str(error)) from error
    print(f"alias #{result.alias_id}: {result.action}")
    return EXIT_OK


def _check(args: argparse.Namespace, store: Any) -> int:
    directory = store.unit_directory()
    match = directory.match(args.name)
    report = {"name": args.name, "unit": match.kode, "unit_name": directory.nama(match.kode) if match.kode else None,
              "rule": match.rule if match.kode else None, "login": match.login,
              "suggestions": list(match.suggestions)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        found = f"{report['unit_name']} ({match.kode}, {match.rule})" if match.kode else "?"
        print(f"{args.name} -> {found}" + (f"; saran / suggestions: {', '.join(match.suggestions)}"
                                            if match.suggestions else ""))
    return EXIT_OK if match.kode else 1
