"""Synthetic camera frames of our own badges, printed invitations and e-tickets on phones, for the
camera scanner's tests and benchmark (tests/bench/bench_camera.py). Pillow only; deterministic by seed.

A card (the badge as the kiosk prints it, drawn by pdftoppm; an invitation; a phone showing an
e-ticket) is held in front of a 1280x720 camera: turned out of the plane by up to 30 degrees,
rolled by up to 35, the code 3.3 to 8 px per module, somewhere inside the preview's guide. Each
frame then gets one kind of trouble on top of the mild ones every frame has (lens softness,
uneven light, sensor noise, the MJPEG compression of a USB camera):

  tilt    20-30 degrees out of the plane
  blur    defocus, Gaussian radius 1.1-1.9 px
  jpeg    quality 12-30
  dim     a dark corner of the hall: 25-45 % exposure, twice the noise
  bright  overexposed 1.5-2x: white clips, black turns grey
  glare   a lamp's reflection across the code (glossy badge holder, phone glass)

A phone screen is drawn as its pixels are: red, green and blue stripes with dark gaps, passed by
the lens at about half their contrast and resampled by the sensor (at twice its resolution, then
averaged), which makes the moire a camera sees; the screen glows brighter than paper and its glass
always reflects a little.
"""

from __future__ import annotations

import io
import math
import random
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from kiosk.badges.qr import qr_matrix

FRAME = (1280, 720)
FOCAL = 914  # px: a 70 degree webcam at 1280 wide
KINDS = ("tilt", "blur", "jpeg", "dim", "bright", "glare")
FONTS = Path(__file__).resolve().parents[1] / "assets" / "fonts"


@dataclass(frozen=True)
class Card:
    image: Image.Image  # RGB
    code: str
    source: str  # badge, invitation, phone
    qr_centre: tuple[float, float]  # in card pixels
    module: float  # card pixels per QR module


@dataclass(frozen=True)
class Shot:
    image: Image.Image  # RGB, FRAME
    code: str
    source: str
    kind: str


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


# -- cards ----------------------------------------------------------------------------------------
@lru_cache(maxsize=32)
def badge_card(event, guest, layout_name: str = "a6", dpi: int = 200) -> Card:
    """The badge exactly as the kiosk prints it (kiosk.badges), rasterised in colour."""
    from kiosk.badges import load_layout, render
    from kiosk.core.codes import sign_badge_token

    rendered = render(event, [guest], load_layout(layout_name))
    qr = rendered.placements[0]["qr"]
    with tempfile.TemporaryDirectory() as scratch:
        pdf = Path(scratch) / "badge.pdf"
        pdf.write_bytes(rendered.pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-singlefile", "-png", str(pdf),
                        str(pdf.with_suffix(""))],
                       check=True, timeout=60)
        image = Image.open(pdf.with_suffix(".png")).convert("RGB")
    px = dpi / 25.4
    centre = ((qr.ink.x + qr.ink.w / 2) * px, (qr.ink.y + qr.ink.h / 2) * px)
    return Card(image, sign_badge_token(event.secret, event.id, guest.id), "badge", centre, qr.size * px)


def _draw_qr(draw: ImageDraw.ImageDraw, code: str, left: float, top: float, module: float, ink) -> None:
    matrix = qr_matrix(code)
    for row, col, length in matrix.runs():
        draw.rectangle([left + col * module, top + row * module, left + (col + length) * module - 1,
                        top + (row + 1) * module - 1], fill=ink)


def invitation_card(code: str, name: str = "Dr. Jana Beispiel") -> Card:
    """A printed invitation letter (A5 landscape at 6 px/mm) with the ticket's QR code."""
    image = Image.new("RGB", (1260, 888), (250, 248, 241))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 1260, 110], fill=(18, 52, 77))
    draw.text((60, 30), "Netzwerktreffen Mittelstand-Digital", font=font(44, True), fill="white")
    draw.text((60, 170), "Einladung", font=font(56, True), fill=(22, 25, 29))
    for line, text in enumerate((f"Sehr geehrte/r {name},", "wir freuen uns auf Ihren Besuch in der",
                                 "Fruchthalle Kaiserslautern. Bitte zeigen Sie", "diesen Code am Eingang.")):
        draw.text((60, 270 + line * 52), text, font=font(32), fill=(40, 44, 52))
    module = 8.0
    size = qr_matrix(code).size * module
    left, top = 1260 - 90 - size, 330
    _draw_qr(draw, code, left, top, module, (16, 16, 16))
    draw.text((left, top + size + 30), code, font=font(22), fill=(74, 85, 98))
    return Card(image, code, "invitation", (left + size / 2, top + size / 2), module)


def phone_card(code: str, rng: random.Random) -> Card:
    """A phone showing an e-ticket: the screen drawn as red, green and blue subpixel stripes."""
    screen = Image.new("RGB", (360, 760), (255, 255, 255))
    draw = ImageDraw.Draw(screen)
    draw.rectangle([0, 0, 360, 90], fill=rng.choice([(31, 95, 160), (176, 38, 29), (15, 107, 76)]))
    draw.text((24, 28), "e-Ticket", font=font(30, True), fill="white")
    draw.text((24, 120), "Netzwerktreffen 2026", font=font(22, True), fill=(22, 25, 29))
    draw.text((24, 156), "Fruchthalle · Tag 1–3", font=font(18), fill=(74, 85, 98))
    module = 12.0
    size = qr_matrix(code).size * module
    left, top = (360 - size) / 2, 230
    _draw_qr(draw, code, left, top, module, (0, 0, 0))
    draw.text((40, top + size + 40), code, font=font(18), fill=(74, 85, 98))
    # the lens passes the subpixel grid at about half its contrast: moire, not black-and-white stripes
    stripes = _subpixels(screen).filter(ImageFilter.GaussianBlur(0.6))
    bezel = 3 * 22
    phone = Image.new("RGB", (stripes.width + 2 * bezel, stripes.height + 2 * bezel + 90), (18, 18, 22))
    phone.paste(stripes, (bezel, bezel + 45))
    centre = (bezel + 3 * (left + size / 2), bezel + 45 + 3 * (top + size / 2))
    return Card(phone, code, "phone", centre, 3 * module)


def _subpixels(screen: Image.Image) -> Image.Image:
    """Each pixel as three vertical stripes (red, green, blue) with a dark gap row below them."""
    big = screen.resize((screen.width * 3, screen.height * 3), Image.Resampling.NEAREST)
    mask = Image.new("RGB", (3, 3), (0, 0, 0))
    for x, colour in enumerate(((255, 40, 40), (40, 255, 40), (40, 40, 255))):
        for y in (0, 1):
            mask.putpixel((x, y), colour)
    tiles = Image.new("RGB", big.size)
    row = Image.new("RGB", (big.width, 3))
    for x in range(0, big.width, 3):
        row.paste(mask, (x, 0))
    for y in range(0, big.height, 3):
        tiles.paste(row, (0, y))
    return ImageChops.multiply(big, tiles).point(lambda v: min(255, int(v * 3.0)))  # the screen glows


# -- the camera -----------------------------------------------------------------------------------
def shoot(card: Card, kind: str, rng: random.Random) -> Shot:
    scene = _background(rng)
    corners, qr_corners = _pose(card, kind, rng)
    _place(scene, card, corners, sharp=card.source != "phone")
    scene = _light(scene, rng)
    if kind == "glare" or card.source == "phone":
        scene = _glare(scene, qr_corners, rng, strong=kind == "glare")
    softness = rng.uniform(1.1, 1.9) if kind == "blur" else rng.uniform(0.4, 0.8)
    scene = scene.filter(ImageFilter.GaussianBlur(softness))
    scene = _expose(scene, kind, rng)
    scene = _noise(scene, rng, 5.0 if kind == "dim" else 2.5)
    scene = _jpeg(scene, rng.randint(12, 30) if kind == "jpeg" else rng.randint(75, 90))
    return Shot(scene, card.code, card.source, kind)


def empty_scene(rng: random.Random) -> Image.Image:
    """What the camera sees between guests."""
    return _jpeg(_noise(_light(_background(rng), rng), rng, 2.5), 85)


def _background(rng: random.Random) -> Image.Image:
    base = tuple(rng.randint(40, 170) for _ in range(3))
    scene = Image.new("RGB", FRAME, base)
    texture = Image.frombytes("L", (FRAME[0] // 8, FRAME[1] // 8), rng.randbytes(FRAME[0] * FRAME[1] // 64))
    texture = texture.resize(FRAME, Image.Resampling.BICUBIC).point(lambda v: 128 + (v - 128) // 6)
    return ImageChops.add(scene, Image.merge("RGB", (texture,) * 3), 1.0, -128)


def _pose(card: Card, kind: str, rng: random.Random):
    """Where the card's corners and its QR code land in the frame: a rotation in 3D, then a pinhole."""
    tilt = math.radians(rng.uniform(20, 30) if kind == "tilt" else rng.uniform(0, 30))
    direction, roll = rng.uniform(0, 2 * math.pi), math.radians(rng.uniform(-35, 35))
    scale = rng.uniform(3.3, 8.0) / card.module  # frame px per card px (in the plane, at the centre)
    qx, qy = card.qr_centre
    w, h = card.image.size
    ax, ay = tilt * math.cos(direction), tilt * math.sin(direction)
    for _ in range(50):
        shift = (rng.uniform(-140, 140), rng.uniform(-70, 70))

        def project(x: float, y: float) -> tuple[float, float]:
            px, py, pz = _rotate((x - qx) * scale, (y - qy) * scale, ax, ay, roll)
            depth = FOCAL + pz
            return FRAME[0] / 2 + shift[0] + FOCAL * px / depth, FRAME[1] / 2 + shift[1] + FOCAL * py / depth

        half = 26 * card.module  # the code with a little room around it stays in the frame
        qr = [project(qx + dx, qy + dy)
              for dx, dy in ((-half, -half), (half, -half), (half, half), (-half, half))]
        if all(8 < x < FRAME[0] - 8 and 8 < y < FRAME[1] - 8 for x, y in qr):
            return [project(x, y) for x, y in ((0, 0), (w, 0), (w, h), (0, h))], qr
    raise AssertionError("no pose keeps the code in the frame")


def _rotate(x: float, y: float, ax: float, ay: float, roll: float) -> tuple[float, float, float]:
    x, y = x * math.cos(roll) - y * math.sin(roll), x * math.sin(roll) + y * math.cos(roll)
    y, z = y * math.cos(ax), y * math.sin(ax)
    x, z = x * math.cos(ay) + z * math.sin(ay), -x * math.sin(ay) + z * math.cos(ay)
    return x, y, z


def _place(scene: Image.Image, card: Card, corners, sharp: bool) -> None:
    image = card.image
    width = max(math.dist(corners[0], corners[1]), math.dist(corners[3], corners[2]))
    if sharp and width * 1.5 < image.width:  # paper: the lens averages; a screen's pixels alias (moire)
        factor = width * 1.5 / image.width
        image = image.resize((max(1, round(image.width * factor)), max(1, round(image.height * factor))),
                             Image.Resampling.BOX)
    source = [(0, 0), (image.width, 0), (image.width, image.height), (0, image.height)]
    # A sensor pixel sums the light over its area: sampled at twice the resolution and averaged,
    # a screen's subpixel grid leaves moire of the strength a camera sees, not full-contrast stripes.
    over = 1 if sharp else 2
    coeffs = _perspective([(x * over, y * over) for x, y in corners], source)
    layer = image.convert("RGBA").transform((FRAME[0] * over, FRAME[1] * over), Image.Transform.PERSPECTIVE,
                                            coeffs, Image.Resampling.BILINEAR).reduce(over)
    scene.paste(layer, (0, 0), layer)


def _perspective(frame_points, card_points) -> list[float]:
    """Pillow's 8 coefficients mapping frame points to card points."""
    rows, rhs = [], []
    for (X, Y), (x, y) in zip(frame_points, card_points):
        rows.append([X, Y, 1, 0, 0, 0, -X * x, -Y * x])
        rhs.append(x)
        rows.append([0, 0, 0, X, Y, 1, -X * y, -Y * y])
        rhs.append(y)
    return _solve(rows, rhs)


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [value] for row, value in zip(a, b)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [v - f * p for v, p in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


def _light(scene: Image.Image, rng: random.Random) -> Image.Image:
    """Uneven light: one side of the frame up to a quarter darker."""
    ramp = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize(FRAME)
    low = rng.uniform(0.75, 0.95)
    shade = ramp.point(lambda v: int(255 * (low + (1 - low) * v / 255)))
    return ImageChops.multiply(scene, Image.merge("RGB", (shade,) * 3))


def _glare(scene: Image.Image, qr_corners, rng: random.Random, strong: bool) -> Image.Image:
    cx = sum(x for x, _ in qr_corners) / 4 + rng.uniform(-60, 60)
    cy = sum(y for _, y in qr_corners) / 4 + rng.uniform(-60, 60)
    radius = math.dist(qr_corners[0], qr_corners[2]) * rng.uniform(0.25, 0.5)
    # 255 in the middle, fading to 0 at the disc's edge (the gradient reaches 181 there)
    spot = Image.radial_gradient("L").point(lambda v: int(255 * max(0.0, 1 - v / 181) ** 1.5))
    size = (max(2, int(radius * 2 * rng.uniform(1.0, 1.8))), max(2, int(radius * 2)))
    spot = spot.resize(size).rotate(rng.uniform(0, 180), expand=True)
    strength = rng.uniform(90, 150) if strong else rng.uniform(30, 70)
    layer = Image.new("L", FRAME, 0)
    layer.paste(spot.point(lambda v: int(v * strength / 255)),
                (int(cx - spot.width / 2), int(cy - spot.height / 2)))
    return ImageChops.add(scene, Image.merge("RGB", (layer,) * 3))


def _expose(scene: Image.Image, kind: str, rng: random.Random) -> Image.Image:
    if kind == "dim":
        gain, gamma = rng.uniform(0.25, 0.45), rng.uniform(1.0, 1.3)
    elif kind == "bright":
        gain, gamma = rng.uniform(1.5, 2.0), rng.uniform(0.7, 0.9)
    else:
        gain, gamma = rng.uniform(0.85, 1.15), 1.0
    return scene.point([min(255, int(255 * gain * (v / 255) ** gamma)) for v in range(256)] * 3)


def _noise(scene: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    noise = Image.frombytes("L", FRAME, rng.randbytes(FRAME[0] * FRAME[1]))
    noise = noise.point(lambda v: 128 + round((v - 128) * sigma / 74))  # uniform noise of that deviation
    return ImageChops.add(scene, Image.merge("RGB", (noise,) * 3), 1.0, -128)


def _jpeg(scene: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    scene.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


# -- into the camera's pixel layout ---------------------------------------------------------------
def nv12(image: Image.Image) -> tuple[bytes, bytes]:
    """The Y plane and the interleaved half-size CbCr plane, in the limited range cameras send."""
    y, cb, cr = image.convert("YCbCr").split()
    y = y.point(lambda v: 16 + v * 219 // 255)
    half = (image.width // 2, image.height // 2)
    cb, cr = (c.resize(half, Image.Resampling.BOX).point(lambda v: 16 + v * 224 // 255) for c in (cb, cr))
    return y.tobytes(), Image.merge("LA", (cb, cr)).tobytes()


def video_frame(image: Image.Image):
    """An NV12 QVideoFrame of the image, as a USB camera delivers it through QtMultimedia."""
    from PySide6.QtCore import QSize
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    frame_format = QVideoFrameFormat(QSize(*image.size), QVideoFrameFormat.PixelFormat.Format_NV12)
    frame_format.setColorRange(QVideoFrameFormat.ColorRange.ColorRange_Video)
    frame = QVideoFrame(frame_format)
    luma, chroma = nv12(image)
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    for plane, data, rows in ((0, luma, image.height), (1, chroma, image.height // 2)):
        stride, width = frame.bytesPerLine(plane), len(data) // rows
        bits = frame.bits(plane)
        for row in range(rows) if stride != width else ():
            bits[row * stride:row * stride + width] = data[row * width:(row + 1) * width]
        if stride == width:
            bits[:len(data)] = data
    frame.unmap()
    return frame


# -- a test set -----------------------------------------------------------------------------------
def ticket_code(rng: random.Random) -> str:
    from kiosk.core.codes import TICKET_ALPHABET, TICKET_LENGTH

    return "".join(rng.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


def sample_cards(rng: random.Random, phones: int = 6, invitations: int = 6) -> list[Card]:
    """Our sample badges in every single-badge layout, invitations and phone tickets."""
    from kiosk.badges.samples import sample_event, sample_guests

    event = sample_event()
    badges = [badge_card(event, guest, layout)
              for guest in sample_guests() for layout in ("a6", "cr80", "label-62")]
    return [*badges, *(invitation_card(ticket_code(rng)) for _ in range(invitations)),
            *(phone_card(ticket_code(rng), rng) for _ in range(phones))]


def frames(count: int, seed: int = 0) -> Iterator[Shot]:
    """`count` frames, one after the other (1280x720 RGB is 2.7 MB each): the cards by turns
    (badge, invitation, phone), each kind as often as the next."""
    rng = random.Random(seed)
    cards = sample_cards(rng)
    sources = ("badge", "invitation", "phone")
    by_source = {source: [c for c in cards if c.source == source] for source in sources}
    for index in range(count):
        pool = by_source[sources[index % 3]]
        yield shoot(pool[rng.randrange(len(pool))], KINDS[(index // 3) % len(KINDS)], rng)
