// PageResults as the scan stage makes them (read pages, unidentified pages), for tests that store
// pages through store::store_page and check sheets like `quizscan scan` does.
#pragma once

#include "scan/read_page.hpp"

#include <string>
#include <vector>

namespace quizscan::review::testing {

struct F {
    std::string field, value;
    bool unsure = false;
};

inline FieldResult field_result(const F& f) {
    FieldResult r;
    r.field = f.field;
    r.type = f.field == "no_research" ? FieldType::Checkbox : FieldType::Choice;
    r.value = f.value;
    r.confidence = f.unsure ? 0.5 : 0.99;
    r.needs_review = f.unsure;
    r.reason = f.unsure ? "a faint second mark" : "";
    r.measurements.options.emplace();
    for (const char* l : {"a", "b", "c", "d"}) r.measurements.options->push_back({.value = l, .fill = f.value == l ? 0.8 : 0.02});
    r.crop = cv::Mat(20, 80, CV_8UC1, cv::Scalar(250));
    return r;
}

inline PageResult read_page_result(const std::string& who, const std::string& session, int sheet_page, const std::string& fp,
                            const std::vector<F>& fields) {
    PageResult r;
    r.status = PageStatus::Read;
    r.id = PageId{"mlsysim-quiz", 1, "letter", session, who, sheet_page, "abcd"};
    r.id_source = "barcode";
    r.pixel_fingerprint = fp;
    r.dpi = 300;
    r.preview = cv::Mat(55, 43, CV_8UC1, cv::Scalar(250));
    for (const auto& f : fields) r.fields.push_back(field_result(f));
    return r;
}

inline PageResult unidentified(int sheet_page, const std::string& fp, const std::string& ocr, const std::vector<F>& fields) {
    PageResult r = read_page_result("", "", sheet_page, fp, fields);
    r.status = PageStatus::Unidentified;
    r.id_source = "";
    r.ocr_text = ocr;
    r.reason = "no barcode found; printed ID read as '" + ocr + "', not on the roster";
    r.header = cv::Mat(20, 100, CV_8UC1, cv::Scalar(250));
    return r;
}

}  // namespace quizscan::review::testing
