#!/usr/bin/env python3
"""Renders a tmux `capture-pane -e -p` capture (text with SGR sequences) to a PNG.

    screenshots-render.py CAPTURE.ans WIDTH HEIGHT OUT.png

The capture is fed to pyte (a terminal emulator in Python) at the pane's size, and each cell is
drawn with Pillow in a monospace font (DejaVu Sans Mono, with a CJK font as fallback when one is
installed) using the 16-colour xterm palette on a dark background. No browser needed.
"""
import re
import sys
import unicodedata

import pyte
from PIL import Image, ImageDraw, ImageFont

BACKGROUND = (24, 26, 33)
FOREGROUND = (220, 223, 228)
# xterm's default 16 colours, slightly softened for a dark background.
PALETTE = {
    "black": (40, 42, 54), "red": (230, 90, 90), "green": (120, 200, 120), "brown": (225, 190, 90),
    "blue": (110, 150, 240), "magenta": (200, 130, 220), "cyan": (100, 200, 210), "white": (220, 223, 228),
    "brightblack": (110, 115, 130), "brightred": (255, 120, 120), "brightgreen": (150, 230, 150),
    "brightbrown": (255, 220, 120), "brightblue": (140, 180, 255), "brightmagenta": (230, 160, 250),
    "brightcyan": (140, 230, 240), "brightwhite": (255, 255, 255),
}
FONT_SIZE = 16
FONTS = {
    "regular": ["/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"],
    "bold": ["/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"],
    "fallback": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
}


def load(kind):
    for path in FONTS[kind]:
        try:
            return ImageFont.truetype(path, FONT_SIZE)
        except OSError:
            continue
    return None


def colour(name, default):
    if name == "default":
        return default
    if name in PALETTE:
        return PALETTE[name]
    if len(name) == 6:  # pyte gives 256-colour and true colours as hex
        try:
            return tuple(int(name[i:i + 2], 16) for i in (0, 2, 4))
        except ValueError:
            pass
    return default


def covers(font, character):
    try:
        return font.getmask(character).getbbox() is not None or character.isspace()
    except Exception:
        return False


def main():
    capture, width, height, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    with open(capture, encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    # pyte ignores SGR 2 (dim), which the browser uses for secondary text. Blink is otherwise
    # unused, so dim is carried as blink (5) and drawn dim below; 22 ends both, as it ends dim.
    def carry_dim(match):
        params = match.group(1).split(";") if match.group(1) else ["0"]
        mapped = []
        i = 0
        while i < len(params):
            p = params[i]
            if p in ("38", "48"):  # extended colour: 5;n or 2;r;g;b follow, copied as they are
                count = 5 if i + 1 < len(params) and params[i + 1] == "2" else 3
                mapped.extend(params[i:i + count])
                i += count
                continue
            mapped.append({"2": "5", "22": "22;25"}.get(p, p))
            i += 1
        return "\x1b[" + ";".join(mapped) + "m"
    text = re.sub(r"\x1b\[([0-9;]*)m", carry_dim, text)
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    # capture-pane ends lines with LF only; a terminal needs CR LF.
    lines = text.split("\n")
    stream.feed("\r\n".join(lines[:height]))

    regular = load("regular")
    bold = load("bold") or regular
    fallback = load("fallback")
    if regular is None:
        sys.exit("screenshots-render: DejaVu Sans Mono is missing (apt-get install fonts-dejavu-core)")
    left, top, right, bottom = regular.getbbox("M")
    cell_w = int(round(regular.getlength("M")))
    ascent, descent = regular.getmetrics()
    cell_h = ascent + descent + 2
    padding = 12
    image = Image.new("RGB", (width * cell_w + 2 * padding, height * cell_h + 2 * padding), BACKGROUND)
    draw = ImageDraw.Draw(image)

    for y in range(height):
        row = screen.buffer[y]
        x = 0
        while x < width:
            char = row[x]
            data = char.data
            wide = data and unicodedata.east_asian_width(data[0]) in ("W", "F")
            span = 2 if wide and x + 1 < width else 1
            fg = colour(char.fg, FOREGROUND)
            bg = colour(char.bg, BACKGROUND)
            if char.bold and char.fg in PALETTE and not char.fg.startswith("bright"):
                fg = PALETTE.get("bright" + char.fg, fg)
            if char.reverse:
                fg, bg = bg, fg
            px, py = padding + x * cell_w, padding + y * cell_h
            if bg != BACKGROUND:
                draw.rectangle([px, py, px + span * cell_w - 1, py + cell_h - 1], fill=bg)
            if data and data != " ":
                font = bold if char.bold else regular
                if fallback is not None and not covers(font, data[0]):
                    font = fallback
                if char.blink:  # dim, carried as blink (see above): halfway to the background
                    fg = tuple((2 * a + b) // 3 for a, b in zip(fg, bg))
                draw.text((px, py + 1), data, font=font, fill=fg)
            if char.underscore:
                draw.line([px, py + cell_h - 2, px + span * cell_w - 1, py + cell_h - 2], fill=fg)
            x += span
    image.save(out)


if __name__ == "__main__":
    main()
