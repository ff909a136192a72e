"""File bundles: sync with no network at all (a USB stick between kiosks).

A bundle is gzip-compressed text: a header line, one line per change, and a
last line with an HMAC-SHA256 over everything before it, keyed with the event
secret. Nothing is applied before the whole file has been read and checked, so
a truncated, tampered or foreign bundle changes nothing.

Both directions stream: a million changes are written from the journal's rows and
read back batch by batch, so memory stays flat however big the bundle is. A payload
travels as the JSON text the journal holds; it is parsed, never encoded again.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import re
import zlib
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kiosk.core.model import Change
from kiosk.storage.journal import decode_payload

FORMAT = "fruchthalle-kiosk-bundle/1"
BATCH = 50_000  # changes per transaction on import
_WRITE_LINES = 5_000

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


def write_bundle(path: Path, event_id: str, secret: bytes, origin: str, vector: dict[str, int], count: int,
                 rows: Iterable[Row]) -> BundleSummary:
    """Write `count` journal rows; the file appears under its name only when complete."""
    header = json.dumps({"format": FORMAT, "event": event_id, "origin": origin, "vector": vector,
                         "changes": count})
    signature = hmac.new(secret, digestmod=hashlib.sha256)
    temporary = path.with_name(path.name + ".part")
    written = 0
    with gzip.open(temporary, "wb", compresslevel=3) as out:
        def put(text: str) -> None:
            data = text.encode("utf-8")
            signature.update(data)
            out.write(data)

        put(header + "\n")
        lines: list[str] = []
        for row in rows:
            lines.append(_line(row))
            if len(lines) == _WRITE_LINES:
                put("\n".join(lines) + "\n")
                written += len(lines)
                lines.clear()
        if lines:
            put("\n".join(lines) + "\n")
            written += len(lines)
        out.write(_signature_line(signature.hexdigest()))
    if written != count:
        temporary.unlink()
        raise RuntimeError(f"journal changed during export: {written} of {count} changes")
    temporary.replace(path)
    return BundleSummary(origin, count)


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


@dataclass(frozen=True)
class Bundle:
    """A bundle whose signature has been checked: its changes can be read batch by batch."""

    event_id: str
    origin: str
    vector: dict[str, int]
    count: int
    _compressed: bytes

    def batches(self, size: int = BATCH) -> Iterator[list[Change]]:
        batch: list[Change] = []
        for line in islice(_lines(self._compressed), 1, self.count + 1):  # after the header, before the signature
            batch.append(_change(line))
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch


def _chunks(compressed: bytes, step: int = 1 << 20) -> Iterator[bytes]:
    """The decompressed text, a MiB of input at a time (GzipFile.readline runs Python code per line)."""
    inflate = zlib.decompressobj(wbits=31)  # gzip framing and CRC: a cut or damaged file raises
    for start in range(0, len(compressed), step):
        yield inflate.decompress(compressed[start:start + step])
    if not inflate.eof:
        raise EOFError("compressed file ended before the end-of-stream marker was reached")
    if inflate.unused_data.strip(b"\0"):
        raise zlib.error("data after the end of the bundle")


def _blocks(compressed: bytes) -> Iterator[bytes]:
    """The decompressed text in blocks of whole lines (each ending in a newline); a last line
    without one comes as a block of its own. Callers look at a block whole where they can."""
    rest = b""
    for chunk in _chunks(compressed):
        text = rest + chunk
        cut = text.rfind(b"\n") + 1
        if cut:
            yield text[:cut]
        rest = text[cut:]
    if rest:
        yield rest


def _lines(compressed: bytes) -> Iterator[bytes]:
    """The lines without their newlines."""
    for block in _blocks(compressed):
        yield from block[:-1].split(b"\n") if block.endswith(b"\n") else (block,)


def _event_changes(compressed: bytes) -> list[Change]:
    """The event's own changes (a kiosk with no event yet takes the secret from them)."""
    found = []
    for block in _blocks(compressed):
        if b'"event"' in block:  # rare: most of the file is looked at only by this test
            for line in block.split(b"\n"):
                if b'"event"' in line and not line.startswith(b"{"):
                    change = _change(line)
                    if change.kind == "event":
                        found.append(change)
    return found


SecretFor = Callable[[str, Callable[[], list[Change]]], bytes]


def read_bundle(path: Path, secret_for: SecretFor) -> Bundle:
    """Read and verify a bundle whole. secret_for(event_id, event_changes) returns the secret to check it
    with; event_changes() lists the bundle's event changes, for a kiosk that has no event yet."""
    try:
        compressed = path.read_bytes()
    except FileNotFoundError:
        raise BundleError(f"{path}: no such file") from None
    except OSError as error:
        raise BundleError(f"{path.name}: cannot be read ({error.strerror})") from None
    try:
        header_line = next(_lines(compressed), b"")
        header = json.loads(header_line)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise BundleError(f"{path.name}: not a kiosk bundle")
        event_id, origin, vector = header["event"], header["origin"], header["vector"]
        vector = {str(k): int(v) for k, v in vector.items()}
        secret = secret_for(event_id, lambda: _event_changes(compressed))
        count, expected, signature = _verify_pass(compressed, secret)
    except BundleError:
        raise
    except (OSError, EOFError, zlib.error) as error:
        raise BundleError(f"{path.name}: not a complete bundle ({error}); copy it again") from None
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise BundleError(f"{path.name}: not a kiosk bundle, or damaged or cut short; copy it again") from None
    if count != header.get("changes"):
        raise BundleError(f"{path.name}: holds {count} of {header.get('changes')} changes; copy it again")
    if not isinstance(signature, str) or not hmac.compare_digest(expected, signature):
        raise BundleError(f"{path.name}: the signature does not match: the bundle was changed after export")
    return Bundle(event_id, origin, vector, count, compressed)


def _verify_pass(compressed: bytes, secret: bytes) -> tuple[int, str, object]:
    """The number of change lines, the HMAC of everything before the last line, and the last line's
    signature. The MAC takes whole chunks: only the last line is held back, in case it is the end."""
    mac = hmac.new(secret, digestmod=hashlib.sha256)
    lines = 0
    held = b""
    for block in _blocks(compressed):
        mac.update(held)
        lines += held.count(b"\n")
        held = block
    cut = held.rfind(b"\n", 0, len(held) - 1) + 1  # the last line stays out of the MAC
    mac.update(held[:cut])
    lines += held.count(b"\n", 0, cut)
    held = held[cut:]
    if not held:
        raise ValueError("no signature line")
    signature = json.loads(held)["signature"]
    if held != _signature_line(signature):  # not one byte of the file goes unchecked
        raise ValueError("signature line altered")
    return lines - 1, mac.hexdigest(), signature


def _signature_line(signature: str) -> bytes:
    return json.dumps({"signature": signature}).encode() + b"\n"
