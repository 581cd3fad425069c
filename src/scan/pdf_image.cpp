// Scanner PDFs: a page's one full-page JPEG taken out with qpdf and decoded by OpenCV (libjpeg-turbo).
// Every check is conservative: a page that fails any of them is rendered by poppler as before.
#include "scan/pdf_image.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "scan/image_header.hpp"

namespace quizscan {

struct QpdfFile {
    QPDF pdf;
    std::vector<QPDFObjectHandle> pages;
};

void QpdfFileDeleter::operator()(QpdfFile* f) const { delete f; }

QpdfFilePtr open_qpdf(const std::string& path) {
    try {
        QpdfFilePtr f(new QpdfFile);
        f->pdf.setSuppressWarnings(true);  // a damaged file is poppler's to report, in inputs.cpp's words
        f->pdf.processFile(path.c_str());
        if (f->pdf.isEncrypted()) return nullptr;  // left to poppler, which says what to do
        f->pages = f->pdf.getAllPages();
        return f;
    } catch (const std::exception&) {
        return nullptr;
    }
}

int qpdf_page_count(const QpdfFile& f) { return static_cast<int>(f.pages.size()); }

namespace {

using Matrix = std::array<double, 6>;  // a b c d e f, as PDF's cm operator

// PDF concatenation: the new CTM is m x ctm.
Matrix concat(const Matrix& m, const Matrix& t) {
    return {m[0] * t[0] + m[1] * t[2], m[0] * t[1] + m[1] * t[3], m[2] * t[0] + m[3] * t[2],
            m[2] * t[1] + m[3] * t[3], m[4] * t[0] + m[5] * t[2] + t[4], m[4] * t[1] + m[5] * t[3] + t[5]};
}

// Follows a page's content stream and accepts only q, Q, cm and a single Do: the image is all
// the page shows (no text, paths, clips, inline images or graphics-state changes).
class DrawsOneXObject : public QPDFObjectHandle::ParserCallbacks {
public:
    bool ok() const { return ok_ && !name_.empty(); }
    const std::string& name() const { return name_; }
    const Matrix& matrix() const { return at_; }

    void handleObject(QPDFObjectHandle obj) override {
        if (!ok_) return;
        if (!obj.isOperator()) {
            operands_.push_back(obj);
            if (operands_.size() > 6) fail();
            return;
        }
        const std::string op = obj.getOperatorValue();
        if (op == "q" && operands_.empty()) {
            saved_.push_back(ctm_);
        } else if (op == "Q" && operands_.empty() && !saved_.empty()) {
            ctm_ = saved_.back();
            saved_.pop_back();
        } else if (op == "cm" && operands_.size() == 6 &&
                   std::all_of(operands_.begin(), operands_.end(), [](QPDFObjectHandle& o) { return o.isNumber(); })) {
            Matrix m;
            for (std::size_t i = 0; i < 6; ++i) m[i] = operands_[i].getNumericValue();
            ctm_ = concat(m, ctm_);
        } else if (op == "Do" && operands_.size() == 1 && operands_[0].isName() && name_.empty()) {
            name_ = operands_[0].getName();
            at_ = ctm_;
        } else {
            fail();
        }
        operands_.clear();
    }
    void handleEOF() override {
        if (!operands_.empty()) ok_ = false;
    }

private:
    void fail() {
        ok_ = false;
        terminateParsing();
    }
    bool ok_ = true;
    std::vector<QPDFObjectHandle> operands_;
    Matrix ctm_{1, 0, 0, 1, 0, 0}, at_{};
    std::vector<Matrix> saved_;
    std::string name_;
};

// Components of an image colour space quizscan decodes directly: DeviceGray 1, DeviceRGB 3,
// ICCBased with N 1 or 3; 0 for anything else (CMYK, Lab, Indexed, calibrated, ...).
int plain_components(QPDFObjectHandle cs) {
    if (cs.isName()) return cs.getName() == "/DeviceGray" ? 1 : cs.getName() == "/DeviceRGB" ? 3 : 0;
    if (!cs.isArray() || cs.getArrayNItems() != 2 || !cs.getArrayItem(0).isNameAndEquals("/ICCBased")) return 0;
    QPDFObjectHandle icc = cs.getArrayItem(1);
    if (!icc.isStream()) return 0;
    QPDFObjectHandle n = icc.getDict().getKey("/N");
    const int k = n.isInteger() ? n.getIntValueAsInt() : 0;
    return k == 1 || k == 3 ? k : 0;
}

// True for an image dictionary quizscan decodes as poppler would: the only filter DCTDecode
// without parameters, 8 bits, no mask or soft mask, no optional content, no /Decode other than the
// default (an inverted scan would read as black paper).
bool plain_jpeg_image(QPDFObjectHandle dict, int& components) {
    QPDFObjectHandle filter = dict.getKey("/Filter");
    if (filter.isArray() && filter.getArrayNItems() == 1) filter = filter.getArrayItem(0);
    if (!filter.isNameAndEquals("/DCTDecode")) return false;
    for (const char* key : {"/DecodeParms", "/SMask", "/Mask", "/OC", "/Alternates"})
        if (!dict.getKey(key).isNull()) return false;
    QPDFObjectHandle mask = dict.getKey("/ImageMask");
    if (!mask.isNull() && !(mask.isBool() && !mask.getBoolValue())) return false;
    QPDFObjectHandle bpc = dict.getKey("/BitsPerComponent");
    if (!bpc.isInteger() || bpc.getIntValue() != 8) return false;
    components = plain_components(dict.getKey("/ColorSpace"));
    if (components == 0) return false;
    QPDFObjectHandle decode = dict.getKey("/Decode");
    if (decode.isNull()) return true;
    if (!decode.isArray() || decode.getArrayNItems() != 2 * components) return false;
    for (int i = 0; i < 2 * components; ++i) {
        QPDFObjectHandle v = decode.getArrayItem(i);
        if (!v.isNumber() || std::abs(v.getNumericValue() - (i % 2)) > 1e-6) return false;
    }
    return true;
}

// The JPEG's frame header: 8-bit samples, its size and components as the dictionary says.
bool jpeg_frame_matches(const std::vector<unsigned char>& b, int width, int height, int components) {
    const auto f = jpeg_frame(b);
    return f && f->precision == 8 && f->width == width && f->height == height && f->components == components;
}

// The page's box as llx lly urx ury, normalised; false when it is not a rectangle.
bool box_of(QPDFObjectHandle box, std::array<double, 4>& r) {
    if (!box.isRectangle()) return false;
    const QPDFObjectHandle::Rectangle b = box.getArrayAsRectangle();
    r = {std::min(b.llx, b.urx), std::min(b.lly, b.ury), std::max(b.llx, b.urx), std::max(b.lly, b.ury)};
    return r[2] - r[0] > 1 && r[3] - r[1] > 1;
}

// The drawn image's rectangle (an upright image: no rotation, skew or mirroring in its matrix)
// equals the crop box within 1% of its size, and the crop box lies within the media box.
bool covers_page(const Matrix& m, QPDFPageObjectHelper& page) {
    std::array<double, 4> crop{}, media{};
    if (!box_of(page.getCropBox(), crop) || !box_of(page.getMediaBox(), media)) return false;
    const double w = crop[2] - crop[0], h = crop[3] - crop[1], tx = 0.01 * w, ty = 0.01 * h;
    if (m[0] <= 0 || m[3] <= 0 || std::abs(m[1]) > 1e-6 * m[0] || std::abs(m[2]) > 1e-6 * m[3]) return false;
    if (crop[0] < media[0] - tx || crop[1] < media[1] - ty || crop[2] > media[2] + tx || crop[3] > media[3] + ty) return false;
    return std::abs(m[4] - crop[0]) <= tx && std::abs(m[4] + m[0] - crop[2]) <= tx && std::abs(m[5] - crop[1]) <= ty &&
           std::abs(m[5] + m[3] - crop[3]) <= ty;
}

std::optional<PdfPageJpeg> page_jpeg(QPDFObjectHandle page_object) {
    QPDFPageObjectHelper page(page_object);
    QPDFObjectHandle annots = page_object.getKey("/Annots");
    if (annots.isArray() && annots.getArrayNItems() > 0) return std::nullopt;  // drawn over the image by poppler
    if (!page_object.getKey("/UserUnit").isNull()) return std::nullopt;
    QPDFObjectHandle xobjects = page.getAttribute("/Resources", false).getKey("/XObject");
    if (!xobjects.isDictionary() || xobjects.getKeys().size() != 1) return std::nullopt;
    DrawsOneXObject content;
    page.parseContents(&content);
    if (!content.ok() || !xobjects.hasKey(content.name())) return std::nullopt;
    QPDFObjectHandle image = xobjects.getKey(content.name());
    if (!image.isStream()) return std::nullopt;
    QPDFObjectHandle dict = image.getDict();
    if (!dict.getKey("/Subtype").isNameAndEquals("/Image")) return std::nullopt;
    PdfPageJpeg out;
    if (!plain_jpeg_image(dict, out.components)) return std::nullopt;
    QPDFObjectHandle w = dict.getKey("/Width"), h = dict.getKey("/Height");
    if (!w.isInteger() || !h.isInteger() || w.getIntValue() < 1 || h.getIntValue() < 1 || w.getIntValue() > 65535 ||
        h.getIntValue() > 65535)
        return std::nullopt;
    out.width = w.getIntValueAsInt(), out.height = h.getIntValueAsInt();
    if (!covers_page(content.matrix(), page)) return std::nullopt;
    out.page_width_pt = content.matrix()[0], out.page_height_pt = content.matrix()[3];
    // Square pixels only: an image stretched to the page (e.g. 200 x 100 dpi fax) is resampled by poppler.
    const double dpi_x = out.width / out.page_width_pt, dpi_y = out.height / out.page_height_pt;
    if (std::abs(dpi_x - dpi_y) > 0.01 * dpi_x) return std::nullopt;
    QPDFObjectHandle rotate = page.getAttribute("/Rotate", false);
    const long long r = rotate.isInteger() ? rotate.getIntValue() : 0;
    if (r % 90 != 0) return std::nullopt;
    out.rotate = static_cast<int>(((r % 360) + 360) % 360);
    const std::shared_ptr<Buffer> raw = image.getRawStreamData();
    out.jpeg.assign(raw->getBuffer(), raw->getBuffer() + raw->getSize());
    // A frame that disagrees with the dictionary, or a JPEG cut short (libjpeg would fill its end
    // with grey), is left to poppler.
    if (!jpeg_frame_matches(out.jpeg, out.width, out.height, out.components) || !image_complete(out.jpeg, InputKind::Jpeg))
        return std::nullopt;
    return out;
}

}  // namespace

std::optional<PdfPageJpeg> pdf_page_jpeg(QpdfFile& f, int page_index) {
    if (page_index < 1 || page_index > qpdf_page_count(f)) return std::nullopt;
    try {
        return page_jpeg(f.pages[static_cast<std::size_t>(page_index - 1)]);
    } catch (const std::exception&) {  // damaged objects or content: poppler's to render or report
        return std::nullopt;
    }
}

cv::Mat decode_pdf_page_jpeg(const PdfPageJpeg& page, double min_dpi, double& dpi) {
    const double inches = page.page_width_pt / 72.0;
    const double full_dpi = page.width / inches;
    int reduce = 1;
    while (reduce < 8 && full_dpi / (2 * reduce) >= min_dpi * 0.995) reduce *= 2;
    // EXIF orientation is ignored, as poppler ignores it.
    const int flags = cv::IMREAD_IGNORE_ORIENTATION | (reduce == 8   ? cv::IMREAD_REDUCED_GRAYSCALE_8
                                                       : reduce == 4 ? cv::IMREAD_REDUCED_GRAYSCALE_4
                                                       : reduce == 2 ? cv::IMREAD_REDUCED_GRAYSCALE_2
                                                                     : cv::IMREAD_GRAYSCALE);
    cv::Mat g = cv::imdecode(page.jpeg, flags);
    if (g.empty() || g.type() != CV_8UC1 || g.cols != (page.width + reduce - 1) / reduce ||
        g.rows != (page.height + reduce - 1) / reduce)
        return {};
    dpi = g.cols / inches;
    if (page.rotate == 90) cv::rotate(g, g, cv::ROTATE_90_CLOCKWISE);
    else if (page.rotate == 180) cv::rotate(g, g, cv::ROTATE_180);
    else if (page.rotate == 270) cv::rotate(g, g, cv::ROTATE_90_COUNTERCLOCKWISE);
    return g.isContinuous() ? g : g.clone();
}

}  // namespace quizscan
