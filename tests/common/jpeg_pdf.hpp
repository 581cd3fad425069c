// Test helper: writes a PDF as document scanners do, one JPEG image (DCTDecode XObject) drawn over
// each whole page (as scripts/synth/minipdf.py). Fields allow the unusual pages that must not be
// taken for a plain scanner page (extra content, masks, inversion, rotation).
#pragma once

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace quizscan::testing {

struct JpegPdfPage {
    std::vector<unsigned char> jpeg;  // a JPEG file's bytes
    int width = 0, height = 0;        // its pixels
    double dpi = 300;                 // page size = pixels at this resolution
    int rotate = 0;                   // /Rotate of the page
    std::string color_space = "/DeviceGray";
    std::string extra_image_keys;     // e.g. "/Decode [1 0]"
    std::string extra_content;        // drawn after the image, e.g. "0 0 10 10 re f"
    double image_scale = 1;           // the image's share of the page width and height
};

inline std::string pdf_num(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.3f", v);
    return b;
}

inline void write_jpeg_pdf(const std::string& path, const std::vector<JpegPdfPage>& pages) {
    std::vector<std::string> objs(3);  // objs[n] is object n's body; 0 unused; 1 catalog, 2 pages
    std::string kids;
    for (const auto& p : pages) {
        const double w = p.width * 72.0 / p.dpi, h = p.height * 72.0 / p.dpi;
        const std::size_t page_no = objs.size();
        kids += std::to_string(page_no) + " 0 R ";
        const std::string content = "q " + pdf_num(w * p.image_scale) + " 0 0 " + pdf_num(h * p.image_scale) +
                                    " 0 0 cm /Im0 Do Q\n" + p.extra_content + "\n";
        objs.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + pdf_num(w) + " " + pdf_num(h) + "] /Rotate " +
                       std::to_string(p.rotate) + " /Resources << /XObject << /Im0 " + std::to_string(page_no + 2) +
                       " 0 R >> >> /Contents " + std::to_string(page_no + 1) + " 0 R >>");
        objs.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
        objs.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(p.width) + " /Height " +
                       std::to_string(p.height) + " /ColorSpace " + p.color_space + " /BitsPerComponent 8 /Filter /DCTDecode " +
                       p.extra_image_keys + " /Length " + std::to_string(p.jpeg.size()) + " >>\nstream\n" +
                       std::string(p.jpeg.begin(), p.jpeg.end()) + "\nendstream");
    }
    objs[1] = "<< /Type /Catalog /Pages 2 0 R >>";
    objs[2] = "<< /Type /Pages /Count " + std::to_string(pages.size()) + " /Kids [" + kids + "] >>";
    std::string out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
    std::vector<std::size_t> offsets(objs.size());
    for (std::size_t n = 1; n < objs.size(); ++n) {
        offsets[n] = out.size();
        out += std::to_string(n) + " 0 obj\n" + objs[n] + "\nendobj\n";
    }
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objs.size()) + "\n0000000000 65535 f \n";
    for (std::size_t n = 1; n < objs.size(); ++n) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", offsets[n]);
        out += line;
    }
    out += "trailer\n<< /Size " + std::to_string(objs.size()) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    std::ofstream f(path, std::ios::binary);
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!f) throw std::runtime_error("cannot write " + path);
}

}  // namespace quizscan::testing
