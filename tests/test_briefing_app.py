"""AppTest of the presentation page: the slide sequence advances by itself, pauses, steps by hand,
respects the configured slide set, interval and filters, and shows the analytics layer's numbers;
the export panel offers its three downloads; a kiosk account sees the presentation and nothing else.

Time is moved by setting the rotation's `shown_at`, never by sleeping."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from access_helpers import PASSWORDS, make_people
from briefing_data import LATE_UNIT, fill, indicators, late_workbook, store_workbook
from streamlit.testing.v1 import AppTest

from analytics import dashboard
from analytics.briefing.deck import kpi_value
from analytics.filters import Filters
from analytics.store import Store
from ui import filters as filter_bar
from ui.presentation import ROTATION_KEY

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = "views/presentasi.py"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("presentasi")
    url = f"sqlite:///{folder / 'app.sqlite'}"
    store = Store(url)
    fill(store)
    store.close()
    yield url


@pytest.fixture
def db_url(filled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", filled)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    for name in ("KUDUS_SLIDES", "KUDUS_SLIDE_SECONDS", "KUDUS_LIVE_SECONDS", "KUDUS_AUTH"):
        monkeypatch.delenv(name, raising=False)
    return filled


def start(**query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def title(at: AppTest) -> str:
    """The title of the slide on screen (every slide is drawn, in deck order; CSS shows the current
    one), as shown (the page escapes Markdown: drop the backslashes)."""
    shown = at.session_state[ROTATION_KEY].index if ROTATION_KEY in at.session_state else 0
    return at.title[shown].value.replace("\\", "")


def later(at: AppTest) -> AppTest:
    """The same session after the current slide has had its time (no sleeping)."""
    rotation = at.session_state[ROTATION_KEY]
    at.session_state[ROTATION_KEY] = dataclasses.replace(rotation, shown_at=rotation.shown_at - 3600)
    return at.run()


def test_slides_advance_on_their_own_in_the_default_order(db_url: str) -> None:
    at = start()
    seen = [title(at)]
    assert seen[0] == "Indikator utama 2025"
    at.run()  # a timer tick before the interval has passed changes nothing
    assert title(at) == seen[0]
    for _ in range(7):
        seen.append(title(later(at)))
    assert seen == [
        "Indikator utama 2025", "Peringkat perangkat daerah 2025", "Inovasi per kecamatan 2025",
        "Keberlanjutan inovasi 2025", "Satu instansi & satu pejabat satu inovasi 2025",
        "TPP dan inovasi (simulasi) 2025", "Inovasi terbaru 2025", "Indikator utama 2025"]
    assert not at.exception


def test_pause_holds_the_slide_and_resume_continues(db_url: str) -> None:
    at = start()
    at.button(key="pres_pause").click().run()
    assert at.session_state[ROTATION_KEY].paused
    assert at.button(key="pres_pause").label == "Lanjut"
    assert title(later(at)) == "Indikator utama 2025"
    at.button(key="pres_pause").click().run()
    assert title(later(at)) == "Peringkat perangkat daerah 2025"


def test_previous_and_next_buttons_and_their_shortcuts(db_url: str) -> None:
    at = start()
    assert at.button(key="pres_next").proto.shortcut.lower() == "right"
    assert at.button(key="pres_prev").proto.shortcut.lower() == "left"
    at.button(key="pres_next").click().run()
    assert title(at) == "Peringkat perangkat daerah 2025"
    at.button(key="pres_prev").click().run()
    at.button(key="pres_prev").click().run()
    assert title(at) == "Inovasi terbaru 2025"  # wraps round


def test_slide_set_order_and_interval_from_the_kiosk_url(db_url: str) -> None:
    at = start(slides="tpp,kpi", interval="7")
    assert title(at) == "TPP dan inovasi (simulasi) 2025"
    assert title(later(at)) == "Indikator utama 2025"
    assert title(later(at)) == "TPP dan inovasi (simulasi) 2025"
    assert any("ganti tiap 7 dtk" in m.value for m in at.markdown)


def test_slide_set_from_the_environment(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDUS_SLIDES", "terbaru,peringkat")
    at = start()
    assert title(at) == "Inovasi terbaru 2025"
    assert title(later(at)) == "Peringkat perangkat daerah 2025"


def test_bad_settings_fall_back_with_a_visible_note(db_url: str) -> None:
    at = start(slides="kpi,grafik", interval="cepat")
    assert title(at) == "Indikator utama 2025"
    notes = " ".join(m.value for m in at.markdown)
    assert "grafik" in notes and "bukan nama slide" in notes
    assert "cepat" in notes and "memakai 20" in notes


def test_filters_from_the_url_apply_and_numbers_are_the_analytics_layers(db_url: str) -> None:
    at = start(slides="kpi", tahun="2024", jenis_unit="Kecamatan")
    assert title(at) == "Indikator utama 2024"
    assert any("Jenis unit: Kecamatan" in m.value.replace("\\", "") for m in at.markdown)
    store = Store(db_url)
    now, before, _newest = indicators(store, Filters(tahun=2024, jenis_unit=("Kecamatan",)))
    assert before is None  # 2023 has no data in this database
    shown = [metric.value for metric in at.metric]
    assert shown == [kpi_value(card, "id")[0] for card in dashboard.kpis(now, before)]
    store.close()


def test_filters_chosen_in_the_dashboards_filter_bar_apply(db_url: str) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["slides"] = "kpi"
    at.session_state[filter_bar.PANEL_OPEN] = True  # the Filter panel open
    at.run()  # the overview page, with the filter bar
    at.selectbox(key=filter_bar.KEYS["tahun"]).set_value(2024).run()
    at.multiselect(key=filter_bar.KEYS["jenis_unit"]).set_value(["BUMD"]).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert title(at) == "Indikator utama 2024"
    assert any("Jenis unit: BUMD" in m.value.replace("\\", "") for m in at.markdown)


def test_english_presentation(db_url: str) -> None:
    at = start(lang="en", slides="peringkat")
    assert title(at) == "Agency ranking 2025"
    assert [b.label for b in at.button if b.key in {"pres_prev", "pres_pause", "pres_next"}] == [
        "Previous", "Pause", "Next"]


def test_new_data_is_picked_up_on_the_next_tick(db_url: str, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite'}"
    store = Store(url)
    fill(store, hold_back=LATE_UNIT)
    monkeypatch.setenv("DATABASE_URL", url)
    at = start(slides="kpi")
    before = at.metric[0].value
    store_workbook(store, late_workbook())
    at.run()  # what the fragment's timer does
    now, _last, _newest = indicators(store, Filters(tahun=2025))
    assert at.metric[0].value == kpi_value(dashboard.kpis(now, None)[0], "id")[0] != before
    store.close()


def test_empty_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    at = start()
    assert title(at) == "Presentasi"
    assert any("Belum ada data" in m.value for m in at.markdown)


# ---- the kiosk account and the export panel --------------------------------------------------------
def test_kiosk_account_sees_only_the_presentation_and_leaves_when_disabled(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.sqlite'}"
    store = Store(url)
    fill(store, (2025,))
    make_people(store, with_passwords=True)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KUDUS_AUTH", "signed-in")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.text_input[0].input("kios")
    at.text_input[1].input(PASSWORDS["kios"])
    next(b for b in at.button if b.label == "Masuk").click().run()
    assert not at.exception, at.exception
    assert title(at) == "Indikator utama 2025"  # the kiosk's only page opens by itself
    assert not [e for e in at.expander if "Unduh" in e.label]
    for page in ("views/ringkasan.py", "views/data.py", "views/unggah.py"):
        with pytest.raises(Exception, match="Could not find a navigation page"):
            at.switch_page(page).run()
    store.accounts.update("kios", actor="cli", active=False)
    at.run()  # the next timer tick re-checks the account
    assert [t.value for t in at.title] == ["Masuk"]
    store.close()


EXPORT_SCRIPT = """
from ui import dashboard, exports
view = dashboard.open_page("page.overview")
exports.briefing_exports(view)
"""


def test_export_panel_offers_pdf_pptx_and_a_png_of_any_chart(db_url: str) -> None:
    at = AppTest.from_string(EXPORT_SCRIPT, default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    [panel] = [e for e in at.expander if e.label == "Unduh ringkasan"]
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["PDF (A4)", "PowerPoint", "PNG 1920×1080"]
    assert all(b.proto.ignore_rerun for b in buttons)  # pressing one builds the file, nothing else
    chooser = at.selectbox(key="briefing_png_choice")
    # 2 ranking + map and bars + the lifecycle slide + 2 coverage + 2 TPP charts
    assert len(chooser.options) == 9 and chooser.options[0].startswith("Peringkat perangkat daerah 2025 — ")
    assert panel is not None


def test_every_slide_survives_filters_that_leave_nothing(db_url: str) -> None:
    empty = {"unit": "bumd.tirta-muria", "tahapan": "Inisiatif", "status": "Tidak Aktif", "jenis": "Digital"}
    store = Store(db_url)
    now, _before, _newest = indicators(store, Filters(tahun=2025, **{k: (v,) for k, v in empty.items()}))
    store.close()
    assert now.ringkasan["jumlah_inovasi"] == 0
    at = start(**empty)
    for _ in range(7):
        assert not at.exception, (title(at), at.exception)
        assert any("Tidak ada inovasi" in m.value for m in at.markdown), title(at)
        at.button(key="pres_next").click().run()
