// Input decoding: PDF (poppler-cpp, rendered per page), multi-page TIFF (libtiff, one
// directory at a time), PNG and JPEG (OpenCV, after a header check of the size).
#include "scan/inputs.hpp"

#include <openssl/evp.h>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <tiffio.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace fs = std::filesystem;

namespace quizscan {
namespace {

std::string lower_ext(const fs::path& p) {
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return e;
}

bool scannable_ext(const fs::path& p) {
    static const std::array<const char*, 7> exts{".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".jpe"};
    const std::string e = lower_ext(p);
    return std::any_of(exts.begin(), exts.end(), [&](const char* x) { return e == x; });
}

std::string too_big(long long w, long long h) {
    return "the image is " + std::to_string(w) + "x" + std::to_string(h) + " pixels (" +
           std::to_string(static_cast<long long>(static_cast<double>(w) * static_cast<double>(h) / 1e6)) +
           " megapixels), larger than any page scanned at 600 dpi: rescan at 200-300 dpi";
}

// True when the bytes end like a whole image: JPEG's end-of-image marker, PNG's IEND chunk.
// libjpeg only warns on a cut file and fills the rest with grey, which would read as blank answers.
bool complete_image(const std::vector<unsigned char>& b, InputKind kind) {
    std::size_t n = b.size();
    if (kind == InputKind::Jpeg) {
        while (n > 2 && (b[n - 1] == 0x00 || b[n - 1] == '\n' || b[n - 1] == '\r' || b[n - 1] == ' ')) --n;
        return n >= 4 && b[n - 2] == 0xFF && b[n - 1] == 0xD9;
    }
    static const unsigned char iend[] = {'I', 'E', 'N', 'D'};
    return n >= 12 && std::search(b.end() - 12, b.end(), iend, iend + 4) != b.end();
}

// Width and height from a PNG's IHDR or a JPEG's SOF marker, without decoding.
bool header_size(const std::vector<unsigned char>& b, InputKind kind, long long& w, long long& h) {
    if (kind == InputKind::Png) {
        if (b.size() < 24) return false;
        w = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
        h = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
        return true;
    }
    for (std::size_t i = 2; i + 9 < b.size();) {
        if (b[i] != 0xFF) return false;
        const unsigned char m = b[i + 1];
        const std::size_t len = (b[i + 2] << 8) | b[i + 3];
        if ((m >= 0xC0 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            h = (b[i + 5] << 8) | b[i + 6];
            w = (b[i + 7] << 8) | b[i + 8];
            return true;
        }
        i += 2 + len;
    }
    return false;
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
    std::ifstream in(path, std::ios::binary);
    const std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)), {});
    if (!complete_image(bytes, kind)) throw InputError("the image is truncated (the file ends before the image does): rescan it");
    long long w = 0, h = 0;
    if (!header_size(bytes, kind, w, h)) throw InputError("the image header is damaged or truncated: rescan it");
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

}  // namespace

// One open PDF or TIFF (see inputs.hpp).
struct MultiPageFile::Impl {
    std::string path, name;
    InputKind kind;
    double pdf_dpi;
    std::unique_ptr<poppler::document> pdf;
    mutable std::optional<bool> pdf_bilevel;  // see pdf_has_bilevel_images; found on the first page read
    std::unique_ptr<TIFF, decltype(&TIFFClose)> tif{nullptr, TIFFClose};
    int pages = 0;

    PageImage read_pdf(int index) const {
        std::unique_ptr<poppler::page> page(pdf->create_page(index - 1));
        if (!page) throw InputError("page cannot be read from the PDF");
        const poppler::rectf r = page->page_rect();
        const double w = r.width() / 72.0 * pdf_dpi, h = r.height() / 72.0 * pdf_dpi;
        if (w * h > kMaxPagePixels) throw InputError(too_big(static_cast<long long>(w), static_cast<long long>(h)));
        poppler::page_renderer renderer;
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_image_format(poppler::image::format_gray8);
        poppler::image img = renderer.render_page(page.get(), pdf_dpi, pdf_dpi);
        if (!img.is_valid()) throw InputError("page could not be rendered");
        const int type = img.format() == poppler::image::format_gray8 ? CV_8UC1 : CV_8UC4;
        const cv::Mat view(img.height(), img.width(), type, img.data(), static_cast<size_t>(img.bytes_per_row()));
        if (!pdf_bilevel) pdf_bilevel = pdf_has_bilevel_images(path);
        return PageImage{to_gray(view).clone(), pdf_dpi, name, index, *pdf_bilevel};
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
        // Fast path: 8-bit grey in strips, read row by row; anything else through RGBA.
        bool ok = bps == 8 && spp == 1 && photometric == PHOTOMETRIC_MINISBLACK && !TIFFIsTiled(tif.get());
        for (uint32_t y = 0; ok && y < h; ++y) ok = TIFFReadScanline(tif.get(), gray.ptr(static_cast<int>(y)), y, 0) == 1;
        if (!ok) {
            cv::Mat rgba(static_cast<int>(h), static_cast<int>(w), CV_8UC4);
            if (!TIFFReadRGBAImageOriented(tif.get(), w, h, reinterpret_cast<uint32_t*>(rgba.data), ORIENTATION_TOPLEFT, 0))
                throw InputError("TIFF page could not be decoded (damaged?)");
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
    } else if (kind == InputKind::Tiff) {
        TIFFSetWarningHandler(nullptr);
        TIFFSetErrorHandler(nullptr);
        m.tif.reset(TIFFOpen(path.c_str(), "r"));
        if (!m.tif) throw InputError("not a readable TIFF (damaged or truncated?): rescan it");
        m.pages = TIFFNumberOfDirectories(m.tif.get());
        if (m.pages == 0) throw InputError("the TIFF has no pages");
    } else {
        throw InputError("not a PDF or TIFF file");
    }
}

MultiPageFile::~MultiPageFile() = default;
int MultiPageFile::count() const { return impl_->pages; }
const std::string& MultiPageFile::path() const { return impl_->path; }
PageImage MultiPageFile::read(int page_index) const {
    return impl_->kind == InputKind::Pdf ? impl_->read_pdf(page_index) : impl_->read_tiff(page_index);
}

const char* to_string(InputKind k) {
    switch (k) {
        case InputKind::Pdf: return "pdf";
        case InputKind::Tiff: return "tiff";
        case InputKind::Png: return "png";
        case InputKind::Jpeg: return "jpeg";
        case InputKind::Unknown: return "unknown";
    }
    return "unknown";
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& args, std::vector<std::string>& missing) {
    std::vector<std::string> files;
    for (const auto& a : args) {
        std::error_code ec;
        if (fs::is_directory(a, ec)) {
            std::vector<std::string> found;
            for (const auto& e : fs::recursive_directory_iterator(a, fs::directory_options::skip_permission_denied, ec))
                if (e.is_regular_file() && scannable_ext(e.path())) found.push_back(e.path().string());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(a, ec)) {
            files.push_back(a);
        } else {
            missing.push_back(a);
        }
    }
    return files;
}

InputKind sniff_kind(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char b[8] = {0};
    in.read(reinterpret_cast<char*>(b), sizeof b);
    const auto n = in.gcount();
    if (n >= 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F') return InputKind::Pdf;
    if (n >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0) || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42)))
        return InputKind::Tiff;
    if (n >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return InputKind::Png;
    if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return InputKind::Jpeg;
    return InputKind::Unknown;
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
        case InputKind::Png:
        case InputKind::Jpeg: return decode_image(path, kind, on_page);
        case InputKind::Unknown: break;
    }
    throw InputError("not a PDF, TIFF, PNG or JPEG file: quizscan reads scans in those formats");
}

}  // namespace quizscan
