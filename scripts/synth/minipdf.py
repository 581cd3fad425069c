"""A minimal PDF writer: one full-page greyscale (or colour) JPEG (DCTDecode image XObject) per page.

This is what a document scanner writes; quizscan's reader must handle it. No dependencies.
"""


def write_jpeg_pdf(path, pages):
    """pages: list of (jpeg_bytes, width_px, height_px, dpi[, colour]). Page size = pixels at that dpi;
    colour=True for a 3-channel JPEG (a scanner's colour mode)."""
    objs = {}  # number -> bytes (without "n 0 obj" wrapper)
    n_pages = len(pages)
    kids = []
    for i, (jpg, w, h, dpi, *rest) in enumerate(pages):
        space = b"/DeviceRGB" if rest and rest[0] else b"/DeviceGray"
        page_no, content_no, image_no = 3 + 3 * i, 4 + 3 * i, 5 + 3 * i
        kids.append(page_no)
        wpt, hpt = w * 72.0 / dpi, h * 72.0 / dpi
        content = f"q {wpt:.3f} 0 0 {hpt:.3f} 0 0 cm /Im0 Do Q\n".encode()
        objs[page_no] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {wpt:.3f} {hpt:.3f}] "
                         f"/Resources << /XObject << /Im0 {image_no} 0 R >> >> "
                         f"/Contents {content_no} 0 R >>").encode()
        objs[content_no] = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
        objs[image_no] = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d "
                          b"/ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode "
                          b"/Length %d >>\nstream\n" % (w, h, space, len(jpg)) + jpg + b"\nendstream")
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = (f"<< /Type /Pages /Count {n_pages} /Kids [" +
               " ".join(f"{k} 0 R" for k in kids) + "] >>").encode()
    count = 2 + 3 * n_pages
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = [0] * (count + 1)
    for num in range(1, count + 1):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objs[num] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (count + 1)
    for num in range(1, count + 1):
        out += b"%010d 00000 n \n" % offsets[num]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count + 1, xref)
    with open(path, "wb") as f:
        f.write(out)
