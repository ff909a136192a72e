"""Enrolment: how a new kiosk gets the event's keys, the one thing sync never carries.

An enrolment file holds the event id, the event secret and the staff PIN hash, sealed with
AES-256-GCM under a key that scrypt derives from a passphrase (2^17 rounds, 128 MiB: about half a
second to try one passphrase here, so a generated one of 100 bits cannot be guessed, and a chosen
one of 12 characters is slow to). Without the passphrase the file shows only that it is one.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.storage.keys import EventKeys

from .files import open_for_reading

FORMAT = "fruchthalle-kiosk-enrolment/1"
MIN_PASSPHRASE = 12
MAX_FILE = 64 << 10
_SCRYPT = {"n": 2**17, "r": 8, "p": 1}
_MAX_SCRYPT_N = 2**20  # a file may ask for more work, within reason
_PASSPHRASE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWX"  # no 0/O, 1/I, Y/Z: read aloud and typed by hand


class EnrolmentError(Exception):
    """The enrolment cannot be written or read; nothing was changed."""


@dataclass(frozen=True)
class Enrolment:
    keys: EventKeys
    event_name: str


def new_passphrase() -> str:
    """Five groups of four: 98 random bits, easy to copy from the staff screen."""
    chars = "".join(secrets.choice(_PASSPHRASE_ALPHABET) for _ in range(20))
    return "-".join(chars[i:i + 4] for i in range(0, 20, 4))


def check_passphrase(passphrase: str) -> str:
    passphrase = passphrase.strip()
    if len(passphrase) < MIN_PASSPHRASE:
        raise EnrolmentError(f"the passphrase must have at least {MIN_PASSPHRASE} characters "
                             f"(it has {len(passphrase)})")
    return passphrase


def _key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _context(kdf: dict) -> bytes:
    return json.dumps({"format": FORMAT, "kdf": kdf}, sort_keys=True).encode()


def seal_enrolment(enrolment: Enrolment, passphrase: str) -> bytes:
    passphrase = check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    kdf = {"name": "scrypt", "salt": salt.hex(), **_SCRYPT}
    plain = json.dumps({"event_id": enrolment.keys.event_id, "event_name": enrolment.event_name,
                        "secret": enrolment.keys.secret.hex(), "staff_pin_hash": enrolment.keys.staff_pin_hash})
    box = AESGCM(_key(passphrase, salt, **_SCRYPT)).encrypt(nonce, plain.encode(), _context(kdf))
    return json.dumps({"format": FORMAT, "kdf": kdf, "nonce": nonce.hex(),
                       "sealed": base64.b64encode(box).decode("ascii")}, indent=1).encode() + b"\n"


def open_enrolment(path: Path, passphrase: str) -> Enrolment:
    data = _read(path)
    try:
        outer = json.loads(data)
        if not isinstance(outer, dict) or outer.get("format") != FORMAT:
            raise ValueError("another format")
        kdf = outer["kdf"]
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if kdf.get("name") != "scrypt" or not (2**14 <= n <= _MAX_SCRYPT_N and 1 <= r <= 32 and 1 <= p <= 4):
            raise ValueError("key derivation out of range")
        salt, nonce = bytes.fromhex(kdf["salt"]), bytes.fromhex(outer["nonce"])
        box = base64.b64decode(outer["sealed"], validate=True)
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise EnrolmentError(f"{path.name}: not a kiosk enrolment file, or damaged") from None
    try:
        plain = AESGCM(_key(passphrase.strip(), salt, n, r, p)).decrypt(nonce, box, _context(kdf))
    except InvalidTag:
        raise EnrolmentError(f"{path.name}: the passphrase is wrong, or the file was changed") from None
    inner = json.loads(plain)
    keys = EventKeys(inner["event_id"], bytes.fromhex(inner["secret"]), inner.get("staff_pin_hash", ""))
    return Enrolment(keys, inner.get("event_name", ""))


def _read(path: Path) -> bytes:
    with open_for_reading(path, "an enrolment file", EnrolmentError) as source:
        data = source.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise EnrolmentError(f"{path.name}: too large for an enrolment file (more than {MAX_FILE} bytes)")
    return data
