#!/usr/bin/env python3
"""Renders the application icon (io.github.manyi.Manyi.svg) into the committed raster files.

Run it after changing the SVG:  python3 installer/icons/render_icons.py
Needs rsvg-convert (Debian: librsvg2-bin) and nothing else. It writes
  icons/hicolor/NxN/io.github.manyi.Manyi.png  (N = 48, 128, 256)  the Linux icon theme sizes
  windows/manyi.ico   16, 32 and 48 px as 32-bit DIBs plus 256 px as PNG (the classic layout,
                      which NSIS and Explorer both read)
  macos/manyi.icns    128, 256 and 512 px PNG entries (ic07, ic08, ic09)
The rasters are committed so that building the package needs no image tool.
"""
import pathlib
import struct
import subprocess
import zlib

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
SVG = HERE / "io.github.manyi.Manyi.svg"


def Render(size):
    """PNG bytes of the SVG at size x size."""
    return subprocess.run(["rsvg-convert", "-w", str(size), "-h", str(size), str(SVG)],
                          check=True, capture_output=True).stdout


def DecodeRgba(png):
    """(width, height, rows of RGBA bytes) of an 8-bit RGBA, non-interlaced PNG (what rsvg writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, colour, interlace) != (8, 6, 0):
                raise ValueError("expected an 8-bit RGBA non-interlaced PNG")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * 4, [], bytearray(width * 4)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        ftype, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if ftype == 1:
                cur[i] = (cur[i] + a) & 0xFF
            elif ftype == 2:
                cur[i] = (cur[i] + b) & 0xFF
            elif ftype == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 0xFF
            elif ftype == 4:  # Paeth predictor (PNG spec §9.4)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(cur))
        prev = cur
    return width, height, rows


def Dib(png):
    """An ICO entry body: BITMAPINFOHEADER, bottom-up BGRA pixels, then the 1-bit AND mask."""
    width, height, rows = DecodeRgba(png)
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    pixels = b"".join(bytes(v for px in zip(r[2::4], r[1::4], r[0::4], r[3::4]) for v in px)
                      for r in reversed(rows))
    mask_stride = ((width + 31) // 32) * 4
    mask = bytes(mask_stride * height)  # all zero: the alpha channel decides transparency
    return header + pixels + mask


def WriteIco(path):
    entries = [(s, Dib(Render(s))) for s in (16, 32, 48)] + [(256, Render(256))]
    offset = 6 + 16 * len(entries)
    out = struct.pack("<HHH", 0, 1, len(entries))
    for size, body in entries:
        out += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(body), offset)
        offset += len(body)
    path.write_bytes(out + b"".join(body for _, body in entries))


def WriteIcns(path):
    body = b"".join(kind + struct.pack(">I", 8 + len(png)) + png
                    for kind, png in ((b"ic07", Render(128)), (b"ic08", Render(256)), (b"ic09", Render(512))))
    path.write_bytes(b"icns" + struct.pack(">I", 8 + len(body)) + body)


def main():
    for size in (48, 128, 256):
        target = HERE / "hicolor" / f"{size}x{size}" / "io.github.manyi.Manyi.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(Render(size))
    WriteIco(ROOT / "windows" / "manyi.ico")
    WriteIcns(ROOT / "macos" / "manyi.icns")


if __name__ == "__main__":
    main()
