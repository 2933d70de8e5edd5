"""The generated workbook: one unit's report for one year, and its rows taken from a unit's state."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random
from typing import Any

import pandas as pd

from analytics.intake import template
from analytics.sample.innovations import _Ctx, _Inovasi
from analytics.sample.people import _Pejabat, person_name, tpp_dasar
from analytics.sample.units import _Unit


@dataclass
class GeneratedWorkbook:
    """One unit's report for one year, as rows keyed by the contract's column keys."""

    unit_kode: str
    unit_nama: str
    jenis_unit: str
    tahun: int
    profil: dict[str, Any]
    inovasi: list[dict[str, Any]]
    pejabat: list[dict[str, Any]]

    @property
    def file_name(self) -> str:
        return f"{self.tahun}_{self.unit_kode}.xlsx"

    def write(self, target: template.Target, units: pd.DataFrame | None = None) -> None:
        """Write with a fixed document date, so the same data always gives the same bytes."""
        template.write_workbook(target, profil=self.profil, inovasi=self.inovasi, pejabat=self.pejabat,
                                units=units, created=dt.datetime(self.tahun, 12, 31, 9, 0))

    def to_bytes(self, units: pd.DataFrame | None = None) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer, units)
        return buffer.getvalue()


def _snapshot(unit: _Unit, ctx: _Ctx, inovasi: Sequence[_Inovasi], rng: Random) -> GeneratedWorkbook:
    rows = [_inovasi_row(i, n, ctx.tahun) for n, i in enumerate(inovasi, start=1)]
    pejabat = [_pejabat_row(p, ctx.tahun) for p in ctx.roster]
    return GeneratedWorkbook(unit.kode, unit.nama, unit.jenis, ctx.tahun, _profil(unit, ctx, rng), rows, pejabat)


def _profil(unit: _Unit, ctx: _Ctx, rng: Random) -> dict[str, Any]:
    operator = ctx.roster[-1] if ctx.roster else None
    phone = (f"0291-{rng.randint(430000, 449999)}" if rng.random() < 0.5
             else f"08{rng.choice(('12', '13', '52', '56', '57', '78', '95'))}{rng.randint(10**7, 10**8 - 1)}")
    return {"nama_unit": unit.nama, "jenis_unit": unit.jenis, "tahun": ctx.tahun,
            "nama_operator": operator.nama if operator else person_name(rng, rng.choice((1, 2))),
            "nip_operator": operator.nip if operator else None, "telepon": phone,
            "email": f"inovasi.{unit.short}@kuduskab.go.id"}


def _inovasi_row(inov: _Inovasi, no: int, tahun: int) -> dict[str, Any]:
    return {
        "no": no, "nama_inovasi": inov.nama, "tahapan": inov.tahapan, "jenis": inov.jenis,
        "bentuk": inov.bentuk, "inisiator": inov.inisiator, "urusan": list(inov.urusan),
        "nip_penggagas": list(inov.nip), "nama_penggagas": inov.penggagas,
        "tanggal_uji_coba": inov.uji_coba, "tanggal_penerapan": inov.penerapan,
        "lokasi_kecamatan": list(inov.lokasi) if isinstance(inov.lokasi, tuple) else inov.lokasi,
        "dasar_hukum": inov.dasar_hukum, "nomor_dasar_hukum": inov.nomor_dasar_hukum,
        "anggaran_tahun_berjalan": inov.anggaran.get(tahun),
        "anggaran_tahun_lalu": inov.anggaran.get(tahun - 1),
        "anggaran_dua_tahun_lalu": inov.anggaran.get(tahun - 2),
        "ada_sop": inov.ada_sop, "jumlah_replikasi": inov.replikasi,
        "jumlah_penerima_manfaat": inov.penerima, "monev": inov.monev, "status": inov.status,
        "tautan_bukti": inov.tautan, "keterangan": inov.keterangan,
    }


def _pejabat_row(person: _Pejabat, tahun: int) -> dict[str, Any]:
    posisi = person.posisi
    return {"nip": person.nip, "nama": person.nama, "jabatan": posisi.jabatan,
            "jenis_jabatan": posisi.jenis, "kelas_jabatan": posisi.kelas,
            "tpp_dasar": tpp_dasar(posisi.kelas, tahun) if posisi.tpp else None}
