// The scan stage's end-to-end tests (scan_test, bad_inputs_test, synthetic_test) share these: two
// participants' sheets printed with the shipped form by the `quizscan` binary, rendered by poppler's
// pdftoppm at 200 dpi and filled by drawing with OpenCV at the layout's bubbles; the binary's scan;
// the store and the export read back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "common/run_command.hpp"
#include "core/geometry.hpp"
#include "form/layout.hpp"

namespace quizscan::scan_testing {

namespace fs = std::filesystem;

inline constexpr double kDpi = 200;
inline const std::string kSource = QUIZSCAN_SOURCE_DIR;
inline const std::string kExe = QUIZSCAN_EXE;
inline const std::string kFormPath = kSource + "/forms/mlsysim-quiz.yaml";

inline double px(double mm) { return mm * kDpi / kMmPerInch; }

// A command's exit code, stdout and the tail of its stderr, for failure messages.
std::string describe(const quizscan::testing::CmdResult& r);
// A per-process scratch folder, removed when the tests end (QUIZSCAN_KEEP_TEST_FILES=1 keeps it).
fs::path fresh_dir(const std::string& name);

const Layout& letter();                                       // the shipped form on letter paper
const FieldGeom& field(int page, const std::string& id);     // throws when the layout has no such field
// Fills bubble `value` of `field_id` the way a pen would: a dark ellipse over the printed one.
void fill(cv::Mat& page, int sheet_page, const std::string& field_id, const std::string& value, double grey = 25);
// Prints `ids` (session pre) with `form` and renders every page at 200 dpi, grey.
std::vector<cv::Mat> print_and_render(const fs::path& dir, const std::string& form, const fs::path& ids_file);

// Two participants printed for the shipped form; the fronts and backs filled as sheets() says.
struct Sheets {
    fs::path dir;
    std::string a, b;            // participant IDs
    fs::path ids_file;           // both
    fs::path pdf;                // the printed (unfilled) PDF
    cv::Mat a1, a2, b1, b2;      // filled pages, upright
};
const Sheets& sheets();  // made once a process

// --- the store, the export and the binary ---
std::int64_t count(const std::string& db_path, const std::string& sql);  // the first column of the first row; -1 if none
std::string text(const std::string& db_path, const std::string& sql);    // "<null>" if none

struct Reading {
    std::string value;
    bool review = false;
    bool operator==(const Reading& o) const { return value == o.value && review == o.review; }
};
using Readings = std::map<std::string, Reading>;  // "participant/sheet_page/field"
Readings readings(const std::string& db_path);
std::string dump(const Readings& r);
// One reading as expected; a failure names it and lists every reading.
void expect_reading(const Readings& r, const std::string& key, const Reading& want);

std::vector<std::string> split(const std::string& s, char sep);  // every field, empty ones too
// responses.csv as participant/session -> column -> value (the export has no quoted commas in these columns).
std::map<std::string, std::map<std::string, std::string>> read_csv(const fs::path& path);
// `quizscan scan --db db --jobs 2 extra inputs...`
quizscan::testing::CmdResult scan(const std::string& db, const std::vector<fs::path>& inputs, const std::string& extra = "");
void write_png(const fs::path& p, const cv::Mat& m);  // throws when it cannot

}  // namespace quizscan::scan_testing
