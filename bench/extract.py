"""Extraction throughput against jieba's posseg, measured in one run on the same text.

    python bench/extract.py [--mb 50]

The bundled gazette is repeated until it reaches --mb megabytes; govkg's
whole pipeline (segmentation, extractors, resolution) and jieba's part-of-
speech pass (the usual offline way to find person names, tag `nr`) each read
it once. The figure that matters is the ratio, not the seconds: both run in
the same process on the same machine.
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZETTE = ROOT / "data" / "gazettes" / "dongcheng-gazette-2020-01.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the repeated text in MB")
    args = parser.parse_args()

    from ingest.pipeline import extract_texts
    from ingest.text import Text

    one = GAZETTE.read_text("utf-8")
    copies = max(1, round(args.mb * 1e6 / len(one.encode("utf-8"))))
    big = "\n".join([one] * copies)
    size = len(big.encode("utf-8")) / 1e6
    print(f"text: {copies} copies of {GAZETTE.name}, {size:.1f} MB")

    start = time.perf_counter()
    extraction = extract_texts([Text.from_string(big, "bench")])
    govkg_s = time.perf_counter() - start
    print(f"govkg   {size / govkg_s:8.2f} MB/s  {len(extraction.facts):>8} facts  ({govkg_s:.1f} s)")

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    start = time.perf_counter()
    names = sum(1 for w in jieba.posseg.cut(big) if w.flag == "nr")
    jieba_s = time.perf_counter() - start
    print(f"jieba   {size / jieba_s:8.2f} MB/s  {names:>8} nr tags ({jieba_s:.1f} s)")
    print(f"ratio   govkg is {jieba_s / govkg_s:.1f}x jieba posseg's throughput")


if __name__ == "__main__":
    main()
