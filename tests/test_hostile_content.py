"""Hostile text: HTML/JavaScript, Markdown tricks, Unicode control characters and formulas in the
names people upload are kept as plain text, shown as text, and neutralised in exports.

(The browser check that no script runs on any page is tests/browser/test_hostile_e2e.py.)
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from access_helpers import app_database
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from xlsx_helpers import UNITS, innovation_row, simple_workbook

from analytics.exports import innovations_for_export, to_csv_bytes, to_excel_bytes
from analytics.intake.validation import validate_workbook
from analytics.store import Store
from ui.common import escape_md

APP = str(Path(__file__).resolve().parent.parent / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCRIPT = "<img src=x onerror=alert(1)>"
MARKDOWN = "**bold** [x](javascript:alert(1)) ![i](http://attacker.example/p.png) :red[merah] $x^2$ :rocket:"
HOSTILE_NAME = f"{SCRIPT} and {MARKDOWN}"
FORMULAS = ["=HYPERLINK(\"http://attacker.example\",\"klik\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]
SPECIAL = set("\\`*_{}[]()#+-.!|~<>:$&=@\"'")


def hostile_workbook(name: str = HOSTILE_NAME, **overrides: object) -> bytes:
    return simple_workbook([innovation_row(name, **overrides)])


def test_hostile_names_are_stored_as_the_text_they_are() -> None:
    result = validate_workbook(hostile_workbook(), "x.xlsx", UNITS)
    assert result.ok, [i.message() for i in result.errors]
    assert result.submissions[0].innovations["nama_inovasi"].iloc[0] == HOSTILE_NAME


def test_invisible_and_bidirectional_characters_are_dropped_with_a_warning() -> None:
    sneaky = "Layanan\u202e\u200bAman\x07 Sekali\ufeff"
    result = validate_workbook(hostile_workbook(sneaky), "x.xlsx", UNITS)
    assert result.submissions[0].innovations["nama_inovasi"].iloc[0] == "LayananAman Sekali"
    assert any(i.code == "cell.text_cleaned" for i in result.warnings)


@given(st.text(max_size=80))
def test_escape_md_leaves_no_markdown_character_unescaped(text: str) -> None:
    escaped = escape_md(text)
    unescaped = re.sub(r"\\(.)", r"\1", escaped)
    assert unescaped == " ".join(text.split())  # nothing lost, nothing added but backslashes
    i = 0
    while i < len(escaped):  # every special character is preceded by its backslash
        if escaped[i] == "\\":
            assert escaped[i + 1] in SPECIAL
            i += 2
            continue
        assert escaped[i] not in SPECIAL, (text, escaped)
        assert escaped[i] not in "\n\r"
        i += 1


def test_exports_neutralise_formulas_end_to_end(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'x.sqlite'}")
    rows = [innovation_row(f"{formula} {i}") for i, formula in enumerate(FORMULAS)]
    result = validate_workbook(simple_workbook(rows), "rumus.xlsx", store.units())
    assert result.ok, [i.message() for i in result.errors]
    store.store_many(result.submissions, actor="cli")
    table = innovations_for_export(store.innovations(), store.units())
    sheet = openpyxl.load_workbook(io.BytesIO(to_excel_bytes(table, "Inovasi")))["Inovasi"]
    names = [cell for cell in sheet["D"][1:]]
    assert all(cell.data_type == "s" and cell.value.startswith("'") for cell in names), [c.value for c in names]
    assert {cell.value[1:] for cell in names} == {f"{f} {i}" for i, f in enumerate(FORMULAS)}
    csv_lines = to_csv_bytes(table).decode("utf-8-sig").splitlines()[1:]
    for line in csv_lines:
        name = line.split(";")[3].strip('"')
        assert name.startswith("'") and name[1] in "=+-@"


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    return app_database(tmp_path, monkeypatch)


def test_upload_page_shows_hostile_file_and_unit_names_as_text(app_db: str) -> None:
    store = Store(app_db)
    units = store.units()
    units.loc[units["kode"] == "opd.dinkes", "nama"] = "Dinas **Kesehatan** <script>alert(2)</script>"
    store.replace_units(units, actor="cli")
    data = simple_workbook(unit="Dinas **Kesehatan** <script>alert(2)</script>", rows=[innovation_row(HOSTILE_NAME,
                           Tahapan="Penerapn")])
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    hostile_file = "**tebal** [x](javascript:alert(1)).xlsx"
    at.file_uploader[0].upload(hostile_file, data, XLSX).run()
    assert not at.exception
    [expander] = at.expander
    assert expander.label.startswith(escape_md(hostile_file))  # Markdown shown as its characters
    fixed = simple_workbook(unit="Dinas **Kesehatan** <script>alert(2)</script>",
                            rows=[innovation_row(HOSTILE_NAME)])
    at.file_uploader[0].upload(hostile_file, fixed, XLSX).run()
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    store_button.click().run()
    [stored] = [s.value for s in at.success if "tersimpan" in s.value]
    assert stored.startswith(escape_md("Dinas **Kesehatan** <script>alert(2)</script>"))
    assert Store(app_db).innovations()["nama_inovasi"].tolist() == [HOSTILE_NAME]


def test_unit_and_file_names_lose_invisible_characters(tmp_path: Path) -> None:
    from analytics.intake.workbook import safe_file_name

    store = Store(f"sqlite:///{tmp_path / 'u.sqlite'}")
    units = store.units()
    units.loc[units["kode"] == "opd.dinkes", "nama"] = "Dinas\u202e Kesehatan\u200b\x00"
    store.replace_units(units, actor="cli")
    assert store.units().set_index("kode").at["opd.dinkes", "nama"] == "Dinas Kesehatan"
    assert safe_file_name("laporan\u202exslx.exe") == "laporanxslx.exe"



RAW_HTML = re.compile(r"unsafe_allow_html\s*=\s*True|components\.v1\.html|st\.html\([^)]*\)")


def test_no_uploaded_text_can_reach_raw_html() -> None:
    """Raw HTML is written in one place only: the presentation page's CSS, a constant with nothing
    formatted into it.  No unsafe_allow_html anywhere, no st.html or components.html of anything else."""
    root = Path(__file__).resolve().parent.parent
    folders = ("ui", "views", "analytics")
    sources = [root / "app.py", *sorted(p for folder in folders for p in (root / folder).rglob("*.py"))]
    found = {str(p.relative_to(root)): RAW_HTML.findall(p.read_text(encoding="utf-8")) for p in sources}
    assert {name: calls for name, calls in found.items() if calls} == {"ui/presentation.py": ["st.html(SCREEN_CSS)"]}
    css = (root / "ui" / "presentation_css.py").read_text(encoding="utf-8")
    assert 'SCREEN_CSS = """<style>' in css and "format(" not in css and 'f"""' not in css
