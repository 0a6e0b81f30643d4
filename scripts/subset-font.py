#!/usr/bin/env python3
"""Build the CJK font the printed documents embed: crates/print/fonts/FrontdeskSansSC.otf.

Source: Noto Sans CJK SC Regular (SIL Open Font License 1.1), face 2 of
NotoSansCJK-Regular.ttc from Debian's fonts-noto-cjk 1:20220127+repack1-1
(`apt-get install fonts-noto-cjk`). Tool: fontTools 4.60.1 (`pip install
fonttools==4.60.1`). Run from the repository root:

    python3 scripts/subset-font.py

Character set: every Han character GBK encodes (20,902, which covers GB2312's
6,763 and the name characters GB2312 lacks, such as 玥 堃 喆 婧), ASCII,
Latin-1, CJK punctuation, full-width forms, and the symbols a slip prints
(¥ ￥ ① … ⑳ ★ ✓ □ ■). Outlines stay CFF, desubroutinized: printpdf subsets
per document and a desubroutinized CFF subset is the smallest embedded form
(see docs/ARCHITECTURE.md, "Printed documents"). Layout features and hinting
are dropped (nothing is shaped; poppler and printers rasterise unhinted CFF
well). The output is deterministic for the same inputs.
"""
import hashlib
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE_SC = 2  # 0 is the Japanese face; 2 is Simplified Chinese
OUT = pathlib.Path("crates/print/fonts/FrontdeskSansSC.otf")


def charset() -> str:
    chars = set(chr(c) for c in range(0x20, 0x7F))  # ASCII
    chars |= set(chr(c) for c in range(0xA0, 0x100))  # Latin-1 (¥ × ÷ ·)
    for cp in range(0x4E00, 0xA000):  # CJK Unified Ideographs GBK encodes
        ch = chr(cp)
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            continue
        chars.add(ch)
    for cp in range(0x3000, 0x3040):  # CJK symbols and punctuation
        chars.add(chr(cp))
    for cp in range(0xFF01, 0xFF5F):  # full-width forms
        chars.add(chr(cp))
    for cp in range(0x2460, 0x2474):  # ① … ⑳
        chars.add(chr(cp))
    chars |= set("￥•·—–‘’“”…※€√×÷±≤≥←→↑↓□■○●◎★☆✓℃％№")
    return "".join(sorted(chars))


def main() -> int:
    if not SOURCE.exists():
        print(f"missing {SOURCE}: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 1
    options = subset.Options()
    options.font_number = FACE_SC
    options.layout_features = []
    options.hinting = False
    options.desubroutinize = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = subset.load_font(str(SOURCE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=charset())
    subsetter.subset(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(OUT), options)
    check = TTFont(str(OUT))
    cmap = check.getBestCmap()
    missing = [c for c in charset() if ord(c) not in cmap]
    data = OUT.read_bytes()
    print(f"{OUT}: {len(data)} bytes, {len(cmap)} characters, sha256 {hashlib.sha256(data).hexdigest()}")
    if missing:
        print(f"not in the source font: {''.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
