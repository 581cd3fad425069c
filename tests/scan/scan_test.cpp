// The scan stage end to end, through the `quizscan` binary: real printed sheets (quizscan
// print, rendered by poppler's pdftoppm at 200 dpi) are filled by drawing with OpenCV at
// the layout's bubble positions, scanned, and the store (readings, pages, inputs,
// review_items) and the export are checked. Also: rotations, re-scans, broken inputs in one
// batch, a covered barcode (printed-ID OCR against the roster), phone photos of the sheets, and
// small synthetic sets checked against their ground truth (scripts/synth/make_scans.py,
// scripts/eval/compare_truth.py): scanned in grey, in a scanner's black-and-white mode, and photographed.
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
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "store/db.hpp"
#include "common/jpeg_pdf.hpp"
#include "common/run_command.hpp"
#include "common/scratch.hpp"

using namespace quizscan;
using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;
namespace fs = std::filesystem;

namespace {

constexpr double kDpi = 200;
const std::string kSource = QUIZSCAN_SOURCE_DIR;
const std::string kExe = QUIZSCAN_EXE;
const std::string kFormPath = kSource + "/forms/mlsysim-quiz.yaml";

double px(double mm) { return mm * kDpi / kMmPerInch; }

std::string describe(const CmdResult& r) { return "exit " + std::to_string(r.rc) + "\nstdout:\n" + r.out + "\nstderr (tail):\n" + r.err.substr(r.err.size() > 3000 ? r.err.size() - 3000 : 0); }

// A per-process scratch folder, removed when the tests end (QUIZSCAN_KEEP_TEST_FILES=1 keeps it).
fs::path fresh_dir(const std::string& name) { return quizscan::testing::fresh_dir("quizscan-scan-tests", name); }

const Layout& letter() {
    static const Layout l = make_layout(load_form(kFormPath), paper_by_name("letter"));
    return l;
}

const FieldGeom& field(int page, const std::string& id) {
    const PageLayout* p = letter().page(page);
    if (p)
        for (const auto& f : p->fields)
            if (f.id == id) return f;
    throw std::runtime_error("layout: no field " + id + " on page " + std::to_string(page));
}

// Fills bubble `value` of `field_id` the way a pen would: a dark ellipse over the printed one.
void fill(cv::Mat& page, int sheet_page, const std::string& field_id, const std::string& value, double grey = 25) {
    for (const auto& o : field(sheet_page, field_id).options)
        if (o.value == value) {
            cv::ellipse(page, cv::Point(static_cast<int>(px(o.center.x)), static_cast<int>(px(o.center.y))),
                        cv::Size(static_cast<int>(px(o.w / 2) * 0.9), static_cast<int>(px(o.h / 2) * 0.9)), 0, 0, 360, cv::Scalar(grey),
                        cv::FILLED, cv::LINE_AA);
            return;
        }
    throw std::runtime_error("layout: no option " + value + " in " + field_id);
}

// Prints `ids` (session pre) with `form` and renders every page at 200 dpi, grey.
std::vector<cv::Mat> print_and_render(const fs::path& dir, const std::string& form, const fs::path& ids_file) {
    const fs::path pdf = dir / "sheets.pdf";
    const CmdResult pr = run(q(kExe) + " print --form " + q(form) + " --session pre --ids " + q(ids_file.string()) + " --out " + q(pdf.string()));
    if (pr.rc != 0) throw std::runtime_error("quizscan print failed: " + describe(pr));
    const CmdResult rr = run("pdftoppm -r 200 -gray -png " + q(pdf.string()) + " " + q((dir / "page").string()));
    if (rr.rc != 0) throw std::runtime_error("pdftoppm failed (install poppler-utils): " + describe(rr));
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind("page-", 0) == 0 && e.path().extension() == ".png") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<cv::Mat> pages;
    for (const auto& f : files) pages.push_back(cv::imread(f.string(), cv::IMREAD_GRAYSCALE));
    return pages;
}

// Two participants printed for the shipped form; the fronts and backs filled as below.
struct Sheets {
    fs::path dir;
    std::string a, b;            // participant IDs
    fs::path ids_file;           // both
    fs::path pdf;                // the printed (unfilled) PDF
    cv::Mat a1, a2, b1, b2;      // filled pages, upright
};

// What the fill below means for the readings: participant/sheet_page/field -> (value, needs review).
//   A front: q1 b, q2 blank, q3 a + a lighter c (an erased answer, or a second one: review), q4 d, q5 blank,
//            NO RESEARCH blank
//   A back:  q8 a, q9 blank, q10 b
//   B front: q1 c, q2 a, q3 blank, q4 b+d (two clear marks alike: both read), q5 a, NO RESEARCH checked
//   B back:  nothing written
const Sheets& sheets() {
    static const Sheets s = [] {
        Sheets s;
        s.dir = fresh_dir("sheets");
        s.ids_file = s.dir / "ids.txt";
        const CmdResult ir = run(q(kExe) + " ids --count 2 --seed 7 --out " + q(s.ids_file.string()));
        if (ir.rc != 0) throw std::runtime_error("quizscan ids failed: " + describe(ir));
        const auto ids = read_ids(s.ids_file.string());
        if (ids.size() != 2) throw std::runtime_error("expected 2 IDs");
        s.a = ids[0], s.b = ids[1];
        auto pages = print_and_render(s.dir, kFormPath, s.ids_file);
        if (pages.size() != 4) throw std::runtime_error("expected 4 rendered pages, got " + std::to_string(pages.size()));
        s.pdf = s.dir / "sheets.pdf";
        s.a1 = pages[0], s.a2 = pages[1], s.b1 = pages[2], s.b2 = pages[3];
        fill(s.a1, 1, "q1", "b");
        fill(s.a1, 1, "q3", "a");
        fill(s.a1, 1, "q3", "c", 130);
        fill(s.a1, 1, "q4", "d");
        fill(s.a2, 2, "q8", "a");
        fill(s.a2, 2, "q10", "b");
        fill(s.b1, 1, "q1", "c");
        fill(s.b1, 1, "q2", "a");
        fill(s.b1, 1, "q4", "b");
        fill(s.b1, 1, "q4", "d");
        fill(s.b1, 1, "q5", "a");
        fill(s.b1, 1, "no_research", field(1, "no_research").options.at(0).value);
        return s;
    }();
    return s;
}

// --- store queries -------------------------------------------------------------------------

std::int64_t count(const std::string& db_path, const std::string& sql) {
    store::Db db(db_path);
    auto st = db.prepare(sql);
    return st.step() ? st.col_int(0) : -1;
}

std::string text(const std::string& db_path, const std::string& sql) {
    store::Db db(db_path);
    auto st = db.prepare(sql);
    return st.step() && !st.is_null(0) ? st.col_text(0) : "<null>";
}

struct Reading {
    std::string value;
    bool review = false;
    bool operator==(const Reading& o) const { return value == o.value && review == o.review; }
};
using Readings = std::map<std::string, Reading>;  // "participant/sheet_page/field"

Readings readings(const std::string& db_path) {
    store::Db db(db_path);
    auto st = db.prepare(
        "SELECT p.participant, p.sheet_page, r.field, r.value, r.needs_review FROM readings r JOIN pages p ON p.id = r.page_id");
    Readings out;
    while (st.step())
        out[st.col_text(0) + "/" + std::to_string(st.col_int(1)) + "/" + st.col_text(2)] = {st.col_text(3), st.col_int(4) != 0};
    return out;
}

std::string dump(const Readings& r) {
    std::ostringstream o;
    for (const auto& [k, v] : r) o << "  " << k << " = '" << v.value << "'" << (v.review ? " (review)" : "") << "\n";
    return o.str();
}

// One reading as expected; a failure names it and lists every reading.
void expect_reading(const Readings& r, const std::string& key, const Reading& want) {
    ASSERT_TRUE(r.count(key)) << key << "\n" << dump(r);
    EXPECT_EQ(r.at(key), want) << key << "\n" << dump(r);
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s)
        if (c == sep) out.push_back(cur), cur.clear();
        else cur += c;
    out.push_back(cur);
    return out;
}

// responses.csv as participant/session -> column -> value (the export has no quoted commas in these columns).
std::map<std::string, std::map<std::string, std::string>> read_csv(const fs::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    const auto header = split(line, ',');
    std::map<std::string, std::map<std::string, std::string>> out;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto cells = split(line, ',');
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
        out[row["participant_id"] + "/" + row["session"]] = row;
    }
    return out;
}

CmdResult scan(const std::string& db, const std::vector<fs::path>& inputs, const std::string& extra = "") {
    std::string cmd = q(kExe) + " scan --db " + q(db) + " --jobs 2 " + extra;
    for (const auto& i : inputs) cmd += " " + q(i.string());
    return run(cmd);
}

void write_png(const fs::path& p, const cv::Mat& m) {
    if (!cv::imwrite(p.string(), m)) throw std::runtime_error("cannot write " + p.string());
}

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

// --- broken inputs: one batch, one test per file -------------------------------------------------

class BadInputs : public ::testing::Test {
protected:
    struct Batch {
        fs::path dir;
        std::string db;
        CmdResult result;
        std::string setup_error;
    };
    static const Batch& batch() {
        static const Batch b = [] {
            Batch b;
            try {
                make(b);
            } catch (const std::exception& e) {
                b.setup_error = e.what();
            }
            return b;
        }();
        return b;
    }
    void SetUp() override { ASSERT_TRUE(batch().setup_error.empty()) << batch().setup_error; }

    static void make(Batch& b) {
        const Sheets& s = sheets();
        b.dir = fresh_dir("bad");
        const fs::path in = b.dir / "in";
        fs::create_directories(in);
        write_png(in / "good.png", s.a1);
        std::ofstream(in / "empty.png").close();  // 0 bytes
        {
            std::vector<unsigned char> jpg;
            cv::imencode(".jpg", s.b1, jpg, {cv::IMWRITE_JPEG_QUALITY, 90});
            std::ofstream(in / "truncated.jpg", std::ios::binary).write(reinterpret_cast<const char*>(jpg.data()), static_cast<std::streamsize>(jpg.size() / 3));
        }
        {
            std::mt19937 rng(11);
            std::string bytes = "%PDF-1.4\n";
            for (int i = 0; i < 6000; ++i) bytes += static_cast<char>(rng() & 0xFF);
            std::ofstream(in / "corrupt.pdf", std::ios::binary) << bytes;
        }
        {
            const CmdResult e = run("qpdf --encrypt u o 256 -- " + q(s.pdf.string()) + " " + q((in / "encrypted.pdf").string()));
            if (e.rc != 0) throw std::runtime_error("qpdf --encrypt failed (install qpdf): " + describe(e));
        }
        {
            // 20000 x 20000 white: 400 MB in memory, a few hundred KB as PNG.
            const cv::Mat huge(20000, 20000, CV_8UC1, cv::Scalar(255));
            if (!cv::imwrite((in / "huge.png").string(), huge, {cv::IMWRITE_PNG_COMPRESSION, 1, cv::IMWRITE_PNG_STRATEGY, cv::IMWRITE_PNG_STRATEGY_RLE}))
                throw std::runtime_error("cannot write huge.png");
        }
        write_png(in / "blank.png", cv::Mat(static_cast<int>(px(279.4)), static_cast<int>(px(215.9)), CV_8UC1, cv::Scalar(255)));
        {
            // A page of another form: the shipped form under another id.
            const fs::path other = b.dir / "other";
            fs::create_directories(other);
            std::ifstream f(kFormPath);
            std::string yaml((std::istreambuf_iterator<char>(f)), {});
            const std::string renamed = std::regex_replace(yaml, std::regex("(^|\n)form: *mlsysim-quiz"), "$1form: other-quiz");
            if (renamed == yaml) throw std::runtime_error("could not rename the form id in " + kFormPath);
            std::ofstream(other / "other-quiz.yaml") << renamed;
            const auto pages = print_and_render(other, (other / "other-quiz.yaml").string(), s.ids_file);
            if (pages.empty()) throw std::runtime_error("other form: nothing rendered");
            write_png(in / "other_form.png", pages.front());
        }
        b.db = (b.dir / "bad.db").string();
        b.result = scan(b.db, {in});
    }

    static std::string out() { return batch().result.out; }
    // The summary line that names `name`.
    static std::string line_naming(const std::string& name) {
        std::istringstream in(out());
        std::string line;
        while (std::getline(in, line))
            if (line.find(name) != std::string::npos) return line;
        return "";
    }
    static std::string input_status(const std::string& name) { return text(batch().db, "SELECT status FROM inputs WHERE name = '" + name + "'"); }
    static std::string input_error(const std::string& name) { return text(batch().db, "SELECT error FROM inputs WHERE name = '" + name + "'"); }
    static std::string page_status(const std::string& name) {
        return text(batch().db, "SELECT p.status FROM pages p JOIN inputs i ON i.id = p.input_id WHERE i.name = '" + name + "'");
    }
    // An input that cannot be read at all: rejected in the store with a reason, named on stdout with it.
    static void expect_rejected(const std::string& name) {
        EXPECT_EQ(input_status(name), "rejected") << describe(batch().result);
        EXPECT_GT(input_error(name).size(), 10u) << name << ": no error text";
        EXPECT_EQ(count(batch().db, "SELECT COUNT(*) FROM pages p JOIN inputs i ON i.id = p.input_id WHERE i.name = '" + name + "'"), 0);
        const std::string line = line_naming(name);
        ASSERT_FALSE(line.empty()) << name << " not named on stdout:\n" << out();
        const auto colon = line.find(": ", line.find(name));
        ASSERT_NE(colon, std::string::npos) << line;
        EXPECT_GT(line.size() - colon, 10u) << "no reason given: " << line;
    }
};

TEST_F(BadInputs, GoodPageIsStillRead) {
    const Sheets& s = sheets();
    EXPECT_EQ(page_status("good.png"), "read") << describe(batch().result);
    EXPECT_EQ(text(batch().db, "SELECT p.participant FROM pages p JOIN inputs i ON i.id = p.input_id WHERE i.name = 'good.png'"), s.a);
    const Readings r = readings(batch().db);
    ASSERT_TRUE(r.count(s.a + "/1/q1")) << dump(r);
    EXPECT_EQ(r.at(s.a + "/1/q1").value, "b");
}

TEST_F(BadInputs, ExitCodeIsNonZeroBecauseSomeInputIsUnreadable) {
    EXPECT_EQ(batch().result.rc, 1) << describe(batch().result);
    EXPECT_EQ(count(batch().db, "SELECT COUNT(*) FROM inputs WHERE status = 'rejected'"), 5)
        << "empty, truncated, corrupt, encrypted, huge\n" << describe(batch().result);
}

TEST_F(BadInputs, EmptyFile) { expect_rejected("empty.png"); }
TEST_F(BadInputs, TruncatedJpeg) { expect_rejected("truncated.jpg"); }
TEST_F(BadInputs, CorruptPdf) { expect_rejected("corrupt.pdf"); }
TEST_F(BadInputs, EncryptedPdf) {
    expect_rejected("encrypted.pdf");
    EXPECT_NE(input_error("encrypted.pdf").find("password"), std::string::npos) << input_error("encrypted.pdf");
}
TEST_F(BadInputs, HugePng) {
    expect_rejected("huge.png");
    EXPECT_NE(input_error("huge.png").find("20000x20000"), std::string::npos) << input_error("huge.png");
}

TEST_F(BadInputs, BlankPageIsRecordedNotRejected) {
    EXPECT_EQ(input_status("blank.png"), "done");
    EXPECT_EQ(page_status("blank.png"), "blank");
    EXPECT_FALSE(line_naming("blank.png").empty()) << out();
    EXPECT_NE(out().find("blank pages"), std::string::npos) << out();
}

TEST_F(BadInputs, OtherFormIsRecordedNotRejected) {
    EXPECT_EQ(input_status("other_form.png"), "done");
    EXPECT_EQ(page_status("other_form.png"), "other_form");
    EXPECT_EQ(text(batch().db, "SELECT p.form FROM pages p JOIN inputs i ON i.id = p.input_id WHERE i.name = 'other_form.png'"), "other-quiz");
    const std::string line = line_naming("other_form.png");
    EXPECT_NE(line.find("other-quiz"), std::string::npos) << out();
}

TEST_F(BadInputs, ExitCodeIsZeroWhenEveryInputDecodes) {
    // The good page, the blank page and the other form's page: recorded, nothing unreadable.
    const fs::path in = batch().dir / "in";
    const std::string db = (batch().dir / "ok.db").string();
    const CmdResult r = scan(db, {in / "good.png", in / "blank.png", in / "other_form.png"});
    EXPECT_EQ(r.rc, 0) << describe(r);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM inputs WHERE status = 'rejected'"), 0);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages"), 3);
}

// --- a covered barcode: the printed ID against the roster ---------------------------------------

cv::Mat covered_front() {
    cv::Mat page = sheets().a1.clone();
    const RectMm bc = letter().page(1)->barcode;
    cv::rectangle(page, cv::Point(static_cast<int>(px(bc.x - 1.5)), static_cast<int>(px(bc.y - 1.5))),
                  cv::Point(static_cast<int>(px(bc.right() + 1.5)), static_cast<int>(px(bc.bottom() + 1.5))), cv::Scalar(255), cv::FILLED);
    return page;
}

TEST(CoveredBarcode, IdentifiedByPrintedIdOnRoster) {
    const fs::path dir = fresh_dir("covered-roster");
    write_png(dir / "covered.png", covered_front());
    const std::string db = (dir / "quiz.db").string();
    const CmdResult r = scan(db, {dir / "covered.png"}, "--ids " + q(sheets().ids_file.string()));
    ASSERT_EQ(r.rc, 0) << describe(r);
    EXPECT_EQ(text(db, "SELECT status FROM pages"), "read") << describe(r);
    EXPECT_EQ(text(db, "SELECT id_source FROM pages"), "ocr") << describe(r);
    EXPECT_EQ(text(db, "SELECT participant FROM pages"), sheets().a);
    EXPECT_EQ(text(db, "SELECT session FROM pages"), "pre");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM review_items WHERE kind = 'page_identity'"), 0);
    const Readings rd = readings(db);
    ASSERT_TRUE(rd.count(sheets().a + "/1/q1")) << dump(rd);
    EXPECT_EQ(rd.at(sheets().a + "/1/q1").value, "b");
}

TEST(CoveredBarcode, NotOnRosterBecomesIdentityReview) {
    const fs::path dir = fresh_dir("covered-other");
    write_png(dir / "covered.png", covered_front());
    std::ofstream(dir / "roster.txt") << sheets().b << "\n";  // the roster lists only the other participant
    const std::string db = (dir / "quiz.db").string();
    const CmdResult r = scan(db, {dir / "covered.png"}, "--ids " + q((dir / "roster.txt").string()));
    ASSERT_EQ(r.rc, 0) << describe(r);
    EXPECT_EQ(text(db, "SELECT status FROM pages"), "unidentified") << describe(r);
    EXPECT_EQ(text(db, "SELECT participant FROM pages"), "<null>");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM review_items WHERE kind = 'page_identity' AND state = 'open'"), 1);
    EXPECT_NE(r.out.find("covered.png"), std::string::npos) << r.out;
}

// --- a small synthetic set against its ground truth ----------------------------------------------

// compare_truth.py's number row: some numbers auto-accepted, none of them wrong. Prints the table.
void expect_numbers_read_and_none_wrong(const std::string& compare_out) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(compare_out, m, std::regex(R"(\nnumber +(\d+) +(\d+) +(\d+) )"))) << compare_out;
    EXPECT_GT(std::stoi(m[2]), 0) << "numbers are read automatically\n" << compare_out;
    EXPECT_EQ(std::stoi(m[3]), 0) << "numbers auto-accepted wrong\n" << compare_out;
    std::cout << compare_out;
}

// A set made by scripts/synth/make_scans.py with `make_args`, scanned with its roster, exported and
// compared with its truth by scripts/eval/compare_truth.py. Throws when a step cannot run.
struct SynthRun {
    std::string db;
    CmdResult scan;     // the scan summary
    CmdResult compare;  // the accuracy table; rc 1 for a wrong choice or checkbox, or a sheet not found
};
SynthRun scan_synthetic_set(const std::string& name, const std::string& make_args) {
    const fs::path dir = fresh_dir(name);
    const fs::path set = dir / "set";
    const CmdResult g = run("/usr/bin/python3 " + q(kSource + "/scripts/synth/make_scans.py") + " --quizscan " + q(kExe) + " --out " +
                            q(set.string()) + " " + make_args + " --jobs 2");
    if (g.rc != 0 || !fs::exists(set / "truth.json")) throw std::runtime_error("make_scans.py failed: " + describe(g));
    std::vector<fs::path> inputs;
    for (const auto& e : fs::directory_iterator(set))
        if (e.is_regular_file() && e.path().filename().string().rfind("scan_", 0) == 0) inputs.push_back(e.path());
    if (inputs.empty()) throw std::runtime_error("make_scans.py wrote no scan_* files");
    SynthRun out;
    out.db = (dir / "quiz.db").string();
    out.scan = scan(out.db, inputs, "--ids " + q((set / "ids.txt").string()));
    if (out.scan.rc != 0) throw std::runtime_error("scan failed: " + describe(out.scan));
    const CmdResult ex = run(q(kExe) + " export --db " + q(out.db) + " --out " + q((dir / "export").string()));
    if (ex.rc != 0) throw std::runtime_error("export failed: " + describe(ex));
    out.compare = run("/usr/bin/python3 " + q(kSource + "/scripts/eval/compare_truth.py") + " " + q((set / "truth.json").string()) + " " +
                      q((dir / "export" / "responses.csv").string()));
    return out;
}

bool python_has_synth_modules() { return run("/usr/bin/python3 -c 'import cv2, numpy, yaml'").rc == 0; }

TEST(Synthetic, SixSheetsPrePostMatchTruth) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth", "--sheets 6 --sessions pre,post --difficulty normal --dpi 150-300 --formats pdf,tiff,png,jpeg --seed 3");
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM pages"), 24) << "6 participants x pre/post x 2 pages";
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err << "\nscan summary:\n" << r.scan.out;
    std::cout << r.compare.out;
}

// A scanner's black-and-white mode (1-bit PNGs, thresholds 100-160) drops light pencil: what is left
// of a mark must go to review and a blank is not trusted, so no field is auto-accepted wrong. The
// reader before this check auto-accepted 2 wrong choices and 4 wrong numbers on this very set.
TEST(Synthetic, BlackAndWhiteScansAutoAcceptNothingWrong) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth-bw", "--sheets 8 --formats bw --dpi 150-300 --seed 5");
    EXPECT_NE(r.scan.out.find("black-and-white scans: 16 pages"), std::string::npos) << r.scan.out;
    EXPECT_NE(r.scan.out.find("rescan these"), std::string::npos) << r.scan.out;
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err;  // no wrong choice or checkbox, every sheet found
    expect_numbers_read_and_none_wrong(r.compare.out);
}

// Phone photos (make_scans.py --formats photo: each page a colour JPEG on a desk, off centre, in
// perspective, lit unevenly with a shadow): every page is read and nothing is auto-accepted wrong.
// The reader before this flagged most of these pages as unregistered.
TEST(Synthetic, PhonePhotosAreReadAndAutoAcceptNothingWrong) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth-photo", "--sheets 8 --formats photo --dpi 200-300 --seed 6");
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 16) << r.scan.out;
    EXPECT_NE(r.scan.out.find("unevenly lit (photos, or pages not flat on the glass): "), std::string::npos) << r.scan.out;
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err;
    expect_numbers_read_and_none_wrong(r.compare.out);
}

// Photos of pages folded down their length and opened again (make_scans.py --bend 5: fields in
// the middle moved 2.5-5 mm, the corner marks on the flat edges not at all, so registration fits
// well and shows nothing). Each field is found by its own print: the pages are named as not flat,
// nothing is auto-accepted wrong, and review stays near a flat photo's. Reading every field where
// the marks put it (the binary of c4b3e08) sent 43 of these 78 fields to review, 5 of the 6 NO
// RESEARCH boxes among them.
TEST(Synthetic, BentPagesAreReadFieldByField) {
    if (!python_has_synth_modules()) GTEST_SKIP() << "/usr/bin/python3 lacks cv2/numpy/yaml";
    const SynthRun r = scan_synthetic_set("synth-bent", "--sheets 6 --formats photo --dpi 200-300 --seed 41 --bend 5");
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 12) << r.scan.out;
    EXPECT_NE(r.scan.out.find("not flat (bent or folded between the corner marks): "), std::string::npos) << r.scan.out;
    EXPECT_EQ(r.compare.rc, 0) << r.compare.out << r.compare.err;
    expect_numbers_read_and_none_wrong(r.compare.out);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(r.compare.out, m, std::regex(R"(all fields: (\d+), sent to review: (\d+))"))) << r.compare.out;
    EXPECT_LE(std::stod(m[2]), 0.35 * std::stod(m[1])) << r.compare.out;
    EXPECT_EQ(count(r.db, "SELECT COUNT(*) FROM readings WHERE field = 'no_research' AND needs_review = 1"), 0) << r.compare.out;
}

}  // namespace
