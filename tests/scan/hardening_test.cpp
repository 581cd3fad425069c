// Hostile inputs to `quizscan scan`, end to end through the binary (issue 28): truncated and
// undecodable TIFFs, folders read by content, unreadable folders, symlink loops, the same file
// or content twice, two scans of one folder at once, resumed summaries, another form's page
// rescanned with its form, a giant PDF page, white pages without scanner advice, no database
// for a scan with nothing to open. Each test scans its own small folder.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <tiffio.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "common/run_command.hpp"
#include "common/scratch.hpp"
#include "store/db.hpp"

using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;
namespace fs = std::filesystem;

namespace {

const std::string kSource = QUIZSCAN_SOURCE_DIR;
// QUIZSCAN_TEST_EXE runs the tests against another build (e.g. to see them fail before a fix).
const std::string kExe = std::getenv("QUIZSCAN_TEST_EXE") ? std::getenv("QUIZSCAN_TEST_EXE") : QUIZSCAN_EXE;
const std::string kFormPath = kSource + "/forms/mlsysim-quiz.yaml";

std::string describe(const CmdResult& r) {
    return "exit " + std::to_string(r.rc) + "\nstdout:\n" + r.out + "\nstderr (tail):\n" + r.err.substr(r.err.size() > 3000 ? r.err.size() - 3000 : 0);
}

fs::path fresh_dir(const std::string& name) { return quizscan::testing::fresh_dir("quizscan-hardening", name); }

// Two participants printed with `form` (pre) and rendered at 150 dpi: fronts and backs, grey.
struct Printed {
    fs::path dir, pdf;
    std::vector<cv::Mat> pages;  // a1, a2, b1, b2
};
Printed print_pages(const std::string& name, const std::string& form) {
    Printed p;
    p.dir = fresh_dir(name);
    const fs::path ids = p.dir / "ids.txt";
    std::ofstream(ids) << "482913\n507164\n";
    p.pdf = p.dir / "sheets.pdf";
    const CmdResult pr = run(q(kExe) + " print --form " + q(form) + " --session pre --ids " + q(ids.string()) + " --out " + q(p.pdf.string()));
    if (pr.rc != 0) throw std::runtime_error("quizscan print failed: " + describe(pr));
    const CmdResult rr = run("pdftoppm -r 150 -gray -png " + q(p.pdf.string()) + " " + q((p.dir / "page").string()));
    if (rr.rc != 0) throw std::runtime_error("pdftoppm failed (install poppler-utils): " + describe(rr));
    for (int i = 1; i <= 4; ++i) p.pages.push_back(cv::imread((p.dir / ("page-" + std::to_string(i) + ".png")).string(), cv::IMREAD_GRAYSCALE));
    for (const auto& m : p.pages)
        if (m.empty()) throw std::runtime_error("pdftoppm: a page is missing");
    return p;
}
const Printed& quiz() {
    static const Printed p = print_pages("printed", kFormPath);
    return p;
}
cv::Mat white_page() { return cv::Mat(1650, 1275, CV_8UC1, cv::Scalar(255)); }

CmdResult scan(const std::string& db, const std::vector<fs::path>& inputs, const std::string& extra = "") {
    std::string cmd = q(kExe) + " scan --db " + q(db) + " --jobs 2 " + extra;
    for (const auto& i : inputs) cmd += " " + q(i.string());
    return run(cmd);
}

std::int64_t count(const std::string& db_path, const std::string& sql) {
    quizscan::store::Db db(db_path);
    auto st = db.prepare(sql);
    return st.step() ? st.col_int(0) : -1;
}
std::string text(const std::string& db_path, const std::string& sql) {
    quizscan::store::Db db(db_path);
    auto st = db.prepare(sql);
    return st.step() && !st.is_null(0) ? st.col_text(0) : "<null>";
}
std::int64_t pages_of(const std::string& db, const std::string& name) {
    return count(db, "SELECT COUNT(*) FROM pages p JOIN inputs i ON i.id = p.input_id WHERE i.name = '" + name + "'");
}

// The summary line naming `what`, or "".
std::string line_naming(const std::string& out, const std::string& what) {
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line))
        if (line.find(what) != std::string::npos) return line;
    return "";
}

void write_png(const fs::path& p, const cv::Mat& m) {
    if (!cv::imwrite(p.string(), m)) throw std::runtime_error("cannot write " + p.string());
}
void write_bytes(const fs::path& p, const std::vector<unsigned char>& b) {
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}
std::vector<unsigned char> encode(const std::string& ext, const cv::Mat& m) {
    std::vector<unsigned char> b;
    if (!cv::imencode(ext, m, b)) throw std::runtime_error("cannot encode " + ext);
    return b;
}

// A multi-page deflate-compressed 8-bit grey TIFF written with libtiff.
void write_tiff(const fs::path& p, const std::vector<cv::Mat>& pages) {
    TIFF* t = TIFFOpen(p.c_str(), "w");
    if (!t) throw std::runtime_error("cannot write " + p.string());
    for (const auto& m : pages) {
        TIFFSetField(t, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(m.cols));
        TIFFSetField(t, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(m.rows));
        TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
        TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
        TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
        TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
        TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 64);
        TIFFSetField(t, TIFFTAG_XRESOLUTION, 150.0f);
        TIFFSetField(t, TIFFTAG_YRESOLUTION, 150.0f);
        TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        for (int y = 0; y < m.rows; ++y) TIFFWriteScanline(t, const_cast<unsigned char*>(m.ptr(y)), static_cast<uint32_t>(y), 0);
        TIFFWriteDirectory(t);
    }
    TIFFClose(t);
}

std::vector<cv::Mat> stack_of(int n) {
    std::vector<cv::Mat> pages;
    for (int i = 0; i < n; ++i) pages.push_back(quiz().pages[static_cast<std::size_t>(i % 4)]);
    return pages;
}

}  // namespace

// --- TIFFs --------------------------------------------------------------------------------------

TEST(Tiff, TruncatedMultiPageTiffSaysWhereItEndsAndExitsNonZero) {
    const fs::path dir = fresh_dir("trunc");
    for (const int n : {3, 12}) {
        const fs::path whole = dir / ("whole" + std::to_string(n) + ".tif"), cut = dir / ("cut" + std::to_string(n) + ".tif");
        write_tiff(whole, stack_of(n));
        std::ifstream in(whole, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
        const std::string db = (dir / ("t" + std::to_string(n) + ".db")).string();
        const CmdResult r = scan(db, {cut});
        EXPECT_NE(r.rc, 0) << describe(r);
        const std::string line = line_naming(r.out, cut.filename().string() + ": the file ends after page");
        ASSERT_FALSE(line.empty()) << "no 'ends after page' for a " << n << "-page TIFF cut in half\n" << describe(r);
        const std::int64_t read = pages_of(db, cut.filename().string());
        EXPECT_GE(read, 1);
        EXPECT_LT(read, n);
        EXPECT_NE(line.find("after page " + std::to_string(read) + " "), std::string::npos) << line;
        // Scanning it again names it again.
        const CmdResult again = scan(db, {cut});
        EXPECT_NE(again.rc, 0) << describe(again);
        EXPECT_FALSE(line_naming(again.out, "the file ends after page").empty()) << describe(again);
    }
}

TEST(Tiff, UndecodablePageIsRejectedNotBlank) {
    const fs::path dir = fresh_dir("undecodable");
    const fs::path tif = dir / "stack.tif";
    write_tiff(tif, {quiz().pages[0], quiz().pages[1], quiz().pages[2]});
    // Overwrite the middle strips of page 2 with noise: the deflate streams no longer decode.
    std::vector<std::pair<uint64_t, uint64_t>> strips;
    {
        TIFF* t = TIFFOpen(tif.c_str(), "r");
        ASSERT_TRUE(t && TIFFSetDirectory(t, 1));
        const uint64_t *offsets = nullptr, *sizes = nullptr;
        ASSERT_TRUE(TIFFGetField(t, TIFFTAG_STRIPOFFSETS, &offsets) && TIFFGetField(t, TIFFTAG_STRIPBYTECOUNTS, &sizes));
        const uint32_t n = TIFFNumberOfStrips(t);
        for (uint32_t s = n / 3; s < 2 * n / 3; ++s) strips.emplace_back(offsets[s], sizes[s]);
        TIFFClose(t);
    }
    {
        std::fstream f(tif, std::ios::binary | std::ios::in | std::ios::out);
        std::mt19937 rng(5);
        for (const auto& [off, size] : strips) {
            f.seekp(static_cast<std::streamoff>(off));
            for (uint64_t i = 0; i < size; ++i) f.put(static_cast<char>(rng() & 0xFF));
        }
    }
    const std::string db = (dir / "u.db").string();
    const CmdResult r = scan(db, {tif});
    EXPECT_NE(r.rc, 0) << "a page that could not be decoded is lost: the exit code must say so\n" << describe(r);
    EXPECT_EQ(text(db, "SELECT status FROM pages WHERE page_index = 2"), "rejected") << describe(r);
    EXPECT_NE(text(db, "SELECT reason FROM pages WHERE page_index = 2").find("could not be decoded"), std::string::npos);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages WHERE status = 'read'"), 2) << describe(r);
    EXPECT_EQ(line_naming(r.out, "black-and-white"), "") << describe(r);
}

// --- folders --------------------------------------------------------------------------------------

TEST(Folders, ReadByContentAndEveryOtherEntryNamed) {
    const fs::path dir = fresh_dir("formats");
    const fs::path in = dir / "in";
    fs::create_directories(in);
    // White pages, each with a different dot (no two files alike).
    auto w = [](int k) {
        cv::Mat m = white_page();
        cv::circle(m, cv::Point(100 + 40 * k, 100), 3, cv::Scalar(0), cv::FILLED);
        return m;
    };
    write_bytes(in / "a.bmp", encode(".bmp", w(1)));
    write_bytes(in / "b.webp", encode(".webp", w(2)));
    write_bytes(in / "c.jp2", encode(".jp2", w(3)));
    write_bytes(in / "d", encode(".png", w(4)));  // a PNG without an extension
    write_bytes(in / "f.jfif", encode(".jpg", w(5)));
    write_bytes(in / "e.PNG", encode(".png", w(6)));
    fs::copy_file(quiz().pdf, in / "g.PDF");
    std::ofstream(in / "notes.txt") << "scanned on monday\n";
    const std::string db = (dir / "f.db").string();
    const CmdResult r = scan(db, {in});
    EXPECT_EQ(r.rc, 0) << describe(r);
    EXPECT_NE(r.out.find("scanned 7 files"), std::string::npos) << describe(r);
    for (const char* name : {"a.bmp", "b.webp", "c.jp2", "d", "f.jfif", "e.PNG"}) EXPECT_EQ(pages_of(db, name), 1) << name << "\n" << describe(r);
    EXPECT_EQ(pages_of(db, "g.PDF"), 4);
    EXPECT_NE(line_naming(r.out, "notes.txt").find("not a scan"), std::string::npos) << describe(r);
}

TEST(Folders, UnreadableFolderIsAnError) {
    const fs::path dir = fresh_dir("locked");
    const fs::path in = dir / "in", locked = in / "locked";
    fs::create_directories(locked);
    write_png(in / "page.png", white_page());
    write_png(locked / "hidden.png", white_page());
    fs::permissions(dir, fs::perms::all);
    fs::permissions(in, fs::perms::all);
    fs::permissions(locked, fs::perms::none);
    // Root reads any folder: the scan then runs as nobody, which cannot.
    const std::string as = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    const std::string db = (dir / "l.db").string();
    const CmdResult r = run(as + q(kExe) + " scan --db " + q(db) + " --jobs 1 " + q(in.string()));
    fs::permissions(locked, fs::perms::owner_all);
    EXPECT_NE(r.rc, 0) << describe(r);
    const std::string line = line_naming(r.out, "locked:");
    EXPECT_NE(line.find("cannot open the folder"), std::string::npos) << describe(r);
    EXPECT_EQ(pages_of(db, "page.png"), 1) << describe(r);
}

TEST(Folders, SymlinkLoopIsOneRejectedEntry) {
    const fs::path dir = fresh_dir("loop");
    const fs::path in = dir / "in";
    fs::create_directories(in);
    write_png(in / "page.png", white_page());
    fs::create_symlink("loop", in / "loop");
    fs::create_symlink("nowhere.png", in / "dangling.png");
    const std::string db = (dir / "l.db").string();
    const CmdResult r = scan(db, {in});
    EXPECT_EQ(r.rc, 1) << describe(r);
    EXPECT_EQ(pages_of(db, "page.png"), 1) << describe(r);
    EXPECT_NE(line_naming(r.out, "loop:").find("loops"), std::string::npos) << describe(r);
    EXPECT_NE(line_naming(r.out, "dangling.png:").find("does not exist"), std::string::npos) << describe(r);
    // Named directly: the same reason, not "no such file".
    const CmdResult direct = scan((dir / "d.db").string(), {in / "loop", in / "page.png"});
    EXPECT_EQ(direct.rc, 1) << describe(direct);
    EXPECT_NE(line_naming(direct.out, "loop:").find("loops"), std::string::npos) << describe(direct);
}

// --- the batch ----------------------------------------------------------------------------------

TEST(Batch, SameContentTwiceIsReadOnce) {
    const fs::path dir = fresh_dir("twice");
    const fs::path in = dir / "in";
    fs::create_directories(in);
    write_png(in / "a.png", quiz().pages[0]);
    fs::copy_file(in / "a.png", in / "copy.png");
    write_png(in / "z.png", quiz().pages[1]);
    const std::string db = (dir / "t.db").string();
    const CmdResult r = scan(db, {in});
    EXPECT_EQ(r.rc, 0) << describe(r);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages"), 2) << describe(r);
    EXPECT_NE(line_naming(r.out, "copy.png").find("same content as"), std::string::npos) << describe(r);
    EXPECT_EQ(pages_of(db, "z.png"), 1) << "the file after the copy must still be read\n" << describe(r);

    const CmdResult path_twice = scan((dir / "p.db").string(), {in / "a.png", in / "a.png", in / "z.png"});
    EXPECT_EQ(path_twice.rc, 0) << describe(path_twice);
    EXPECT_NE(path_twice.out.find("the same file as"), std::string::npos) << describe(path_twice);
    EXPECT_EQ(count((dir / "p.db").string(), "SELECT COUNT(*) FROM pages"), 2);
}

TEST(Batch, TwoScansOfOneFolderIntoOneDatabaseAtOnce) {
    const fs::path dir = fresh_dir("concurrent");
    const fs::path in = dir / "in";
    fs::create_directories(in);
    write_tiff(in / "stack.tif", stack_of(8));
    for (int i = 0; i < 4; ++i) write_png(in / ("p" + std::to_string(i) + ".png"), quiz().pages[static_cast<std::size_t>(i)]);
    const std::string db = (dir / "c.db").string();
    const std::string one = q(kExe) + " scan --jobs 1 --db " + q(db) + " " + q(in.string());
    const CmdResult r = run("(" + one + " >" + q((dir / "1.out").string()) + " 2>&1; echo $? >" + q((dir / "1.rc").string()) + ") & " +
                            "(" + one + " >" + q((dir / "2.out").string()) + " 2>&1; echo $? >" + q((dir / "2.rc").string()) + ") & wait");
    auto slurp = [](const fs::path& p) {
        std::ifstream f(p);
        return std::string((std::istreambuf_iterator<char>(f)), {});
    };
    EXPECT_EQ(slurp(dir / "1.rc"), "0\n") << slurp(dir / "1.out");
    EXPECT_EQ(slurp(dir / "2.rc"), "0\n") << slurp(dir / "2.out");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM inputs"), 5);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages"), 12) << slurp(dir / "1.out") << slurp(dir / "2.out");
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM inputs WHERE page_count IS NULL"), 0);
}

TEST(Batch, ResumedScanSummaryCountsThePagesStoredBefore) {
    const fs::path dir = fresh_dir("resume");
    const fs::path tif = dir / "stack.tif";
    write_tiff(tif, {quiz().pages[0], quiz().pages[1], white_page(), white_page()});
    const std::string db = (dir / "r.db").string();
    ASSERT_EQ(scan(db, {tif}).rc, 0);
    {  // As if killed after two pages: the blank pages 3 and 4 not stored yet, the file unfinished.
        quizscan::store::Db d(db);
        d.exec("DELETE FROM pages WHERE page_index IN (3, 4)");
        d.exec("UPDATE inputs SET page_count = NULL");
    }
    const CmdResult r = scan(db, {tif});
    EXPECT_EQ(r.rc, 0) << describe(r);
    EXPECT_NE(r.out.find("pages read: 2, flagged: 0, blank: 2"), std::string::npos) << describe(r);
    EXPECT_NE(r.out.find(", 4 pages in"), std::string::npos) << describe(r);
}

TEST(Batch, OtherFormPageRescannedWithItsFormIsRead) {
    const fs::path dir = fresh_dir("otherform");
    std::ifstream f(kFormPath);
    std::string yaml((std::istreambuf_iterator<char>(f)), {});
    const std::string renamed = std::regex_replace(yaml, std::regex("(^|\n)form: *mlsysim-quiz"), "$1form: other-quiz");
    ASSERT_NE(renamed, yaml);
    const fs::path other = dir / "other-quiz.yaml";
    std::ofstream(other) << renamed;
    const Printed p = print_pages("otherform-printed", other.string());
    const fs::path page = dir / "other.png";
    write_png(page, p.pages[0]);
    const std::string db = (dir / "o.db").string();
    const CmdResult first = scan(db, {page});
    ASSERT_EQ(text(db, "SELECT status FROM pages"), "other_form") << describe(first);
    const CmdResult right = scan(db, {page}, "--form " + q(other.string()));
    EXPECT_EQ(right.rc, 0) << describe(right);
    EXPECT_EQ(text(db, "SELECT status FROM pages"), "read") << describe(right);
    EXPECT_EQ(right.out.find("1 already known"), std::string::npos) << describe(right);
    // Again with the right form: now it is known.
    const CmdResult again = scan(db, {page}, "--form " + q(other.string()));
    EXPECT_NE(again.out.find("1 already known"), std::string::npos) << describe(again);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM pages"), 1);
}

// --- odd pages ------------------------------------------------------------------------------------

TEST(OddPages, GiantPdfPageIsNotAPageAndExitsNonZero) {
    const fs::path dir = fresh_dir("giant");
    const fs::path pdf = dir / "giant.pdf";
    {
        std::vector<std::string> objs = {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                                         "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14000 14000] >>"};
        std::string body = "%PDF-1.4\n";
        std::vector<std::size_t> offsets;
        for (std::size_t i = 0; i < objs.size(); ++i) {
            offsets.push_back(body.size());
            body += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
        }
        const std::size_t xref = body.size();
        body += "xref\n0 4\n0000000000 65535 f \n";
        for (const auto o : offsets) {
            char line[32];
            std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
            body += line;
        }
        body += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
        std::ofstream(pdf, std::ios::binary) << body;
    }
    const std::string db = (dir / "g.db").string();
    const CmdResult r = scan(db, {pdf});
    EXPECT_NE(r.rc, 0) << describe(r);
    const std::string line = line_naming(r.out, "giant.pdf p1");
    EXPECT_NE(line.find("larger than any sheet"), std::string::npos) << describe(r);
    EXPECT_EQ(line.find("dpi"), std::string::npos) << "no resolution advice for a page that is not a sheet: " << line;
}

TEST(OddPages, WhiteAndForeignPagesGetNoScannerAdvice) {
    const fs::path dir = fresh_dir("white");
    write_png(dir / "white.png", white_page());
    cv::Mat text_page = white_page();
    for (int y = 100; y < 1500; y += 40) cv::putText(text_page, "Dear all, the minutes of the meeting follow", cv::Point(80, y), cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(0), 2);
    cv::threshold(text_page, text_page, 128, 255, cv::THRESH_BINARY);  // pure black and white: looks like a 1-bit scan
    write_png(dir / "letter.png", text_page);
    const CmdResult r = scan((dir / "w.db").string(), {dir / "white.png", dir / "letter.png"});
    EXPECT_EQ(r.rc, 0) << describe(r);
    EXPECT_EQ(r.out.find("black-and-white"), std::string::npos) << describe(r);
    EXPECT_NE(line_naming(r.out, "letter.png p1").find("not a page of this quiz"), std::string::npos) << describe(r);
}

// A hazy landscape: a sky fading down, soft hills, blurred texture; no dark detail anywhere.
cv::Mat holiday_photo() {
    const int w = 2400, h = 1800;
    cv::Mat g(h, w, CV_32F), noise(h, w, CV_32F);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double fx = static_cast<double>(x) / w, fy = static_cast<double>(y) / h;
            const bool hill = fy > 0.55 + 0.08 * std::sin(6 * fx) + 0.03 * std::sin(17 * fx);
            g.at<float>(y, x) = static_cast<float>(hill ? 140 + 25 * std::sin(30 * fx + 5 * fy) : 200 - 40 * fy + 10 * fx);
        }
    cv::randn(noise, 0, 25);
    cv::GaussianBlur(noise, noise, cv::Size(), 4);
    cv::GaussianBlur(g + noise, g, cv::Size(), 2);
    cv::Mat grey, colour;
    g.convertTo(grey, CV_8U);
    cv::cvtColor(grey, colour, cv::COLOR_GRAY2BGR);
    cv::multiply(colour, cv::Scalar(1.1, 1.0, 0.9), colour);
    return colour;
}

TEST(OddPages, APhotoIsNotABlankPage) {
    const fs::path dir = fresh_dir("photo");
    write_bytes(dir / "holiday.jpg", encode(".jpg", holiday_photo()));
    const std::string db = (dir / "p.db").string();
    const CmdResult r = scan(db, {dir / "holiday.jpg"});
    EXPECT_EQ(text(db, "SELECT status FROM pages"), "foreign") << describe(r);
    EXPECT_EQ(r.out.find("blank pages"), std::string::npos) << describe(r);
    EXPECT_NE(line_naming(r.out, "holiday.jpg p1").find("not a page of this quiz"), std::string::npos) << describe(r);
    EXPECT_EQ(r.out.find("unevenly lit"), std::string::npos) << describe(r);
}

TEST(OddPages, NothingToOpenCreatesNoDatabase) {
    const fs::path dir = fresh_dir("nothing");
    std::ofstream(dir / "notes.txt") << "not a scan\n";
    const fs::path db = dir / "new.db";
    const CmdResult r = scan(db.string(), {dir / "missing.png", dir / "notes.txt"});
    EXPECT_EQ(r.rc, 1) << describe(r);
    EXPECT_FALSE(fs::exists(db)) << describe(r);
    EXPECT_NE(line_naming(r.out, "missing.png").find("no such file"), std::string::npos) << describe(r);
    EXPECT_NE(line_naming(r.out, "notes.txt:").find("not a PDF"), std::string::npos) << describe(r);
}

// --- the command line -------------------------------------------------------------------------------

TEST(Cli, ErrorsGoToStderrNotStdout) {
    const fs::path dir = fresh_dir("stderr");
    const CmdResult r = run(q(kExe) + " layout --json --form " + q((dir / "missing.yaml").string()));
    EXPECT_NE(r.rc, 0);
    EXPECT_EQ(r.out, "") << "stdout must hold only results";
    EXPECT_NE(r.err.find("missing.yaml"), std::string::npos) << r.err;
}

TEST(Cli, ApplyOfAMissingFileIsAnError) {
    const fs::path dir = fresh_dir("apply");
    const std::string db = (dir / "a.db").string();
    write_png(dir / "white.png", white_page());
    ASSERT_EQ(scan(db, {dir / "white.png"}).rc, 0);
    const CmdResult r = run(q(kExe) + " review --db " + q(db) + " --apply " + q((dir / "missing.csv").string()));
    EXPECT_NE(r.rc, 0) << describe(r);
    EXPECT_NE(r.err.find("missing.csv"), std::string::npos) << describe(r);
}

TEST(Cli, ApplyWithRejectedLinesExitsNonZero) {
    const fs::path dir = fresh_dir("apply-rejected");
    const std::string db = (dir / "a.db").string();
    write_png(dir / "white.png", white_page());
    ASSERT_EQ(scan(db, {dir / "white.png"}).rc, 0);
    std::ofstream(dir / "fix.csv") << "item_id,value\n999999,a\n";
    const CmdResult r = run(q(kExe) + " review --db " + q(db) + " --apply " + q((dir / "fix.csv").string()));
    EXPECT_EQ(r.rc, 1) << describe(r);
    EXPECT_NE(r.out.find("REJECTED"), std::string::npos) << describe(r);
    EXPECT_NE(r.err.find("fix.csv: 1 line was rejected"), std::string::npos) << describe(r);
}
