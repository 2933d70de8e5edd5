"""Loading the sample data (contoh) through the same path as a real upload."""

from __future__ import annotations

import os
from pathlib import Path

from analytics.intake.ingest import ingest_paths
from analytics.store import Store, StoreResult

SAMPLE_ACTOR = "contoh"
SAMPLE_SOURCE = "sample"


def default_sample_folder() -> Path:
    root = Path(os.environ.get("KUDUS_DATA_DIR", Path(__file__).resolve().parents[2] / "data"))
    return root / "contoh"


def load_sample(store: Store, folder: Path | None = None) -> list[StoreResult]:
    """Write the generated sample workbooks, validate them like any upload, store those that pass
    (marked as source 'sample', so every page can say the data is contoh)."""
    from analytics.sample.workbooks import IID_SAMPLE_YEAR, write_sample_iid_export, write_sample_workbooks

    folder = folder or default_sample_folder()
    folder.mkdir(parents=True, exist_ok=True)
    paths = write_sample_workbooks(folder, units=store.units())
    outcomes = ingest_paths(paths, store, actor=SAMPLE_ACTOR, source=SAMPLE_SOURCE)
    # The IID application's export of 2025, so Rekonsiliasi IID has something to show.
    export = write_sample_iid_export(folder, units=store.units())
    outcomes += ingest_paths([export], store, actor=SAMPLE_ACTOR, source=SAMPLE_SOURCE, workers=1,
                             tahun=IID_SAMPLE_YEAR)
    return [stored for outcome in outcomes for stored in outcome.stored]
