// The print tests' printed runs (print_render_test, print_text_test): the shipped form printed for three
// participants on letter (through the library, session pre) and A4 (through the quizscan command,
// session post), each page rasterised by poppler's pdftoppm at 200 dpi in grey; and their fixture.
#pragma once

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "core/form.hpp"
#include "form/layout.hpp"

namespace quizscan::print_testing {

inline constexpr double kDpi = 200;
inline constexpr double kTol = 0.5;  // mm: how far a printed element may be from where the layout says

inline const std::string kFormPath = std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml";

const Form& shipped();  // the form at kFormPath, loaded once

inline double px(double mm) { return mm * kDpi / kMmPerInch; }
inline double mm(double px) { return px * kMmPerInch / kDpi; }

// A printed run: the PDF, its layout, and each page rasterised at 200 dpi in grey.
struct Printed {
    std::string paper, session, dir, pdf;
    std::vector<std::string> ids;
    Layout layout;
    std::vector<cv::Mat> pages;
    std::string error;  // set when printing or rendering failed
};

// Printed once a process and paper ("letter" or "a4"); the temporary files go when the tests end
// (QUIZSCAN_KEEP_TEST_OUTPUT=1 keeps them).
const Printed& printed(const std::string& paper);

class PrintTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        p = &printed(GetParam());
        ASSERT_TRUE(p->error.empty()) << p->error;
        ASSERT_EQ(p->pages.size(), 2 * p->ids.size());
        for (const auto& m : p->pages) ASSERT_FALSE(m.empty());
    }
    const PageLayout& layout_of(size_t page_index) const { return p->layout.pages[page_index % 2]; }
    const Printed* p = nullptr;
};

}  // namespace quizscan::print_testing
