"""Which pages exist, in which menu section, and which roles may open them.

app.py hands st.navigation only the pages the current role may see, so the others cannot be
reached even by URL.  A page whose file does not exist yet is left out.
"""

from __future__ import annotations

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


PAGES: tuple[PageSpec, ...] = (
    PageSpec("views/ringkasan.py", "page.overview", ":material/dashboard:", "ringkasan", "nav.dashboard"),
    PageSpec("views/perangkat_daerah.py", "page.units", ":material/apartment:", "perangkat-daerah", "nav.dashboard"),
    PageSpec("views/kecamatan.py", "page.kecamatan", ":material/map:", "kecamatan", "nav.dashboard"),
    PageSpec("views/tpp.py", "page.tpp", ":material/payments:", "tpp", "nav.dashboard"),
    PageSpec("views/keberlanjutan.py", "page.lifecycle", ":material/timeline:", "keberlanjutan", "nav.dashboard"),
    PageSpec("views/presentasi.py", "page.presentation", ":material/slideshow:", "presentasi", "nav.dashboard",
             frozenset({PIMPINAN, ADMIN, KIOSK})),
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
