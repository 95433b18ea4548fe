"""The join link's QR code: a real PNG that shows exactly segno's code for the URL, dark modules on
a light background with a quiet zone, big enough for a projector, built once per URL."""

from __future__ import annotations

import struct
import zlib

import segno

from ui.room_qr import qr_png

URL = "http://192.168.1.20:8501/join?room=K7Q2XP"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def read_png(data: bytes) -> list[list[int]]:
    """Grey levels (0 black .. 255 white) of a non-interlaced greyscale or palette PNG, any bit depth
    up to 8: enough of the format to read back what segno writes, checking every chunk's CRC."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    pos, chunks = 8, []
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    assert colour in (0, 3) and depth in (1, 2, 4, 8) and interlace == 0
    palette = next((body for kind, body in chunks if kind == b"PLTE"), b"")
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = (width * depth + 7) // 8
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - 1] if i else 0
            up, corner = previous[i], previous[i - 1] if i else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                nearest = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[i] = (line[i] + nearest) & 0xFF
            else:
                assert kind == 0, f"unknown filter {kind}"
        previous = line
        bits = "".join(f"{byte:08b}" for byte in line)
        values = [int(bits[x * depth:(x + 1) * depth], 2) for x in range(width)]
        if colour == 3:  # palette entries as grey: the mean of red, green and blue
            rows.append([sum(palette[3 * v:3 * v + 3]) // 3 for v in values])
        else:
            rows.append([v * 255 // ((1 << depth) - 1) for v in values])
    return rows


def modules_shown(pixels: list[list[int]]) -> tuple[list[list[bool]], int, int]:
    """The dark/light modules the image shows, with the module size and quiet zone it uses, found
    from the image itself: the top-left finder pattern is seven modules wide."""
    dark = [[level < 128 for level in row] for row in pixels]
    top = next(y for y, row in enumerate(dark) if any(row))
    left = dark[top].index(True)
    run = next(x for x in range(left, len(dark[top]) + 1) if x == len(dark[top]) or not dark[top][x]) - left
    assert run % 7 == 0, "the finder pattern is not seven modules wide"
    scale = run // 7
    assert left % scale == 0 and top == left
    size = len(pixels) // scale
    centre = scale // 2
    grid = [[dark[y * scale + centre][x * scale + centre] for x in range(size)] for y in range(size)]
    return grid, scale, left // scale


def test_the_qr_code_is_a_valid_png():
    png = qr_png(URL)
    assert png.startswith(PNG_SIGNATURE)
    pixels = read_png(png)
    assert len(pixels) == len(pixels[0])


def test_the_png_shows_segnos_code_for_the_url_dark_on_light_with_a_quiet_zone():
    code = segno.make(URL, micro=False)
    grid, scale, border = modules_shown(read_png(qr_png(URL)))
    matrix = [[bool(module) for module in row] for row in code.matrix]
    assert border >= 4, "the QR standard asks for a quiet zone of four modules"
    assert [row[border:border + len(matrix)] for row in grid[border:border + len(matrix)]] == matrix
    # Only the code is dark: the quiet zone all round is light.
    assert not any(any(row) for row in grid[:border] + grid[border + len(matrix):])
    assert not any(any(row[:border] + row[border + len(matrix):]) for row in grid)
    # Every pixel of a module has its module's colour (no blur, no anti-aliasing).
    pixels = read_png(qr_png(URL))
    assert {level for row in pixels for level in row} == {0, 255}
    assert scale >= 8, "modules too small to scan from a projector"


def test_another_url_gives_another_code():
    other = "http://192.168.1.20:8501/join?room=K7Q2XQ"
    assert modules_shown(read_png(qr_png(other)))[0] != modules_shown(read_png(qr_png(URL)))[0]


def test_the_same_url_is_drawn_once():
    qr_png.cache_clear()
    first = qr_png(URL)
    assert qr_png(URL) is first
    assert qr_png.cache_info().hits == 1 and qr_png.cache_info().misses == 1
