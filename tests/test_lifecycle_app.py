"""AppTest of the Keberlanjutan and Tautan Inovasi pages: both languages, empty and with data."""

from __future__ import annotations

import json

import pytest
import test_app
from lifecycle_frames import record, submission
from streamlit.testing.v1 import AppTest
from test_app import start

from analytics.charts.lifecycle import opened
from analytics.store import Store
from analytics.store.links import LinkDecisions

# test_app's `db_url` fixture (DATABASE_URL, KUDUS_DATA_DIR of a fresh SQLite file), here as `app_database`.
app_database = test_app.db_url
PAGES = {"views/keberlanjutan.py": {"id": "Keberlanjutan", "en": "Sustainability over time"},
         "views/tautan.py": {"id": "Tautan Inovasi", "en": "Innovation links"}}


@pytest.fixture
def filled(app_database: str) -> str:
    """Dinas Kesehatan 2023–2025 with a rename and a stop; Kecamatan Jati skipping 2024."""
    store = Store(app_database)
    store.store_many([
        submission("opd.dinkes", 2023, ["Antar Obat Pasien Lansia", "Kelas Ibu Hamil", "Sapa Posyandu"]),
        submission("opd.dinkes", 2024, ["Antar Obat Lansia", "Kelas Ibu Hamil",
                                        record("opd.dinkes", 2024, "Sapa Posyandu", status="Tidak Aktif")]),
        submission("opd.dinkes", 2025, ["Antar Obat Lansia", "Kelas Ibu Hamil", "Kios Sehat"]),
        submission("kec.jati", 2023, ["Camat Menyapa", "Musrenbang Online"]),
        submission("kec.jati", 2025, ["Camat Menyapa"]),
    ], actor="uji")
    store.close()
    return app_database


def texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in at.get(kind)]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", list(PAGES))
def test_pages_on_an_empty_database_offer_the_sample(app_database: str, page: str, lang: str) -> None:
    at = start(page, lang)
    assert at.title[0].value == PAGES[page][lang]
    assert [b.label for b in at.button] == [{"id": "Muat data contoh", "en": "Load sample data"}[lang]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_keberlanjutan_shows_every_measure(filled: str, lang: str) -> None:
    at = start("views/keberlanjutan.py", lang)
    assert at.title[0].value == PAGES["views/keberlanjutan.py"][lang]
    metrics = {m.label: m.value for m in at.metric}
    # Antar Obat (renamed, not linked yet) splits: 2023 alone is berhenti, 2024-2025 berlanjut.
    # berlanjut: Antar Obat Lansia, Kelas Ibu Hamil, Camat Menyapa; berhenti: Antar Obat Pasien Lansia,
    # Sapa Posyandu, Musrenbang Online; baru: Kios Sehat.
    words = {"id": ("Berlanjut", "Berhenti", "Baru"), "en": ("Continuing", "Stopped", "New")}[lang]
    assert [metrics[w] for w in words] == ["3", "3", "1"]
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert len(charts) == 4  # survival, flows, flag check, outcomes
    survival = charts[0]
    names = {trace["name"] for trace in survival["data"]}
    assert len(names) == 3 and {"id": "Kabupaten", "en": "Regency"}[lang] in names  # OPD, Kecamatan, regency
    assert all(trace["customdata"][0][0] == "survival" for trace in survival["data"])
    assert charts[1]["data"][0]["type"] == "sankey"
    assert not any("Sapa Posyandu" in frame.value.to_string() for frame in at.dataframe)  # stopped 2024, not 2025
    [year] = [s for s in at.selectbox if s.key == "life_stopped_year"]
    year.select(2024).run()
    assert not at.exception
    assert any("Sapa Posyandu" in frame.value.to_string() for frame in at.dataframe)
    link = {"id": "1 usulan tautan menunggu keputusan analis", "en": "1 link proposals await an analyst"}[lang]
    assert any(link in str(p.proto) for p in at.get("page_link"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_tautan_confirm_then_undo(filled: str, lang: str) -> None:
    at = start("views/tautan.py", lang)
    [pick] = [s for s in at.selectbox if s.key.startswith("life_link_pick")]
    assert "Antar Obat Pasien Lansia (2023)" in pick.format_func(pick.value)
    table = at.table[0].value
    assert "Antar Obat Pasien Lansia" in table.to_string() and "Antar Obat Lansia" in table.to_string()
    [confirm] = [b for b in at.button if b.key == "life_confirm"]
    confirm.click().run()
    assert not at.exception
    assert any({"id": "Ditautkan", "en": "Linked"}[lang] in m for m in texts(at, "success"))
    store = Store(filled)
    [decision] = LinkDecisions(store).frame().to_dict("records")
    assert (decision["keputusan"], decision["tahun_a"], decision["tahun_b"]) == ("tautkan", 2023, 2024)
    assert store.audit_log(1)["action"].item() == "lifecycle.link_confirmed"
    assert not [s for s in at.selectbox if s.key.startswith("life_link_pick")]
    [undo] = [b for b in at.button if b.key == "life_undo"]
    undo.click().run()
    assert not at.exception
    assert LinkDecisions(store).frame().empty
    assert [s for s in at.selectbox if s.key.startswith("life_link_pick")]


def test_tautan_reject_keeps_the_records_apart(filled: str) -> None:
    at = start("views/tautan.py")
    [reject] = [b for b in at.button if b.key == "life_reject"]
    reject.click().run()
    assert any("Ditolak" in m for m in texts(at, "success"))
    assert any("Tidak ada usulan yang menunggu" in m for m in texts(at, "success"))
    at.switch_page("views/keberlanjutan.py").run()
    assert {m.label: m.value for m in at.metric}["Berhenti"] == "3"


def test_a_chart_click_opens_the_points_customdata() -> None:
    event = {"selection": {"points": [{"customdata": ["survival", "jenis_unit", "OPD", 1, 5, 2]},
                                      {"customdata": ["survival", "jenis_unit", "OPD", 1, 5, 2]},
                                      {"x": 3}]}}
    assert opened(event) == [["survival", "jenis_unit", "OPD", 1, 5, 2]]
    assert opened(None) == [] and opened({"selection": {"points": []}}) == []


def test_an_operator_sees_only_the_proposals_of_their_units(filled: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.auth
    from analytics.access import Actor

    other = Actor(name="op-jati", role="operator", units=frozenset({"kec.jati"}), via="password")
    monkeypatch.setattr(ui.auth, "current_actor", lambda: other)
    at = start("views/tautan.py")
    assert not [s for s in at.selectbox if s.key.startswith("life_link_pick")]
    assert any("Tidak ada usulan yang menunggu" in m for m in texts(at, "success"))
