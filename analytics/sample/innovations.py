"""Innovations: a new one's name, stage, dates and penggagas, and each year's details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from random import Random

from analytics.intake import contract as c
from analytics.sample.people import DESA, _Pejabat, person_name
from analytics.sample.settings import BASE_YEAR
from analytics.sample.units import _Unit, unit_urusan
from analytics.sample.urusan import (
    AKRONIM,
    KETERANGAN_AKTIF,
    KOMINFO,
    NAMA_KECAMATAN_KHAS,
    PENUNJANG,
    PMD,
    POLA_DIGITAL,
    POLA_NON_DIGITAL,
    TOPIK,
)


@dataclass
class _Inovasi:
    nama: str
    lahir: int
    tahapan: str
    jenis: str
    bentuk: str
    inisiator: str
    urusan: tuple[str, ...]
    lokasi: tuple[str, ...] | str | None
    uji_coba: dt.date | None = None
    penerapan: dt.date | None = None
    dasar_hukum: str | None = None
    nomor_dasar_hukum: str | None = None
    anggaran: dict[int, float | None] = field(default_factory=dict)
    ada_sop: bool | None = None
    replikasi: int | None = None
    penerima: int | None = None
    monev: str | None = None
    status: str = "Aktif"
    nip: tuple[str, ...] = ()
    penggagas: str | None = None
    tautan: str | None = None
    keterangan: str | None = None


@dataclass(frozen=True)
class _Ctx:
    """What the innovation generator needs to know about the unit and the year."""
    unit: _Unit
    roster: tuple[_Pejabat, ...]
    tahun: int


def _pick_name(rng: Random, ctx: _Ctx, urusan: str, taken: set[str]) -> tuple[str, str]:
    """A plausible, not yet used (after folding) innovation name and the jenis it implies."""
    for _ in range(40):
        nama, jenis = _name_candidate(rng, ctx.unit, urusan)
        if c.fold(nama) not in taken and len(nama) <= c.NAMA_INOVASI_MAX:
            return nama, jenis
    base, jenis = _name_candidate(rng, ctx.unit, urusan)
    number = 2
    while c.fold(f"{base} {number}") in taken:
        number += 1
    return f"{base} {number}", jenis


def _name_candidate(rng: Random, unit: _Unit, urusan: str) -> tuple[str, str]:
    if unit.jenis == "Kecamatan" and rng.random() < 0.25:
        return rng.choice(NAMA_KECAMATAN_KHAS).format(k=unit.kecamatan), "Non Digital"
    acronyms = AKRONIM.get(urusan, ())
    if acronyms and rng.random() < 0.3:
        acr, long, jenis = rng.choice(acronyms)
        return (f"{acr} ({long})" if rng.random() < 0.7 else acr), jenis
    topic = rng.choice(TOPIK.get(urusan) or TOPIK[PENUNJANG])
    digital = rng.random() < 0.45
    if not digital and rng.random() < 0.12:  # the IID's third jenis: a tool or machine
        return f"Teknologi Tepat Guna {topic}", "Teknologi"
    pattern = rng.choice(POLA_DIGITAL if digital else POLA_NON_DIGITAL)
    if pattern.startswith("e-") and " " in topic:
        pattern = "Aplikasi {t}"
    return pattern.format(t=topic), "Digital" if digital else "Non Digital"


def _choose_urusan(rng: Random, unit: _Unit) -> tuple[str, ...]:
    own = unit_urusan(unit)
    first = own[0] if rng.random() < 0.6 else rng.choice(own)
    if rng.random() < 0.2:
        second = rng.choice([u for u in (*own, *c.URUSAN_PELAYANAN_DASAR, PMD, KOMINFO) if u != first])
        return first, second
    return (first,)


def _choose_bentuk(rng: Random, unit: _Unit, urusan: tuple[str, ...]) -> str:
    inward = urusan[0] in (PENUNJANG, "Keuangan", "Kepegawaian", "Perencanaan", "Kearsipan",
                           "Pendidikan dan Pelatihan", "Penelitian dan Pengembangan", "Persandian")
    weights = (60, 25, 15) if inward else (22, 63, 15)
    return rng.choices(c.BENTUK, weights=weights)[0]


def _choose_lokasi(rng: Random, unit: _Unit) -> tuple[str, ...] | str | None:
    """A Kecamatan's innovations sit in itself (often left blank: it defaults to itself)."""
    if unit.jenis == "Kecamatan":
        return None if rng.random() < 0.3 else (unit.kecamatan,)
    if unit.kecamatan:
        return (unit.kecamatan,)
    roll = rng.random()
    if roll < 0.5:
        return c.SELURUH_KABUPATEN
    if roll < 0.56:
        return None
    names = [k.nama for k in c.KECAMATAN]
    chosen = set(rng.sample(names, 1 if roll < 0.8 else rng.randint(2, 4)))
    return tuple(n for n in names if n in chosen)


def _date_in(rng: Random, year: int, after: dt.date | None = None, gap: int = 30) -> dt.date | None:
    """A working-ish day in `year`, at least `gap` days after `after`; None when none is left."""
    first = max(dt.date(year, 1, 2), after + dt.timedelta(days=gap) if after else dt.date(year, 1, 2))
    last = dt.date(year, 12, 20)
    if first > last:
        return None
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _scale(unit: _Unit) -> tuple[int, int]:
    """(budget ceiling in Rupiah, beneficiary ceiling) for a unit of this kind."""
    if unit.jenis == "OPD" and unit.induk != "opd.setda":
        return 750_000_000, 25_000
    return {"Kecamatan": (75_000_000, 3_000), "BUMD": (200_000_000, 10_000)}.get(
        unit.jenis, (50_000_000 if unit.jenis == "UPTD" else 150_000_000, 4_000))


def _budget(rng: Random, unit: _Unit, tahapan: str) -> float | None:
    if rng.random() < (0.6 if tahapan == "Inisiatif" else 0.15):
        return None
    if rng.random() < 0.05:
        return 0.0
    ceiling = _scale(unit)[0]
    return float(round(rng.uniform(0.1, 1.0) ** 2 * ceiling, -5))


def new_inovasi(rng: Random, ctx: _Ctx, taken: set[str]) -> _Inovasi:
    """A newly reported innovation, born in ctx.tahun at any stage (with its earlier dates)."""
    urusan = _choose_urusan(rng, ctx.unit)
    nama, jenis = _pick_name(rng, ctx, urusan[0], taken)
    inisiator = rng.choices(c.INISIATOR, weights=(12, 5, 45, 30, 8))[0]
    inov = _Inovasi(nama=nama, lahir=ctx.tahun, tahapan="Inisiatif", jenis=jenis,
                    bentuk=_choose_bentuk(rng, ctx.unit, urusan), inisiator=inisiator, urusan=urusan,
                    lokasi=_choose_lokasi(rng, ctx.unit))
    stage = rng.choices(c.TAHAPAN, weights=(45, 33, 22))[0]
    if stage != "Inisiatif":
        start = max(BASE_YEAR, ctx.tahun - 1) if stage == "Penerapan" else ctx.tahun
        inov.tahapan, inov.uji_coba = "Uji Coba", _date_in(rng, start)
    if stage == "Penerapan":
        _try_penerapan(rng, inov, ctx.tahun)
    _choose_penggagas(rng, inov, ctx)
    _refresh_details(rng, inov, ctx)
    return inov


def _try_penerapan(rng: Random, inov: _Inovasi, tahun: int) -> None:
    """Move to Penerapan in `tahun` if a date at least a month after the trial still fits."""
    date = _date_in(rng, tahun, after=inov.uji_coba)
    if date is not None:
        inov.tahapan, inov.penerapan = "Penerapan", date


def _choose_penggagas(rng: Random, inov: _Inovasi, ctx: _Ctx) -> None:
    """Penggagas NIPs come from the unit's own officials; some innovations name none."""
    roster = ctx.roster
    if inov.inisiator == "Masyarakat" or not roster or rng.random() < 0.15:
        inov.nip = ()
        inov.penggagas = _outside_penggagas(rng, inov.inisiator) if rng.random() < 0.8 else None
        return
    if inov.inisiator == "Kepala Daerah" and rng.random() < 0.6:
        inov.nip, inov.penggagas = (), "Bupati Kudus"
        return
    count = 2 if rng.random() < 0.2 and len(roster) > 2 else 1
    people = rng.sample(roster[: max(count, min(len(roster), 8))], count)
    inov.nip = tuple(p.nip for p in people)
    inov.penggagas = f"{c.MULTI_SEP} ".join(p.nama for p in people)


def _outside_penggagas(rng: Random, inisiator: str) -> str:
    if inisiator == "Anggota DPRD":
        return f"Komisi {rng.choice('ABCD')} DPRD Kabupaten Kudus"
    if inisiator == "Masyarakat":
        return rng.choice((f"Karang Taruna Desa {rng.choice(DESA)}", f"PKK Desa {rng.choice(DESA)}",
                           person_name(rng, rng.choice((1, 2)))))
    return person_name(rng, rng.choice((1, 2)))


def _refresh_details(rng: Random, inov: _Inovasi, ctx: _Ctx) -> None:
    """This year's budget, SOP, reach, monitoring, legal basis and evidence for an innovation."""
    stage = inov.tahapan
    inov.anggaran[ctx.tahun] = _budget(rng, ctx.unit, stage) if inov.status == "Aktif" else None
    if inov.ada_sop is not True:
        inov.ada_sop = rng.random() < {"Inisiatif": 0.15, "Uji Coba": 0.5, "Penerapan": 0.8}[stage]
        inov.ada_sop = None if rng.random() < 0.05 else inov.ada_sop
    ceiling = _scale(ctx.unit)[1]
    if stage != "Inisiatif" and inov.status == "Aktif":
        base = inov.penerima or rng.randint(20, max(50, ceiling // 10))
        inov.penerima = min(int(base * rng.uniform(1.0, 1.5)), ceiling * 3)
    if stage == "Penerapan" and rng.random() < 0.25:
        inov.replikasi = (inov.replikasi or 0) + rng.randint(1, 2)
    elif inov.replikasi is None and stage != "Inisiatif":
        inov.replikasi = 0 if rng.random() < 0.8 else None
    inov.monev = _monev(rng, stage)
    _legal_basis(rng, inov, ctx)
    if inov.tautan is None and rng.random() < 0.75:
        inov.tautan = _evidence_url(rng, inov, ctx.unit)
    if inov.status == "Aktif":
        inov.keterangan = rng.choice(KETERANGAN_AKTIF) if rng.random() < 0.12 else None


def _monev(rng: Random, stage: str) -> str | None:
    if rng.random() < 0.08:
        return None
    weights = {"Inisiatif": (70, 25, 5, 0), "Uji Coba": (30, 50, 18, 2), "Penerapan": (10, 35, 40, 15)}
    return rng.choices(c.MONEV, weights=weights[stage])[0]


def _legal_basis(rng: Random, inov: _Inovasi, ctx: _Ctx) -> None:
    """Legal bases only ever get stronger; the number carries the year it was signed."""
    rank = {None: -1, **{v: i for i, v in enumerate(c.DASAR_HUKUM)}}
    target = rng.choices(c.DASAR_HUKUM, weights={"Inisiatif": (70, 25, 5, 0, 0), "Uji Coba": (30, 45, 20, 5, 0),
                                                 "Penerapan": (8, 40, 30, 20, 2)}[inov.tahapan])[0]
    if rank[target] <= rank[inov.dasar_hukum] or (inov.dasar_hukum is None and rng.random() < 0.06):
        return  # no stronger basis this year (or, now and then, the column is left blank)
    year, n = ctx.tahun, rng.randint(1, 420)
    inov.dasar_hukum = target
    inov.nomor_dasar_hukum = {
        "Tidak Ada": None,
        "SK Kepala Perangkat Daerah": f"{rng.choice(('000.8', '400.7', '440', '470', '800', '900.1'))}/{n:04d}/{year}",
        "SK Kepala Daerah": f"100.3.3.2/{n}/{year}",
        "Peraturan Kepala Daerah": f"Nomor {n % 90 + 1} Tahun {year}",
        "Peraturan Daerah": f"Nomor {n % 15 + 1} Tahun {year}",
    }[target]


def _evidence_url(rng: Random, inov: _Inovasi, unit: _Unit) -> str:
    slug = "-".join(c.fold(w) for w in inov.nama.split("(")[0].split() if c.fold(w))[:60]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    roll = rng.random()
    if roll < 0.65:
        return f"https://inovasi.kuduskab.go.id/{unit.short}/{slug}"
    if roll < 0.82:
        return "https://www.youtube.com/watch?v=" + "".join(rng.choice(alphabet) for _ in range(11))
    return "https://drive.google.com/file/d/" + "".join(rng.choice(alphabet) for _ in range(33)) + "/view"
