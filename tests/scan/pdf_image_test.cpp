// Scanner PDFs (scan/pdf_image.hpp): a page that is one full-page JPEG is decoded directly and
// matches poppler's rendering of it (size, orientation, resolution, grey levels); quizscan's own
// printed pages and every unusual image page still go through poppler.
#include <gtest/gtest.h>
#include <poppler-document.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "common/jpeg_pdf.hpp"
#include "common/run_command.hpp"
#include "common/scratch.hpp"
#include "scan/inputs.hpp"
#include "scan/pdf_image.hpp"

using namespace quizscan;
using quizscan::testing::JpegPdfPage;
using quizscan::testing::q;
using quizscan::testing::run;
namespace fs = std::filesystem;

namespace {

const std::string kExe = QUIZSCAN_EXE;
const std::string kForm = std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml";

const fs::path& dir() { return quizscan::testing::scratch_root("quizscan-pdf-image-tests"); }

// A printed sheet (quizscan print) and its first page as a 300-dpi grey JPEG (pdftoppm), as a scanner would deliver it.
struct Printed {
    fs::path pdf;
    std::vector<unsigned char> jpeg;
    cv::Mat gray;  // the JPEG decoded
};
const Printed& printed() {
    static const Printed p = [] {
        Printed p;
        const fs::path ids = dir() / "ids.txt";
        p.pdf = dir() / "sheet.pdf";
        if (run(q(kExe) + " ids --count 1 --seed 3 --out " + q(ids.string())).rc != 0 ||
            run(q(kExe) + " print --form " + q(kForm) + " --session pre --ids " + q(ids.string()) + " --out " + q(p.pdf.string())).rc != 0 ||
            run("pdftoppm -r 300 -gray -jpeg -f 1 -l 1 -singlefile " + q(p.pdf.string()) + " " + q((dir() / "page1").string())).rc != 0)
            throw std::runtime_error("quizscan print or pdftoppm failed");
        p.gray = cv::imread((dir() / "page1.jpg").string(), cv::IMREAD_GRAYSCALE);
        cv::imencode(".jpg", p.gray, p.jpeg, {cv::IMWRITE_JPEG_QUALITY, 85});  // a grey JPEG whatever pdftoppm wrote
        return p;
    }();
    return p;
}

JpegPdfPage page_of(const cv::Mat& img, double dpi = 300, int rotate = 0) {
    JpegPdfPage p;
    cv::imencode(".jpg", img, p.jpeg, {cv::IMWRITE_JPEG_QUALITY, 85});
    p.width = img.cols, p.height = img.rows, p.dpi = dpi, p.rotate = rotate;
    if (img.channels() == 3) p.color_space = "/DeviceRGB";
    return p;
}

fs::path write_pdf(const std::string& name, const std::vector<JpegPdfPage>& pages) {
    const fs::path path = dir() / name;
    quizscan::testing::write_jpeg_pdf(path.string(), pages);
    return path;
}

// What poppler renders for the page, as read_pdf did for every page before (grey, 300 dpi, antialiased).
cv::Mat poppler_render(const fs::path& pdf, int page_index) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf.string()));
    std::unique_ptr<poppler::page> page(doc->create_page(page_index - 1));
    poppler::page_renderer r;
    r.set_render_hint(poppler::page_renderer::antialiasing, true);
    r.set_image_format(poppler::image::format_gray8);
    poppler::image img = r.render_page(page.get(), 300, 300);
    return cv::Mat(img.height(), img.width(), CV_8UC1, img.data(), static_cast<size_t>(img.bytes_per_row())).clone();
}

bool direct(const fs::path& pdf, int page_index = 1) {
    QpdfFilePtr f = open_qpdf(pdf.string());
    return f && pdf_page_jpeg(*f, page_index).has_value();
}

// Same size within 2 pixels and the same picture: poppler draws even a 1:1 image ~0.4 pixel off
// and smoothed (mean difference ~4 grey levels pixel by pixel), and a 600-dpi image ~1.3 pixel off,
// so the two must be within 1.5 pixel by phase correlation (a wrong turn, mirror or shift gives no
// clear peak) and equally dark on average.
void expect_like_poppler(const PageImage& got, const fs::path& pdf, int page_index, const std::string& what) {
    const cv::Mat want = poppler_render(pdf, page_index);
    EXPECT_NEAR(got.gray.cols, want.cols, 2) << what;
    EXPECT_NEAR(got.gray.rows, want.rows, 2) << what;
    const cv::Rect common(0, 0, std::min(got.gray.cols, want.cols), std::min(got.gray.rows, want.rows));
    cv::Mat a, b;
    got.gray(common).convertTo(a, CV_32F);
    want(common).convertTo(b, CV_32F);
    double response = 0;
    const cv::Point2d shift = cv::phaseCorrelate(a, b, cv::noArray(), &response);
    EXPECT_LT(std::abs(shift.x), 1.5) << what;
    EXPECT_LT(std::abs(shift.y), 1.5) << what;
    EXPECT_GT(response, 0.3) << what;
    EXPECT_NEAR(cv::mean(a)[0], cv::mean(b)[0], 1.5) << what;
}

}  // namespace

TEST(PdfImage, ScannerPageIsDecodedDirectlyLikePoppler) {
    const fs::path pdf = write_pdf("scanner.pdf", {page_of(printed().gray)});
    ASSERT_TRUE(direct(pdf));
    const MultiPageFile file(pdf.string(), InputKind::Pdf, 300);
    const PageImage page = file.read(1);
    EXPECT_NEAR(page.dpi, 300, 0.5);
    EXPECT_FALSE(page.bilevel);
    // The direct decode is what read() returned: the fast path was taken.
    QpdfFilePtr f = open_qpdf(pdf.string());
    double dpi = 0;
    const cv::Mat decoded = decode_pdf_page_jpeg(*pdf_page_jpeg(*f, 1), 300, dpi);
    ASSERT_EQ(decoded.size(), page.gray.size());
    EXPECT_EQ(cv::norm(decoded, page.gray, cv::NORM_INF), 0);
    expect_like_poppler(page, pdf, 1, "upright");
    // A page is identified by its pixels: the same file read again gives the same ones.
    const PageImage again = MultiPageFile(pdf.string(), InputKind::Pdf, 300).read(1);
    EXPECT_EQ(sha256_of_bytes(again.gray.data, again.gray.total()), sha256_of_bytes(page.gray.data, page.gray.total()));
}

TEST(PdfImage, RotatedPagesMatchPoppler) {
    // Each page stores the image turned against its /Rotate, so every page shows upright.
    const cv::Mat& up = printed().gray;
    cv::Mat r90, r180, r270;
    cv::rotate(up, r90, cv::ROTATE_90_COUNTERCLOCKWISE);
    cv::rotate(up, r180, cv::ROTATE_180);
    cv::rotate(up, r270, cv::ROTATE_90_CLOCKWISE);
    const fs::path pdf = write_pdf("rotated.pdf", {page_of(r90, 300, 90), page_of(r180, 300, 180), page_of(r270, 300, -90)});
    const MultiPageFile file(pdf.string(), InputKind::Pdf, 300);
    for (int i = 1; i <= 3; ++i) {
        SCOPED_TRACE("page " + std::to_string(i));
        EXPECT_TRUE(direct(pdf, i));
        const PageImage page = file.read(i);
        EXPECT_EQ(page.gray.size(), up.size());
        expect_like_poppler(page, pdf, i, "rotated");
        cv::Mat diff;
        cv::absdiff(page.gray, up, diff);
        EXPECT_LT(cv::mean(diff)[0], 2.0) << "shows upright";
    }
}

TEST(PdfImage, ColourPageIsDecodedToGrey) {
    cv::Mat colour;
    cv::cvtColor(printed().gray, colour, cv::COLOR_GRAY2BGR);
    cv::rectangle(colour, cv::Rect(100, 100, 300, 200), cv::Scalar(40, 90, 200), cv::FILLED);
    const fs::path pdf = write_pdf("colour.pdf", {page_of(colour)});
    ASSERT_TRUE(direct(pdf));
    const PageImage page = MultiPageFile(pdf.string(), InputKind::Pdf, 300).read(1);
    expect_like_poppler(page, pdf, 1, "colour");
}

TEST(PdfImage, HighResolutionPageIsDecodedAtHalfScale) {
    cv::Mat big;
    cv::resize(printed().gray, big, {}, 2, 2, cv::INTER_LINEAR);
    const fs::path pdf = write_pdf("600dpi.pdf", {page_of(big, 600)});
    ASSERT_TRUE(direct(pdf));
    const PageImage page = MultiPageFile(pdf.string(), InputKind::Pdf, 300).read(1);
    EXPECT_NEAR(page.dpi, 300, 0.5);
    expect_like_poppler(page, pdf, 1, "600 dpi");
    // Decoded at half scale, the page lies on the 300-dpi original it was enlarged from.
    ASSERT_EQ(page.gray.size(), printed().gray.size());
    cv::Mat a, b;
    page.gray.convertTo(a, CV_32F);
    printed().gray.convertTo(b, CV_32F);
    const cv::Point2d shift = cv::phaseCorrelate(a, b);
    EXPECT_LT(std::abs(shift.x) + std::abs(shift.y), 0.5);
}

TEST(PdfImage, PrintedSheetGoesThroughPoppler) {
    EXPECT_FALSE(direct(printed().pdf));
    const PageImage page = MultiPageFile(printed().pdf.string(), InputKind::Pdf, 300).read(1);
    EXPECT_EQ(page.dpi, 300);
    EXPECT_EQ(page.gray.size(), cv::Size(2550, 3300));  // letter at 300 dpi
    expect_like_poppler(page, printed().pdf, 1, "printed");
}

TEST(PdfImage, UnusualImagePagesGoThroughPoppler) {
    struct Case {
        const char* what;
        std::string JpegPdfPage::*field;
        const char* value;
    };
    const std::vector<Case> cases{
        {"inverted by /Decode", &JpegPdfPage::extra_image_keys, "/Decode [1 0]"},
        {"text over the image", &JpegPdfPage::extra_content, "BT /F1 12 Tf (x) Tj ET"},
        {"a path over the image", &JpegPdfPage::extra_content, "0 0 10 10 re f"},
        {"CMYK", &JpegPdfPage::color_space, "/DeviceCMYK"},
        {"decode parameters", &JpegPdfPage::extra_image_keys, "/DecodeParms << /ColorTransform 0 >>"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.what);
        JpegPdfPage p = page_of(printed().gray);
        p.*c.field = c.value;
        const fs::path pdf = write_pdf("unusual.pdf", {p});
        EXPECT_FALSE(direct(pdf));
        EXPECT_EQ(MultiPageFile(pdf.string(), InputKind::Pdf, 300).read(1).dpi, 300);  // rendered by poppler
    }
    JpegPdfPage half = page_of(printed().gray);
    half.image_scale = 0.5;  // the image covers a quarter of the page
    EXPECT_FALSE(direct(write_pdf("half.pdf", {half})));
    // A coarse scan (100 dpi) is taken out but rendered by poppler at --pdf-dpi, as before.
    cv::Mat coarse;
    cv::resize(printed().gray, coarse, {}, 1.0 / 3, 1.0 / 3, cv::INTER_AREA);
    const fs::path coarse_pdf = write_pdf("coarse.pdf", {page_of(coarse, 100)});
    EXPECT_TRUE(direct(coarse_pdf));
    EXPECT_EQ(MultiPageFile(coarse_pdf.string(), InputKind::Pdf, 300).read(1).dpi, 300);
}

// A scan coarser than --pdf-dpi (a 150-dpi scanner PDF) is decoded directly, then enlarged to
// --pdf-dpi as poppler renders it: the reader and its digit models know such pages only that way.
TEST(PdfImage, CoarsePageIsEnlargedToThePdfResolutionLikePoppler) {
    cv::Mat coarse;
    cv::resize(printed().gray, coarse, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
    const fs::path pdf = write_pdf("coarse150.pdf", {page_of(coarse, 150)});
    ASSERT_TRUE(direct(pdf));
    const PageImage page = MultiPageFile(pdf.string(), InputKind::Pdf, 300).read(1);
    EXPECT_NEAR(page.dpi, 300, 0.5);
    expect_like_poppler(page, pdf, 1, "150 dpi enlarged to 300");
}
