// Shared by the cli tests: the binary under test, scratch folders, printing and rendering
// sheets with poppler's pdftoppm, and filling bubbles the way a pen would.
#pragma once

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/run_command.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"

namespace quizscan::clitest {

namespace fs = std::filesystem;
using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;

inline const std::string kSource = QUIZSCAN_SOURCE_DIR;
// QUIZSCAN_TEST_EXE runs the tests against another build (e.g. to see them fail before a change).
inline const std::string kExe = std::getenv("QUIZSCAN_TEST_EXE") ? std::getenv("QUIZSCAN_TEST_EXE") : QUIZSCAN_EXE;
inline const std::string kQuizForm = kSource + "/forms/mlsysim-quiz.yaml";

inline std::string describe(const CmdResult& r) {
    return "exit " + std::to_string(r.rc) + "\nstdout:\n" + r.out + "\nstderr (tail):\n" +
           r.err.substr(r.err.size() > 3000 ? r.err.size() - 3000 : 0);
}

// A fresh folder under this process's scratch root (removed when the tests end unless
// QUIZSCAN_KEEP_TEST_FILES is set).
fs::path fresh_dir(const std::string& name);

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
inline void write_file(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// Prints `ids` (session pre) with `form_args` (e.g. "--form x.yaml", or "") using `exe`, renders
// every page at `dpi`, grey; returns the pages in order. Throws when a step fails.
std::vector<cv::Mat> print_and_render(const std::string& exe, const fs::path& dir, const std::string& form_args,
                                      const std::vector<std::string>& ids, int dpi = 150);

// Fills bubble `value` of field `field_id` on sheet page `sheet_page` of `layout`, rendered at `dpi`.
void fill(cv::Mat& page, const Layout& layout, int sheet_page, const std::string& field_id, const std::string& value, int dpi = 150);

// Writes `digit` in the last box of number field `field_id` (an OpenCV font, dark and upright).
void write_digit(cv::Mat& page, const Layout& layout, int sheet_page, const std::string& field_id, const std::string& digit,
                 int dpi = 150);

}  // namespace quizscan::clitest
