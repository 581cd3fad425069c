// Printed sheets checked through an independent renderer: the PDF (printed_sheets.hpp) is rasterised
// by poppler (pdftoppm) and read back with ZXing and OpenCV: pages, barcodes, fiducials, bubbles and
// comb boxes where the layout says; its page count by qpdf. Text: print_text_test.cpp.
#include <gtest/gtest.h>

#include <ZXing/ReadBarcode.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/payload.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "print/print_pdf.hpp"
#include "printed_sheets.hpp"
#include "common/run_command.hpp"

using namespace quizscan;
using namespace quizscan::print_testing;
using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;

namespace {

// ---------------------------------------------------------------- (e) pages

TEST_P(PrintTest, TwoPagesPerParticipantOfThePaperSize) {
    const CmdResult n = run("qpdf --show-npages " + q(p->pdf));
    ASSERT_EQ(n.rc, 0);
    EXPECT_EQ(std::stoi(n.out), 6);
    const CmdResult info = run("pdfinfo " + q(p->pdf));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(info.out, m, std::regex("Page size:\\s+([0-9.]+) x ([0-9.]+) pts")));
    EXPECT_NEAR(std::stod(m[1]) * kMmPerInch / 72, p->layout.width_mm, 0.2);
    EXPECT_NEAR(std::stod(m[2]) * kMmPerInch / 72, p->layout.height_mm, 0.2);
    for (const auto& img : p->pages) {
        EXPECT_NEAR(img.cols, px(p->layout.width_mm), 1.5);
        EXPECT_NEAR(img.rows, px(p->layout.height_mm), 1.5);
    }
}

// ---------------------------------------------------------------- (a) barcode

// The page's barcode is a QR code (src/print/barcode.cpp: ZXing-cpp 1.4 finds a DataMatrix
// only in a tight crop, a QR code on the whole page). Read from the whole page, as a scanner
// does before it knows where anything is.
ZXing::Results read_barcodes(const cv::Mat& img) {
    const auto hints = ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::DataMatrix);
    return ZXing::ReadBarcodes(ZXing::ImageView(img.data, img.cols, img.rows, ZXing::ImageFormat::Lum,
                                                static_cast<int>(img.step)),
                               hints);
}

TEST_P(PrintTest, BarcodeOnEveryPageNamesTheSheet) {
    for (size_t i = 0; i < p->pages.size(); ++i) {
        SCOPED_TRACE("page " + std::to_string(i + 1));
        const auto results = read_barcodes(p->pages[i]);
        ASSERT_EQ(results.size(), 1u) << "one barcode per page";
        const auto& r = results[0];
        ASSERT_TRUE(r.isValid());
        EXPECT_EQ(r.format(), ZXing::BarcodeFormat::QRCode);
        const auto id = decode_payload(r.text());
        ASSERT_TRUE(id.has_value()) << r.text();
        EXPECT_EQ(id->form, "mlsysim-quiz");
        EXPECT_EQ(id->version, 1);
        EXPECT_EQ(id->paper, p->paper);
        EXPECT_EQ(id->session, p->session);
        EXPECT_EQ(id->participant, p->ids[i / 2]);
        EXPECT_EQ(id->page, static_cast<int>(i % 2) + 1);
        EXPECT_EQ(id->layout_fp, p->layout.fingerprint);
        // The symbol lies inside the layout's barcode area.
        const RectMm& bb = layout_of(i).barcode;
        for (const auto& c : {r.position().topLeft(), r.position().topRight(), r.position().bottomRight(),
                              r.position().bottomLeft()}) {
            EXPECT_GE(mm(c.x), bb.x - 1.0);
            EXPECT_LE(mm(c.x), bb.right() + 1.0);
            EXPECT_GE(mm(c.y), bb.y - 1.0);
            EXPECT_LE(mm(c.y), bb.bottom() + 1.0);
        }
        EXPECT_EQ(r.orientation(), 0);
    }
}

TEST_P(PrintTest, PayloadWithOneCharacterChangedIsRejected) {
    const auto results = read_barcodes(p->pages[0]);
    ASSERT_EQ(results.size(), 1u);
    const std::string text = results[0].text();
    ASSERT_TRUE(decode_payload(text).has_value()) << text;
    for (size_t k = 0; k < text.size(); ++k) {
        std::string bad = text;
        const char c = bad[k];
        // A plausible misread: a digit for another digit, a letter for another letter.
        if (std::isdigit(static_cast<unsigned char>(c))) bad[k] = static_cast<char>('0' + (c - '0' + 3) % 10);
        else if (c >= 'a' && c <= 'z') bad[k] = static_cast<char>('a' + (c - 'a' + 1) % 26);
        else if (c >= 'A' && c <= 'Z') bad[k] = static_cast<char>('A' + (c - 'A' + 1) % 26);
        else bad[k] = c == '|' ? '-' : '|';
        EXPECT_FALSE(decode_payload(bad).has_value()) << "accepted with character " << k << " changed: " << bad;
    }
    EXPECT_FALSE(decode_payload(text.substr(0, text.size() - 1)).has_value());
    EXPECT_FALSE(decode_payload(text + "0").has_value());
}

// ---------------------------------------------------------------- (b) fiducials

cv::Rect window(const cv::Mat& img, double cx_mm, double cy_mm, double half_w_mm, double half_h_mm) {
    const int x0 = static_cast<int>(std::floor(px(cx_mm - half_w_mm)));
    const int y0 = static_cast<int>(std::floor(px(cy_mm - half_h_mm)));
    const int x1 = static_cast<int>(std::ceil(px(cx_mm + half_w_mm)));
    const int y1 = static_cast<int>(std::ceil(px(cy_mm + half_h_mm)));
    return cv::Rect(x0, y0, x1 - x0, y1 - y0) & cv::Rect(0, 0, img.cols, img.rows);
}

// The fiducial found near `guess`: the largest dark blob within size/2 + 3 mm, its box in mm.
struct Blob {
    bool found = false, clipped = false;
    double cx = 0, cy = 0, w = 0, h = 0, centroid_x = 0, centroid_y = 0;
};
Blob find_fiducial(const cv::Mat& img, PointMm guess, double size) {
    Blob b;
    const cv::Rect w = window(img, guess.x, guess.y, size / 2 + 3, size / 2 + 3);
    cv::Mat bin = img(w) < 128, labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(bin, labels, stats, centroids, 8);
    if (n < 2) return b;
    int best = 1;
    for (int k = 2; k < n; ++k)
        if (stats.at<int>(k, cv::CC_STAT_AREA) > stats.at<int>(best, cv::CC_STAT_AREA)) best = k;
    const int left = stats.at<int>(best, cv::CC_STAT_LEFT), top = stats.at<int>(best, cv::CC_STAT_TOP);
    const int bw = stats.at<int>(best, cv::CC_STAT_WIDTH), bh = stats.at<int>(best, cv::CC_STAT_HEIGHT);
    b.found = true;
    b.clipped = !(left > 0 && top > 0 && left + bw < w.width && top + bh < w.height);
    b.cx = mm(w.x + left + bw / 2.0);
    b.cy = mm(w.y + top + bh / 2.0);
    b.w = mm(bw);
    b.h = mm(bh);
    b.centroid_x = mm(w.x + centroids.at<double>(best, 0) + 0.5);
    b.centroid_y = mm(w.y + centroids.at<double>(best, 1) + 0.5);
    return b;
}

TEST_P(PrintTest, FiducialsWhereTheLayoutSays) {
    for (size_t i = 0; i < p->pages.size(); ++i) {
        const cv::Mat& img = p->pages[i];
        for (const auto& f : layout_of(i).fiducials) {
            SCOPED_TRACE("page " + std::to_string(i + 1) + " fiducial at " + std::to_string(f.center.x) + "," +
                         std::to_string(f.center.y));
            const Blob b = find_fiducial(img, f.center, f.size);
            ASSERT_TRUE(b.found) << "no ink near the expected fiducial";
            EXPECT_FALSE(b.clipped) << "the blob runs out of the search window";
            EXPECT_NEAR(b.cx, f.center.x, kTol);
            EXPECT_NEAR(b.cy, f.center.y, kTol);
            EXPECT_NEAR(b.w, f.size, kTol);
            EXPECT_NEAR(b.h, f.size, kTol);
            // The ring's centroid (symmetric) agrees with its box.
            EXPECT_NEAR(b.centroid_x, f.center.x, kTol);
            EXPECT_NEAR(b.centroid_y, f.center.y, kTol);
            // Finder pattern: dark centre module, white ring between the outer and the inner square.
            const double m = f.size / 7;
            EXPECT_LT(img.at<uchar>(static_cast<int>(px(f.center.y)), static_cast<int>(px(f.center.x))), 64);
            EXPECT_GT(img.at<uchar>(static_cast<int>(px(f.center.y)), static_cast<int>(px(f.center.x - 2 * m))), 192);
        }
    }
}

// ---------------------------------------------------------------- (c) bubbles and comb boxes

// Dark pixels (< 128) in a window: their bounding box in mm, their count and centroid.
struct Ink {
    int count = 0;
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9, cx = 0, cy = 0;
};
Ink ink_in(const cv::Mat& img, const cv::Rect& w, int threshold = 128) {
    Ink k;
    for (int y = w.y; y < w.y + w.height; ++y)
        for (int x = w.x; x < w.x + w.width; ++x)
            if (img.at<uchar>(y, x) < threshold) {
                ++k.count;
                k.x0 = std::min(k.x0, mm(x));
                k.x1 = std::max(k.x1, mm(x + 1));
                k.y0 = std::min(k.y0, mm(y));
                k.y1 = std::max(k.y1, mm(y + 1));
                k.cx += mm(x + 0.5);
                k.cy += mm(y + 0.5);
            }
    if (k.count) k.cx /= k.count, k.cy /= k.count;
    return k;
}

TEST_P(PrintTest, BubblesWhereTheLayoutSays) {
    int checked = 0;
    for (size_t i = 0; i < p->pages.size(); ++i) {
        const cv::Mat& img = p->pages[i];
        for (const auto& f : layout_of(i).fields)
            for (const auto& o : f.options) {
                SCOPED_TRACE("page " + std::to_string(i + 1) + " " + f.id + "/" + o.value);
                const cv::Rect w = window(img, o.center.x, o.center.y, o.w / 2 + 1.2, o.h / 2 + 1.2);
                const Ink k = ink_in(img, w);
                ASSERT_GT(k.count, 20) << "no outline";
                const double stroke = 0.3;
                EXPECT_NEAR((k.x0 + k.x1) / 2, o.center.x, kTol);
                EXPECT_NEAR((k.y0 + k.y1) / 2, o.center.y, kTol);
                EXPECT_NEAR(k.x1 - k.x0, o.w + stroke, kTol);
                EXPECT_NEAR(k.y1 - k.y0, o.h + stroke, kTol);
                EXPECT_NEAR(k.cx, o.center.x, kTol);
                EXPECT_NEAR(k.cy, o.center.y, kTol);
                // An outline, not a filled mark: the middle is light.
                const cv::Rect mid = window(img, o.center.x, o.center.y, o.w / 4, o.h / 4);
                EXPECT_LT(ink_in(img, mid).count, mid.area() / 4) << "the bubble looks filled";
                ++checked;
            }
    }
    EXPECT_EQ(checked, 3 * (8 * 4 + 1));
}

// Position (mm) of the darkest line parallel to an edge near `at_mm`, averaged along [from_mm, to_mm].
// `vertical`: a vertical line (x position), else horizontal (y position). NaN when there is no line.
double line_at(const cv::Mat& img, bool vertical, double at_mm, double from_mm, double to_mm, double search_mm = 0.7) {
    const int a0 = static_cast<int>(std::floor(px(at_mm - search_mm))), a1 = static_cast<int>(std::ceil(px(at_mm + search_mm)));
    const int b0 = static_cast<int>(px(from_mm)), b1 = static_cast<int>(px(to_mm));
    std::vector<double> dark;
    for (int a = a0; a <= a1; ++a) {
        double s = 0;
        for (int b = b0; b < b1; ++b) s += 255 - (vertical ? img.at<uchar>(b, a) : img.at<uchar>(a, b));
        dark.push_back(s / (b1 - b0));
    }
    const auto peak = std::max_element(dark.begin(), dark.end());
    if (*peak < 60) return std::nan("");
    const int c = static_cast<int>(peak - dark.begin());
    double sw = 0, sx = 0;
    for (int d = std::max(0, c - 2); d <= std::min<int>(static_cast<int>(dark.size()) - 1, c + 2); ++d)
        sw += dark[static_cast<size_t>(d)], sx += dark[static_cast<size_t>(d)] * (a0 + d + 0.5);
    return mm(sx / sw);
}

TEST_P(PrintTest, CombBoxesWhereTheLayoutSays) {
    int boxes = 0;
    for (size_t i = 0; i < p->pages.size(); ++i) {
        const cv::Mat& img = p->pages[i];
        for (const auto& f : layout_of(i).fields) {
            if (f.type != FieldType::Number) continue;
            for (size_t b = 0; b < f.boxes.size(); ++b) {
                SCOPED_TRACE("page " + std::to_string(i + 1) + " " + f.id + " box " + std::to_string(b));
                const RectMm& r = f.boxes[b];
                EXPECT_NEAR(line_at(img, true, r.x, r.y + 2, r.bottom() - 2), r.x, kTol) << "left border";
                EXPECT_NEAR(line_at(img, true, r.right(), r.y + 2, r.bottom() - 2), r.right(), kTol) << "right border";
                EXPECT_NEAR(line_at(img, false, r.y, r.x + 1, r.right() - 1), r.y, kTol) << "top border";
                EXPECT_NEAR(line_at(img, false, r.bottom(), r.x + 1, r.right() - 1), r.bottom(), kTol) << "bottom border";
                // Nothing printed inside the box.
                const cv::Rect in = window(img, r.center().x, r.center().y, r.w / 2 - 0.6, r.h / 2 - 0.6);
                EXPECT_EQ(ink_in(img, in, 200).count, 0) << "ink inside an empty comb box";
                ++boxes;
            }
            // The printed decimal point.
            const cv::Rect w = window(img, f.decimal_point.x, f.decimal_point.y, 1.1, 0.8);
            const Ink k = ink_in(img, w);
            ASSERT_GT(k.count, 5) << f.id << ": no decimal point";
            EXPECT_NEAR(k.cx, f.decimal_point.x, kTol) << f.id;
            EXPECT_NEAR(k.cy, f.decimal_point.y, kTol) << f.id;
        }
    }
    EXPECT_EQ(boxes, 3 * 4 * 8);
}

// The measurements above can fail: expected positions moved by 0.6-1 mm are told apart.
TEST_P(PrintTest, MeasurementsNoticeAShiftedElement) {
    const cv::Mat& img = p->pages[0];
    const PageLayout& pl = layout_of(0);
    const Fiducial& f = pl.fiducials[0];
    const Blob b = find_fiducial(img, {f.center.x + 1.0, f.center.y - 1.0}, f.size);
    ASSERT_TRUE(b.found);
    EXPECT_GT(std::abs(b.cx - (f.center.x + 1.0)), kTol);
    EXPECT_GT(std::abs(b.cy - (f.center.y - 1.0)), kTol);
    const BubbleGeom& o = pl.fields[0].options.at(0);
    const Ink k = ink_in(img, window(img, o.center.x + 1.0, o.center.y, o.w / 2 + 1.2, o.h / 2 + 1.2));
    EXPECT_GT(std::abs((k.x0 + k.x1) / 2 - (o.center.x + 1.0)), kTol);
    for (const auto& fg : layout_of(1).fields)
        if (fg.type == FieldType::Number) {
            const RectMm& r = fg.boxes.at(0);
            const double found = line_at(p->pages[1], true, r.x + 0.6, r.y + 2, r.bottom() - 2);
            EXPECT_GT(std::abs(found - (r.x + 0.6)), kTol);
            break;
        }
}

INSTANTIATE_TEST_SUITE_P(Papers, PrintTest, ::testing::Values("letter", "a4"));

}  // namespace
