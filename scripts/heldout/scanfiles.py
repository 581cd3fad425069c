"""Files as scanners write them: multi-page PDF of JPEG images (grey or colour), multi-page TIFF,
single PNG (with its resolution) or JPEG (JFIF density) files. Own minimal writers, no extras.
"""
import struct
import zlib

import cv2

TIFF_COMPRESSION = {"lzw": 5, "deflate": 8, "none": 1}


def jpeg_bytes(img, quality, dpi):
    """JPEG of img (grey or RGB) with its JFIF density set to dpi."""
    bgr = img[..., ::-1] if img.ndim == 3 else img
    ok, buf = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    b = bytearray(buf.tobytes())
    # JFIF APP0: FF D8 FF E0 len(2) "JFIF\0" version(2) units(1) Xdensity(2) Ydensity(2)
    if b[2:4] == b"\xff\xe0" and b[6:11] == b"JFIF\x00":
        b[13] = 1
        b[14:18] = struct.pack(">HH", int(round(dpi)), int(round(dpi)))
    return bytes(b)


def png_bytes(img, dpi):
    """PNG of img with a pHYs chunk (pixels per metre) after IHDR."""
    bgr = img[..., ::-1] if img.ndim == 3 else img
    ok, buf = cv2.imencode(".png", bgr, [cv2.IMWRITE_PNG_COMPRESSION, 1])
    if not ok:
        raise RuntimeError("PNG encoding failed")
    b = buf.tobytes()
    ppm = int(round(dpi / 0.0254))
    data = struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", len(data)) + b"pHYs" + data + struct.pack(">I", zlib.crc32(b"pHYs" + data) & 0xFFFFFFFF)
    end_ihdr = 8 + 8 + 13 + 4
    return b[:end_ihdr] + chunk + b[end_ihdr:]


def write_tiff(path, pages, dpi, compression):
    """Multi-page TIFF of the page images (all grey or all RGB) with their resolution."""
    params = [cv2.IMWRITE_TIFF_RESUNIT, 2, cv2.IMWRITE_TIFF_XDPI, int(round(dpi)), cv2.IMWRITE_TIFF_YDPI,
              int(round(dpi)), cv2.IMWRITE_TIFF_COMPRESSION, TIFF_COMPRESSION[compression]]
    imgs = [p[..., ::-1].copy() if p.ndim == 3 else p for p in pages]
    if not cv2.imwritemulti(path, imgs, params):
        raise RuntimeError(f"could not write {path}")


def write_pdf(path, pages):
    """PDF with one full-page JPEG image per page. pages: [(jpeg bytes, width px, height px, dpi, colour)]."""
    objs = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    kids = []
    for i, (jpg, w, h, dpi, colour) in enumerate(pages):
        pg, content, image = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        kids.append(pg)
        wpt, hpt = w * 72.0 / dpi, h * 72.0 / dpi
        draw = f"q {wpt:.3f} 0 0 {hpt:.3f} 0 0 cm /Im0 Do Q\n".encode()
        objs[pg] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.3f} {hpt:.3f}] /Resources << /XObject "
                    f"<< /Im0 {image} 0 R >> >> /Contents {content} 0 R >>").encode()
        objs[content] = b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream"
        space = b"/DeviceRGB" if colour else b"/DeviceGray"
        objs[image] = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
                       b"/Filter /DCTDecode /Length %d >>\nstream\n" % (w, h, space, len(jpg)) + jpg + b"\nendstream")
    objs[2] = ("<< /Type /Pages /Count %d /Kids [%s] >>" % (len(pages), " ".join(f"{k} 0 R" for k in kids))).encode()
    out = bytearray(b"%PDF-1.4\n%\xc7\xec\x8f\xa2\n")
    offsets = {}
    for n in sorted(objs):
        offsets[n] = len(out)
        out += b"%d 0 obj\n" % n + objs[n] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for n in sorted(objs):
        out += b"%010d 00000 n \n" % offsets[n]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)
