// Input decoding: PDF (a scanner's full-page JPEG decoded directly, see scan/pdf_image.hpp; any
// other page rendered by poppler-cpp), multi-page TIFF (libtiff, one directory at a time), single
// images (OpenCV, after a header check of size and completeness).
#include "scan/inputs.hpp"

#include <openssl/evp.h>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "scan/pdf_image.hpp"

namespace fs = std::filesystem;

namespace quizscan {
namespace {

std::string too_big(long long w, long long h) {
    return "the image is " + std::to_string(w) + "x" + std::to_string(h) + " pixels (" +
           std::to_string(static_cast<long long>(static_cast<double>(w) * static_cast<double>(h) / 1e6)) +
           " megapixels), larger than any page scanned at 600 dpi: rescan at 200-300 dpi";
}

// libtiff reports errors through one process-wide handler; each reading thread keeps its own.
thread_local std::string tiff_error;
void record_tiff_error(const char*, const char* fmt, va_list ap) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    if (tiff_error.empty()) tiff_error = buf;
}

// A PDF page too large to render: not a sheet at all, or a sheet at too high a resolution.
std::string pdf_page_too_big(const poppler::rectf& r, double dpi) {
    const double w_mm = r.width() / 72.0 * 25.4, h_mm = r.height() / 72.0 * 25.4;
    char buf[256];
    if (std::max(w_mm, h_mm) > 1000)
        std::snprintf(buf, sizeof buf, "the page is %.0f x %.0f mm, far larger than any sheet of paper: not a scanned quiz page", w_mm, h_mm);
    else
        std::snprintf(buf, sizeof buf, "the page (%.0f x %.0f mm) would be %.0f megapixels at %.0f dpi, more than quizscan reads: "
                      "scan it with --pdf-dpi 300", w_mm, h_mm, w_mm * h_mm / 645.16 * dpi * dpi / 1e6, dpi);
    return buf;
}

cv::Mat to_gray(const cv::Mat& m) {
    cv::Mat g;
    if (m.channels() == 1) g = m;
    else if (m.channels() == 4) cv::cvtColor(m, g, cv::COLOR_BGRA2GRAY);
    else cv::cvtColor(m, g, cv::COLOR_BGR2GRAY);
    if (g.depth() != CV_8U) g.convertTo(g, CV_8U, g.depth() == CV_16U ? 1.0 / 256 : 1.0);
    return g.isContinuous() ? g : g.clone();
}



int decode_image(const std::string& path, InputKind kind, const std::function<void(PageImage&&)>& on_page) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    std::vector<unsigned char> bytes(in ? static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg())) : 0);
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()))) bytes.clear();
    if (!image_complete(bytes, kind)) throw InputError("the image is truncated (the file ends before the image does): rescan it");
    long long w = 0, h = 0;
    if (!image_header_size(bytes, kind, w, h) || w <= 0 || h <= 0) throw InputError("the image header is damaged or truncated: rescan it");
    if (static_cast<double>(w) * static_cast<double>(h) > kMaxPagePixels) throw InputError(too_big(w, h));
    cv::Mat img = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
    if (img.empty()) throw InputError("the image cannot be decoded (damaged or truncated?): rescan it");
    on_page(PageImage{to_gray(img), 0, fs::path(path).filename().string(), 1});
    return 1;
}

// True when the PDF holds CCITT fax or JBIG2 images: compressions only for 1-bit images, which
// scanners write in their black-and-white mode. (Image dictionaries are never inside compressed
// object streams, so the names are plain bytes in the file.) poppler renders such a page smoothed,
// so its pixels alone no longer show it was black and white.
bool pdf_has_bilevel_images(const std::string& path) {
    static const std::array<std::string, 2> names{"/CCITTFaxDecode", "/JBIG2Decode"};
    std::ifstream in(path, std::ios::binary);
    std::string buf, chunk(1 << 20, '\0');
    while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
        buf.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
        for (const auto& n : names)
            if (buf.find(n) != std::string::npos) return true;
        buf.erase(0, buf.size() > 32 ? buf.size() - 32 : 0);  // keep a tail: a name may span two chunks
    }
    return false;
}

// Below this a page's JPEG is rendered by poppler at --pdf-dpi as before (a fax-like scan:
// the reader has only met such PDFs resampled).
constexpr double kMinPdfJpegDpi = 150;

}  // namespace

// One open PDF or TIFF (see inputs.hpp).
struct MultiPageFile::Impl {
    std::string path, name;
    InputKind kind;
    double pdf_dpi;
    std::unique_ptr<poppler::document> pdf;
    QpdfFilePtr qpdf;  // null when qpdf cannot read the file: every page through poppler
    mutable std::optional<bool> pdf_bilevel;  // see pdf_has_bilevel_images; found on the first page read
    std::unique_ptr<TIFF, decltype(&TIFFClose)> tif{nullptr, TIFFClose};
    int pages = 0;
    int truncated_after = 0;

    PageImage read_pdf(int index) const {
        if (!pdf_bilevel) pdf_bilevel = pdf_has_bilevel_images(path);
        if (std::optional<PageImage> direct = read_pdf_jpeg(index)) return std::move(*direct);
        std::unique_ptr<poppler::page> page(pdf->create_page(index - 1));
        if (!page) throw InputError("page cannot be read from the PDF");
        const poppler::rectf r = page->page_rect();
        const double w = r.width() / 72.0 * pdf_dpi, h = r.height() / 72.0 * pdf_dpi;
        if (w * h > kMaxPagePixels) throw InputError(pdf_page_too_big(r, pdf_dpi));
        poppler::page_renderer renderer;
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_image_format(poppler::image::format_gray8);
        poppler::image img = renderer.render_page(page.get(), pdf_dpi, pdf_dpi);
        if (!img.is_valid()) throw InputError("page could not be rendered");
        const int type = img.format() == poppler::image::format_gray8 ? CV_8UC1 : CV_8UC4;
        const cv::Mat view(img.height(), img.width(), type, img.data(), static_cast<size_t>(img.bytes_per_row()));
        return PageImage{to_gray(view).clone(), pdf_dpi, name, index, *pdf_bilevel};
    }

    // A page that is one JPEG over the whole page, decoded at its own resolution (halved while
    // that stays at or above --pdf-dpi and 300 dpi, where the reader works; one coarser than
    // --pdf-dpi enlarged to it). Nothing for any other page, or one too large or too coarse:
    // poppler renders those.
    std::optional<PageImage> read_pdf_jpeg(int index) const {
        if (!qpdf) return std::nullopt;
        const std::optional<PdfPageJpeg> jpeg = pdf_page_jpeg(*qpdf, index);
        if (!jpeg || static_cast<double>(jpeg->width) * jpeg->height > kMaxPagePixels ||
            jpeg->width / (jpeg->page_width_pt / 72.0) < kMinPdfJpegDpi)
            return std::nullopt;
        double dpi = 0;
        cv::Mat gray = decode_pdf_page_jpeg(*jpeg, std::max(300.0, pdf_dpi), dpi);
        if (gray.empty()) return std::nullopt;
        if (dpi < pdf_dpi * 0.995) {
            // A coarser scan is brought to --pdf-dpi as poppler would render it: the reader and its
            // digit models know such PDFs only that way (read at their own 150 dpi, a sample's 0.6
            // came out a confident 0.5).
            cv::resize(gray, gray, cv::Size(), pdf_dpi / dpi, pdf_dpi / dpi, cv::INTER_LINEAR);
            dpi = pdf_dpi;
        }
        return PageImage{std::move(gray), dpi, name, index, *pdf_bilevel};
    }

    PageImage read_tiff(int index) const {
        if (!TIFFSetDirectory(tif.get(), static_cast<tdir_t>(index - 1))) throw InputError("TIFF page cannot be found (damaged?)");
        uint32_t w = 0, h = 0;
        TIFFGetField(tif.get(), TIFFTAG_IMAGEWIDTH, &w);
        TIFFGetField(tif.get(), TIFFTAG_IMAGELENGTH, &h);
        if (w == 0 || h == 0) throw InputError("TIFF page without a size");
        if (static_cast<double>(w) * h > kMaxPagePixels) throw InputError(too_big(w, h));
        float xres = 0;
        uint16_t unit = RESUNIT_INCH, bps = 1, spp = 1, photometric = PHOTOMETRIC_MINISBLACK;
        TIFFGetField(tif.get(), TIFFTAG_XRESOLUTION, &xres);
        TIFFGetField(tif.get(), TIFFTAG_RESOLUTIONUNIT, &unit);
        TIFFGetFieldDefaulted(tif.get(), TIFFTAG_BITSPERSAMPLE, &bps);
        TIFFGetFieldDefaulted(tif.get(), TIFFTAG_SAMPLESPERPIXEL, &spp);
        TIFFGetField(tif.get(), TIFFTAG_PHOTOMETRIC, &photometric);
        double dpi = unit == RESUNIT_CENTIMETER ? xres * 2.54 : xres;
        if (dpi < 50 || dpi > 2400) dpi = 0;  // absent or implausible: estimated later
        cv::Mat gray(static_cast<int>(h), static_cast<int>(w), CV_8UC1);
        // Fast path: 8-bit grey in strips, read row by row; anything else through RGBA. A decoding
        // error stops either (else the rows it could not decode would read as empty paper).
        tiff_error.clear();
        bool ok = bps == 8 && spp == 1 && photometric == PHOTOMETRIC_MINISBLACK && !TIFFIsTiled(tif.get());
        for (uint32_t y = 0; ok && y < h; ++y) ok = TIFFReadScanline(tif.get(), gray.ptr(static_cast<int>(y)), y, 0) == 1;
        if (!ok) {
            tiff_error.clear();
            cv::Mat rgba(static_cast<int>(h), static_cast<int>(w), CV_8UC4);
            if (!TIFFReadRGBAImageOriented(tif.get(), w, h, reinterpret_cast<uint32_t*>(rgba.data), ORIENTATION_TOPLEFT, 1) ||
                !tiff_error.empty())
                throw InputError("the page could not be decoded" + (tiff_error.empty() ? std::string() : " (" + tiff_error + ")") +
                                 ": the file is damaged; rescan this page");
            cv::cvtColor(rgba, gray, cv::COLOR_RGBA2GRAY);
        }
        return PageImage{gray, dpi, name, index, bps == 1 && spp == 1};
    }
};

MultiPageFile::MultiPageFile(const std::string& path, InputKind kind, double pdf_dpi) : impl_(std::make_unique<Impl>()) {
    Impl& m = *impl_;
    m.path = path;
    m.name = fs::path(path).filename().string();
    m.kind = kind;
    m.pdf_dpi = pdf_dpi;
    if (kind == InputKind::Pdf) {
        m.pdf.reset(poppler::document::load_from_file(path));
        if (!m.pdf) throw InputError("not a readable PDF (damaged or truncated?): re-export or rescan it");
        if (m.pdf->is_locked())
            throw InputError("the PDF is password-protected: save an unprotected copy (e.g. qpdf --decrypt) and scan that");
        m.pages = m.pdf->pages();
        if (m.pages == 0) throw InputError("the PDF has no pages");
        m.qpdf = open_qpdf(path);
        if (m.qpdf && qpdf_page_count(*m.qpdf) != m.pages) m.qpdf.reset();  // the two read the file differently
    } else if (kind == InputKind::Tiff) {
        TIFFSetWarningHandler(nullptr);
        TIFFSetErrorHandler(record_tiff_error);
        m.tif.reset(TIFFOpen(path.c_str(), "r"));
        if (!m.tif) throw InputError("not a readable TIFF (damaged or truncated?): rescan it");
        const int listed = static_cast<int>(TIFFNumberOfDirectories(m.tif.get()));
        // The last page should end the list of pages. A page whose entry the file cuts off, or
        // one that points on to more, means the file ends (or breaks) after the pages before.
        m.pages = listed;
        while (m.pages > 0 && !TIFFSetDirectory(m.tif.get(), static_cast<tdir_t>(m.pages - 1))) --m.pages;
        if (m.pages == 0) throw InputError("the TIFF has no readable pages (damaged or truncated?): rescan it");
        if (m.pages < listed || !TIFFLastDirectory(m.tif.get())) m.truncated_after = m.pages;
    } else {
        throw InputError("not a PDF or TIFF file");
    }
}

MultiPageFile::~MultiPageFile() = default;
int MultiPageFile::count() const { return impl_->pages; }
int MultiPageFile::truncated_after() const { return impl_->truncated_after; }
const std::string& MultiPageFile::path() const { return impl_->path; }
PageImage MultiPageFile::read(int page_index) const {
    return impl_->kind == InputKind::Pdf ? impl_->read_pdf(page_index) : impl_->read_tiff(page_index);
}

namespace {
std::string hex(const unsigned char* md, unsigned len) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len; ++i) out += digits[md[i] >> 4], out += digits[md[i] & 15];
    return out;
}
}  // namespace

std::string sha256_of_bytes(const void* data, std::size_t size) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data, size, md, &len, EVP_sha256(), nullptr);
    return hex(md, len);
}

std::string sha256_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot be opened (check permissions)");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr);
    std::vector<char> buf(1 << 16);
    while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0)
        EVP_DigestUpdate(ctx.get(), buf.data(), static_cast<size_t>(in.gcount()));
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    return hex(md, len);
}

int for_each_page(const std::string& path, InputKind kind, double pdf_dpi, const std::function<void(PageImage&&)>& on_page,
                  const std::function<void(int, const std::string&)>& on_error) {
    std::error_code ec;
    if (fs::file_size(path, ec) == 0) throw InputError("the file is empty (0 bytes): the scan did not finish, rescan it");
    switch (kind) {
        case InputKind::Pdf:
        case InputKind::Tiff: {
            const MultiPageFile file(path, kind, pdf_dpi);
            for (int i = 1; i <= file.count(); ++i) {
                try {
                    on_page(file.read(i));
                } catch (const InputError& e) {
                    on_error(i, e.what());
                }
            }
            return file.count();
        }
        case InputKind::Unknown: break;
        default: return decode_image(path, kind, on_page);
    }
    throw InputError("not a PDF, TIFF, PNG, JPEG, BMP, WebP or JPEG 2000 file (by its content): quizscan reads scans in those formats");
}

}  // namespace quizscan
