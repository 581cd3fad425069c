// The scan stage end to end, through the `quizscan` binary: real printed sheets (quizscan
// print, rendered by poppler's pdftoppm at 200 dpi) are filled by drawing with OpenCV at
// the layout's bubble positions (scan_sheets.hpp), scanned, and the store (readings, pages,
// inputs, review_items) and the export are checked: marks, black-and-white scans, answers beside
// the boxes, phone photos, rotations and a scanner's PDF of JPEG pages. Broken inputs and covered
// barcodes: bad_inputs_test.cpp; synthetic sets against their truth: synthetic_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "scan_sheets.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "store/db.hpp"
#include "common/jpeg_pdf.hpp"
#include "common/run_command.hpp"
#include "common/scratch.hpp"

using namespace quizscan;
using namespace quizscan::scan_testing;
using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;

namespace {

// --- marks, rotations, re-scans --------------------------------------------------------------

// The expected readings of the filled sheets (choice and checkbox fields; numbers are blank).
void expect_filled_readings(const Readings& r, const std::string& where) {
    const Sheets& s = sheets();
    auto expect = [&](const std::string& who, int page, const std::string& f, const std::string& value, bool review) {
        const std::string key = who + "/" + std::to_string(page) + "/" + f;
        const auto it = r.find(key);
        ASSERT_NE(it, r.end()) << where << ": no reading " << key << "\n" << dump(r);
        EXPECT_EQ(it->second.value, value) << where << ": " << key << "\n" << dump(r);
        EXPECT_EQ(it->second.review, review) << where << ": " << key << " needs_review\n" << dump(r);
    };
    const std::string yes = field(1, "no_research").options.at(0).value;
    expect(s.a, 1, "q1", "b", false);
    expect(s.a, 1, "q2", "", false);
    {
        // A mark beside a lighter one: never auto-accepted; the guess keeps both letters.
        const auto it = r.find(s.a + "/1/q3");
        ASSERT_NE(it, r.end()) << dump(r);
        EXPECT_EQ(it->second.value, "ac") << where << "\n" << dump(r);
        EXPECT_TRUE(it->second.review) << where << ": a mark beside a lighter one must go to review\n" << dump(r);
    }
    expect(s.a, 1, "q4", "d", false);
    expect(s.a, 1, "q5", "", false);
    expect(s.a, 1, "no_research", "", false);
    expect(s.a, 2, "q8", "a", false);
    expect(s.a, 2, "q9", "", false);
    expect(s.a, 2, "q10", "b", false);
    expect(s.b, 1, "q1", "c", false);
    expect(s.b, 1, "q2", "a", false);
    expect(s.b, 1, "q3", "", false);
    expect(s.b, 1, "q4", "bd", false);  // two clear marks alike
    expect(s.b, 1, "q5", "a", false);
    expect(s.b, 1, "no_research", yes, false);
    for (const char* f : {"q8", "q9", "q10"}) expect(s.b, 2, f, "", false);
    // Nothing written in the comb boxes: numbers read as blank.
    for (const auto& who : {s.a, s.b})
        for (const auto& f : letter().page(2)->fields)
            if (f.type == FieldType::Number) {
                const auto it = r.find(who + "/2/" + f.id);
                ASSERT_NE(it, r.end()) << dump(r);
                EXPECT_EQ(it->second.value, "") << where << ": " << who << " " << f.id;
            }
}

TEST(ScanMarks, FilledBlankAndDoubleMarksAreReadAndRescanAddsNothing) {
    const Sheets& s = sheets();
    const fs::path dir = fresh_dir("marks");
    const fs::path in = dir / "in";
    fs::create_directories(in);
    write_png(in / "a_front.png", s.a1);
    write_png(in / "b_front.png", s.b1);
    ASSERT_TRUE(cv::imwritemulti((in / "backs.tiff").string(), std::vector<cv::Mat>{s.a2, s.b2}));  // 2 pages in one file
    const std::string db = (dir / "quiz.db").string();

    const CmdResult r = scan(db, {in});
    ASSERT_EQ(r.rc, 0) << describe(r);
    expect_filled_readings(readings(db), "upright");

    // One page row per input page, all read via their barcodes.
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM inputs"), 3);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages"), 4);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages WHERE status = 'read' AND id_source = 'barcode'"), 4) << describe(r);
    EXPECT_EQ(count(db, "SELECT page_count FROM inputs WHERE name = 'backs.tiff'"), 2);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages p JOIN inputs i ON i.id = p.input_id WHERE i.name = 'backs.tiff'"), 2);
    // The mark beside a lighter one is a choice review item; nothing else of choice kind is.
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM review_items WHERE kind = 'choice' AND field = 'q3'"), 1);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM review_items WHERE kind IN ('choice', 'checkbox')"), 1);

    // The export: accepted values, the mark beside a lighter one pending.
    const fs::path out = dir / "export";
    const CmdResult ex = run(q(kExe) + " export --db " + q(db) + " --out " + q(out.string()));
    ASSERT_EQ(ex.rc, 0) << describe(ex);
    const auto csv = read_csv(out / "responses.csv");
    ASSERT_TRUE(csv.count(s.a + "/pre")) << "no row for " << s.a;
    ASSERT_TRUE(csv.count(s.b + "/pre")) << "no row for " << s.b;
    const auto& ra = csv.at(s.a + "/pre");
    EXPECT_EQ(ra.at("q1"), "b");
    EXPECT_EQ(ra.at("q2"), "");
    EXPECT_EQ(ra.at("q4"), "d");
    EXPECT_EQ(ra.at("q10"), "b");
    const auto pending = split(ra.at("pending"), ';');
    EXPECT_NE(std::find(pending.begin(), pending.end(), "q3"), pending.end()) << "pending: " << ra.at("pending");
    EXPECT_EQ(std::find(pending.begin(), pending.end(), "q1"), pending.end()) << "pending: " << ra.at("pending");

    // Scanning the same files again adds nothing.
    const char* tables[] = {"inputs", "pages", "readings", "review_items", "crops"};
    std::map<std::string, std::int64_t> before;
    for (const char* t : tables) before[t] = count(db, std::string("SELECT COUNT(*) FROM ") + t);
    const CmdResult again = scan(db, {in});
    ASSERT_EQ(again.rc, 0) << describe(again);
    for (const char* t : tables) EXPECT_EQ(count(db, std::string("SELECT COUNT(*) FROM ") + t), before[t]) << t << " grew on a re-scan\n" << describe(again);
    EXPECT_NE(again.out.find("3 already known"), std::string::npos) << again.out;
}

// What a scanner's black-and-white mode stores: one threshold at mid-grey.
cv::Mat black_and_white(const cv::Mat& grey) {
    cv::Mat bw;
    cv::threshold(grey, bw, 128, 255, cv::THRESH_BINARY);
    return bw;
}

// A light pencil fill after a black-and-white scan: a scatter of its darkest grains.
void pencil_traces(cv::Mat& page, int sheet_page, const std::string& field_id, const std::string& value) {
    for (const auto& o : field(sheet_page, field_id).options)
        if (o.value == value) {
            std::mt19937 rng(7);
            const int cx = static_cast<int>(px(o.center.x)), cy = static_cast<int>(px(o.center.y));
            const int rx = static_cast<int>(px(o.w / 2) * 0.8), ry = static_cast<int>(px(o.h / 2) * 0.8);
            for (int y = -ry; y <= ry; ++y)
                for (int x = -rx; x <= rx; ++x)
                    if (x * x * ry * ry + y * y * rx * rx <= rx * rx * ry * ry && rng() % 100 < 8) page.at<uchar>(cy + y, cx + x) = 40;
            return;
        }
}

// The three ways a black-and-white scan arrives: a 1-bit PNG (known by its pixels), a CCITT G4
// TIFF and a PDF of CCITT images (known from the file; poppler renders the latter smoothed).
// Pen marks read the same; blanks and pencil traces go to review; the summary says so.
TEST(ScanMarks, BlackAndWhiteScansAreRecognisedAndTheirBlanksReviewed) {
    if (run("command -v ppm2tiff && command -v tiff2pdf").rc != 0) GTEST_SKIP() << "needs libtiff-tools (scripts/install-deps)";
    const Sheets& s = sheets();
    const fs::path dir = fresh_dir("bw");
    const fs::path in = dir / "in";
    fs::create_directories(in);
    cv::Mat a1 = s.a1.clone();
    pencil_traces(a1, 1, "q5", "c");
    ASSERT_TRUE(cv::imwrite((in / "a_front.png").string(), black_and_white(a1), {cv::IMWRITE_PNG_BILEVEL, 1}));
    for (const auto& [name, page] : {std::pair<std::string, cv::Mat>{"a_back", s.a2}, {"b_front", s.b1}}) {
        const fs::path pbm = dir / (name + ".pbm"), tif = (name == "a_back" ? dir : in) / (name + ".tif");
        ASSERT_TRUE(cv::imwrite(pbm.string(), black_and_white(page)));
        const CmdResult c = run("ppm2tiff -c g4 -R 200 " + q(pbm.string()) + " " + q(tif.string()));
        ASSERT_EQ(c.rc, 0) << describe(c);
    }
    const CmdResult p = run("tiff2pdf -o " + q((in / "a_back.pdf").string()) + " " + q((dir / "a_back.tif").string()));
    ASSERT_EQ(p.rc, 0) << describe(p);
    write_png(in / "b_back.png", s.b2);  // a grey scan in the same batch stays a grey scan

    const std::string db = (dir / "quiz.db").string();
    const CmdResult r = scan(db, {in});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const auto bw_at = r.out.find("black-and-white scans: 3 pages in");
    ASSERT_NE(bw_at, std::string::npos) << r.out;
    const std::string bw_line = r.out.substr(bw_at, r.out.find('\n', bw_at) - bw_at);
    for (const char* f : {"a_front.png", "a_back.pdf", "b_front.tif"}) EXPECT_NE(bw_line.find(f), std::string::npos) << f << "\n" << r.out;
    EXPECT_EQ(bw_line.find("b_back.png"), std::string::npos) << r.out;  // (named elsewhere: a page with no marks)

    const Readings rd = readings(db);
    auto expect = [&](const std::string& key, const std::string& value, bool review) { expect_reading(rd, key, {value, review}); };
    const std::string yes = field(1, "no_research").options.at(0).value;
    expect(s.a + "/1/q1", "b", false);  // pen marks as on a grey scan
    expect(s.a + "/1/q4", "d", false);
    expect(s.a + "/2/q8", "a", false);
    expect(s.a + "/2/q10", "b", false);
    expect(s.b + "/1/q1", "c", false);
    expect(s.b + "/1/q5", "a", false);
    expect(s.b + "/1/no_research", yes, false);
    expect(s.a + "/1/no_research", "", false);  // the checkbox is not flooded into review
    expect(s.a + "/1/q2", "", true);            // blanks on a black-and-white page: not known blank
    expect(s.a + "/2/q9", "", true);
    expect(s.b + "/2/q9", "", false);           // ... on the grey page they are
    EXPECT_TRUE(rd.count(s.a + "/1/q5") && rd.at(s.a + "/1/q5").review) << dump(rd);
    const std::string why = text(db, "SELECT reason FROM review_items WHERE field = 'q5' AND participant = '" + s.a + "'");
    EXPECT_NE(why.find("black-and-white"), std::string::npos) << why;
}

// Answers marked beside the boxes instead of in them are not blanks: a number written after its
// unit ("GPUs"), an option's text circled with no bubble filled, an X beside the NO RESEARCH
// label. Each goes to review (the number with its whole row as the picture); the blank fields
// around them stay plain blanks.
TEST(ScanMarks, AnswersMarkedBesideTheBoxesGoToReview) {
    const Sheets& s = sheets();
    const fs::path dir = fresh_dir("beside");
    cv::Mat back = s.b2.clone(), front = s.a1.clone();
    const auto& boxes = field(2, "q6_int4").boxes;
    cv::putText(back, "40", cv::Point(static_cast<int>(px(boxes.back().right() + 22)), static_cast<int>(px(boxes.back().bottom() - 1))),
                cv::FONT_HERSHEY_SCRIPT_SIMPLEX, 1.6, cv::Scalar(30), 4, cv::LINE_AA);
    // Option c: a ring round its text only, clear of the bubble and of the ring around it where a
    // check mark's spill is measured (1.75 bubble radii), so only the blank-page comparison sees it.
    const auto& c = field(2, "q9").options.at(2);
    const double ring_left = c.center.x + c.w / 2 * 1.75 + 1.5;
    cv::ellipse(back, cv::Point(static_cast<int>(px(ring_left + 10)), static_cast<int>(px(c.center.y))),
                cv::Size(static_cast<int>(px(10)), static_cast<int>(px(3))), 0, 0, 360, cv::Scalar(40), 3, cv::LINE_AA);
    const auto& nr = field(1, "no_research").options.at(0);  // an X after the label, the box left empty
    const cv::Point x0(static_cast<int>(px(nr.center.x + 120)), static_cast<int>(px(nr.center.y - 2)));
    cv::line(front, x0, x0 + cv::Point(static_cast<int>(px(4)), static_cast<int>(px(4))), cv::Scalar(30), 3, cv::LINE_AA);
    cv::line(front, x0 + cv::Point(0, static_cast<int>(px(4))), x0 + cv::Point(static_cast<int>(px(4)), 0), cv::Scalar(30), 3, cv::LINE_AA);
    write_png(dir / "back.png", back);
    write_png(dir / "front.png", front);
    const std::string db = (dir / "quiz.db").string();
    const CmdResult r = scan(db, {dir / "back.png", dir / "front.png"});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const Readings rd = readings(db);
    expect_reading(rd, s.b + "/2/q6_int4", {"", true});
    expect_reading(rd, s.b + "/2/q9", {"", true});
    expect_reading(rd, s.a + "/1/no_research", {"", true});
    for (const char* f : {"q6_fp16", "q7_virginia", "q7_quebec", "q8", "q10"}) expect_reading(rd, s.b + "/2/" + f, {"", false});
    expect_reading(rd, s.a + "/1/q2", {"", false});
    const std::string why = text(db, "SELECT reason FROM review_items WHERE field = 'q6_int4'");
    EXPECT_NE(why.find("written beside"), std::string::npos) << why;
    for (const char* f : {"q9", "no_research"}) {
        const std::string near = text(db, std::string("SELECT reason FROM review_items WHERE field = '") + f + "'");
        EXPECT_NE(near.find("marked near"), std::string::npos) << f << ": " << near;
    }
    store::Db d(db);
    auto st = d.prepare("SELECT c.png FROM crops c JOIN review_items i ON i.crop_id = c.id WHERE i.field = 'q6_int4'");
    ASSERT_TRUE(st.step()) << "no picture for the review item";
    const cv::Mat pic = cv::imdecode(st.col_blob(0), cv::IMREAD_GRAYSCALE);
    EXPECT_GT(pic.cols, 1200) << "the picture shows the whole row (10 px/mm), the writing beside the boxes included";
}

// A phone photo of `page` (grey, upright): on a darker, textured desk, the page turned by
// `turn_deg` and filling 80% of the image's height (turned: its bounding box does) off centre,
// each corner moved by up to 4% of the page, lit from the left (the right edge at 55%) with a soft
// shadow over the middle, slightly blurred; colour.
cv::Mat photograph(const cv::Mat& page, unsigned seed, double turn_deg = 0) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> jitter(-0.04f, 0.04f);
    const float w = static_cast<float>(page.cols), h = static_cast<float>(page.rows);
    const float cs = static_cast<float>(std::cos(turn_deg * CV_PI / 180)), sn = static_cast<float>(std::sin(turn_deg * CV_PI / 180));
    const float box_w = w * std::abs(cs) + h * std::abs(sn), box_h = h * std::abs(cs) + w * std::abs(sn);
    const cv::Size size(static_cast<int>(std::max(box_h / 0.8f * 0.75f, box_w * 1.15f)), static_cast<int>(box_h / 0.8f));
    cv::Mat desk(size, CV_32F), noise(size.height / 8, size.width / 8, CV_32F);
    cv::randn(noise, 0, 25);
    cv::resize(noise, desk, size);
    desk += 110;
    const cv::Point2f centre(size.width * 0.46f, size.height * 0.53f);
    std::vector<cv::Point2f> from{{0, 0}, {w, 0}, {w, h}, {0, h}}, to;
    for (const auto& c : from) {
        const cv::Point2f d = c - cv::Point2f(w / 2, h / 2);
        to.push_back(centre + cv::Point2f(cs * d.x - sn * d.y, sn * d.x + cs * d.y) + cv::Point2f(jitter(rng) * w, jitter(rng) * h));
    }
    const cv::Mat M = cv::getPerspectiveTransform(from, to);
    cv::Mat paper, mask, lit;
    cv::warpPerspective(page, paper, M, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
    cv::warpPerspective(cv::Mat(page.size(), CV_8U, 255), mask, M, size, cv::INTER_LINEAR);
    paper.convertTo(paper, CV_32F);
    mask.convertTo(mask, CV_32F, 1 / 255.0);
    lit = desk.mul(1 - mask) + paper.mul(mask);
    for (int y = 0; y < lit.rows; ++y) {
        auto* row = lit.ptr<float>(y);
        for (int x = 0; x < lit.cols; ++x) {
            const double gx = static_cast<double>(x) / lit.cols, gy = static_cast<double>(y) / lit.rows;
            const double shadow = 0.3 * std::exp(-((gx - 0.5) * (gx - 0.5) + (gy - 0.45) * (gy - 0.45)) / 0.04);
            row[x] *= static_cast<float>((1.0 - 0.45 * gx) * (1.0 - shadow));
        }
    }
    cv::GaussianBlur(lit, lit, cv::Size(), 1.0);
    cv::Mat grey8, colour;
    lit.convertTo(grey8, CV_8U);
    cv::cvtColor(grey8, colour, cv::COLOR_GRAY2BGR);
    cv::multiply(colour, cv::Scalar(0.85, 0.95, 1.0), colour);  // warm lamp light
    return colour;
}

// Phone photos of the sheets (page on a desk, off centre, in perspective and uneven light) read as
// the flat scans do. The reader before this looked for the corner marks only where a scan has them,
// and flagged these pages as "found 1 of 6 corner marks".
TEST(ScanMarks, PhonePhotosReadLikeScans) {
    const Sheets& s = sheets();
    const fs::path dir = fresh_dir("photos");
    const std::vector<std::pair<std::string, cv::Mat>> pages{{"a1", s.a1}, {"a2", s.a2}, {"b1", s.b1}, {"b2", s.b2}};
    unsigned seed = 1;
    for (const auto& [name, page] : pages)
        ASSERT_TRUE(cv::imwrite((dir / ("IMG_" + name + ".jpg")).string(), photograph(page, seed++), {cv::IMWRITE_JPEG_QUALITY, 85}));
    const std::string db = (dir / "quiz.db").string();
    const CmdResult r = scan(db, {dir});
    ASSERT_EQ(r.rc, 0) << describe(r);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 4) << r.out;
    EXPECT_NE(r.out.find("unevenly lit (photos, or pages not flat on the glass): 4 pages"), std::string::npos) << r.out;
    expect_filled_readings(readings(db), "photos");

    // Turned by 30 and by 40 degrees: read the same. (Before the page was turned by its barcode's
    // own orientation, the barcode's quadrant turned the 40-degree photo the wrong way; four squares
    // there fitted four corner marks exactly and NO RESEARCH was auto-accepted as checked. Hence
    // also the rule that marks found anywhere need five to agree.)
    for (const double turn : {30.0, -40.0}) {
        const fs::path one = fresh_dir("photo-turned" + std::to_string(static_cast<int>(turn)));
        ASSERT_TRUE(cv::imwrite((one / "IMG_a1.jpg").string(), photograph(s.a1, 7, turn), {cv::IMWRITE_JPEG_QUALITY, 85}));
        const std::string db1 = (one / "quiz.db").string();
        ASSERT_EQ(scan(db1, {one}).rc, 0);
        const Readings rd = readings(db1);
        expect_reading(rd, s.a + "/1/q1", {"b", false});
        expect_reading(rd, s.a + "/1/q4", {"d", false});
        ASSERT_TRUE(rd.count(s.a + "/1/no_research")) << dump(rd);
        EXPECT_EQ(rd.at(s.a + "/1/no_research").value, "") << turn << " degrees\n" << dump(rd);  // review allowed
    }

    // Two corner marks covered (a thumb on the page's left edge): four found away from where a scan
    // has them fit any homography exactly, so the page is not read from them alone; its QR code and
    // its print place it (registration by print), and what is read from it is right.
    cv::Mat covered = s.a1.clone();
    for (const std::size_t k : {std::size_t{3}, std::size_t{4}}) {  // bottom-left, middle-left
        const auto& f = letter().page(1)->fiducials.at(k);
        const cv::Point c(static_cast<int>(px(f.center.x)), static_cast<int>(px(f.center.y)));
        const int half = static_cast<int>(px(f.size));
        cv::rectangle(covered, c - cv::Point(half, half), c + cv::Point(half, half), cv::Scalar(200), cv::FILLED);
    }
    const fs::path thumb = fresh_dir("photo-covered");
    ASSERT_TRUE(cv::imwrite((thumb / "IMG_a1.jpg").string(), photograph(covered, 8), {cv::IMWRITE_JPEG_QUALITY, 85}));
    const std::string db2 = (thumb / "quiz.db").string();
    ASSERT_EQ(scan(db2, {thumb}).rc, 0);
    EXPECT_EQ(text(db2, "SELECT status FROM pages"), "read");
    const std::string why = text(db2, "SELECT reason FROM pages");
    EXPECT_NE(why.find("found 4 of 6 corner marks"), std::string::npos) << why;
    EXPECT_NE(why.find("placed by its QR code and print"), std::string::npos) << why;
    const Readings rd = readings(db2);
    expect_reading(rd, s.a + "/1/q1", {"b", false});
    expect_reading(rd, s.a + "/1/q4", {"d", false});
    for (const auto& [key, r] : rd) {
        if (!r.review && key.find("/1/q2") != std::string::npos) {
            EXPECT_EQ(r.value, "") << dump(rd);
        }
    }
}

TEST(ScanMarks, RotatedPagesReadTheSame) {
    const Sheets& s = sheets();
    const fs::path dir = fresh_dir("rotated");
    const fs::path up = dir / "up", rot = dir / "rot";
    fs::create_directories(up);
    fs::create_directories(rot);
    write_png(up / "a_front.png", s.a1);
    write_png(up / "b_front.png", s.b1);
    ASSERT_TRUE(cv::imwritemulti((up / "backs.tiff").string(), std::vector<cv::Mat>{s.a2, s.b2}));
    cv::Mat a1_180, b1_90, a2_270;
    cv::rotate(s.a1, a1_180, cv::ROTATE_180);
    cv::rotate(s.b1, b1_90, cv::ROTATE_90_CLOCKWISE);
    cv::rotate(s.a2, a2_270, cv::ROTATE_90_COUNTERCLOCKWISE);
    write_png(rot / "a_front.png", a1_180);
    write_png(rot / "b_front.png", b1_90);
    ASSERT_TRUE(cv::imwritemulti((rot / "backs.tiff").string(), std::vector<cv::Mat>{a2_270, s.b2}));

    const std::string db_up = (dir / "up.db").string(), db_rot = (dir / "rot.db").string();
    const CmdResult r1 = scan(db_up, {up});
    ASSERT_EQ(r1.rc, 0) << describe(r1);
    const CmdResult r2 = scan(db_rot, {rot});
    ASSERT_EQ(r2.rc, 0) << describe(r2);
    const Readings upright = readings(db_up), turned = readings(db_rot);
    expect_filled_readings(turned, "rotated");
    EXPECT_EQ(upright.size(), turned.size());
    for (const auto& [k, v] : upright) {
        ASSERT_TRUE(turned.count(k)) << k;
        EXPECT_TRUE(turned.at(k) == v) << k << ": upright '" << v.value << "' review " << v.review << ", rotated '" << turned.at(k).value
                                       << "' review " << turned.at(k).review;
    }
    // The rotation applied to make each page upright (clockwise degrees).
    auto rotation = [&](const std::string& name, int page_index) {
        return count(db_rot, "SELECT p.rotation FROM pages p JOIN inputs i ON i.id = p.input_id WHERE i.name = '" + name +
                                 "' AND p.page_index = " + std::to_string(page_index));
    };
    EXPECT_EQ(rotation("a_front.png", 1), 180);
    EXPECT_EQ(rotation("b_front.png", 1), 270);
    EXPECT_EQ(rotation("backs.tiff", 1), 90);
    EXPECT_EQ(rotation("backs.tiff", 2), 0);
    EXPECT_EQ(count(db_rot, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 4);
}

// A scanner's PDF: each page one JPEG over the whole page (decoded directly, not rendered: scan/pdf_image).
// B's front is stored turned a quarter left with /Rotate 90, so it shows upright and needs no turning.
TEST(ScanMarks, ScannerPdfOfJpegPagesIsRead) {
    const Sheets& s = sheets();
    const fs::path dir = fresh_dir("jpegpdf");
    auto page = [](const cv::Mat& m, int rotate) {
        quizscan::testing::JpegPdfPage p;
        cv::imencode(".jpg", m, p.jpeg, {cv::IMWRITE_JPEG_QUALITY, 85});
        p.width = m.cols, p.height = m.rows, p.dpi = kDpi, p.rotate = rotate;
        return p;
    };
    cv::Mat b1_left;
    cv::rotate(s.b1, b1_left, cv::ROTATE_90_COUNTERCLOCKWISE);
    const fs::path pdf = dir / "scanner.pdf";
    quizscan::testing::write_jpeg_pdf(pdf.string(), {page(s.a1, 0), page(s.a2, 0), page(b1_left, 90), page(s.b2, 0)});
    const std::string db = (dir / "quiz.db").string();
    const CmdResult r = scan(db, {pdf});
    ASSERT_EQ(r.rc, 0) << describe(r);
    expect_filled_readings(readings(db), "scanner PDF");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 4);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages WHERE rotation <> 0"), 0);
}

}  // namespace
