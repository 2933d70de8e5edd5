"""The workbook side: from a file as people send it to checked records, before anything is stored.

- `contract`: the data contract as code (sheets, columns, vocabularies, aliases);
- `values`: cell parsers (dates, money, yes/no, kecamatan, NIP...); `units`: the unit list and
  unit-name resolution;
- `workbook`: safe opening (size, type, encryption, macros, zip bombs); `sheets`: finding headers and
  reading columns; `validation`: every check, one `WorkbookResult` per file; `model`: issues and results;
- `template` and `petunjuk`: the Excel template handed out and its instructions sheet;
- `ingest`: many files checked in worker processes, then handed to a store.
"""
