// End to end (issue 20): a number written partly outside its comb boxes on a printed sheet, rendered by
// poppler and scanned back with the `quizscan` binary, goes to review instead of losing the digit
// outside: a 5 half above its box ("195" read as "190"), and a 6 written under the boxes, below a 0 that
// dipped out of its box ("0.6" read as "0"). A number written inside its boxes is not sent for that.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "common/run_command.hpp"
#include "core/geometry.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "store/db.hpp"

using namespace quizscan;
using quizscan::testing::q;
using quizscan::testing::run;
namespace fs = std::filesystem;

namespace {

constexpr double kDpi = 200;
double px(double mm) { return mm * kDpi / kMmPerInch; }

const FieldGeom& number_field(const Layout& l, const std::string& id) {
    for (const auto& f : l.page(2)->fields)
        if (f.id == id) return f;
    throw std::runtime_error("layout: no field " + id);
}

// Writes digit `d` (Hershey script, pen ~0.4 mm) `h_mm` tall, centred at (x_mm, y_mm) of the page.
void write_digit(cv::Mat& page, char d, double x_mm, double y_mm, double h_mm = 6.0) {
    cv::Mat m = cv::Mat::zeros(200, 160, CV_8UC1);
    cv::putText(m, std::string(1, d), cv::Point(30, 150), cv::FONT_HERSHEY_SIMPLEX, 4.0, cv::Scalar(255), 12, cv::LINE_AA);
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

// The digits of `value` in boxes first.. of `f`, each in its box (dy_mm: moved down, per box).
void write_in_boxes(cv::Mat& page, const FieldGeom& f, std::size_t first, const std::string& digits,
                    const std::map<std::size_t, double>& dy_mm = {}) {
    for (std::size_t i = 0; i < digits.size(); ++i) {
        const RectMm& b = f.boxes.at(first + i);
        const auto moved = dy_mm.find(first + i);
        write_digit(page, digits[i], b.center().x, b.center().y + (moved == dy_mm.end() ? 0 : moved->second));
    }
}

struct Read {
    std::string value, reason;
    bool review = false;
    double outside_mm2 = -1;
};

std::map<std::string, Read> read_numbers(const std::string& db_path) {
    store::Db db(db_path);
    auto st = db.prepare("SELECT r.field, r.value, r.needs_review, json_extract(r.measurements, '$.ink_outside_boxes_mm2'), "
                         "(SELECT reason FROM review_items i WHERE i.page_id = r.page_id AND i.field = r.field LIMIT 1) "
                         "FROM readings r WHERE r.kind = 'number'");
    std::map<std::string, Read> out;
    while (st.step())
        out[st.col_text(0)] = {st.col_text(1), st.is_null(4) ? "" : st.col_text(4), st.col_int(2) != 0,
                               st.is_null(3) ? -1.0 : st.col_double(3)};
    return out;
}

}  // namespace

TEST(WrittenOutside, NumberWrittenPartlyOutsideItsBoxesGoesToReview) {
    const fs::path dir = fs::temp_directory_path() / ("quizscan-written-outside-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string exe = QUIZSCAN_EXE, form = std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml";
    ASSERT_EQ(run(q(exe) + " ids --count 1 --seed 5 --out " + q((dir / "ids.txt").string())).rc, 0);
    ASSERT_EQ(run(q(exe) + " print --form " + q(form) + " --session pre --ids " + q((dir / "ids.txt").string()) + " --out " +
                  q((dir / "s.pdf").string())).rc, 0);
    ASSERT_EQ(run("pdftoppm -r 200 -gray -png -f 2 -l 2 " + q((dir / "s.pdf").string()) + " " + q((dir / "p").string())).rc, 0);
    fs::path png;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".png") png = e.path();
    cv::Mat page = cv::imread(png.string(), cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(page.empty());

    const Layout layout = make_layout(load_form(form), paper_by_name("letter"));
    const FieldGeom& int4 = number_field(layout, "q6_int4");
    const FieldGeom& fp16 = number_field(layout, "q6_fp16");
    const FieldGeom& virginia = number_field(layout, "q7_virginia");
    // q6_int4 "195": the 5 written half above its box (4 mm up).
    write_in_boxes(page, int4, 3, "195", {{5, -4.0}});
    // q6_fp16 "0.6": the 0 dipping 1 mm below its box, the 6 under the first decimal box, below the comb.
    write_in_boxes(page, fp16, 5, "0", {{5, 1.0}});
    const RectMm& dec = fp16.boxes.at(6);
    write_digit(page, '6', dec.center().x, dec.bottom() + 2.8, 5.0);
    // q7_virginia "40", inside its boxes.
    write_in_boxes(page, virginia, 4, "40");
    const fs::path scan_png = dir / "scan.png";
    ASSERT_TRUE(cv::imwrite(scan_png.string(), page));

    const std::string db = (dir / "quiz.db").string();
    const auto r = run(q(exe) + " scan --db " + q(db) + " --jobs 1 " + q(scan_png.string()));
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    const auto n = read_numbers(db);
    ASSERT_EQ(n.count("q6_int4"), 1u);
    EXPECT_TRUE(n.at("q6_int4").review) << "195 with its 5 half above the box, read as '" << n.at("q6_int4").value << "'";
    EXPECT_NE(n.at("q6_int4").reason.find("ink-beyond-box"), std::string::npos) << n.at("q6_int4").reason;
    EXPECT_TRUE(n.at("q6_fp16").review) << "0.6 with its 6 under the boxes, read as '" << n.at("q6_fp16").value << "'";
    EXPECT_NE(n.at("q6_fp16").reason.find("outside the boxes"), std::string::npos) << n.at("q6_fp16").reason;
    EXPECT_GT(n.at("q6_fp16").outside_mm2, 1.0);
    // Inside its boxes: nothing outside them (it may still go to review for its digits, not for this).
    EXPECT_GE(n.at("q7_virginia").outside_mm2, 0.0);
    EXPECT_LT(n.at("q7_virginia").outside_mm2, 0.5);
    EXPECT_EQ(n.at("q7_virginia").reason.find("outside the boxes"), std::string::npos) << n.at("q7_virginia").reason;
    if (!std::getenv("QUIZSCAN_KEEP_TEST_FILES")) fs::remove_all(dir);
}
