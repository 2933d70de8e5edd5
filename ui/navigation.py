"""Which pages exist, in which menu section, and which roles may open them; the menu itself.

app.py hands st.navigation only the pages the current role may see, so the others cannot be
reached even by URL.  A page whose file does not exist yet is left out.

Why our own menu (st.page_link in the sidebar, Streamlit's menu hidden): every page must open by
its own name — `/ringkasan` too — but Streamlit serves the default page only at `/` (its url_path
becomes "" once it is the default, streamlit/streamlit#8778), so the first page is registered twice:
as the default at `/` and by its name.  Streamlit's own menu would list it twice, and its markup
(section headers as `div`s inside the `ul`) fails axe-core's `list`/`listitem` rules
(docs/accessibility.md); page links have neither problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PIMPINAN, OPERATOR, ADMIN, KIOSK = "pimpinan", "operator", "admin", "kiosk"
READERS = frozenset({PIMPINAN, OPERATOR, ADMIN})


@dataclass(frozen=True)
class PageSpec:
    file: str  # relative to the project root
    title: str  # i18n code of the menu title
    icon: str
    url_path: str
    section: str  # i18n code of the menu section
    roles: frozenset[str] = READERS
    charts: bool = False  # draws Plotly charts on opening (the server starts their code early)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("views/ringkasan.py", "page.overview", ":material/dashboard:", "ringkasan", "nav.dashboard", charts=True),
    PageSpec("views/perangkat_daerah.py", "page.units", ":material/apartment:", "perangkat-daerah", "nav.dashboard",
             charts=True),
    PageSpec("views/kecamatan.py", "page.kecamatan", ":material/map:", "kecamatan", "nav.dashboard", charts=True),
    PageSpec("views/tpp.py", "page.tpp", ":material/payments:", "tpp", "nav.dashboard", charts=True),
    PageSpec("views/keberlanjutan.py", "page.lifecycle", ":material/timeline:", "keberlanjutan", "nav.dashboard",
             charts=True),
    PageSpec("views/presentasi.py", "page.presentation", ":material/slideshow:", "presentasi", "nav.dashboard",
             frozenset({PIMPINAN, ADMIN, KIOSK}), charts=True),
    PageSpec("views/data.py", "page.data", ":material/table_view:", "data", "nav.data"),
    PageSpec("views/unggah.py", "page.upload", ":material/upload_file:", "unggah", "nav.data",
             frozenset({OPERATOR, ADMIN})),
    PageSpec("views/rekonsiliasi.py", "page.reconcile", ":material/compare_arrows:", "rekonsiliasi-iid", "nav.data"),
    PageSpec("views/tautan.py", "page.linking", ":material/link:", "tautan", "nav.data",
             frozenset({OPERATOR, ADMIN})),
    PageSpec("views/admin_pengguna.py", "page.users", ":material/group:", "pengguna", "nav.admin",
             frozenset({ADMIN})),
    PageSpec("views/admin_unit.py", "page.unit_list", ":material/list_alt:", "daftar-unit", "nav.admin",
             frozenset({ADMIN})),
    PageSpec("views/admin_alias.py", "page.unit_aliases", ":material/alt_route:", "alias-unit", "nav.admin",
             frozenset({ADMIN})),
    PageSpec("views/admin_aturan.py", "page.rules", ":material/rule:", "aturan", "nav.admin", frozenset({ADMIN})),
    PageSpec("views/admin_audit.py", "page.audit", ":material/history:", "audit", "nav.admin", frozenset({ADMIN})),
)


def pages_for(role: str) -> list[PageSpec]:
    """The pages this role may open, in menu order (only those that exist)."""
    return [p for p in PAGES if role in p.roles and (ROOT / p.file).exists()]


HOME_PATH = "beranda"  # the default page's own name; it is served at "/"


def navigation(role: str, label: Callable[[str], str]):  # -> StreamlitPage (st.navigation's result)
    """st.navigation over the pages `role` may open, each by its own name, the first also at `/`,
    and the menu drawn in the sidebar; `label` translates an i18n code.  Returns the page to run."""
    import streamlit as st

    specs = pages_for(role)
    if not specs:  # e.g. a kiosk account before the presentation page exists
        empty = st.Page(lambda: st.info(label("auth.no_pages")), title=label("auth.no_pages"), url_path="kosong")
        return st.navigation([empty], position="hidden")
    named = [(spec, st.Page(spec.file, title=label(spec.title), icon=spec.icon, url_path=spec.url_path))
             for spec in specs]
    first = specs[0]
    home = st.Page(first.file, title=label(first.title), icon=first.icon, url_path=HOME_PATH, default=True)
    chosen = st.navigation([home, *(page for _spec, page in named)], position="hidden")
    with st.sidebar.container(key="menu"):
        section = None
        for spec, page in named:
            if spec.section != section:
                section = spec.section
                st.markdown(f"**{label(section)}**")
            st.page_link(page, label=label(spec.title), icon=spec.icon)
    return chosen
