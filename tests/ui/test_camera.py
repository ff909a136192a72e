"""The camera scan source on its own: synthetic camera frames (tests/camera_frames.py) go into its
QVideoSink as QtMultimedia's camera would put them there, and are read on the decoder's thread."""

from __future__ import annotations

import io
import logging
import random
from concurrent.futures import Executor, Future

import pytest
from camera_frames import badge_card, invitation_card, nv12, phone_card, shoot, ticket_code, video_frame
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat
from ui_support import FakeMonotonic

from kiosk.ui.camera.decoding import LUM
from kiosk.ui.camera.luminance import frame_samples
from kiosk.ui.camera.source import CameraScanner, decode_frame
from kiosk.ui.tasks import Tasks

F = QVideoFrameFormat.PixelFormat


class StillFeed:
    """Stands in for the camera: the test puts the frames into the sink itself."""

    started = 0

    def start(self) -> None:
        self.started += 1

    def stop(self) -> None:
        self.started -= 1


class HeldExecutor(Executor):
    """Keeps every job waiting until the test finishes it: a decode that takes its time."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Future, object, tuple]] = []

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        self.jobs.append((future, fn, args))
        return future

    def finish_all(self) -> None:
        for future, fn, args in self.jobs:
            future.set_result(fn(*args))
        self.jobs.clear()


@pytest.fixture(scope="module")
def shots():
    """One frame of each kind of card, each with its own trouble."""
    from kiosk.badges.samples import sample_event, sample_guests

    rng = random.Random(16)
    cards = [badge_card(sample_event(), sample_guests()[1], "a6"), invitation_card(ticket_code(rng)),
             phone_card(ticket_code(rng), rng)]
    return [shoot(card, kind, rng) for card, kind in zip(cards, ("tilt", "dim", "glare"))]


def scanner_with(executor: Executor | None = None, monotonic=None, feed=None) -> CameraScanner:
    scanner = CameraScanner(Tasks(executor), lambda device, sink: feed, monotonic or FakeMonotonic())
    scanner.use("test-camera")
    scanner.start()
    return scanner


def test_frames_put_into_the_sink_are_read_on_the_worker(qtbot, shots):
    scanner = scanner_with(feed=StillFeed())
    read = []
    scanner.scanned.connect(read.append)
    for shot in shots:
        with qtbot.waitSignal(scanner.decoded, timeout=5000):
            scanner.sink.setVideoFrame(video_frame(shot.image))
    assert read == [shot.code for shot in shots]
    assert [shot.source for shot in shots] == ["badge", "invitation", "phone"]


def test_one_decode_at_a_time_frames_arriving_meanwhile_are_dropped(qtbot, shots):
    held = HeldExecutor()
    scanner = scanner_with(held, feed=StillFeed())
    read = []
    scanner.scanned.connect(read.append)
    frames = [video_frame(shot.image) for shot in shots]
    for frame in frames:
        scanner.sink.setVideoFrame(frame)
    assert len(held.jobs) == 1 and scanner.frames_dropped == 2
    with qtbot.waitSignal(scanner.decoded, timeout=5000):
        held.finish_all()
    assert read == [shots[0].code]  # the frame that was being decoded, not the dropped ones
    scanner.sink.setVideoFrame(video_frame(shots[2].image))  # the decoder is free again: the next is read
    assert len(held.jobs) == 1
    with qtbot.waitSignal(scanner.decoded, timeout=5000):
        held.finish_all()
    assert read == [shots[0].code, shots[2].code]


def test_a_code_in_view_counts_once_and_again_after_two_seconds_out_of_view(qtbot, shots):
    clock = FakeMonotonic()
    scanner = scanner_with(monotonic=clock, feed=StillFeed())
    read = []
    scanner.scanned.connect(read.append)
    badge, ticket = shots[0].image, shots[1].image

    def show(image, seconds_later: float) -> None:
        clock.advance(seconds_later)
        with qtbot.waitSignal(scanner.decoded, timeout=5000):
            scanner.sink.setVideoFrame(video_frame(image))  # each frame a new one, as a camera's

    for _ in range(4):  # held up for three seconds: still in view, no second scan
        show(badge, 1.0)
    for _ in range(2):  # the partner's ticket and the lanyard badge, both in view by turns
        show(ticket, 0.5)
        show(badge, 0.5)
    assert read == [shots[0].code, shots[1].code]
    show(Image.new("RGB", badge.size, (128, 128, 120)), 1.0)  # both gone from view...
    show(Image.new("RGB", badge.size, (120, 128, 128)), 1.5)
    show(badge, 0.1)  # ...for 2.6 s: the badge counts again
    assert read == [shots[0].code, shots[1].code, shots[0].code]


def planes(image: Image.Image, pixel_format: F) -> list[bytes]:
    """The image in a camera pixel layout, plane by plane, rows without padding."""
    y, cb, cr = (band.tobytes() for band in image.convert("YCbCr").split())
    half = [b.resize((image.width // 2, image.height // 2), Image.Resampling.BOX).tobytes()
            for b in image.convert("YCbCr").split()[1:]]
    if pixel_format == F.Format_NV12:
        return list(nv12(image))
    if pixel_format == F.Format_YUV420P:
        return [y, *half]
    if pixel_format in (F.Format_YUYV, F.Format_UYVY):
        luma_first = pixel_format == F.Format_YUYV
        packed = bytearray()
        for i in range(0, len(y), 2):
            u, v = cb[i], cr[i]
            packed += bytes((y[i], u, y[i + 1], v) if luma_first else (u, y[i], v, y[i + 1]))
        return [bytes(packed)]
    if pixel_format == F.Format_P010:  # ten bits in the top of each little-endian 16-bit word
        return [b"".join(bytes((0, value)) for value in y), bytes(len(y))]
    if pixel_format == F.Format_RGBA8888:
        return [image.convert("RGBA").tobytes()]
    return [image.tobytes("raw", {F.Format_BGRX8888: "BGRX", F.Format_RGBX8888: "RGBX"}[pixel_format])]


def frame_in(image: Image.Image, pixel_format: F) -> QVideoFrame:
    frame = QVideoFrame(QVideoFrameFormat(QSize(*image.size), pixel_format))
    assert frame.map(QVideoFrame.MapMode.WriteOnly)
    for plane, data in enumerate(planes(image, pixel_format)):
        stride, rows = frame.bytesPerLine(plane), frame.mappedBytes(plane) // frame.bytesPerLine(plane)
        width, bits = len(data) // rows, frame.bits(plane)
        for row in range(rows):
            bits[row * stride:row * stride + width] = data[row * width:(row + 1) * width]
    frame.unmap()
    return frame


@pytest.mark.parametrize("pixel_format, pix_stride", [
    (F.Format_NV12, 1), (F.Format_YUV420P, 1), (F.Format_YUYV, 2), (F.Format_UYVY, 2), (F.Format_P010, 2),
    (F.Format_BGRX8888, 4), (F.Format_RGBX8888, 4), (F.Format_RGBA8888, 4)])
def test_every_camera_pixel_layout_is_read_where_it_lies(qapp, shots, pixel_format, pix_stride):
    frame = frame_in(shots[0].image, pixel_format)
    assert frame.map(QVideoFrame.MapMode.ReadOnly)
    samples = frame_samples(frame)
    assert (samples.pix_stride, samples.row_stride) == (pix_stride, frame.bytesPerLine(0))
    assert (samples.image_format == LUM) == (pix_stride <= 2)  # YUV: brightness as it is; RGB: zxing weighs
    frame.unmap()
    assert [read.text for read in decode_frame(frame)] == [shots[0].code]


def test_a_motion_jpeg_frame_is_decoded_through_qimage(qapp, shots):
    """USB cameras send 720p at 30 frames a second as MJPEG: the one layout that is converted."""
    encoded = io.BytesIO()
    shots[1].image.save(encoded, "JPEG", quality=85)
    jpeg = encoded.getvalue()
    frame = QVideoFrame(QVideoFrameFormat(QSize(*shots[1].image.size), F.Format_Jpeg))
    assert frame.map(QVideoFrame.MapMode.WriteOnly) and frame.mappedBytes(0) >= len(jpeg)
    frame.bits(0)[:len(jpeg)] = jpeg
    frame.unmap()
    assert [read.text for read in decode_frame(frame)] == [shots[1].code]


def test_no_camera_chosen_or_connected_means_no_preview_and_no_error(qtbot, caplog):
    chosen = CameraScanner(Tasks(), lambda device, sink: None, FakeMonotonic())
    changes = []
    chosen.live_changed.connect(changes.append)
    chosen.start()  # none chosen
    assert not chosen.live and changes == [False]
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.camera.source"):
        chosen.use("unplugged-camera")
    assert not chosen.live and changes == [False, False]
    assert caplog.messages == ["the chosen camera is not connected; scanning with the hand scanner only"]
    feed = StillFeed()
    plugged = scanner_with(feed=feed)
    assert plugged.live and feed.started == 1
    plugged.failed("device disconnected")  # unplugged while running
    assert not plugged.live and feed.started == 0
