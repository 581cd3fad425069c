// The scan tests' shared sheets and helpers: see scan_sheets.hpp.
#include "scan_sheets.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>

#include "core/geometry.hpp"
#include "common/scratch.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "store/db.hpp"

namespace quizscan::scan_testing {

using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s)
        if (c == sep) out.push_back(cur), cur.clear();
        else cur += c;
    out.push_back(cur);
    return out;
}

std::string describe(const CmdResult& r) { return "exit " + std::to_string(r.rc) + "\nstdout:\n" + r.out + "\nstderr (tail):\n" + r.err.substr(r.err.size() > 3000 ? r.err.size() - 3000 : 0); }

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

void fill(cv::Mat& page, int sheet_page, const std::string& field_id, const std::string& value, double grey) {
    for (const auto& o : field(sheet_page, field_id).options)
        if (o.value == value) {
            cv::ellipse(page, cv::Point(static_cast<int>(px(o.center.x)), static_cast<int>(px(o.center.y))),
                        cv::Size(static_cast<int>(px(o.w / 2) * 0.9), static_cast<int>(px(o.h / 2) * 0.9)), 0, 0, 360, cv::Scalar(grey),
                        cv::FILLED, cv::LINE_AA);
            return;
        }
    throw std::runtime_error("layout: no option " + value + " in " + field_id);
}

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

void expect_reading(const Readings& r, const std::string& key, const Reading& want) {
    ASSERT_TRUE(r.count(key)) << key << "\n" << dump(r);
    EXPECT_EQ(r.at(key), want) << key << "\n" << dump(r);
}

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

CmdResult scan(const std::string& db, const std::vector<fs::path>& inputs, const std::string& extra) {
    std::string cmd = q(kExe) + " scan --db " + q(db) + " --jobs 2 " + extra;
    for (const auto& i : inputs) cmd += " " + q(i.string());
    return run(cmd);
}

void write_png(const fs::path& p, const cv::Mat& m) {
    if (!cv::imwrite(p.string(), m)) throw std::runtime_error("cannot write " + p.string());
}

}  // namespace quizscan::scan_testing
