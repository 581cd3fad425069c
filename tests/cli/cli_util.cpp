// Helpers of the cli tests (cli_util.hpp).
#include "cli_util.hpp"

#include <gtest/gtest.h>

#include "common/scratch.hpp"

namespace quizscan::clitest {

fs::path fresh_dir(const std::string& name) { return quizscan::testing::fresh_dir("quizscan-cli-tests", name); }

std::vector<cv::Mat> print_and_render(const std::string& exe, const fs::path& dir, const std::string& form_args,
                                      const std::vector<std::string>& ids, int dpi) {
    std::string list;
    for (const auto& id : ids) list += id + "\n";
    write_file(dir / "ids.txt", list);
    const fs::path pdf = dir / "sheets.pdf";
    const CmdResult pr = run("cd " + q(dir.string()) + " && " + q(exe) + " print " + form_args +
                             " --session pre --ids ids.txt --out sheets.pdf");
    if (pr.rc != 0) throw std::runtime_error("quizscan print failed: " + describe(pr));
    const CmdResult rr = run("pdftoppm -r " + std::to_string(dpi) + " -gray -png " + q(pdf.string()) + " " + q((dir / "page").string()));
    if (rr.rc != 0) throw std::runtime_error("pdftoppm failed (install poppler-utils): " + describe(rr));
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().rfind("page-", 0) == 0 && e.path().extension() == ".png") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<cv::Mat> pages;
    for (const auto& f : files) pages.push_back(cv::imread(f.string(), cv::IMREAD_GRAYSCALE));
    if (pages.size() != 2 * ids.size()) throw std::runtime_error("pdftoppm: expected " + std::to_string(2 * ids.size()) + " pages");
    return pages;
}

void fill(cv::Mat& page, const Layout& layout, int sheet_page, const std::string& field_id, const std::string& value, int dpi) {
    const double px = dpi / 25.4;
    const PageLayout* p = layout.page(sheet_page);
    if (p)
        for (const auto& f : p->fields)
            if (f.id == field_id)
                for (const auto& o : f.options)
                    if (o.value == value) {
                        cv::ellipse(page, cv::Point(static_cast<int>(o.center.x * px), static_cast<int>(o.center.y * px)),
                                    cv::Size(static_cast<int>(o.w / 2 * px * 0.9), static_cast<int>(o.h / 2 * px * 0.9)), 0, 0, 360,
                                    cv::Scalar(25), cv::FILLED, cv::LINE_AA);
                        return;
                    }
    throw std::runtime_error("layout: no option " + value + " of " + field_id + " on page " + std::to_string(sheet_page));
}

void write_digit(cv::Mat& page, const Layout& layout, int sheet_page, const std::string& field_id, const std::string& digit, int dpi) {
    const double px = dpi / 25.4;
    const PageLayout* p = layout.page(sheet_page);
    if (p)
        for (const auto& f : p->fields)
            if (f.id == field_id && !f.boxes.empty()) {
                const auto& b = f.boxes.back();
                cv::putText(page, digit, cv::Point(static_cast<int>((b.x + 1.0) * px), static_cast<int>((b.y + b.h - 1.2) * px)),
                            cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(30), 3, cv::LINE_AA);
                return;
            }
    throw std::runtime_error("layout: no number field " + field_id + " on page " + std::to_string(sheet_page));
}

}  // namespace quizscan::clitest
