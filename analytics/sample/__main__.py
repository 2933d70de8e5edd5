"""Entry point of `python -m analytics.sample` (see main)."""

from __future__ import annotations

from collections.abc import Sequence

from analytics.sample.flawed_examples import write_flawed_workbooks
from analytics.sample.settings import SAMPLE_DATA
from analytics.sample.untidy_examples import write_untidy_workbooks
from analytics.sample.workbooks import write_sample_workbooks


def main(argv: Sequence[str] | None = None) -> None:
    """python -m analytics.sample [FOLDER]: rewrite the committed examples; sample workbooks to FOLDER."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    print(f"{len(write_flawed_workbooks(SAMPLE_DATA / 'contoh-salah'))} flawed examples")
    print(f"{len(write_untidy_workbooks(SAMPLE_DATA / 'contoh-rapi-tidak'))} untidy example reports")
    if args:
        print(f"{len(write_sample_workbooks(args[0]))} sample workbooks in {args[0]}")


if __name__ == "__main__":
    main()
