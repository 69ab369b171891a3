"""Draw the home-screen icons (PNG) from the same shapes as backstride/logo.svg.

Run after changing the logo: `.venv/bin/python scripts/make_icons.py`. The PNGs are
committed (a few KB each), so serving the app never needs this script or a converter.
Drawn with Pillow at 4x and scaled down for smooth edges. The maskable icon keeps the
arrow inside the central 80 % "safe zone", since launchers crop it to their own shape.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "src/backstride/web/core/static/backstride"
GREEN, WHITE, YELLOW = "#0f5c4a", "#ffffff", "#ffd166"


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    """The logo at `size` px: a rounded green square with a white chevron and yellow bar
    (the 32-unit coordinates of logo.svg, scaled)."""
    big = size * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=GREEN)
        scale, offset = big * 0.7 / 32, big * 0.15
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 8 / 32, fill=GREEN)
        scale, offset = big / 32, 0.0

    def at(x: float, y: float) -> tuple[float, float]:
        return (offset + x * scale, offset + y * scale)

    width = round(3.5 * scale)
    pen.line([at(20, 8), at(11, 16), at(20, 24)], fill=WHITE, width=width, joint="curve")
    pen.line([at(11, 16), at(25, 16)], fill=YELLOW, width=width)
    for x, y, colour in ((20, 8, WHITE), (20, 24, WHITE), (11, 16, YELLOW), (25, 16, YELLOW)):
        cx, cy = at(x, y)
        pen.ellipse((cx - width / 2, cy - width / 2, cx + width / 2, cy + width / 2), fill=colour)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    for name, size, maskable in (
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
        ("apple-touch-icon.png", 180, True),
    ):
        path = STATIC / name
        draw(size, maskable=maskable).save(path, optimize=True)
        print(f"{path.relative_to(STATIC.parents[5])}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
