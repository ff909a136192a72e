"""QR module matrices for badge tokens, fast.

qrcode's `make()` spends most of its time searching the best of eight masks and
in a recursive Reed-Solomon division. Badges need neither: any mask is valid
(ISO/IEC 18004 lets the encoder choose), so the mask is fixed per layout, and the
error correction runs as a table-driven LFSR. The fixed parts of a symbol
(finder, timing and alignment patterns, format and version information) come
from qrcode itself, once per (version, level, mask), so the output is
module-for-module what qrcode would draw with the same mask (a test checks this).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from qrcode import base, util
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q
from qrcode.main import QRCode

LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
_DARK_RUN = re.compile("1+")
_ALNUM = {c: i for i, c in enumerate(util.ALPHA_NUM.decode())}


@dataclass(frozen=True)
class QrMatrix:
    """A square of modules without quiet zone, one string per row: "1" dark, "0" light."""

    rows: tuple[str, ...]
    version: int

    @property
    def size(self) -> int:
        return len(self.rows)

    def dark(self, row: int, col: int) -> bool:
        return self.rows[row][col] == "1"

    def path_operators(self) -> str:
        """PDF 're' operators for the dark row runs, in module units, row 0 at y=0 (y grows down)."""
        ops = []
        for r, row in enumerate(self.rows):
            at_row = f" {r} "
            for run in _DARK_RUN.finditer(row):
                start, end = run.span()
                ops.append(f"{start}{at_row}{end - start} 1 re")
        return " ".join(ops)

    def runs(self) -> list[tuple[int, int, int]]:
        """Horizontal runs of dark modules as (row, first column, length)."""
        return [(r, m.start(), m.end() - m.start()) for r, row in enumerate(self.rows)
                for m in _DARK_RUN.finditer(row)]


@dataclass(frozen=True)
class _Template:
    size: int
    blank: str  # row-major, "1" dark: function patterns drawn, data modules "0"
    mask: str  # the mask bit of every data module, in placement order
    gather: Callable  # picks row-major modules from blank + data (C speed, no Python loop)
    blocks: tuple[tuple[int, int], ...]  # (data codewords, ecc codewords) per block


class _BlankRecorder(QRCode):
    """Lets qrcode lay out everything except the data, then keeps the result."""

    def map_data(self, data, mask_pattern):
        self.blank = [list(row) for row in self.modules]


def qr_matrix(text: str, level: str = "M", mask: int = 0) -> QrMatrix:
    ec = LEVELS[level]
    segments = _segments(text)
    version = _smallest_version(segments, ec)
    template = _template(version, ec, mask)
    codewords = _codewords(segments, version, template.blocks)
    return QrMatrix(_place(template, codewords), version)


def _segments(text: str) -> tuple[int, int, list[tuple[int, int]]]:
    """(mode, character count, [(value, bit length)...]) in the most compact single mode."""
    if text.isascii() and text.isdigit():
        groups = [text[i:i + 3] for i in range(0, len(text), 3)]
        return util.MODE_NUMBER, len(text), [(int(g), 3 * len(g) + 1) for g in groups]
    if text and all(c in _ALNUM for c in text):
        bits = [(_ALNUM[text[i]] * 45 + _ALNUM[text[i + 1]], 11) for i in range(0, len(text) - 1, 2)]
        if len(text) % 2:
            bits.append((_ALNUM[text[-1]], 6))
        return util.MODE_ALPHA_NUM, len(text), bits
    data = text.encode("utf-8")
    return util.MODE_8BIT_BYTE, len(data), [(b, 8) for b in data]


def _smallest_version(segments, ec: int) -> int:
    mode, count, bits = segments
    payload = 4 + sum(length for _, length in bits)
    for version in range(1, 41):
        needed = payload + util.length_in_bits(mode, version)
        if needed <= util.BIT_LIMIT_TABLE[ec][version]:
            return version
    raise ValueError("text too long for a QR code")


def _codewords(segments, version: int, blocks) -> list[int]:
    mode, count, bits = segments
    capacity = sum(d for d, _ in blocks) * 8
    stream = [(mode, 4), (count, util.length_in_bits(mode, version)), *bits]
    text = "".join(format(value, f"0{length}b") for value, length in stream)
    text += "0" * min(4, capacity - len(text))
    text += "0" * (-len(text) % 8)
    data = [int(text[i:i + 8], 2) for i in range(0, len(text), 8)]
    data += [util.PAD0 if i % 2 == 0 else util.PAD1 for i in range(capacity // 8 - len(data))]
    return _interleave(data, blocks)


def _interleave(data: list[int], blocks) -> list[int]:
    split, offset = [], 0
    for data_count, ecc_count in blocks:
        chunk = data[offset:offset + data_count]
        split.append((chunk, _ecc(chunk, ecc_count)))
        offset += data_count
    out = []
    for part in (0, 1):
        longest = max(len(pair[part]) for pair in split)
        out += [pair[part][i] for i in range(longest) for pair in split if i < len(pair[part])]
    return out


def _ecc(data: list[int], count: int) -> list[int]:
    """Reed-Solomon remainder over GF(256): an LFSR held in one integer, a table row per step."""
    products = _generator_products(count)
    shift, keep = 8 * (count - 1), (1 << 8 * count) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & keep) ^ products[byte ^ (remainder >> shift)]
    return list(remainder.to_bytes(count, "big"))


@lru_cache(maxsize=None)
def _generator_products(count: int) -> tuple[int, ...]:
    """For every byte f: f times the generator polynomial of `count` ECC codewords, as one integer."""
    poly = base.Polynomial([1], 0)
    for i in range(count):
        poly = poly * base.Polynomial([1, base.gexp(i)], 0)
    logs = [base.glog(c) for c in list(poly)[1:]]
    exp, log = base.EXP_TABLE, base.LOG_TABLE
    rows = [bytes(count)] + [bytes(exp[(log[f] + g) % 255] for g in logs) for f in range(1, 256)]
    return tuple(int.from_bytes(row, "big") for row in rows)


def _place(template: _Template, codewords: list[int]) -> tuple[str, ...]:
    """Data bits in placement order, masked (one XOR), then gathered into row-major order."""
    count = len(template.mask)
    bits = int.from_bytes(bytes(codewords), "big") << (count - 8 * len(codewords))
    data = format(bits ^ int(template.mask, 2), f"0{count}b")
    modules = "".join(template.gather(template.blank + data))
    size = template.size
    return tuple(modules[i:i + size] for i in range(0, size * size, size))


@lru_cache(maxsize=None)
def _template(version: int, ec: int, mask: int) -> _Template:
    recorder = _BlankRecorder(version=version, error_correction=ec, mask_pattern=mask, border=0)
    recorder.add_data("")
    recorder.makeImpl(False, mask)
    blank = recorder.blank
    size = len(blank)
    order = _placement_order(blank)
    flips = util.mask_func(mask)
    source = {(r, c): size * size + k for k, (r, c) in enumerate(order)}
    picks = [source.get((r, c), r * size + c) for r in range(size) for c in range(size)]
    blocks = tuple((b.data_count, b.total_count - b.data_count) for b in base.rs_blocks(version, ec))
    return _Template(size, "".join("1" if m else "0" for row in blank for m in row),
                     "".join("1" if flips(r, c) else "0" for r, c in order), itemgetter(*picks), blocks)


def _placement_order(blank) -> list[tuple[int, int]]:
    """The zig-zag walk of ISO 18004 §7.7.3 over the free modules (as qrcode's map_data)."""
    size, order, upward = len(blank), [], True
    col = size - 1
    while col > 0:
        if col == 6:
            col -= 1
        rows = range(size - 1, -1, -1) if upward else range(size)
        order += [(r, c) for r in rows for c in (col, col - 1) if blank[r][c] is None]
        upward = not upward
        col -= 2
    return order
