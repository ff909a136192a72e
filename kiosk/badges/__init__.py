"""Name badges as PDF: layouts are data (assets/badges/*.json), drawn with ReportLab.

    pdf = render_badges(event, guests, "a6", lang="de")

`render` gives the PDF plus what was drawn where (for tests and previews).
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.core.model import Event, Guest

from .layout import Box, Layout, LayoutError, contrast_ratio, layout_names, load_layout
from .render import Drawn, Placement, Progress, Rendered, render
from .variables import VARIABLES, badge_values

__all__ = ["Box", "Drawn", "Layout", "LayoutError", "Placement", "Rendered", "VARIABLES", "badge_values",
           "contrast_ratio", "layout_names", "load_layout", "render", "render_badges"]


def render_badges(event: Event, guests: Iterable[Guest], layout_name: str = "a6", lang: str = "de",
                  progress: Progress | None = None) -> bytes:
    """One PDF with a badge for every guest, laid out as `layout_name` describes."""
    return render(event, guests, load_layout(layout_name), lang, progress).pdf
