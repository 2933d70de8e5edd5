"""`python -m analytics user ...` and `--as-user`: the first admin, resets, and the CLI held to a role."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from access_helpers import OTHER_UNIT, UNIT_NAMES
from xlsx_helpers import simple_workbook

from analytics.cli import main
from analytics.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


def stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_first_admin_from_stdin_then_sign_in(db: str, monkeypatch, capsys) -> None:
    stdin(monkeypatch, "Admin-pertama-kudus\n")
    assert main(["user", "create-admin", "Admin", "--name", "Bagian Organisasi", "--password-stdin", "--db", db]) == 0
    assert "Admin admin dibuat" in capsys.readouterr().out
    store = Store(db)
    assert store.sessions.sign_in("admin", "Admin-pertama-kudus").actor.role == "admin"
    event = store.audit_log(limit=2).iloc[1]
    assert (event["actor"], event["action"], event["target"]) == ("cli", "account.create", "account/admin")


def test_generated_password_is_printed_once_when_not_on_a_terminal(db: str, monkeypatch, capsys) -> None:
    stdin(monkeypatch, "")
    assert main(["user", "create", "ani", "--role", "operator", "--unit", "Dinas Kesehatan", "--unit", "dishub",
                 "--db", db]) == 0
    out = capsys.readouterr().out
    password = out.strip().splitlines()[-1].split(": ")[-1]
    account = Store(db).sessions.sign_in("ani", password).actor
    assert account.units == {"opd.dinkes", "opd.dishub"}
    stdin(monkeypatch, "")
    assert main(["user", "reset-password", "ani", "--db", db]) == 0
    new_password = capsys.readouterr().out.strip().splitlines()[-1].split(": ")[-1]
    assert new_password != password and Store(db).sessions.sign_in("ani", new_password).actor.name == "ani"


def test_refusals_exit_1_with_the_message(db: str, monkeypatch, capsys) -> None:
    stdin(monkeypatch, "pendek\n")
    assert main(["user", "create-admin", "admin", "--password-stdin", "--db", db]) == 1
    assert "minimal 10 karakter" in capsys.readouterr().err
    stdin(monkeypatch, "Admin-pertama-kudus\n")
    assert main(["user", "create-admin", "admin", "--password-stdin", "--db", db, "--lang", "en"]) == 0
    assert main(["user", "disable", "admin", "--db", db, "--lang", "en"]) == 1
    assert "last active admin" in capsys.readouterr().err


def test_list_set_disable_enable_unlock(db: str, monkeypatch, capsys) -> None:
    stdin(monkeypatch, "")
    main(["user", "create", "budi", "--role", "pimpinan", "--sso-only", "--email", "budi@kuduskab.go.id", "--db", db])
    assert main(["user", "set", "budi", "--role", "operator", "--unit", "kec.jati", "--db", db]) == 0
    assert main(["user", "disable", "budi", "--db", db]) == 0 and main(["user", "enable", "budi", "--db", db]) == 0
    assert main(["user", "unlock", "budi", "--db", db]) == 0
    capsys.readouterr()
    assert main(["user", "list", "--json", "--db", db]) == 0
    [budi] = json.loads(capsys.readouterr().out)
    assert (budi["role"], budi["units"], budi["active"], budi["email"]) == ("operator", "kec.jati", True,
                                                                           "budi@kuduskab.go.id")
    actions = Store(db).audit_log()["action"].tolist()
    assert actions.count("account.update") == 3 and "account.unlock" in actions


def test_as_user_holds_the_cli_to_that_account(db: str, tmp_path: Path, monkeypatch, capsys) -> None:
    stdin(monkeypatch, "")
    main(["user", "create", "ani", "--role", "operator", "--unit", "Dinas Kesehatan", "--db", db])
    other = tmp_path / "lain.xlsx"
    other.write_bytes(simple_workbook(unit=UNIT_NAMES[OTHER_UNIT]))
    capsys.readouterr()
    assert main(["ingest", str(other), "--as-user", "ani", "--db", db]) == 1
    assert "hanya boleh mengelola data unitnya sendiri" in capsys.readouterr().out
    store = Store(db)
    assert store.is_empty() and store.audit_log(limit=1)["action"].iloc[0] == "access.denied"
    assert main(["ingest", str(other), "--db", db]) == 0  # the local administrator may
    assert main(["restore", "1", "--as-user", "ani", "--db", db]) == 1
    assert main(["ingest", str(other), "--as-user", "nobody", "--db", db]) == 2


def test_cli_exports_are_audited_and_held_to_the_role(db: str, tmp_path: Path, monkeypatch, capsys) -> None:
    stdin(monkeypatch, "")
    main(["user", "create", "ani", "--role", "operator", "--unit", "Dinas Kesehatan", "--db", db])
    main(["user", "create", "pimpinan", "--role", "pimpinan", "--sso-only", "--db", db])
    other = tmp_path / "lain.xlsx"
    other.write_bytes(simple_workbook(unit=UNIT_NAMES[OTHER_UNIT]))
    main(["ingest", str(other), "--db", db])
    assert main(["export", "-o", str(tmp_path / "x.csv"), "--as-user", "ani", "--db", db]) == 1
    assert not (tmp_path / "x.csv").exists()
    assert main(["export", "-o", str(tmp_path / "x.csv"), "--as-user", "pimpinan", "--db", db]) == 0
    event = Store(db).audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"], event["target"]) == ("pimpinan", "export", "x.csv")
    capsys.readouterr()
    assert main(["history", "--as-user", "ani", "--json", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the operator's unit has no reports; the other's stay hidden


def test_as_user_with_a_disabled_account_says_so_and_is_audited(db: str, capsys) -> None:
    """Issue 12, finding 10: a disabled account was reported as not existing, and not audited."""
    store = Store(db)
    store.accounts.create("budi", role="pimpinan", actor="cli")
    store.accounts.update("budi", active=False, actor="cli")
    assert main(["history", "--as-user", "budi", "--db", db]) == 2
    assert "dinonaktifkan" in capsys.readouterr().err
    event = store.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"], event["outcome"]) == ("budi", "cli.as_user", "denied")
