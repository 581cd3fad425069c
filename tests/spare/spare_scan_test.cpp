// Spare sheets end to end (issue 24), through the `quizscan` binary: personal and spare sheets are
// printed (the roster recorded with --db), rendered by poppler at 200 dpi, the spare fronts' IDs
// written in several hands (OpenCV's Hershey faces) and bubbled (some disagreeing, one off the
// roster, two sheets with one ID, one with the ID of a personal sheet), scanned in one batch, and the
// review's one-key choices resolve what was sent there. Also: the spare layout keeps every field of
// the personal sheet where it is, and `print --id` prints personal sheets without an ID file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "common/run_command.hpp"
#include "core/geometry.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "review/identity_choices.hpp"
#include "review/queue.hpp"
#include "store/db.hpp"

using namespace quizscan;
using quizscan::testing::q;
using quizscan::testing::run;
namespace fs = std::filesystem;

namespace {

constexpr double kDpi = 200;
const std::string kExe = QUIZSCAN_EXE;
const std::string kForm = std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml";
double px(double mm) { return mm * kDpi / kMmPerInch; }

const fs::path& dir() {
    static const fs::path d = [] {
        fs::path p = fs::temp_directory_path() / ("quizscan-spare-tests-" + std::to_string(getpid()));
        fs::remove_all(p);
        fs::create_directories(p);
        return p;
    }();
    return d;
}
struct Cleanup : ::testing::Environment {
    void TearDown() override {
        if (!std::getenv("QUIZSCAN_KEEP_TEST_FILES")) fs::remove_all(dir());
    }
};
[[maybe_unused]] auto* const kCleanup = ::testing::AddGlobalTestEnvironment(new Cleanup);

const Layout& spare_layout() {
    static const Layout l = make_spare_layout(load_form(kForm), paper_by_name("letter"));
    return l;
}

const FieldGeom& field(const Layout& l, int page, const std::string& id) {
    for (const auto& f : l.page(page)->fields)
        if (f.id == id) return f;
    throw std::runtime_error("layout: no field " + id);
}

// A digit in one of several hands (Hershey faces and pen widths), `h_mm` tall, centred at (x, y) mm.
void write_digit(cv::Mat& page, char d, double x_mm, double y_mm, int hand, double h_mm = 6.0) {
    static const int faces[] = {cv::FONT_HERSHEY_SIMPLEX, cv::FONT_HERSHEY_SCRIPT_SIMPLEX, cv::FONT_HERSHEY_DUPLEX,
                                cv::FONT_HERSHEY_COMPLEX, cv::FONT_HERSHEY_TRIPLEX};
    static const int pens[] = {12, 10, 10, 9, 8};
    cv::Mat m = cv::Mat::zeros(220, 180, CV_8UC1);
    cv::putText(m, std::string(1, d), cv::Point(30, 160), faces[hand % 5], 4.0, cv::Scalar(255), pens[hand % 5], cv::LINE_AA);
    m = m(cv::boundingRect(m)).clone();
    const double s = px(h_mm) / m.rows;
    cv::resize(m, m, cv::Size(), s, s, cv::INTER_AREA);
    const int x0 = static_cast<int>(px(x_mm) - m.cols / 2.0), y0 = static_cast<int>(px(y_mm) - m.rows / 2.0);
    for (int y = 0; y < m.rows; ++y)
        for (int x = 0; x < m.cols; ++x) {
            uchar& p = page.at<uchar>(y0 + y, x0 + x);
            p = static_cast<uchar>(std::min<int>(p, 255 - m.at<uchar>(y, x) * 225 / 255));
        }
}

void fill_bubble(cv::Mat& page, const BubbleGeom& o) {
    cv::ellipse(page, cv::Point(static_cast<int>(px(o.center.x)), static_cast<int>(px(o.center.y))),
                cv::Size(static_cast<int>(px(o.w / 2 * 0.85)), static_cast<int>(px(o.h / 2 * 0.8))), 0, 0, 360, cv::Scalar(40), -1, cv::LINE_AA);
}

void mark_choice(cv::Mat& page, const FieldGeom& f, const std::string& value) {
    for (const auto& o : f.options)
        if (o.value == value) fill_bubble(page, o);
}

// Every question of the page answered `value` (a page with hardly any marks goes to review as a whole).
void answer_page(cv::Mat& page, const Layout& l, int n, const std::string& value) {
    for (const auto& f : l.page(n)->fields)
        if (f.type == FieldType::Choice) mark_choice(page, f, value);
}

// A spare front: `written` in the boxes (' ' leaves a box empty), `bubbled` in the grid (' ' leaves a
// column empty), and every question answered `answer`.
void fill_spare_front(cv::Mat& page, const std::string& written, const std::string& bubbled, int hand, const std::string& answer) {
    const Layout& l = spare_layout();
    const FieldGeom& boxes = field(l, 1, kSpareIdField);
    for (std::size_t i = 0; i < written.size(); ++i)
        if (written[i] != ' ') write_digit(page, written[i], boxes.boxes[i].center().x, boxes.boxes[i].center().y, hand);
    const auto columns = grid_columns(field(l, 1, kSpareIdGridField));
    for (std::size_t i = 0; i < bubbled.size(); ++i)
        if (bubbled[i] != ' ') fill_bubble(page, columns.at(i).at(static_cast<std::size_t>(bubbled[i] - '0')));
    answer_page(page, l, 1, answer);
}

std::vector<fs::path> render(const fs::path& pdf, const std::string& prefix) {
    EXPECT_EQ(run("pdftoppm -r 200 -gray -png " + q(pdf.string()) + " " + q((dir() / prefix).string())).rc, 0);
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir()))
        if (e.path().filename().string().rfind(prefix + "-", 0) == 0) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// responses.csv as participant/session -> column -> value.
std::map<std::string, std::map<std::string, std::string>> read_responses(const fs::path& csv) {
    std::ifstream in(csv);
    std::string line;
    auto split = [](const std::string& s) {
        std::vector<std::string> v;
        std::string cur;
        for (char c : s) {
            if (c == ',') v.push_back(cur), cur.clear();
            else if (c != '\r') cur += c;
        }
        v.push_back(cur);
        return v;
    };
    std::getline(in, line);
    const auto header = split(line);
    std::map<std::string, std::map<std::string, std::string>> out;
    while (std::getline(in, line)) {
        const auto cells = split(line);
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
        out[row["participant_id"] + "/" + row["session"]] = row;
    }
    return out;
}

// The sheets of the batch: spare sheet no. n (1-based) with what its front holds, and the truth.
struct SpareSpec {
    std::string written, bubbled, truth, q1;
    int hand;
};
const std::vector<SpareSpec> kSpares = {
    {"482913", "482913", "482913", "b", 0},  // 1: both agree, on the roster
    {"305716", "      ", "305716", "c", 1},  // 2: written only (a script hand)
    {"      ", "771204", "771204", "a", 2},  // 3: bubbled only
    {"620058", "620958", "620058", "d", 2},  // 4: the grid disagrees in column 4
    {"999999", "999999", "999999", "a", 3},  // 5: off the roster
    {"158342", "158342", "158342", "b", 3},  // 6 and 7: the same ID on two sheets (7 is really 934560's)
    {"158342", "158342", "934560", "c", 4},
    {"246810", "246810", "246810", "d", 0},  // 8: the ID of a personal sheet scanned in the same batch
};
const std::vector<std::string> kRoster = {"482913", "305716", "771204", "620058", "158342", "934560", "246810"};

struct Batch {
    std::string db;
    std::string summary;
    int rc = -1;
};

// Prints, fills and scans the batch once for the tests below.
const Batch& batch() {
    static const Batch b = [] {
        Batch out;
        out.db = (dir() / "quiz.db").string();
        {
            std::ofstream ids(dir() / "roster.txt");
            for (const auto& id : kRoster) ids << id << "\n";
        }
        // The roster's personal sheets (only 246810's is scanned) and eight spare sheets, both recorded.
        EXPECT_EQ(run(q(kExe) + " print --form " + q(kForm) + " --session pre --ids " + q((dir() / "roster.txt").string()) + " --db " +
                      q(out.db) + " --out " + q((dir() / "personal.pdf").string())).rc, 0);
        const auto spare = run(q(kExe) + " print --form " + q(kForm) + " --session pre --spare 8 --db " + q(out.db) + " --out " +
                               q((dir() / "spare.pdf").string()));
        EXPECT_EQ(spare.rc, 0) << spare.err;
        EXPECT_NE(spare.out.find("spare sheets no. 1-8"), std::string::npos) << spare.out;
        const auto personal = render(dir() / "personal.pdf", "personal");
        const auto pages = render(dir() / "spare.pdf", "spare");
        EXPECT_EQ(pages.size(), 16u);
        if (pages.size() != 16u || personal.size() != 14u) return out;
        const Layout& l = spare_layout();
        std::vector<fs::path> inputs;
        for (std::size_t s = 0; s < kSpares.size(); ++s) {
            cv::Mat front = cv::imread(pages[2 * s].string(), cv::IMREAD_GRAYSCALE), back = cv::imread(pages[2 * s + 1].string(), cv::IMREAD_GRAYSCALE);
            fill_spare_front(front, kSpares[s].written, kSpares[s].bubbled, kSpares[s].hand, kSpares[s].q1);
            answer_page(back, l, 2, kSpares[s].q1);  // the back answered as its front
            cv::imwrite(pages[2 * s].string(), front);
            cv::imwrite(pages[2 * s + 1].string(), back);
            inputs.push_back(pages[2 * s]), inputs.push_back(pages[2 * s + 1]);
            if (s == 3) inputs.push_back(personal[12]), inputs.push_back(personal[13]);  // 246810's sheet among the spares
        }
        cv::Mat p = cv::imread(personal[12].string(), cv::IMREAD_GRAYSCALE);
        answer_page(p, make_layout(load_form(kForm), paper_by_name("letter")), 1, "a");
        cv::imwrite(personal[12].string(), p);
        std::string cmd = q(kExe) + " scan --form " + q(kForm) + " --db " + q(out.db) + " --jobs 2";
        for (const auto& i : inputs) cmd += " " + q(i.string());
        const auto r = run(cmd);
        out.rc = r.rc;
        out.summary = r.out;
        return out;
    }();
    return b;
}

// Per spare serial: the ID accepted at scan ("" none) and whether its front has an open identity item.
struct FrontState {
    std::string accepted;
    bool in_review = false;
    std::int64_t page_id = 0, item_id = 0;
};
std::map<int, FrontState> fronts(const std::string& db_path) {
    store::Db db(db_path);
    auto st = db.prepare(
        "SELECT CAST(s.serial AS INTEGER), COALESCE(s.accepted, ''), s.page_id, COALESCE((SELECT id FROM review_items i WHERE "
        "i.page_id = s.page_id AND i.kind = 'page_identity' AND i.state = 'open'), 0) FROM spare_pages s WHERE s.sheet_page = 1");
    std::map<int, FrontState> out;
    while (st.step()) out[static_cast<int>(st.col_int(0))] = {st.col_text(1), st.col_int(3) != 0, st.col_int(2), st.col_int(3)};
    return out;
}

std::map<std::string, std::map<std::string, std::string>> export_responses(const std::string& db, const std::string& name) {
    const fs::path out = dir() / name;
    const auto r = run(q(kExe) + " export --form " + q(kForm) + " --db " + q(db) + " --out " + q(out.string()));
    EXPECT_EQ(r.rc, 0) << r.err;
    return read_responses(out / "responses.csv");
}

}  // namespace

TEST(SpareLayout, EveryPersonalFieldStaysWhereItIsAndTheIdAreaIsAdded) {
    const auto personal = run(q(kExe) + " layout --json --form " + q(kForm));
    const auto spare = run(q(kExe) + " layout --json --spare --form " + q(kForm));
    ASSERT_EQ(personal.rc, 0);
    ASSERT_EQ(spare.rc, 0) << spare.err;
    const auto a = nlohmann::json::parse(personal.out), b = nlohmann::json::parse(spare.out);
    ASSERT_EQ(a["pages"].size(), b["pages"].size());
    for (std::size_t p = 0; p < a["pages"].size(); ++p) {
        const auto &pa = a["pages"][p], &pb = b["pages"][p];
        EXPECT_EQ(pa["fiducials"], pb["fiducials"]);
        EXPECT_EQ(pa["barcode"], pb["barcode"]);
        std::map<std::string, nlohmann::json> spare_fields;
        for (const auto& f : pb["fields"]) spare_fields[f["id"]] = f;
        for (const auto& f : pa["fields"]) EXPECT_EQ(spare_fields[f["id"].get<std::string>()], f) << "field " << f["id"] << " moved";
        EXPECT_EQ(spare_fields.size(), pa["fields"].size() + (p == 0 ? 2 : 0));
    }
    nlohmann::json id, grid;
    for (const auto& f : b["pages"][0]["fields"]) {
        if (f["id"] == "participant_id") id = f;
        if (f["id"] == "participant_id_grid") grid = f;
    }
    ASSERT_TRUE(id.is_object() && grid.is_object());
    EXPECT_EQ(id["type"], "number");
    EXPECT_EQ(id["decimal_boxes"], 0);
    EXPECT_EQ(id["boxes"].size(), 6u);
    EXPECT_EQ(grid["type"], "digit_grid");
    ASSERT_EQ(grid["columns"].size(), 6u);
    for (std::size_t c = 0; c < 6; ++c) {
        ASSERT_EQ(grid["columns"][c].size(), 10u);
        for (int d = 0; d < 10; ++d) {
            const auto& o = grid["columns"][c][static_cast<std::size_t>(d)];
            EXPECT_EQ(o["value"], std::to_string(d));
            EXPECT_EQ(o["size_mm"].size(), 2u);
            // Each column under its box, digits going down.
            const auto& box = id["boxes"][c]["bbox_mm"];
            EXPECT_NEAR(o["center_mm"][0].get<double>(), box[0].get<double>() + box[2].get<double>() / 2, 0.01);
            EXPECT_GT(o["center_mm"][1].get<double>(), box[1].get<double>() + box[3].get<double>());
        }
    }
}

TEST(SparePrint, IdOptionPrintsPersonalSheetsWithoutAnIdFile) {
    const fs::path pdf = dir() / "by-id.pdf";
    const auto r = run(q(kExe) + " print --form " + q(kForm) + " --session post --id 123456 --id 012345 --out " + q(pdf.string()));
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_NE(r.out.find("wrote 2 sheets"), std::string::npos) << r.out;
    const auto text = run("pdftotext " + q(pdf.string()) + " -");
    EXPECT_NE(text.out.find("123456"), std::string::npos);
    EXPECT_NE(text.out.find("012345"), std::string::npos);
    EXPECT_NE(run(q(kExe) + " print --form " + q(kForm) + " --session post --id 12345 --out " + q(pdf.string())).rc, 0);
    EXPECT_NE(run(q(kExe) + " print --form " + q(kForm) + " --session post --out " + q(pdf.string())).rc, 0)
        << "print without --ids, --id or --spare must say whose sheets to print";
}

TEST(SpareScan, IdentifiedOnlyWhenSureElseReviewAndNeverWrong) {
    const Batch& b = batch();
    ASSERT_EQ(b.rc, 0) << b.summary;
    EXPECT_NE(b.summary.find("spare sheets: 16 pages, 8 fronts"), std::string::npos) << b.summary;
    const auto f = fronts(b.db);
    ASSERT_EQ(f.size(), 8u);
    for (const auto& [serial, st] : f) {
        const auto& spec = kSpares.at(static_cast<std::size_t>(serial - 1));
        // Never wrong: an ID accepted without review is the true one.
        if (!st.in_review && !st.accepted.empty()) {
            EXPECT_EQ(st.accepted, spec.truth) << "spare sheet " << serial;
        }
    }
    // Sure: both agree, bubbled only.
    for (int s : {1, 3}) {
        EXPECT_EQ(f.at(s).accepted, kSpares[static_cast<std::size_t>(s - 1)].truth) << "spare sheet " << s;
        EXPECT_FALSE(f.at(s).in_review) << "spare sheet " << s;
    }
    // Written only: accepted when the handwriting reader is sure of every digit (at the shipped
    // threshold it may not be); otherwise in review with the true ID as the first choice.
    if (f.at(2).in_review) {
        store::Db db(b.db);
        const auto item = review::get_item(db, f.at(2).item_id);
        ASSERT_TRUE(item.has_value());
        const auto c = review::identity_choices(review::load_identity_index(db), *item, 9);
        ASSERT_FALSE(c.empty());
        EXPECT_EQ(c.front().value, kSpares[1].truth + "/pre/1");
    } else {
        EXPECT_EQ(f.at(2).accepted, kSpares[1].truth);
    }
    // Disagreeing, off the roster, one ID on two spare sheets, a personal sheet's ID: review.
    for (int s : {4, 5, 6, 7, 8}) EXPECT_TRUE(f.at(s).in_review) << "spare sheet " << s;
    // Exports treat spare and personal sheets alike; a back takes its front's participant.
    const auto rows = export_responses(b.db, "export1");
    for (int s : {1, 2, 3}) {
        if (f.at(s).in_review) continue;  // (sheet 2 may wait in review: above)
        const std::string id = kSpares[static_cast<std::size_t>(s - 1)].truth;
        ASSERT_TRUE(rows.count(id + "/pre")) << id;
        const auto& spec = *std::find_if(kSpares.begin(), kSpares.end(), [&](const SpareSpec& s) { return s.truth == id; });
        EXPECT_EQ(rows.at(id + "/pre").at("q1"), spec.q1) << id;
        EXPECT_EQ(rows.at(id + "/pre").at("q8"), spec.q1) << id << ": the back's answer";
    }
    ASSERT_TRUE(rows.count("246810/pre"));
    EXPECT_EQ(rows.at("246810/pre").at("q1"), "a") << "the personal sheet, not spare sheet 8 with its ID";
    for (const std::string id : {"620058", "999999", "158342", "934560"}) EXPECT_FALSE(rows.count(id + "/pre")) << id;
}

TEST(SpareScan, ReviewChoicesOfferTheNearestRosterIdsAndResolveTheSheets) {
    const Batch& b = batch();
    ASSERT_EQ(b.rc, 0) << b.summary;
    const auto f = fronts(b.db);
    ASSERT_EQ(f.size(), 8u);
    store::Db db(b.db);
    auto choices = [&](int serial) {
        const auto item = review::get_item(db, f.at(serial).item_id);
        EXPECT_TRUE(item.has_value());
        return review::identity_choices(review::load_identity_index(db), *item, 9);
    };
    auto first = [&](int serial) {
        const auto c = choices(serial);
        return c.empty() ? std::string() : c.front().value;
    };
    EXPECT_EQ(first(4), "620058/pre/1");
    EXPECT_EQ(first(6), "158342/pre/1");
    EXPECT_EQ(first(7), "158342/pre/1");
    const auto eight = choices(8);
    ASSERT_FALSE(eight.empty());
    EXPECT_EQ(eight.front().value, "246810/pre/1");
    EXPECT_NE(eight.front().why.find("scanned already"), std::string::npos) << eight.front().why;
    for (const auto& c : choices(5)) EXPECT_EQ(c.why.find("nearest"), std::string::npos) << "999999 is near no roster ID: " << c.value;

    // A person takes the first choice for 4 and 6, types 934560's for 7, and says 5 is 999999's (a walk-in).
    for (const auto& [serial, value] : std::vector<std::pair<int, std::string>>{
             {4, "620058/pre/1"}, {6, "158342/pre/1"}, {7, "934560/pre/1"}, {5, "999999/pre/1"}}) {
        const auto r = review::resolve_item(db, f.at(serial).item_id, value, std::nullopt, "web");
        EXPECT_TRUE(r.ok()) << serial << ": " << r.error;
    }
    const auto rows = export_responses(b.db, "export2");
    for (int s : {4, 5, 6, 7}) {
        const auto& spec = kSpares[static_cast<std::size_t>(s - 1)];
        ASSERT_TRUE(rows.count(spec.truth + "/pre")) << "spare sheet " << s;
        EXPECT_EQ(rows.at(spec.truth + "/pre").at("q1"), spec.q1) << s;
        EXPECT_EQ(rows.at(spec.truth + "/pre").at("q8"), spec.q1) << s << ": the back follows its front decided in review";
    }
}
