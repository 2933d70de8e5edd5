"""python -m analytics: verdicts, JSON shape, exit codes, ingest/history/restore/export."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analytics.cli import main
from analytics.intake.units import read_units_csv
from analytics.sample import generate_year

ROOT = Path(__file__).resolve().parent.parent
FLAWED = ROOT / "sample_data" / "contoh-salah"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite'}"


@pytest.fixture
def books(tmp_path: Path) -> list[Path]:
    """Three real generated workbooks of 2024."""
    wanted = ("opd.dinkes", "kec.jati", "uptd.pkm-jati")
    paths = []
    for book in generate_year(read_units_csv(), 2024):
        if book.unit_kode in wanted:
            path = tmp_path / book.file_name
            book.write(path)
            paths.append(path)
    return sorted(paths)


def run_json(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, dict]:
    code = main([*argv, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_validate_json_of_sound_files(capsys, db: str, books: list[Path]) -> None:
    code, report = run_json(capsys, "validate", *map(str, books), "--db", db)
    assert code == 0
    files = {f["file"]: f for f in report["files"]}
    jati = files["2024_kec.jati.xlsx"]
    assert set(jati) >= {"file", "ok", "unit", "year", "innovations", "officials", "issues"}
    assert (jati["ok"], jati["unit"], jati["year"]) == (True, "Kecamatan Jati", 2024)
    assert jati["innovations"] >= 0 and jati["officials"] > 0


def test_validate_flawed_file_exit_1_with_located_issue(capsys, db: str) -> None:
    code, report = run_json(capsys, "validate", str(FLAWED / "01_tahapan_salah_ketik.xlsx"), "--db", db)
    assert code == 1
    [issue] = [i for i in report["files"][0]["issues"] if i["severity"] == "error"]
    assert {k: issue[k] for k in ("sheet", "row", "column", "value")} == \
        {"sheet": "Inovasi", "row": 2, "column": "Tahapan", "value": "Penerapn"}
    assert "Penerapan" in issue["message"]


def test_every_flawed_example_matches_its_manifest_through_the_cli(capsys, db: str) -> None:
    manifest = list(csv.DictReader((FLAWED / "manifest.csv").open(encoding="utf-8")))
    code, report = run_json(capsys, "validate", *[str(FLAWED / m["file"]) for m in manifest], "--db", db)
    assert code == 1
    for expected, got in zip(manifest, report["files"], strict=True):
        codes = {(i["code"], i["sheet"], str(i["row"] or ""), i["column"]) for i in got["issues"]}
        assert (expected["code"], expected["sheet"], expected["row"], expected["column"]) in codes, got["file"]


def test_usage_errors_exit_2(capsys, db: str, tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "tidak-ada.xlsx"), "--db", db]) == 2
    assert main(["bukan-perintah"]) == 2
    assert main(["validate"]) == 2


def test_ingest_history_restore_export(capsys, db: str, books: list[Path], tmp_path: Path) -> None:
    code, report = run_json(capsys, "ingest", *map(str, books), "--db", db)
    assert code == 0
    assert {s["action"] for f in report["files"] for s in f["stored"]} == {"stored"}
    code, again = run_json(capsys, "ingest", str(books[0]), "--db", db)
    assert [s["action"] for s in again["files"][0]["stored"]] == ["unchanged"]
    # A different file for the same unit and year replaces it; the first stays in the history.
    [other] = [b for b in generate_year(read_units_csv(), 2023) if b.unit_kode == "kec.jati"]
    other.profil["tahun"], other.tahun = 2024, 2024
    replacement = tmp_path / "jati-baru.xlsx"
    other.write(replacement)
    code, replaced = run_json(capsys, "ingest", str(replacement), "--db", db)
    assert replaced["files"][0]["stored"][0]["action"] == "replaced"
    code, history = run_json(capsys, "history", "--unit", "Kec. Jati", "--db", db)
    assert [h["is_current"] for h in history] == [True, False]
    first_id = history[1]["submission_id"]
    assert main(["restore", str(first_id), "--db", db]) == 0
    assert "dipulihkan" in capsys.readouterr().out
    output = tmp_path / "ekspor.xlsx"
    assert main(["export", "--year", "2024", "-o", str(output), "--db", db]) == 0
    sheet = openpyxl.load_workbook(output)["Inovasi"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Tahun", "Nama Unit", "Jenis Unit", "Nama Inovasi"]


def test_export_neutralises_formulas(capsys, db: str, tmp_path: Path) -> None:
    import pandas as pd

    from analytics.exports import neutralise, to_csv_bytes

    assert neutralise("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise("+62 291") == "'+62 291" and neutralise("Aman") == "Aman" and neutralise(5) == 5
    text = to_csv_bytes(pd.DataFrame({"Nama Inovasi": ["@SUM(A1)", "Biasa"]})).decode("utf-8-sig")
    assert "'@SUM(A1)" in text


def test_template_command_writes_a_prefilled_workbook(capsys, db: str, tmp_path: Path) -> None:
    output = tmp_path / "templat.xlsx"
    assert main(["template", "--unit", "dinkes", "--year", "2025", "-o", str(output), "--db", db]) == 0
    profil = {r[0]: r[1] for r in openpyxl.load_workbook(output)["Profil"].iter_rows(values_only=True) if r[0]}
    assert profil["Nama Unit"] == "Dinas Kesehatan" and profil["Tahun"] == 2025


def test_module_entry_point_runs(tmp_path: Path) -> None:
    completed = subprocess.run([sys.executable, "-m", "analytics", "--help"], cwd=ROOT,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0 and "validate" in completed.stdout


def test_cli_and_upload_page_give_the_same_verdicts(capsys, db: str, tmp_path: Path, monkeypatch) -> None:
    """The upload page and `validate` share one validator: same files, same issues."""
    from streamlit.testing.v1 import AppTest

    files = [FLAWED / "01_tahapan_salah_ketik.xlsx", FLAWED / "03_nip_sebagai_angka.xlsx",
             FLAWED / "11_kecamatan_salah.xlsx"]
    code, report = run_json(capsys, "validate", *map(str, files), "--db", db)
    monkeypatch.setenv("DATABASE_URL", db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    for path in files:
        at.file_uploader[0].upload(path.name, path.read_bytes(), "application/octet-stream")
    at.run()
    page_issues = [table.value for table in at.dataframe[1:]]
    page = {(row["Baris"], row["Kolom"], row["Isi sel"]) for table in page_issues for _, row in table.iterrows()}
    cli = {(i["row"], i["column"], i["value"]) for f in report["files"] for i in f["issues"]}
    assert page == cli
    verdicts = at.dataframe[0].value.set_index("Berkas")["Galat"].gt(0).to_dict()
    assert verdicts == {f["file"]: not f["ok"] for f in report["files"]}
