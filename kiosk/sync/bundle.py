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
import io
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kiosk.core.model import Change

FORMAT = "fruchthalle-kiosk-bundle/1"
BATCH = 50_000  # changes per transaction on import
_WRITE_LINES = 5_000

Row = tuple[str, str, int, str, str, str]  # id, origin, seq, stamp, kind, payload as JSON text

# A change line as written: the first five fields plain, then the payload's JSON as the journal holds it.
_LINE = re.compile(r'\["([^"\\]*)",\s*"([^"\\]*)",\s*(\d+),\s*"([^"\\]*)",\s*"([^"\\]*)",\s*(\{.*\})\]\s*\Z', re.S)
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
        out.write(json.dumps({"signature": signature.hexdigest()}).encode() + b"\n")
    if written != count:
        temporary.unlink()
        raise RuntimeError(f"journal changed during export: {written} of {count} changes")
    temporary.replace(path)
    return BundleSummary(origin, count)


def _change(line: bytes) -> Change:
    text = line.decode("utf-8")
    match = _LINE.match(text)
    if match:
        change_id, origin, seq, stamp, kind, payload = match.groups()
        return Change(change_id, origin, int(seq), stamp, kind, json.loads(payload), payload)
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
        for line in _change_lines(self._compressed):
            batch.append(_change(line))
            if len(batch) == size:
                yield batch
                batch = []
        if batch:
            yield batch


def _lines(compressed: bytes) -> Iterator[bytes]:
    with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as handle:
        yield from handle


def _parts(compressed: bytes) -> Iterator[tuple[str, bytes]]:
    """Each line as ('header' | 'change' | 'blank' | 'signature', line): the signature is the last
    line that is not blank, so a line can only be told once the next one has been read."""
    held: list[bytes] = []  # the last non-blank line so far, and the blank lines after it
    seen_header = False
    for line in _lines(compressed):
        if not line.strip():
            if held:
                held.append(line)
            continue
        if held:
            first, *blanks = held
            yield ("change" if seen_header else "header"), first
            seen_header = True
            for blank in blanks:
                yield "blank", blank
        held = [line]
    if held:
        yield "signature", held[0]


def _change_lines(compressed: bytes) -> Iterator[bytes]:
    return (line for part, line in _parts(compressed) if part == "change")


def _event_changes(compressed: bytes) -> list[Change]:
    return [change for line in _change_lines(compressed) if b'"event"' in line
            for change in (_change(line),) if change.kind == "event"]


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
    """The number of change lines, the HMAC of everything before the signature, and the signature."""
    mac = hmac.new(secret, digestmod=hashlib.sha256)
    changes = 0
    signature_line = None
    for part, line in _parts(compressed):
        if part == "signature":
            signature_line = line
            break
        mac.update(line)
        changes += part == "change"
    if signature_line is None:
        raise ValueError("no signature line")
    return changes, mac.hexdigest(), json.loads(signature_line)["signature"]
