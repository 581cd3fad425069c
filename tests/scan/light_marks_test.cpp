// Light pencil and pages without marks: printed sheets (quizscan print, pdftoppm at 200 dpi) marked
// with light pencil fills, ticks and crosses (grey ~180-210), erasures beside dark marks, and pages
// left blank, read back by the `quizscan scan` binary. A light mark is never a confident blank; a
// page with no marks gets one page_answers review item, resolved through the review queue functions
// and through `quizscan review --apply`. Also the store side of that item on a made-up page result.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/run_command.hpp"
#include "common/scratch.hpp"
#include "core/geometry.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "review/queue.hpp"
#include "store/db.hpp"
#include "store/scan_store.hpp"
#include "scan_sheets.hpp"

using namespace quizscan;
using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;
namespace fs = std::filesystem;

// The shipped form's letter layout, the binary, printing and rendering: scan_sheets.hpp.
using scan_testing::describe;
using scan_testing::fresh_dir;
using scan_testing::kExe;
using scan_testing::kFormPath;
using scan_testing::letter;
using scan_testing::print_and_render;
using scan_testing::px;

namespace {

const BubbleGeom& option(int page, const std::string& field_id, const std::string& value) {
    for (const auto& f : letter().page(page)->fields)
        if (f.id == field_id)
            for (const auto& o : f.options)
                if (o.value == value) return o;
    throw std::runtime_error("layout: no option " + value + " of " + field_id);
}

// Pencil on paper: the page darkened towards `grey` where `mask` (0..255) is drawn, with graphite grain
// (`patchy`: its spread).
void pencil(cv::Mat& page, const cv::Mat& mask, double grey, unsigned seed, double patchy = 0.15) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> grain(1.0, patchy);
    for (int y = 0; y < page.rows; ++y)
        for (int x = 0; x < page.cols; ++x)
            if (const int a = mask.at<uchar>(y, x); a > 0) {
                const double alpha = std::clamp(a / 255.0 * grain(rng), 0.0, 1.0);
                auto& p = page.at<uchar>(y, x);
                p = static_cast<uchar>(std::lround(p * (1 - alpha * (1 - grey / 255.0))));
            }
}

enum class Style { Fill, Partial, Check, Cross, Smudge, Circle, Dot };

// A mark on option `value` of `field_id` at `grey` (a light pencil at 180-210, a pen at 30).
void mark(cv::Mat& page, int sheet_page, const std::string& field_id, const std::string& value, Style style, double grey) {
    const BubbleGeom& o = option(sheet_page, field_id, value);
    const cv::Point c(static_cast<int>(px(o.center.x)), static_cast<int>(px(o.center.y)));
    const int rx = static_cast<int>(px(o.w / 2)), ry = static_cast<int>(px(o.h / 2)), t = std::max(2, static_cast<int>(px(0.55)));
    cv::Mat m = cv::Mat::zeros(page.size(), CV_8U);
    switch (style) {
        case Style::Fill: cv::ellipse(m, c, cv::Size(rx, ry), 0, 0, 360, 255, cv::FILLED, cv::LINE_AA); break;
        case Style::Partial: cv::ellipse(m, c + cv::Point(rx / 4, ry / 5), cv::Size(rx * 3 / 4, ry * 3 / 4), 0, 0, 360, 255, cv::FILLED, cv::LINE_AA); break;
        case Style::Check: {
            const std::vector<cv::Point> pts{c + cv::Point(-rx * 7 / 10, 0), c + cv::Point(-rx / 10, ry * 3 / 4), c + cv::Point(rx * 11 / 10, -ry * 8 / 5)};
            cv::polylines(m, pts, false, 255, t, cv::LINE_AA);
            break;
        }
        case Style::Cross:
            cv::line(m, c + cv::Point(-rx, -ry), c + cv::Point(rx, ry), 255, t, cv::LINE_AA);
            cv::line(m, c + cv::Point(rx, -ry), c + cv::Point(-rx, ry), 255, t, cv::LINE_AA);
            break;
        case Style::Circle:  // a ring drawn round the bubble instead of filling it, open where the pen started
            cv::ellipse(m, c, cv::Size(rx * 27 / 20, ry * 8 / 5), 0, 100, 440, 255, t, cv::LINE_AA);
            break;
        case Style::Dot:  // a pencil's touch, 0.6 mm across, off the bubble's centre
            cv::circle(m, c + cv::Point(rx / 3, -ry / 5), std::max(1, static_cast<int>(px(0.3))), 255, cv::FILLED, cv::LINE_AA);
            break;
        case Style::Smudge:  // what an eraser leaves: a soft, patchy grey larger than the bubble (its grain crossing the ink threshold)
            cv::ellipse(m, c, cv::Size(rx * 6 / 5, ry * 5 / 4), 0, 0, 360, 255, cv::FILLED, cv::LINE_AA);
            cv::GaussianBlur(m, m, cv::Size(), px(0.3));
            break;
    }
    pencil(page, m, grey, static_cast<unsigned>(c.x * 31 + c.y), style == Style::Smudge ? 0.45 : 0.15);
}

// Three printed participants (fronts and backs, unmarked), printed once for every test.
struct Printed {
    fs::path ids_file;
    std::vector<std::string> ids;
    std::vector<cv::Mat> pages;  // participant i: pages[2i] front, pages[2i+1] back
};
const Printed& printed() {
    static const Printed p = [] {
        Printed p;
        const fs::path dir = fresh_dir("printed");
        p.ids_file = dir / "ids.txt";
        const CmdResult ir = run(q(kExe) + " ids --count 3 --seed 21 --out " + q(p.ids_file.string()));
        if (ir.rc != 0) throw std::runtime_error("quizscan ids failed: " + describe(ir));
        p.ids = read_ids(p.ids_file.string());
        p.pages = print_and_render(dir, kFormPath, p.ids_file);
        if (p.pages.size() != 6) throw std::runtime_error("expected 6 pages");
        return p;
    }();
    return p;
}

// Scans `pages` (written as PNGs) into a new database in `dir`; returns the scan's output.
CmdResult scan_pages(const fs::path& dir, const std::vector<std::pair<std::string, cv::Mat>>& pages) {
    const fs::path in = dir / "in";
    fs::create_directories(in);
    for (const auto& [name, img] : pages) cv::imwrite((in / (name + ".png")).string(), img);
    return run(q(kExe) + " scan --db " + q((dir / "quiz.db").string()) + " --ids " + q(printed().ids_file.string()) + " --jobs 2 " +
               q(in.string()));
}

struct Reading {
    std::string value;
    bool review = false;
};
// participant/field -> reading
std::map<std::string, Reading> readings(const fs::path& db_path) {
    store::Db db(db_path.string());
    auto st = db.prepare("SELECT p.participant, r.field, r.value, r.needs_review FROM readings r JOIN pages p ON p.id = r.page_id");
    std::map<std::string, Reading> out;
    while (st.step()) out[st.col_text(0) + "/" + st.col_text(1)] = {st.col_text(2), st.col_int(3) != 0};
    return out;
}

// responses.csv after `quizscan export`: participant -> column -> value.
std::map<std::string, std::map<std::string, std::string>> exported(const fs::path& dir) {
    const fs::path db = dir / "quiz.db", out = dir / "export";
    const CmdResult ex = run(q(kExe) + " export --db " + q(db.string()) + " --out " + q(out.string()));
    if (ex.rc != 0) throw std::runtime_error("export failed: " + describe(ex));
    std::ifstream in(out / "responses.csv");
    std::string line;
    std::getline(in, line);
    auto split = [](const std::string& s) {
        std::vector<std::string> v(1);
        for (char c : s) {
            if (c == ',') v.emplace_back();
            else v.back().push_back(c);
        }
        return v;
    };
    const auto header = split(line);
    std::map<std::string, std::map<std::string, std::string>> rows;
    while (std::getline(in, line)) {
        const auto cells = split(line);
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
        rows[row["participant_id"]] = row;
    }
    return rows;
}

bool pending(const std::map<std::string, std::string>& row, const std::string& field) {
    std::stringstream in(row.at("pending"));
    std::string f;
    while (std::getline(in, f, ';'))
        if (f == field) return true;
    return false;
}

std::int64_t count(const fs::path& db_path, const std::string& sql) {
    store::Db db(db_path.string());
    auto st = db.prepare(sql);
    return st.step() ? st.col_int(0) : -1;
}

}  // namespace

// Fills, partial fills, ticks and crosses in light pencil (grey 180-210) on every question: none
// is auto-accepted as blank or as another letter; each is read or sent to review. The NO RESEARCH
// box crossed in light pencil likewise; its review item (if any) offers no default.
TEST(LightMarks, LightPencilIsNeverAConfidentBlank) {
    const Printed& p = printed();
    cv::Mat front = p.pages[0].clone(), back = p.pages[1].clone();
    const std::map<std::string, std::string> want = {{"q1", "b"}, {"q2", "c"}, {"q3", "a"}, {"q4", "d"}, {"q5", "c"},
                                                     {"no_research", "yes"}, {"q8", "a"}, {"q9", "d"}, {"q10", "b"}};
    mark(front, 1, "q1", "b", Style::Fill, 200);
    mark(front, 1, "q2", "c", Style::Check, 185);
    mark(front, 1, "q3", "a", Style::Cross, 195);
    mark(front, 1, "q4", "d", Style::Partial, 190);
    mark(front, 1, "q5", "c", Style::Fill, 210);
    mark(front, 1, "no_research", "yes", Style::Cross, 190);
    mark(back, 2, "q8", "a", Style::Check, 205);
    mark(back, 2, "q9", "d", Style::Fill, 180);
    mark(back, 2, "q10", "b", Style::Cross, 200);
    const fs::path dir = fresh_dir("light");
    const CmdResult r = scan_pages(dir, {{"front", front}, {"back", back}});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const auto rd = readings(dir / "quiz.db");
    for (const auto& [field, value] : want) {
        const auto it = rd.find(p.ids[0] + "/" + field);
        ASSERT_NE(it, rd.end()) << field;
        EXPECT_TRUE(it->second.review || it->second.value == value)
            << field << ": auto-accepted as '" << it->second.value << "', marked " << value << " in light pencil";
    }
    const auto row = exported(dir).at(p.ids[0]);
    for (const auto& [field, value] : want)
        EXPECT_TRUE(pending(row, field) || row.at(field) == value)
            << field << " exported as '" << row.at(field) << "', pending: " << row.at("pending");
    EXPECT_EQ(count(dir / "quiz.db", "SELECT COUNT(*) FROM review_items WHERE kind = 'checkbox' AND guess IS NOT NULL"), 0)
        << "a NO RESEARCH item must offer no default";
    EXPECT_NE(r.out.find("faint marks"), std::string::npos) << r.out;
}

// A faint writer: every answer a light tick or cross, nothing dark on the sheet. Their ticks are read
// as marks (the same hand on every question), not as a blank sheet; nothing is read wrong.
TEST(LightMarks, FaintWritersTicksAreReadAsMarks) {
    const Printed& p = printed();
    cv::Mat front = p.pages[2].clone();
    const std::map<std::string, std::string> want = {{"q1", "a"}, {"q2", "d"}, {"q3", "b"}, {"q4", "c"}, {"q5", "d"}};
    int k = 0;
    for (const auto& [field, value] : want) {
        mark(front, 1, field, value, k % 2 ? Style::Cross : Style::Check, 190 + 4 * k);
        ++k;
    }
    const fs::path dir = fresh_dir("faint_writer");
    const CmdResult r = scan_pages(dir, {{"front", front}, {"back", p.pages[3]}});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const auto rd = readings(dir / "quiz.db");
    int read = 0;
    for (const auto& [field, value] : want) {
        const Reading& got = rd.at(p.ids[1] + "/" + field);
        EXPECT_TRUE(got.review || got.value == value) << field << ": auto-accepted as '" << got.value << "', ticked " << value;
        read += !got.review && got.value == value;
    }
    EXPECT_GE(read, 4) << "a faint writer's clear ticks are read, not all sent to review";
    EXPECT_EQ(count(dir / "quiz.db", "SELECT COUNT(*) FROM review_items WHERE kind = 'page_answers'"), 1)
        << "the blank back page (and only it) is a page with no marks";
}

// A bubble circled instead of filled is that answer (the circle's line crossing its neighbours' outer
// rings is no mark of theirs); two circles in one question, or a circle beside a filled bubble, are a
// person's to decide.
TEST(LightMarks, ACircledBubbleIsReadAndTwoMarksGoToReview) {
    const Printed& p = printed();
    cv::Mat front = p.pages[0].clone();
    mark(front, 1, "q1", "b", Style::Circle, 30);
    mark(front, 1, "q2", "a", Style::Fill, 30);
    mark(front, 1, "q3", "d", Style::Circle, 40);
    mark(front, 1, "q4", "a", Style::Circle, 30);  // two circles
    mark(front, 1, "q4", "c", Style::Circle, 30);
    mark(front, 1, "q5", "b", Style::Circle, 30);  // a circle beside a fill
    mark(front, 1, "q5", "d", Style::Fill, 30);
    const fs::path dir = fresh_dir("circles");
    const CmdResult r = scan_pages(dir, {{"front", front}});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const auto rd = readings(dir / "quiz.db");
    for (const auto& [field, value] : std::map<std::string, std::string>{{"q1", "b"}, {"q2", "a"}, {"q3", "d"}}) {
        EXPECT_EQ(rd.at(p.ids[0] + "/" + field).value, value) << field;
        EXPECT_FALSE(rd.at(p.ids[0] + "/" + field).review) << field << ": a circled bubble needs no person";
    }
    EXPECT_TRUE(rd.at(p.ids[0] + "/q4").review) << "two circled answers: read as '" << rd.at(p.ids[0] + "/q4").value << "'";
    const Reading& q5 = rd.at(p.ids[0] + "/q5");
    EXPECT_TRUE(q5.review || q5.value == "bd") << "a circle beside a fill: read as '" << q5.value << "' with no review";
}

// On a faint writer's page a blank is not known to be blank: a tick lighter still may not show. The
// question left unmarked and the NO RESEARCH box go to review (with no default for the box).
TEST(LightMarks, AFaintWritersBlanksGoToReview) {
    const Printed& p = printed();
    cv::Mat front = p.pages[2].clone();
    const std::map<std::string, std::string> want = {{"q1", "b"}, {"q2", "c"}, {"q3", "a"}, {"q5", "b"}};
    int k = 0;
    for (const auto& [field, value] : want) {
        mark(front, 1, field, value, k % 2 ? Style::Check : Style::Cross, 192 + 4 * k);
        ++k;
    }
    const fs::path dir = fresh_dir("faint_blanks");
    const CmdResult r = scan_pages(dir, {{"front", front}});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const auto rd = readings(dir / "quiz.db");
    for (const auto& [field, value] : want) {
        const Reading& got = rd.at(p.ids[1] + "/" + field);
        EXPECT_TRUE(got.review || got.value == value) << field << ": auto-accepted as '" << got.value << "', ticked " << value;
    }
    EXPECT_TRUE(rd.at(p.ids[1] + "/q4").review) << "q4, left blank by a faint writer, was accepted as blank";
    EXPECT_TRUE(rd.at(p.ids[1] + "/no_research").review) << "the NO RESEARCH box of a faint writer was accepted as not ticked";
    EXPECT_EQ(count(dir / "quiz.db", "SELECT COUNT(*) FROM review_items WHERE kind = 'checkbox' AND guess IS NOT NULL"), 0);
}

// An erasure (a soft grey smudge, its grain crossing the ink threshold here and there) beside a
// clear pen mark is an erasure, not a second mark or an unclear one.
TEST(LightMarks, ErasureBesideADarkMarkIsNotASecondMark) {
    const Printed& p = printed();
    cv::Mat front = p.pages[4].clone();
    const std::map<std::string, std::string> want = {{"q1", "b"}, {"q2", "a"}, {"q3", "d"}, {"q4", "c"}, {"q5", "a"}};
    for (const auto& [field, value] : want) mark(front, 1, field, value, Style::Fill, 30);
    mark(front, 1, "q1", "c", Style::Smudge, 165);
    mark(front, 1, "q3", "a", Style::Smudge, 185);
    const fs::path dir = fresh_dir("erasure");
    const CmdResult r = scan_pages(dir, {{"front", front}});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const auto rd = readings(dir / "quiz.db");
    for (const auto& [field, value] : want) {
        EXPECT_EQ(rd.at(p.ids[2] + "/" + field).value, value) << field;
        EXPECT_FALSE(rd.at(p.ids[2] + "/" + field).review) << field << ": an erasure beside a pen mark needs no person";
    }
}

// A light dot in a bubble of a question otherwise blank (a pencil at 210: under the trace threshold; at
// 205-215 the reader accepted it as a confident blank before) on a page answered in pen: the question is
// not a confident blank, it goes to review. On a page with nothing else marked the dot is no answer seen:
// the page's answers are keyed in one page_answers item, as for a page without marks (three dots here).
TEST(LightMarks, ALightDotInABlankQuestionGoesToReview) {
    const Printed& p = printed();
    cv::Mat front = p.pages[0].clone(), back = p.pages[1].clone();
    const std::map<std::string, std::string> want = {{"q1", "b"}, {"q2", "a"}, {"q3", "d"}, {"q4", "c"}};
    for (const auto& [field, value] : want) mark(front, 1, field, value, Style::Fill, 30);
    mark(front, 1, "q5", "c", Style::Dot, 210);
    for (const auto& [field, value] : std::map<std::string, std::string>{{"q8", "a"}, {"q9", "b"}, {"q10", "c"}})
        mark(back, 2, field, value, Style::Dot, 210);
    const fs::path dir = fresh_dir("dot");
    const CmdResult r = scan_pages(dir, {{"front", front}, {"back", back}});
    ASSERT_EQ(r.rc, 0) << describe(r);
    const auto rd = readings(dir / "quiz.db");
    for (const auto& [field, value] : want) EXPECT_EQ(rd.at(p.ids[0] + "/" + field).value, value) << field;
    const Reading& q5 = rd.at(p.ids[0] + "/q5");
    EXPECT_TRUE(q5.review || q5.value == "c") << "a dot in q5's c: read '" << q5.value << "' without review";
    EXPECT_EQ(count(dir / "quiz.db", "SELECT COUNT(*) FROM review_items WHERE kind = 'page_answers'"), 1) << "the back page";
    EXPECT_EQ(count(dir / "quiz.db", "SELECT COUNT(*) FROM review_items WHERE kind = 'choice' AND field IN ('q8', 'q9', 'q10')"), 0);
}

// A front page with nothing marked (a blank sheet, or pencil too light to see) beside a back page
// answered in pen: one page_answers item for the front, listing its choices and the NO RESEARCH box in
// print order, and no item per field; the summary names the page. While it is open those fields are
// pending; once resolved (through the queue functions, or `quizscan review --apply`) the export
// holds the keyed answers and nothing is pending.
TEST(LightMarks, PageWithNoMarksIsKeyedInOneItem) {
    const Printed& p = printed();
    cv::Mat back = p.pages[1].clone();
    for (const auto& [field, value] : std::map<std::string, std::string>{{"q8", "c"}, {"q9", "a"}, {"q10", "d"}})
        mark(back, 2, field, value, Style::Fill, 30);
    const std::string keyed = "q3=bc;q1=A;no_research=yes;q2=;q4=d;q5=b";  // any order, any case
    for (const bool via_csv : {false, true}) {
        const fs::path dir = fresh_dir(via_csv ? "no_marks_csv" : "no_marks_queue");
        const CmdResult r = scan_pages(dir, {{"front", p.pages[0]}, {"back", back}});
        ASSERT_EQ(r.rc, 0) << describe(r);
        EXPECT_NE(r.out.find("no marks found"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("front.png p1 (" + p.ids[0] + " pre, page 1)"), std::string::npos) << r.out;
        const fs::path db_path = dir / "quiz.db";
        EXPECT_EQ(count(db_path, "SELECT COUNT(*) FROM review_items WHERE kind IN ('choice', 'checkbox')"), 0);
        ASSERT_EQ(count(db_path, "SELECT COUNT(*) FROM review_items WHERE kind = 'page_answers'"), 1);
        std::int64_t id = 0;
        {
            store::Db db(db_path.string());
            auto st = db.prepare(
                "SELECT ri.id, ri.field IS NULL, ri.crop_id IS NULL, ri.participant, ri.session, ri.guess, ri.options, p.sheet_page "
                "FROM review_items ri JOIN pages p ON p.id = ri.page_id WHERE ri.kind = 'page_answers'");
            ASSERT_TRUE(st.step());
            id = st.col_int(0);
            EXPECT_TRUE(st.col_int(1)) << "field is NULL";
            EXPECT_TRUE(st.col_int(2)) << "crop_id is NULL";
            EXPECT_EQ(st.col_text(3), p.ids[0]);
            EXPECT_EQ(st.col_text(4), "pre");
            EXPECT_EQ(st.col_text(5), "no_research=;q1=;q2=;q3=;q4=;q5=");
            EXPECT_EQ(st.col_int(7), 1);
            const auto opts = nlohmann::json::parse(st.col_text(6));
            ASSERT_EQ(opts.size(), 6u) << opts.dump();
            EXPECT_EQ(opts[0], nlohmann::json::parse(R"({"field":"no_research","kind":"checkbox","values":["yes"],"read":""})"));
            EXPECT_EQ(opts[1], nlohmann::json::parse(R"({"field":"q1","kind":"choice","values":["a","b","c","d"],"read":""})"));
            EXPECT_EQ(opts[5]["field"], "q5");
        }
        auto row = exported(dir).at(p.ids[0]);
        for (const char* f : {"no_research", "q1", "q2", "q3", "q4", "q5"}) EXPECT_TRUE(pending(row, f)) << f << ": " << row.at("pending");
        EXPECT_EQ(row.at("q8"), "c");
        if (via_csv) {
            const fs::path csv = dir / "corrections.csv";
            std::ofstream(csv) << "item_id,value\n" << id << "," << keyed << "\n";
            const CmdResult ap = run(q(kExe) + " review --db " + q(db_path.string()) + " --apply " + q(csv.string()));
            ASSERT_EQ(ap.rc, 0) << describe(ap);
            EXPECT_NE(ap.out.find("1 applied"), std::string::npos) << ap.out;
        } else {
            store::Db db(db_path.string());
            const auto bad = review::resolve_item(db, id, "q1=a;q2=", std::nullopt, "web");
            EXPECT_EQ(bad.status, 422) << "every field must be keyed";
            const auto res = review::resolve_item(db, id, keyed, std::nullopt, "web");
            ASSERT_TRUE(res.ok()) << res.error;
            EXPECT_EQ(res.value.value_or(""), "no_research=yes;q1=a;q2=;q3=bc;q4=d;q5=b");
        }
        row = exported(dir).at(p.ids[0]);
        EXPECT_EQ(row.at("pending"), "") << (via_csv ? "--apply" : "queue");
        EXPECT_EQ(row.at("no_research"), "yes");
        EXPECT_EQ(row.at("q1"), "a");
        EXPECT_EQ(row.at("q2"), "");
        EXPECT_EQ(row.at("q3"), "bc");
        EXPECT_EQ(row.at("q4"), "d");
        EXPECT_EQ(row.at("q5"), "b");
        EXPECT_EQ(row.at("q8"), "c");
    }
}

// The store side, on a made-up page result: a NO RESEARCH item offers no default (its guess is NULL,
// the reading keeps what was seen); a page with no marks gets its page_answers item and no item per
// choice or checkbox field, while its numbers keep theirs.
TEST(LightMarks, StoreMakesNoDefaultForTheBoxAndOneItemForAPageWithoutMarks) {
    const fs::path dir = fresh_dir("store");
    store::Db db((dir / "quiz.db").string());
    const std::int64_t input = store::begin_input(db, "sha", "in.png", "in.png", "png");
    auto field = [](const std::string& id, FieldType type, const std::string& value, bool review, std::vector<std::string> values) {
        FieldResult f;
        f.field = id;
        f.type = type;
        f.value = value;
        f.needs_review = review;
        f.reason = review ? "faint mark in the box" : "";
        f.crop = cv::Mat(20, 40, CV_8U, cv::Scalar(250));
        if (type == FieldType::Number) {
            f.measurements.boxes.emplace();
        } else {
            f.measurements.options.emplace();
            for (const auto& v : values) f.measurements.options->push_back({.value = v});
        }
        return f;
    };
    PageResult r;
    r.status = PageStatus::Read;
    r.id = PageId{"mlsysim-quiz", 1, "letter", "pre", "123456", 1, "fp"};
    r.fields.push_back(field("no_research", FieldType::Checkbox, "", true, {"yes"}));
    r.fields.push_back(field("q1", FieldType::Choice, "", false, {"a", "b", "c", "d"}));
    store::store_page(db, input, 1, r, {});
    EXPECT_EQ(count(dir / "quiz.db", "SELECT COUNT(*) FROM review_items WHERE kind = 'checkbox' AND field = 'no_research' AND guess IS NULL"), 1);
    EXPECT_EQ(count(dir / "quiz.db", "SELECT COUNT(*) FROM readings WHERE field = 'no_research' AND needs_review = 1"), 1);

    r.id->page = 2;
    r.fields = {field("q6_int4", FieldType::Number, "", true, {}), field("q8", FieldType::Choice, "b", true, {"a", "b", "c", "d"}),
                field("q9", FieldType::Choice, "", false, {"a", "b", "c", "d"})};
    r.no_marks = true;
    r.no_marks_reason = "no marks found on this page — light pencil? key the answers from the paper";
    const std::int64_t page = store::store_page(db, input, 2, r, {});
    auto st = db.prepare("SELECT kind, COALESCE(field, '<null>'), guess, options, reason FROM review_items WHERE page_id = ? ORDER BY id");
    st.bind(1, page);
    std::vector<std::string> kinds;
    while (st.step()) {
        kinds.push_back(st.col_text(0) + ":" + st.col_text(1));
        if (st.col_text(0) != "page_answers") continue;
        EXPECT_EQ(st.col_text(2), "q8=b;q9=");
        EXPECT_EQ(nlohmann::json::parse(st.col_text(3)),
                  nlohmann::json::parse(R"([{"field":"q8","kind":"choice","values":["a","b","c","d"],"read":"b"},)"
                                        R"({"field":"q9","kind":"choice","values":["a","b","c","d"],"read":""}])"));
        EXPECT_EQ(st.col_text(4), r.no_marks_reason);
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"page_answers:<null>", "number:q6_int4"}));
}
