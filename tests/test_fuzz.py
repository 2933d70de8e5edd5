"""A seeded fuzz run in CI (issue 12): a few hundred mutants of a sound workbook — byte flips in
the zip, edited XML, extreme numbers and dates, huge declared areas, broken shared strings — go
through `python -m analytics validate` and `ingest` as whole batches.

No mutant may produce a traceback or an abort, hang past the limit, or get a different verdict
from `validate` and `ingest`; every file gets its own line in both reports, and each one that
passed is stored.  A failing seed is reproducible: the mutants depend only on SEED.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

from mutants import mutant, sound_workbook

ROOT = Path(__file__).resolve().parent.parent
SEED, COUNT = 20261205, 300
LIMITS = {"KUDUS_READ_WALL_SECONDS": "30", "KUDUS_READ_CPU_SECONDS": "20", "KUDUS_READ_MEMORY_MB": "768"}


def run(command: str, files: list[str], db: str) -> tuple[int, dict, str]:
    done = subprocess.run([sys.executable, "-m", "analytics", command, *files, "--json", "--db", db],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **LIMITS})
    return done.returncode, json.loads(done.stdout), done.stderr


def test_mutants_get_one_verdict_each_and_validate_agrees_with_ingest(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    base = sound_workbook(3)
    files, kinds = [], {}
    for index in range(COUNT):
        kind, data = mutant(rng, base)
        path = tmp_path / f"mutan-{index:03d}-{kind}.xlsx"
        path.write_bytes(data)
        files.append(str(path))
        kinds[kind] = kinds.get(kind, 0) + 1
    assert len(kinds) == 5, kinds
    db = f"sqlite:///{tmp_path / 'fuzz.sqlite'}"
    checked_code, checked, checked_err = run("validate", files, db)
    stored_code, stored, stored_err = run("ingest", files, db)
    assert checked_code in (0, 1) and stored_code in (0, 1), (checked_err[-3000:], stored_err[-3000:])
    assert "Traceback" not in checked_err + stored_err and "panicked" not in checked_err + stored_err
    names = [Path(f).name for f in files]
    assert [f["file"] for f in checked["files"]] == [f["file"] for f in stored["files"]] == names
    disagree = [(a["file"], a["ok"], b["ok"]) for a, b in zip(checked["files"], stored["files"]) if a["ok"] != b["ok"]]
    assert not disagree
    for entry in stored["files"]:
        assert entry["ok"] == bool(entry["stored"]) or entry.get("refused"), entry
        assert entry["ok"] or entry["issues"], entry
    passed = sum(f["ok"] for f in checked["files"])
    assert 0 < passed < COUNT, passed  # the run exercised both verdicts
