"""Badge layouts are data: assets/badges/<name>.json, read into frozen records.

Positions and sizes are millimetres from the badge's top-left corner (as in a
drawing program); font sizes are points. A sheet places one or more badges on a
page ("slots", also in mm) and may ask for cut marks. See assets/badges/README.md.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

LAYOUT_DIR = Path(__file__).resolve().parent.parent.parent / "assets" / "badges"
ELEMENT_TYPES = ("rect", "text", "band", "qr")
TEXT_DEFAULTS = {"font": "regular", "size": 12.0, "min_size": 6.0, "max_lines": 1, "leading": 1.1,
                 "align": "left", "valign": "top", "colour": "ink", "transform": "", "one_line_ratio": 1.0,
                 "pad_x": 0.0, "pad_y": 0.0, "above": "", "gap": 1.0, "not_larger_than": ()}
QR_DEFAULTS = {"colour": "#000000", "level": "M", "mask": 0, "quiet": 4, "min_module": 0.5, "snap_dpi": 203, "align": "center"}


class LayoutError(ValueError):
    pass


@dataclass(frozen=True)
class Box:
    """A rectangle in mm, origin top-left."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, other: Box, tolerance: float = 1e-6) -> bool:
        return (other.x >= self.x - tolerance and other.y >= self.y - tolerance
                and other.right <= self.right + tolerance and other.bottom <= self.bottom + tolerance)

    def overlaps(self, other: Box) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)


@dataclass(frozen=True)
class Element:
    id: str
    type: str
    box: Box
    value: str = ""
    props: dict = field(default_factory=dict)

    def __getitem__(self, key: str):
        return self.props[key]


@dataclass(frozen=True)
class CutMarks:
    from_edge: float = 3.0
    length: float = 6.0
    cross: float = 2.5
    width_pt: float = 0.3


@dataclass(frozen=True)
class Sheet:
    width: float
    height: float
    slots: tuple[tuple[float, float], ...]
    cut_marks: CutMarks | None = None


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    width: float
    height: float
    margin: float
    media: str
    sheet: Sheet
    fonts: dict[str, str]
    colours: dict[str, str]
    categories: dict[str, dict[str, str]]
    elements: tuple[Element, ...]

    def colour(self, ref: str, category: str = "participant") -> str:
        """A colour by reference: '#RRGGBB', a name from 'colours', or 'category.fill'/'category.text'."""
        if ref.startswith("#"):
            return ref
        if ref.startswith("category."):
            return self.categories[category][ref.split(".", 1)[1]]
        return self.colours[ref]

    @property
    def safe_area(self) -> Box:
        return Box(self.margin, self.margin, self.width - 2 * self.margin, self.height - 2 * self.margin)


def layout_names() -> list[str]:
    return sorted(p.stem for p in LAYOUT_DIR.glob("*.json"))


@lru_cache(maxsize=None)
def load_layout(name: str) -> Layout:
    """A shipped layout by name ('a6'), or a layout file by path."""
    path = Path(name) if name.endswith(".json") else LAYOUT_DIR / f"{name}.json"
    if not path.exists():
        raise LayoutError(f"unknown badge layout {name!r}; available: {', '.join(layout_names())}")
    return parse_layout(_read(path), path.stem)


def _read(path: Path) -> dict:
    """The layout's data; "extends": "a6" starts from another shipped layout's keys."""
    data = json.loads(path.read_text(encoding="utf-8"))
    base = data.pop("extends", None)
    return {**_read(LAYOUT_DIR / f"{base}.json"), "sheet": None, **data} if base else data


def parse_layout(data: dict, name: str) -> Layout:
    try:
        layout = _parse(data, name)
    except (KeyError, TypeError, ValueError) as error:
        raise LayoutError(f"badge layout {name!r}: {error!r}") from error
    _check(layout)
    return layout


def _parse(data: dict, name: str) -> Layout:
    badge = data["badge"]
    sheet = data.get("sheet") or {"width": badge["width"], "height": badge["height"], "slots": [[0, 0]]}
    marks = sheet.get("cut_marks")
    return Layout(
        name=data.get("name", name), title=data.get("title", name),
        width=float(badge["width"]), height=float(badge["height"]), margin=float(data.get("margin", 0)),
        media=data.get("media", ""),
        sheet=Sheet(float(sheet["width"]), float(sheet["height"]),
                    tuple((float(x), float(y)) for x, y in sheet["slots"]),
                    CutMarks(**marks) if marks else None),
        fonts=dict(data["fonts"]), colours=dict(data["colours"]), categories=dict(data["categories"]),
        elements=tuple(_element(e) for e in data["elements"]),
    )


def _element(data: dict) -> Element:
    kind = data["type"]
    if kind not in ELEMENT_TYPES:
        raise ValueError(f"element {data.get('id')!r} has unknown type {kind!r}")
    defaults = {"text": TEXT_DEFAULTS, "band": TEXT_DEFAULTS, "qr": QR_DEFAULTS,
                "rect": {"fill": "paper", "radius": 0.0}}[kind]
    props = {**defaults, **{k: v for k, v in data.items() if k not in ("id", "type", "x", "y", "w", "h", "value")}}
    box = Box(float(data["x"]), float(data["y"]), float(data["w"]), float(data["h"]))
    return Element(data["id"], kind, box, data.get("value", ""), props)


def _check(layout: Layout) -> None:
    badge = Box(0, 0, layout.width, layout.height)
    for element in layout.elements:
        area = layout.safe_area if element.type in ("text", "qr") else badge
        if not area.contains(element.box):
            raise LayoutError(f"{layout.name}: element {element.id!r} lies outside the "
                              f"{'safe area' if area is not badge else 'badge'}")
        if element.type in ("text", "band") and element["font"] not in layout.fonts:
            raise LayoutError(f"{layout.name}: element {element.id!r} uses unknown font {element['font']!r}")
        if element.type in ("text", "band"):
            _check_references(layout, element)
    page = Box(0, 0, layout.sheet.width, layout.sheet.height)
    for x, y in layout.sheet.slots:
        if not page.contains(Box(x, y, layout.width, layout.height)):
            raise LayoutError(f"{layout.name}: a badge slot at ({x}, {y}) lies outside the sheet")


def _check_references(layout: Layout, element: Element) -> None:
    """"above" and "not_larger_than" name a text drawn before: its size and place are known by then."""
    earlier = {e.id for e in layout.elements[:layout.elements.index(element)] if e.type in ("text", "band")}
    for ref in [*element["not_larger_than"], *([element["above"]] if element["above"] else [])]:
        if ref not in earlier:
            raise LayoutError(f"{layout.name}: element {element.id!r} refers to {ref!r}, "
                              "which is not a text drawn before it")


def relative_luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two '#RRGGBB' colours (1 to 21)."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
