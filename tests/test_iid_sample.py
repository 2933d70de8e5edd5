"""The sample IID export (what Kudus would download for 2025): ingested figures equal an independent
count of the file, and the sample data's reconciliation has something in every list."""

from __future__ import annotations

from collections import Counter

import openpyxl
import pytest

from analytics.intake.ingest import ingest_paths
from analytics.lifecycle.reconcile import reconcile
from analytics.sample.loader import load_sample
from analytics.sample.workbooks import write_sample_iid_export
from analytics.store import Store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Store:
    folder = tmp_path_factory.mktemp("contoh")
    store = Store(f"sqlite:///{folder / 'k.sqlite'}")
    load_sample(store, folder)
    return store


def test_the_sample_export_ingests_with_figures_equal_to_an_independent_count(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    path = write_sample_iid_export(tmp_path, units=store.units())
    sheet = openpyxl.load_workbook(path, read_only=True)["Data"]
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    column = {name: i for i, name in enumerate(header)}
    [outcome] = ingest_paths([path], store, actor="admin", workers=1, tahun=2025)
    assert outcome.result.ok, [i.message() for i in outcome.result.errors]
    stored = store.iid_innovations(2025)
    assert len(stored) == len(rows)
    assert Counter(stored["jenis"]) == Counter(r[column["Jenis"]] for r in rows)
    assert Counter(stored["tahapan"]) == Counter(r[column["Tahapan Inovasi"]] for r in rows)
    admin_rows = sum(r[column["Admin OPD"]].startswith("admin.kudus") for r in rows)
    assert admin_rows >= 1
    assert sum(i.code == "unit.region_admin" for i in outcome.result.issues) == admin_rows
    assert sorted(stored["kematangan_iid"].round(2)) == sorted(float(r[column["Kematangan"]]) for r in rows)


def test_the_sample_datas_reconciliation_has_something_in_every_list(sample_store):
    found = reconcile(sample_store.report_innovations(2025), sample_store.iid_innovations(2025),
                      sample_store.units())
    counts = Counter(found["kategori"])
    assert counts["belum_di_iid"] > 0 and counts["hanya_di_iid"] > 0 and counts["berbeda"] > 0
    different = found[found["kategori"] == "berbeda"]
    assert different["perbedaan"].str.contains("tahapan: Uji Coba ≠ Penerapan").all()
