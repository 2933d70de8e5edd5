"""Hostile workbooks made from a sound one: edited XML, flipped bytes, huge declared areas.

Shared by tests/test_sandbox.py (one file per finding of the fuzzer) and tests/test_fuzz.py (a
few hundred seeded mutants).  The Inovasi sheet of xlsx_helpers.simple_workbook is
xl/worksheets/sheet2.xml; its row 2 holds one innovation (K2 is Tanggal Penerapan, a date-styled
number; S2 is Jumlah Replikasi).
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from collections.abc import Callable

from xlsx_helpers import innovation_row, simple_workbook

INOVASI_XML = "xl/worksheets/sheet2.xml"
Edit = Callable[[bytes], bytes]


def sound_workbook(rows: int = 3) -> bytes:
    return simple_workbook([innovation_row(f"Inovasi Nomor {i}") for i in range(1, rows + 1)])


def edit_member(data: bytes, member: str, edit: Edit) -> bytes:
    """The workbook with one zip member's bytes replaced by edit(bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info, edit(body) if info.filename == member else body)
    return out.getvalue()


def declare_area(ref: str, *, with_cell: bool = True) -> Edit:
    """A <dimension> of `ref` and (with_cell) a cell at its far corner: the reader sizes its grid
    from them."""
    corner = ref.split(":")[-1]
    row = re.sub(r"[A-Z]", "", corner)

    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), xml)
        if with_cell:
            far = f'<row r="{row}"><c r="{corner}"><v>1</v></c></row>'
            xml = xml.replace(b"</sheetData>", far.encode() + b"</sheetData>")
        return xml
    return edit


def set_cell_value(ref: str, raw: str) -> Edit:
    """Cell `ref`'s <v> replaced by `raw` as the XML holds it ('1e308', 'inf', '1.2E+29')."""
    def edit(xml: bytes) -> bytes:
        return re.sub(rf'(<c r="{ref}"[^>]*>)<v>[^<]*</v>'.encode(), rf"\g<1><v>{raw}</v>".encode(), xml)
    return edit


def xfd_workbook() -> bytes:
    """The fuzzer's 23 KB killer: a cell at XFD1048576, so calamine asks for 512 GiB and aborts."""
    return edit_member(sound_workbook(), INOVASI_XML, declare_area("A1:XFD1048576"))


def date_cell(raw: str) -> bytes:
    """Tanggal Penerapan (a date-styled cell) holding `raw`: calamine panics converting it."""
    return edit_member(sound_workbook(1), INOVASI_XML, set_cell_value("K2", raw))


def huge_count() -> bytes:
    """1.2e29 in Jumlah Replikasi: more than a BIGINT holds."""
    return edit_member(sound_workbook(1), INOVASI_XML, set_cell_value("S2", "1.2E+29"))


def flip_compressed_bytes(data: bytes, rng: random.Random, flips: int = 3) -> bytes:
    """Flip bytes inside a member's compressed data (past the local header): zlib.error, a bad
    CRC, or garbage XML."""
    starts = [m.start() for m in re.finditer(rb"PK\x03\x04", data)]
    if not starts:
        return data
    start = rng.choice(starts)
    name_len, extra_len = struct.unpack_from("<HH", data, start + 26)
    body = start + 30 + name_len + extra_len
    mutable = bytearray(data)
    for _ in range(flips):
        at = min(len(mutable) - 1, body + rng.randrange(0, 200))
        mutable[at] ^= 1 << rng.randrange(8)
    return bytes(mutable)


def future_zip_version(data: bytes) -> bytes:
    """'version needed to extract' 20.6 in the central directory: NotImplementedError in zipfile."""
    at = data.index(b"PK\x01\x02")
    return data[:at + 6] + struct.pack("<H", 206) + data[at + 8:]


# ---- the fuzzer: seeded mutants of every kind the fuzzer of issue 12 used ---------------------
EXTREME_NUMBERS = ["1e308", "-1e308", "inf", "-inf", "nan", "1.2E+29", "-1.2E+29", "9.2233720368547758E+18",
                   "4.9E-324", "1E+15", "-0", "2958466", "-1", "99999999999999999999", "0x10", ""]
NUMBER_CELLS = ["J2", "K2", "O2", "P2", "Q2", "S2", "T2", "A2", "J3", "S3"]  # dates, money, counts, No
SHEETS = ["xl/worksheets/sheet1.xml", INOVASI_XML, "xl/worksheets/sheet3.xml"]


def _edit_xml(rng: random.Random) -> Edit:
    def edit(xml: bytes) -> bytes:
        kind = rng.randrange(6)
        at = rng.randrange(len(xml))
        if kind == 0:  # truncated part
            return xml[:at]
        if kind == 1:  # a span removed
            return xml[:at] + xml[at + rng.randrange(1, 400):]
        if kind == 2:  # a span repeated
            span = xml[at:at + rng.randrange(1, 400)]
            return xml[:at] + span * rng.randrange(2, 50) + xml[at:]
        if kind == 3:  # cell types changed: t="s" -> date, error, bool, inline string
            return xml.replace(b't="s"', rng.choice([b't="d"', b't="e"', b't="b"', b't="inlineStr"', b't="n"']),
                               rng.randrange(1, 40))
        if kind == 4:  # references mangled
            return re.sub(rb'r="([A-Z]+)(\d+)"', lambda m: rng.choice(
                [b'r="' + m[1] + b'0"', b'r="' + m[1] + b'-5"', b'r="AAAA' + m[2] + b'"', b'r=""', m[0]]), xml)
        return xml.replace(b"<v>", rng.choice([b"<v>-", b"<v>1e", b"<v>\xff\xfe", b"<v>&#0;"]), rng.randrange(1, 30))
    return edit


def _break_shared_strings(rng: random.Random) -> tuple[str, Edit]:
    kind = rng.randrange(4)
    if kind == 0:  # cells point past the end of the table
        return INOVASI_XML, lambda xml: re.sub(rb'(t="s"><v>)\d+', lambda m: m[1] + str(
            rng.choice([99999, -1, 2**40])).encode(), xml, count=rng.randrange(1, 30))
    if kind == 1:  # entries removed
        return "xl/sharedStrings.xml", lambda xml: re.sub(rb"<si>.*?</si>", b"", xml, count=rng.randrange(1, 60))
    if kind == 2:  # declared counts absurd
        return "xl/sharedStrings.xml", lambda xml: re.sub(rb'(count|uniqueCount)="\d+"',
                                                          rb'\1="4294967295999"', xml)
    return "xl/sharedStrings.xml", lambda xml: xml[:rng.randrange(len(xml))]  # truncated


def _huge_area(rng: random.Random) -> Edit:
    column = rng.choice(["X", "ZZ", "AAA", "XFD", "ZZZZ"])
    row = rng.choice([30, 19999, 20001, 100000, 1048576, 99999999999])
    return declare_area(f"A1:{column}{row}", with_cell=rng.random() < 0.5)


def mutant(rng: random.Random, base: bytes) -> tuple[str, bytes]:
    """One mutant of `base` and the name of its kind."""
    kind = rng.choice(["flip", "xml", "number", "area", "shared"])
    if kind == "flip":
        return kind, flip_compressed_bytes(base, rng, rng.randrange(1, 6))
    if kind == "xml":
        return kind, edit_member(base, rng.choice(SHEETS), _edit_xml(rng))
    if kind == "number":
        edits = [set_cell_value(rng.choice(NUMBER_CELLS), rng.choice(EXTREME_NUMBERS))
                 for _ in range(rng.randrange(1, 4))]
        return kind, edit_member(base, INOVASI_XML, lambda xml: _apply(edits, xml))
    if kind == "area":
        return kind, edit_member(base, INOVASI_XML, _huge_area(rng))
    member, edit = _break_shared_strings(rng)
    return kind, edit_member(base, member, edit)


def _apply(edits: list[Edit], xml: bytes) -> bytes:
    for edit in edits:
        xml = edit(xml)
    return xml
