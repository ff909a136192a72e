"""File bundles: sync with no network at all (a USB stick between kiosks).

A bundle is gzip-compressed text: a header line, one line per change, and a
last line with an HMAC-SHA256 over everything before it, keyed with the event
secret. Nothing is applied before the whole file has been read and checked, so
a truncated, tampered or foreign bundle changes nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
import zlib
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.model import Change

FORMAT = "fruchthalle-kiosk-bundle/1"
_BATCH = 5000


class BundleError(Exception):
    """The bundle cannot be used; nothing was changed."""


@dataclass(frozen=True)
class BundleSummary:
    origin: str
    changes: int
    applied: int = 0


def _sign(secret: bytes, body: bytes) -> str:
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def _line(change: Change) -> str:
    return json.dumps([change.id, change.origin, change.seq, change.stamp, change.kind, change.payload],
                      ensure_ascii=False, separators=(",", ":"))


def write_bundle(path: Path, event_id: str, secret: bytes, origin: str, vector: dict[str, int],
                 changes: list[Change]) -> BundleSummary:
    header = json.dumps({"format": FORMAT, "event": event_id, "origin": origin, "vector": vector,
                         "changes": len(changes)})
    body = "\n".join([header, *map(_line, changes)]).encode("utf-8") + b"\n"
    temporary = path.with_name(path.name + ".part")
    with gzip.open(temporary, "wb", compresslevel=3) as out:
        out.write(body)
        out.write(json.dumps({"signature": _sign(secret, body)}).encode() + b"\n")
    temporary.replace(path)
    return BundleSummary(origin, len(changes))


@dataclass(frozen=True)
class Bundle:
    event_id: str
    origin: str
    vector: dict[str, int]
    changes: list[Change]


def read_bundle(path: Path, secret_for: "callable") -> Bundle:
    """Read and verify a bundle. secret_for(event_id, changes) returns the secret to check it with."""
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise BundleError(f"{path}: no such file") from None
    except (OSError, EOFError, zlib.error) as error:
        raise BundleError(f"{path.name}: not a complete bundle ({error}); copy it again") from None
    body, _, signature_line = data.rstrip(b"\n").rpartition(b"\n")
    try:
        signature = json.loads(signature_line)["signature"]
        header_line, _, change_lines = (body + b"\n").partition(b"\n")
        header = json.loads(header_line)
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise BundleError(f"{path.name}: not a kiosk bundle")
        changes = [Change(*json.loads(line)) for line in change_lines.splitlines() if line]
        event_id, origin, vector = header["event"], header["origin"], header["vector"]
        vector = {str(k): int(v) for k, v in vector.items()}
    except BundleError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise BundleError(f"{path.name}: not a kiosk bundle, or damaged or cut short; copy it again") from None
    if len(changes) != header.get("changes"):
        raise BundleError(f"{path.name}: holds {len(changes)} of {header.get('changes')} changes; copy it again")
    secret = secret_for(event_id, changes)
    if not isinstance(signature, str) or not hmac.compare_digest(_sign(secret, body + b"\n"), signature):
        raise BundleError(f"{path.name}: the signature does not match: the bundle was changed after export")
    return Bundle(event_id, origin, vector, changes)


def batches(changes: list[Change], size: int = _BATCH):
    for start in range(0, len(changes), size):
        yield changes[start:start + size]
