"""File bundles: sync with no network at all (a USB stick between kiosks).

A bundle is one header line in clear (format, event id, origin, vector, number of changes: what a
kiosk needs to pick the key and to know what it gets, nothing personal), then sealed frames: each a
4-byte length and an AES-GCM box of raw-deflated change lines, one line per change. A frame's nonce
carries its number and whether it is the last, and every frame is bound to the header, so frames
cannot be dropped, reordered, moved between bundles, or cut off at the end unnoticed.

Reading is bounded whatever the file holds: the header line, a frame and what one frame inflates
to all have limits that are checked before the bytes are taken in, and an old unsealed (gzip)
bundle is refused from its first bytes, never inflated. Every frame is opened once before
anything is applied, so a damaged, cut or foreign bundle changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from kiosk.core.model import Change
from kiosk.storage.journal import decode_payload

from .files import open_for_reading
from .sealing import NONCE_BYTES, Sealer, SealError

FORMAT = "fruchthalle-kiosk-bundle/2"
OLD_FORMATS = ("fruchthalle-kiosk-bundle/1",)
BATCH = 50_000  # changes per transaction on import
MAX_HEADER = 1 << 20  # a header names every kiosk of the event in its vector
MAX_FRAME = 16 << 20  # sealed bytes of one frame (the writer makes about 1 MiB)
MAX_FRAME_TEXT = 64 << 20  # what one frame may inflate to (the writer puts in about 4 MiB)
_FRAME_TEXT = 4 << 20
_BLOCK_LINES, _BLOCK_BYTES = 5_000, 1 << 20
_LENGTH = struct.Struct(">I")
_GZIP_MAGIC = b"\x1f\x8b"
_PREFIX_BYTES = NONCE_BYTES - 5  # the rest of a nonce: 4 bytes frame number, 1 byte "last frame"

Row = tuple[str, str, int, str, str, str]  # id, origin, seq, stamp, kind, payload as JSON text

# A change line as written: the first five fields plain, then the payload's JSON as the journal holds it.
_LINE = re.compile(r'\["([^"\\]*)",\s*"([^"\\]*)",\s*(\d+),\s*"([^"\\]*)",\s*"([^"\\]*)",\s*(\{.*\})\]\s*\Z', re.S)
_LINE_MATCH = _LINE.match
_PLAIN = re.compile(r'[^"\\\x00-\x1f]*\Z')


class BundleError(Exception):
    """The bundle cannot be used; nothing was changed."""


@dataclass(frozen=True)
class BundleSummary:
    origin: str
    changes: int
    applied: int = 0


def _line(row: Row) -> str:
    change_id, origin, seq, stamp, kind, payload = row
    if _PLAIN.match(change_id + origin + stamp + kind):
        return f'["{change_id}","{origin}",{seq},"{stamp}","{kind}",{payload}]'
    return json.dumps([change_id, origin, seq, stamp, kind, json.loads(payload)], ensure_ascii=False,
                      separators=(",", ":"))


def _change(line: bytes) -> Change:
    text = line.decode("utf-8")
    match = _LINE_MATCH(text)
    if match:
        change_id, origin, seq, stamp, kind, payload = match.groups()
        return Change(change_id, origin, int(seq), stamp, kind, decode_payload(payload), payload)
    change_id, origin, seq, stamp, kind, payload = json.loads(text)
    if not isinstance(payload, dict) or not isinstance(seq, int):
        raise ValueError("not a change")
    return Change(change_id, origin, seq, stamp, kind, payload)


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + number.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


# -- writing ---------------------------------------------------------------------------------------
class _FrameWriter:
    """Deflates text into frames of about _FRAME_TEXT and seals each as it is complete."""

    def __init__(self, out: BinaryIO, sealer: Sealer, header_line: bytes, prefix: bytes) -> None:
        self.out, self.sealer, self.prefix = out, sealer, prefix
        self.context = hashlib.sha256(header_line).digest()
        self.deflate = zlib.compressobj(3, zlib.DEFLATED, -15)
        self.pending: list[bytes] = []
        self.text_in_frame = 0
        self.number = 0

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.pending.append(self.deflate.compress(data))
        self.text_in_frame += len(data)
        if self.text_in_frame >= _FRAME_TEXT:
            self._frame(zlib.Z_SYNC_FLUSH, last=False)

    def close(self) -> None:
        self._frame(zlib.Z_FINISH, last=True)

    def _frame(self, flush: int, last: bool) -> None:
        self.pending.append(self.deflate.flush(flush))
        box = self.sealer.seal(_nonce(self.prefix, self.number, last), b"".join(self.pending), self.context)
        self.out.write(_LENGTH.pack(len(box)))
        self.out.write(box)
        self.pending, self.text_in_frame = [], 0
        self.number += 1


def write_bundle(path: Path, sealer: Sealer, origin: str, vector: dict[str, int], count: int,
                 rows: Iterable[Row]) -> BundleSummary:
    """Write `count` journal rows to `path` (callers write through kiosk.outputs.atomic_output, so the
    file appears under its own name only when complete)."""
    prefix = os.urandom(_PREFIX_BYTES)
    header = json.dumps({"format": FORMAT, "event": sealer.event_id, "origin": origin, "vector": vector,
                         "changes": count, "nonce": prefix.hex()}).encode() + b"\n"
    with open(path, "wb") as out:
        out.write(header)
        frames = _FrameWriter(out, sealer, header, prefix)
        written = _write_lines(frames, rows)
        frames.close()
    if written != count:
        raise RuntimeError(f"journal changed during export: {written} of {count} changes")
    return BundleSummary(origin, count)


def _write_lines(frames: _FrameWriter, rows: Iterable[Row]) -> int:
    written, lines, size = 0, [], 0
    for row in rows:
        line = _line(row)
        lines.append(line)
        size += len(line)
        if len(lines) == _BLOCK_LINES or size >= _BLOCK_BYTES:
            frames.write("\n".join(lines) + "\n")
            written += len(lines)
            lines, size = [], 0
    if lines:
        frames.write("\n".join(lines) + "\n")
        written += len(lines)
    return written


# -- reading ---------------------------------------------------------------------------------------
SealerFor = Callable[[str], Sealer]  # the event id a bundle names -> its sealer, or BundleError


@dataclass(frozen=True)
class Bundle:
    """A bundle whose every frame has been opened once: its changes can be read batch by batch."""

    path: Path
    event_id: str
    origin: str
    vector: dict[str, int]
    count: int
    _header_line: bytes
    _sealer: Sealer

    def batches(self, size: int = BATCH) -> Iterator[list[Change]]:
        batch: list[Change] = []
        seen = 0
        for line in self._lines():
            seen += 1
            if seen > self.count:
                raise BundleError(f"{self.path.name}: holds more changes than its header says; nothing more was taken")
            batch.append(_change(line))
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch
        if seen != self.count:
            raise BundleError(f"{self.path.name}: holds {seen} of {self.count} changes; copy it again")

    def _lines(self) -> Iterator[bytes]:
        inflate = zlib.decompressobj(-15)
        rest = b""
        with _opened(self.path) as source:
            source.seek(len(self._header_line))
            for text in _frames(source, self._sealer, self._header_line, self.path.name):
                text = inflate.decompress(text, MAX_FRAME_TEXT)
                if inflate.unconsumed_tail:
                    raise BundleError(f"{self.path.name}: a frame inflates to more than "
                                      f"{MAX_FRAME_TEXT >> 20} MiB; the bundle is not one this kiosk wrote")
                text = rest + text
                cut = text.rfind(b"\n") + 1
                if cut:
                    yield from text[:cut - 1].split(b"\n")
                rest = text[cut:]
                if len(rest) > MAX_FRAME_TEXT:
                    raise BundleError(f"{self.path.name}: a change is longer than {MAX_FRAME_TEXT >> 20} MiB")
        if rest:
            yield rest


def _opened(path: Path) -> BinaryIO:
    return open_for_reading(path, "a bundle", BundleError)


def _frames(source: BinaryIO, sealer: Sealer, header_line: bytes, name: str) -> Iterator[bytes]:
    """The opened frames after the header, in order; the last one marked so, and nothing after it."""
    context = hashlib.sha256(header_line).digest()
    prefix = bytes.fromhex(json.loads(header_line)["nonce"])
    number = 0
    while True:
        size = source.read(_LENGTH.size)
        if len(size) < _LENGTH.size:
            raise BundleError(f"{name}: cut short (its last part is missing); copy it again")
        (length,) = _LENGTH.unpack(size)
        if length > MAX_FRAME:
            raise BundleError(f"{name}: a part of {length} bytes is larger than any bundle this kiosk writes "
                              f"({MAX_FRAME >> 20} MiB); damaged or not a kiosk bundle")
        box = source.read(length)
        if len(box) < length:
            raise BundleError(f"{name}: cut short; copy it again")
        for last in (False, True):
            try:
                text = sealer.open(_nonce(prefix, number, last), box, context)
                break
            except SealError:
                continue
        else:
            raise BundleError(f"{name}: part {number + 1} does not open with this event's key: the bundle was "
                              "changed or damaged after export")
        yield text
        number += 1
        if last:
            if source.read(1):
                raise BundleError(f"{name}: has data after its end; damaged or changed after export")
            return


def _refuse_gzip(source: BinaryIO, name: str) -> None:
    """Bundles before sealing were gzip files: say so, from the first few KiB inflated at most."""
    start = zlib.decompressobj(wbits=31).decompress(source.read(1 << 12), 1 << 12)
    if any(start.startswith(b'{"format": "%s"' % old.encode()) for old in OLD_FORMATS):
        raise BundleError(f"{name}: written by an older version of the kiosk, without encryption; "
                          "export it again on a kiosk with this version")
    raise BundleError(f"{name}: not a kiosk bundle (a compressed file of something else)")


def _header(source: BinaryIO, name: str) -> tuple[bytes, dict]:
    start = source.read(2)
    if start == _GZIP_MAGIC:
        source.seek(0)
        try:
            _refuse_gzip(source, name)
        except zlib.error:
            raise BundleError(f"{name}: not a kiosk bundle, or damaged; copy it again") from None
    line = start + source.readline(MAX_HEADER)
    try:
        if not line.endswith(b"\n"):
            raise ValueError("no header line")
        header = json.loads(line)
        if not isinstance(header, dict):
            raise ValueError("not a header")
        if header.get("format") in OLD_FORMATS:
            raise BundleError(f"{name}: written by an older version of the kiosk, without encryption; "
                              "export it again on a kiosk with this version")
        if header.get("format") != FORMAT:
            raise ValueError("another format")
        bytes.fromhex(header["nonce"])
        header["vector"] = {str(k): int(v) for k, v in header["vector"].items()}
        if not isinstance(header["changes"], int) or not isinstance(header["event"], str):
            raise ValueError("bad header")
    except BundleError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise BundleError(f"{name}: not a kiosk bundle, or damaged; copy it again") from None
    return line, header


def read_bundle(path: Path, sealer_for: SealerFor) -> Bundle:
    """Check a bundle whole: its header, then every frame opened with the event's key."""
    with _opened(path) as source:
        header_line, header = _header(source, path.name)
        sealer = sealer_for(header["event"])
        for _ in _frames(source, sealer, header_line, path.name):
            pass
    return Bundle(path, header["event"], str(header["origin"]), header["vector"], header["changes"],
                  header_line, sealer)
