// Scanner PDFs: a page that is exactly one JPEG image drawn over the whole page (what document
// scanners and copiers write) is decoded from its JPEG bytes instead of rendered by poppler
// (~35 ms instead of ~210 ms a page at 300 dpi). Anything else is left to poppler.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace quizscan {

// A page's embedded JPEG and what is needed to show it as poppler would.
struct PdfPageJpeg {
    std::vector<unsigned char> jpeg;  // the image stream's bytes (DCTDecode, undecoded)
    int width = 0, height = 0;        // image pixels, from the image dictionary (= the JPEG's frame)
    int components = 1;               // 1 (grey) or 3 (RGB)
    int rotate = 0;                   // the page's /Rotate: 0, 90, 180 or 270 (clockwise)
    double page_width_pt = 0, page_height_pt = 0;  // the area the image covers, before /Rotate
};

// Decodes a page's JPEG to grey as poppler would show the page: /Rotate applied, reduced by 2, 4
// or 8 while that leaves at least `min_dpi`. Sets `dpi` to the result's resolution. An empty
// Mat when the JPEG cannot be decoded or does not match its dictionary.
cv::Mat decode_pdf_page_jpeg(const PdfPageJpeg& page, double min_dpi, double& dpi);

// One PDF opened by qpdf for pdf_page_jpeg; held by one reader thread (qpdf objects are not
// shared between threads). Null when qpdf cannot open the file or it is encrypted.
struct QpdfFile;
struct QpdfFileDeleter {
    void operator()(QpdfFile* f) const;
};
using QpdfFilePtr = std::unique_ptr<QpdfFile, QpdfFileDeleter>;
QpdfFilePtr open_qpdf(const std::string& path);
int qpdf_page_count(const QpdfFile& f);

// The JPEG of page `page_index` (1-based) when the page only draws one image over its whole
// crop box, and that image is a plain 8-bit grey or RGB JPEG (no mask, no /Decode inversion, no
// CMYK, no other filter). std::nullopt for every other page and for anything qpdf cannot read.
std::optional<PdfPageJpeg> pdf_page_jpeg(QpdfFile& f, int page_index);

}  // namespace quizscan
