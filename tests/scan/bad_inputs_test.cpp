// Broken inputs in one batch through the `quizscan` binary (each rejected with a reason, or recorded,
// and the rest of the batch read), and a covered barcode identified by the printed ID against the
// roster or sent to identity review. The sheets: scan_sheets.hpp.
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

}  // namespace
