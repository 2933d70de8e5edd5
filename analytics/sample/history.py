"""One unit's history: its officials and innovations, stepped one year at a time from BASE_YEAR."""

from __future__ import annotations

from random import Random

from analytics.intake import contract as c
from analytics.sample.innovations import _Ctx, _date_in, _Inovasi, _refresh_details, _try_penerapan, new_inovasi
from analytics.sample.people import _new_pejabat, _Pejabat
from analytics.sample.report import GeneratedWorkbook, _snapshot
from analytics.sample.settings import BASE_YEAR, SKIP_YEAR_RATE
from analytics.sample.units import _capacity, _Unit, positions
from analytics.sample.urusan import KETERANGAN_VAKUM, RENAME_SUFFIX


class _History:
    """One unit's officials and innovations, stepped one year at a time from BASE_YEAR."""

    def __init__(self, unit: _Unit, seed: int, start_year: int) -> None:
        self.unit = unit
        self.rng = Random(f"{seed}:{unit.kode}")
        self.start_year = start_year
        self.posts = positions(unit, self.rng)
        self.capacity = _capacity(unit, self.rng)
        self.roster: list[_Pejabat] = [_new_pejabat(self.rng, p, BASE_YEAR) for p in self.posts]
        self.inovasi: list[_Inovasi] = []

    def step(self, tahun: int) -> GeneratedWorkbook | None:
        """Advance to `tahun`; the year's workbook, or None when the unit sent nothing."""
        self._rotate_officials(tahun)
        ctx = _Ctx(self.unit, tuple(self.roster), tahun)
        self._age_innovations(ctx)
        self._add_innovations(ctx)
        skipped = self.rng.random() < SKIP_YEAR_RATE and tahun > BASE_YEAR
        return None if skipped else _snapshot(self.unit, ctx, self.inovasi, self.rng)

    def _rotate_officials(self, tahun: int) -> None:
        """Transfers (mutasi) and retirements: the post stays, the person changes."""
        for slot, person in enumerate(self.roster):
            pension_age = 60 if person.posisi.jenis == "JPT Pratama" else 58
            retiring = tahun - person.lahir.year >= pension_age
            if retiring or (tahun > BASE_YEAR and self.rng.random() < 0.07):
                self.roster[slot] = _new_pejabat(self.rng, person.posisi, tahun)

    def _age_innovations(self, ctx: _Ctx) -> None:
        kept = []
        for inov in self.inovasi:
            if inov.status == "Tidak Aktif":
                roll = self.rng.random()
                if roll < 0.5:
                    continue  # no longer reported
                if roll < 0.62:
                    inov.status, inov.keterangan = "Aktif", "Diaktifkan kembali"
            elif self.rng.random() < 0.1:
                inov.status, inov.keterangan = "Tidak Aktif", self.rng.choice(KETERANGAN_VAKUM)
            else:
                self._mature(inov, ctx)
            _keep_penggagas(inov, ctx)
            _refresh_details(self.rng, inov, ctx)
            kept.append(inov)
        self.inovasi = kept

    def _mature(self, inov: _Inovasi, ctx: _Ctx) -> None:
        """Inisiatif -> Uji Coba -> Penerapan, at most one stage a year; now and then a new name."""
        if inov.tahapan == "Inisiatif" and self.rng.random() < 0.4:
            inov.tahapan, inov.uji_coba = "Uji Coba", _date_in(self.rng, ctx.tahun)
        elif inov.tahapan == "Uji Coba" and self.rng.random() < 0.45:
            _try_penerapan(self.rng, inov, ctx.tahun)
        if self.rng.random() < 0.04:
            taken = {c.fold(i.nama) for i in self.inovasi}
            renamed = _renamed(self.rng, inov.nama)
            if c.fold(renamed) not in taken:
                inov.nama = renamed

    def _add_innovations(self, ctx: _Ctx) -> None:
        if ctx.tahun < self.start_year:
            return
        ramp = min(1.0, 0.3 + 0.1 * (ctx.tahun - BASE_YEAR)) + max(0, ctx.tahun - 2021) * 0.06
        target = max(1, round(self.capacity * ramp)) + (self.rng.random() < 0.3)
        taken = {c.fold(i.nama) for i in self.inovasi}
        while sum(i.status == "Aktif" for i in self.inovasi) < target:
            inov = new_inovasi(self.rng, ctx, taken)
            taken.add(c.fold(inov.nama))
            self.inovasi.append(inov)


def _renamed(rng: Random, nama: str) -> str:
    """A slight rename, as units do: a suffix, 'Pelayanan' for 'Layanan', or the acronym alone."""
    if "(" in nama and rng.random() < 0.5:
        return nama.split("(")[0].strip()
    if nama.startswith("Layanan ") and rng.random() < 0.5:
        return "Pelayanan " + nama[len("Layanan "):]
    suffix = rng.choice(RENAME_SUFFIX)
    return nama if nama.endswith(suffix) else nama + suffix


def _keep_penggagas(inov: _Inovasi, ctx: _Ctx) -> None:
    """A penggagas who has moved on hands the innovation to the unit's head."""
    if not inov.nip:
        return
    by_nip = {p.nip: p for p in ctx.roster}
    still = [by_nip[n] for n in inov.nip if n in by_nip] or ctx.roster[:1]
    inov.nip = tuple(p.nip for p in still)
    inov.penggagas = f"{c.MULTI_SEP} ".join(p.nama for p in still)
