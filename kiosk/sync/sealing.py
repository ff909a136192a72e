"""Sealing: everything that leaves a kiosk by sync is encrypted and authenticated.

The key is derived from the event secret, which only set-up and enrolled kiosks hold, so a lost
USB stick or a copy of the hub database shows no name, e-mail, secret or PIN hash, and nobody
without the key can make a change that a kiosk accepts.

AES-256-GCM (the `cryptography` package): 0.6 microseconds a journal row on this machine, with a
random 96-bit nonce per sealed piece. Each piece is bound to where it belongs by its associated
data (the event, and the change's id, origin, sequence and stamp; for a bundle frame, the header
and the frame's number), so a sealed payload cannot be moved to another row, event or position.
"""

from __future__ import annotations

import os
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
SEALED_KIND = "sealed"  # what the hub's kind column shows: the real kind travels inside
_KEY_INFO = b"fruchthalle-kiosk sync key v1"


class SealError(Exception):
    """A sealed piece does not open with this event's key: damaged, changed, or another event's."""


class Cipher(Protocol):
    def encrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes: ...
    def decrypt(self, nonce: bytes, data: bytes, associated_data: bytes | None) -> bytes: ...


def sync_key(secret: bytes) -> bytes:
    """The sync key: not the secret itself, which also signs badge tokens."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_INFO).derive(secret)


class Sealer:
    """Seals and opens journal rows (for the hub) and bundle frames under one event's key."""

    def __init__(self, event_id: str, secret: bytes, cipher: Cipher | None = None) -> None:
        self.event_id = event_id
        self.cipher = cipher or AESGCM(sync_key(secret))
        self._head = f"{event_id}\x1f"  # a row's associated data: event, id, origin, sequence, stamp

    # -- bundle frames --------------------------------------------------------------------------
    def seal(self, nonce: bytes, data: bytes, associated: bytes) -> bytes:
        return self.cipher.encrypt(nonce, data, associated)

    def open(self, nonce: bytes, data: bytes, associated: bytes) -> bytes:
        try:
            return self.cipher.decrypt(nonce, data, associated)
        except InvalidTag:
            raise SealError("does not open with this event's key") from None

    # -- journal rows -----------------------------------------------------------------------------
    def seal_rows(self, rows: list[tuple]) -> list[tuple]:
        """(id, origin, seq, stamp, kind, payload) rows as the hub stores them: kind and payload sealed."""
        return [(*row[:4], SEALED_KIND, box) for row, box in zip(rows, self.sealed_boxes(rows))]

    def sealed_boxes(self, rows: list[tuple]) -> list[bytes]:
        """Each row's kind and payload sealed (nonce, then ciphertext and tag), bound to its id, origin,
        sequence and stamp. Raw bytes: the hub stores them as they are (bytea), no base64."""
        nonces = os.urandom(NONCE_BYTES * len(rows))
        encrypt, head = self.cipher.encrypt, self._head
        sealed, start = [], 0
        for change_id, origin, seq, stamp, kind, payload in rows:
            nonce = nonces[start:start + NONCE_BYTES]
            start += NONCE_BYTES
            sealed.append(nonce + encrypt(nonce, f"{kind}\n{payload}".encode(),
                                          f"{head}{change_id}\x1f{origin}\x1f{seq}\x1f{stamp}".encode()))
        return sealed

    def open_rows(self, rows: list[tuple]) -> list[tuple]:
        """The journal rows inside sealed hub rows; SealError names the first that does not open."""
        decrypt, head = self.cipher.decrypt, self._head
        opened = []
        for change_id, origin, seq, stamp, kind, box in rows:
            try:
                if kind != SEALED_KIND or not isinstance(box, bytes):
                    raise ValueError("not sealed")
                plain = decrypt(box[:NONCE_BYTES], box[NONCE_BYTES:],
                                f"{head}{change_id}\x1f{origin}\x1f{seq}\x1f{stamp}".encode())
                real_kind, payload = plain.decode("utf-8").split("\n", 1)
            except (ValueError, InvalidTag, UnicodeDecodeError):
                raise SealError(f"change {seq} of {origin} is not sealed with this event's key") from None
            opened.append((change_id, origin, seq, stamp, real_kind, payload))
        return opened
