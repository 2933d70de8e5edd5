"""AppTest of the dashboard pages (Ringkasan, Perangkat Daerah, Kecamatan, TPP, Data): every page
in both languages with the sample data and with an empty database, and the figures carry exactly
the numbers the analytics layer computes from the stored data (read from the Plotly JSON)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import dashboard as figures
from analytics.filters import DIMENSIONS, Filters, apply_filters
from analytics.indicators import Indicators, compute_all
from analytics.intake.validation import validate_workbook
from analytics.sample import generate_year
from analytics.sample.loader import load_sample
from analytics.store import Store
from ui import filters as filter_bar

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ALL = "Semua inovasi"  # the KPI card of every innovation (kpi.innovations: it says which count it is)
PAGES = ("views/ringkasan.py", "views/perangkat_daerah.py", "views/kecamatan.py", "views/tpp.py", "views/data.py")
TITLES = {"id": ("Ringkasan", "Perangkat Daerah", "Kecamatan", "TPP", "Data"),
          "en": ("Overview", "Agencies", "Districts (kecamatan)", "TPP (additional income)", "Data")}
GEOJSON = ROOT.parent / "shared" / "geo" / "kudus-kecamatan.simplified.geojson"


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One database with the sample data (2023–2025, every unit of Kudus), loaded once."""
    folder = tmp_path_factory.mktemp("dash")
    url = f"sqlite:///{folder / 'sample.sqlite'}"
    load_sample(Store(url), folder / "contoh")
    return url


@pytest.fixture
def filled(sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("DATABASE_URL", sample_db)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KUDUS_GEOJSON", raising=False)
    return Store(sample_db)


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    yield url


def start(page: str, lang: str = "id", *, filter_panel: bool = False, **query: str | list[str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    for key, value in query.items():
        at.query_params[key] = value
    if filter_panel:
        at.session_state[filter_bar.PANEL_OPEN] = True  # the Filter panel opened (its lists are drawn only then)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def chart(at: AppTest, title_start: str) -> dict:
    [found] = [s for s in specs(at) if s["layout"]["title"]["text"].replace("<br>", " ").startswith(title_start)]
    return found


def computed(store: Store, filters: Filters | None = None, year: int = 2025) -> Indicators:
    """What the analytics layer says for the stored data, outside Streamlit."""
    frames = apply_filters(filters or Filters(), units=store.units(), innovations=store.innovations(),
                           officials=store.officials())
    return compute_all(*frames, year=year)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ---- every page, both languages, data and no data ----------------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_data(filled: Store, page: str, lang: str) -> None:
    at = start(page, lang)
    assert at.title[0].value == TITLES[lang][PAGES.index(page)]
    for spec in specs(at):
        assert spec["layout"]["title"]["text"], "a chart without a title"
        assert spec["layout"]["separators"] == {"id": ",.", "en": ".,"}[lang]
    if page != "views/data.py":
        assert any(c.value.startswith({"id": "Data per ", "en": "Data as of "}[lang]) for c in at.caption)
        assert at.get("plotly_chart"), "no chart drawn"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_guides_to_upload_on_an_empty_database(empty: str, page: str, lang: str) -> None:
    at = start(page, lang)
    infos = [i.value for i in at.info]
    assert any(("Belum ada data" if lang == "id" else "No data stored yet") in text for text in infos), infos
    assert [b.label for b in at.button] == [{"id": "Muat data contoh", "en": "Load sample data"}[lang]]
    assert not at.get("plotly_chart")


def test_loading_the_sample_from_the_overview(empty: str) -> None:
    at = start("views/ringkasan.py")
    at.button[0].click().run()
    assert not at.exception
    assert at.get("plotly_chart") and ALL in metrics(at)


# ---- the figures are the analytics layer's numbers ----------------------------------------------------
def test_overview_kpis_and_charts_carry_the_indicators(filled: Store) -> None:
    at = start("views/ringkasan.py")
    now, before = computed(filled), computed(filled, year=2024)
    cards = metrics(at)
    assert cards[ALL] == f"{now.ringkasan['jumlah_inovasi']}"
    assert cards["Inovasi dihitung"] == f"{now.ringkasan['jumlah_dihitung']}"
    deltas = {m.label: m.proto.delta for m in at.metric}
    assert deltas["Inovasi dihitung"] == f"+{now.ringkasan['perubahan']}"
    kpi = {card.code: card for card in figures.kpis(now, before)}
    assert cards["Unit dengan inovasi dihitung"].endswith(f"({kpi['units_covered'].part}/{kpi['units_covered'].whole})")
    assert cards["Perkiraan kematangan (SID)"].endswith(now.kematangan_kabupaten["predikat"])
    per_type = figures.per_jenis_unit(now)
    spec = chart(at, "Inovasi per jenis unit")
    assert spec["data"][0]["x"] == per_type["jumlah_dihitung"].tolist()
    assert spec["data"][1]["x"] == per_type["tidak_dihitung"].tolist()
    assert chart(at, "Tahapan")["data"][0]["x"] == figures.tahapan_funnel(now)["mencapai"].tolist()
    trend = chart(at, "Tren per tahun")
    assert trend["data"][1]["y"] == now.per_tahun["jumlah_dihitung"].tolist()
    assert trend["data"][1]["x"] == [str(y) for y in now.per_tahun["tahun"]]
    top = figures.top_units(figures.unit_ranking(now))
    assert [row[1] for row in chart(at, "10 unit teratas")["data"][0]["customdata"]] == top["kode"].tolist()
    assert len(specs(at)) == 6 and not at.dataframe, "closed tabs are drawn only when opened"
    open_section(at, "Pelayanan dasar")
    assert chart(at, "Urusan pelayanan dasar")["data"][0]["x"] == now.pelayanan_dasar["jumlah_dihitung"].tolist()
    assert not [s for s in specs(at) if s["layout"]["title"]["text"].startswith("10 unit")]
    open_section(at, "Keberlanjutan & risiko")
    categories = figures.keberlanjutan_categories(now)
    assert chart(at, "Keberlanjutan inovasi")["data"][0]["x"] == categories["jumlah"].tolist()
    at_risk = figures.innovations_at_risk(now)
    assert at.dataframe[0].value["Inovasi"].tolist() == at_risk["nama_inovasi"].tolist()


def open_section(at: AppTest, label: str, lang: str = "id") -> None:
    """Open a tab of the overview's lower part as a click would (AppTest cannot click a tab)."""
    at.session_state[f"overview_section_{lang}"] = label
    at.run()
    assert not at.exception, [e.message for e in at.exception]


def test_units_page_ranks_every_unit_and_opens_a_unit(filled: Store) -> None:
    at = start("views/perangkat_daerah.py")
    ranking = figures.unit_ranking(computed(filled))
    spec = chart(at, "Peringkat unit")
    assert [row[1] for row in spec["data"][0]["customdata"]] == ranking["kode"].tolist()
    assert spec["data"][0]["x"] == ranking["jumlah_dihitung"].tolist()
    marked = [row[1] for row in spec["data"][2]["customdata"]] if len(spec["data"]) > 2 else []
    assert marked == ranking.loc[ranking["tanpa_inovasi"], "kode"].tolist()
    at.segmented_control[0].set_value("induk").run()
    rolled = figures.unit_ranking(computed(filled), rollup=True)
    assert chart(at, "Peringkat OPD induk")["data"][0]["x"] == rolled["jumlah_dihitung"].tolist()
    # choose a unit with the picker: its detail opens and the filter chip appears
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.startswith("unit_pick"))).select("opd.dinkes").run()
    assert not at.exception
    own = computed(filled, Filters(unit=("opd.dinkes",)))
    detail = figures.unit_detail(own, filled.history(), "opd.dinkes")
    assert metrics(at)[ALL] == str(detail.counts["jumlah_inovasi"])
    assert any(b.label == "Unit: Dinas Kesehatan" for b in at.button)
    assert chart(at, "Inovasi per tahun: Dinas Kesehatan")["data"][0]["y"] == detail.per_tahun[
        "jumlah_dihitung"].tolist()
    innovations = at.dataframe[1].value
    assert sorted(innovations["Inovasi"]) == sorted(detail.innovations["nama_inovasi"])


def test_kecamatan_page_maps_the_nine_and_keeps_the_regency_apart(filled: Store) -> None:
    at = start("views/kecamatan.py")
    now = computed(filled)
    nine = figures.kecamatan_nine(now)
    tiles = chart(at, "Peta inovasi")["data"][0]
    assert tiles["type"] == "scatter" and tiles["marker"]["color"] == nine["jumlah_dihitung"].tolist()
    assert metrics(at)["Seluruh Kabupaten (lintas kecamatan)"] == str(figures.seluruh_kabupaten(now)["jumlah_dihitung"])
    table = at.dataframe[0].value
    assert table["Kecamatan"].tolist() == nine["kecamatan"].tolist()


def test_kecamatan_detail_from_the_url(filled: Store) -> None:
    at = start("views/kecamatan.py", kecamatan="Jati", tahun="2024")
    here = computed(filled, Filters(kecamatan=("Jati",)), year=2024)
    assert metrics(at)[ALL] == str(here.ringkasan["jumlah_inovasi"])
    assert any(b.label == "Kecamatan: Jati" for b in at.button)
    chosen = chart(at, "Peta inovasi")["data"][0]
    assert [chosen["customdata"][i][1] for i in chosen["selectedpoints"]] == ["Jati"]


@pytest.mark.skipif(not GEOJSON.exists(), reason="boundary file not present (../shared/geo)")
def test_kecamatan_choropleth_when_a_boundary_file_is_configured(filled: Store,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDUS_GEOJSON", str(GEOJSON))
    at = start("views/kecamatan.py", "en")
    spec = chart(at, "Map of counting innovations")
    assert spec["data"][0]["type"] == "choroplethmap" and spec["layout"]["map"]["style"] == "white-bg"
    assert spec["data"][0]["z"] == figures.kecamatan_nine(computed(filled))["jumlah_dihitung"].tolist()


def test_a_bad_boundary_file_falls_back_and_says_why(filled: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text("{}")
    monkeypatch.setenv("KUDUS_GEOJSON", str(bad))
    at = start("views/kecamatan.py")
    assert any("KUDUS_GEOJSON" in w.value for w in at.warning)
    assert chart(at, "Peta inovasi")["data"][0]["type"] == "scatter"


def test_tpp_page_tiers_list_and_disclaimer(filled: Store) -> None:
    at = start("views/tpp.py")
    now = computed(filled)
    assert chart(at, "Pejabat per tingkat TPP")["data"][0]["x"] == figures.tpp_tiers(now)["jumlah_pejabat"].tolist()
    assert any("simulasi — sesuaikan dengan Peraturan Bupati yang berlaku" in w.value for w in at.warning)
    waiting = figures.officials_without_innovation(now)
    shown = at.dataframe[0].value
    assert len(shown) == len(waiting) and shown["NIP"].tolist() == waiting["nip"].tolist()
    assert metrics(at)["Dampak TPP per bulan"].startswith("Rp ")
    assert [d.proto.label for d in at.get("download_button")] == ["Unduh Excel", "Unduh CSV"]


def test_the_briefing_panel_is_built_only_when_asked_for(filled: Store) -> None:
    at = start("views/tpp.py")
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels == ["Unduh Excel", "Unduh CSV"]  # the page's own list; no briefing deck built
    at.toggle(key="export_tpp_prepare").set_value(True).run()
    assert not at.exception
    assert len(at.get("download_button")) > len(labels)  # the briefing's PDF / PowerPoint / PNG


def test_data_page_filters_the_table_with_the_shared_bar(filled: Store) -> None:
    at = start("views/data.py", tahun="2024", tahapan="Penerapan")
    innovations = filled.innovations()
    expected = innovations[(innovations["tahun"] == 2024) & (innovations["tahapan"] == "Penerapan")]
    table = at.dataframe[1].value
    assert len(table) == len(expected) and set(table["Tahapan"]) == {"Penerapan"}
    at.toggle(key="data_all_years").set_value(True).run()
    assert len(at.dataframe[1].value) == int((innovations["tahapan"] == "Penerapan").sum())


def test_data_page_in_english_has_english_headers(filled: Store) -> None:
    at = start("views/data.py", "en", tahun="2025")
    table = at.dataframe[1].value
    assert {"Innovation", "Stage", "Budget this year (Rp)", "Trial date"} <= set(table.columns)


# ---- the shared filter bar ---------------------------------------------------------------------------
def test_a_link_reproduces_the_view(filled: Store) -> None:
    at = start("views/ringkasan.py", filter_panel=True, tahun="2024", jenis="Digital", jenis_unit=["OPD", "UPTD"])
    assert at.selectbox(key="filter_tahun").value == 2024
    assert at.multiselect(key="filter_jenis").value == ["Digital"]
    now = computed(filled, Filters(jenis=("Digital",), jenis_unit=("OPD", "UPTD")), year=2024)
    assert metrics(at)[ALL] == str(now.ringkasan["jumlah_inovasi"])
    assert sorted(b.label for b in at.button if b.key and b.key.startswith("chip_") and b.key != "chip_clear_all") \
        == ["Jenis unit: OPD", "Jenis unit: UPTD", "Jenis: Digital"]
    assert at.query_params["jenis"] in (["Digital"], "Digital")  # mirrored in the URL


def test_a_chip_removes_its_filter_and_the_url_follows(filled: Store) -> None:
    at = start("views/ringkasan.py", filter_panel=True, tahapan="Penerapan", status="Aktif")
    [chip] = [b for b in at.button if b.label == "Tahapan: Penerapan"]
    chip.click().run()
    assert at.multiselect(key="filter_tahapan").value == []
    assert "tahapan" not in at.query_params
    assert metrics(at)[ALL] == str(computed(filled, Filters(status=("Aktif",))).ringkasan["jumlah_inovasi"])
    [clear] = [b for b in at.button if b.key == "chip_clear_all"]
    clear.click().run()
    assert not [b for b in at.button if b.key and b.key.startswith("chip_")]


def test_the_filter_lists_are_drawn_when_their_panel_opens(filled: Store) -> None:
    at = start("views/ringkasan.py", kecamatan="Bae")
    assert not at.multiselect  # closed: only the year and the chips of the filters in force
    assert any(b.label == "Kecamatan: Bae" for b in at.button)
    assert [e for e in at.expander if e.label.startswith("Filter (1")]  # its title counts them
    at.session_state[filter_bar.PANEL_OPEN] = True  # what a click on the panel's title does
    at.run()
    assert sorted(m.key for m in at.multiselect) == sorted(filter_bar.KEYS[name] for name in DIMENSIONS)
    assert at.multiselect(key="filter_kecamatan").value == ["Bae"]


def test_filters_are_kept_across_pages_and_languages(filled: Store) -> None:
    at = start("views/ringkasan.py", filter_panel=True)
    at.multiselect(key="filter_kecamatan").select("Bae").run()
    at.switch_page("views/tpp.py").run()
    assert at.multiselect(key="filter_kecamatan").value == ["Bae"]
    at.sidebar.segmented_control[0].set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "TPP (additional income)"
    assert at.multiselect(key="filter_kecamatan").value == ["Bae"]
    assert any(b.label == "Kecamatan: Bae" for b in at.button)


def test_a_filter_with_no_result_says_so(filled: Store) -> None:
    at = start("views/ringkasan.py", jenis_unit="BUMD", kecamatan="Undaan", tahapan="Inisiatif")
    assert computed(filled, Filters(jenis_unit=("BUMD",), kecamatan=("Undaan",), tahapan=("Inisiatif",)))\
        .ringkasan["jumlah_inovasi"] == 0
    assert any("Tidak ada inovasi" in i.value for i in at.info)
    assert not at.get("plotly_chart")
    at = start("views/perangkat_daerah.py", jenis_unit="BUMD", kecamatan="Undaan", tahapan="Inisiatif")
    assert at.get("plotly_chart")  # units with none are the answer there


def test_a_new_upload_shows_at_once(sample_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Caches are keyed by the data version: a write elsewhere shows on the next rerun."""
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(sample_db.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)  # the WAL's pages too, unlike copying the file
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    at = start("views/ringkasan.py")
    store = Store(url)
    before = computed(store).ringkasan["jumlah_inovasi"]
    assert metrics(at)[ALL] == str(before)
    [book] = [w for w in generate_year(store.units(), 2025) if w.unit_kode == "opd.dinkes"]
    book.inovasi = book.inovasi[:2]
    result = validate_workbook(book.to_bytes(), "dinkes-2025-baru.xlsx", store.units())
    assert result.ok
    store.store_many(result.submissions, actor="uji")
    at.run()
    after = computed(store).ringkasan["jumlah_inovasi"]
    assert after < before and metrics(at)[ALL] == str(after)
