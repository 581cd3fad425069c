// Counting a scan batch's outcomes for its summary (batch_summary.hpp).
#include "scan/batch_summary.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>

#include "scan/inputs.hpp"

namespace quizscan {

void note_input_problems(const InputList& list, ScanSummary& sum) {
    for (const auto& p : list.problems) {
        if (p.rejected) count_rejected_file(sum, p.path, p.why);
        else sum.skipped.push_back(p.path + ": " + p.why);
    }
}

bool nothing_opens(const InputList& list) {
    for (const auto& f : list.files) {
        std::ifstream in(f, std::ios::binary);
        if (in && sniff_kind(f) != InputKind::Unknown) return false;
    }
    return true;
}

void reject_without_database(const InputList& list, ScanSummary& sum) {
    for (const auto& f : list.files) {
        std::string why;
        try {
            sha256_of_file(f);  // can it be opened?
            for_each_page(f, InputKind::Unknown, 0, [](PageImage&&) {}, [](int, const std::string&) {});
        } catch (const std::exception& e) {
            why = e.what();
        }
        count_rejected_file(sum, f, why);
    }
    sum.no_database = true;
}

void count_page(ScanSummary& sum, const std::string& where, PageStatus status, const std::string& reason) {
    switch (status) {
        case PageStatus::Read: ++sum.pages_read; break;
        case PageStatus::Blank:
            ++sum.pages_blank;
            sum.blank.push_back(where);
            break;
        default:
            ++sum.pages_flagged;
            sum.flagged.push_back(where + ": " + std::string(to_string(status)) + ": " + reason);
    }
}

void count_read_page(ScanSummary& sum, const PageResult& r, const std::string& where, const std::string& source) {
    count_page(sum, where, r.status, r.reason);
    for (const auto& w : r.warnings) spdlog::warn("{}: {}", where, w);
    auto count_file = [&source](int& pages, std::vector<std::string>& files) {
        ++pages;
        if (std::find(files.begin(), files.end(), source) == files.end()) files.push_back(source);
    };
    // How a page was scanned matters only for the pages of this quiz (not for a white or foreign page).
    const bool quiz_page = r.status == PageStatus::Read || r.status == PageStatus::Unidentified || r.status == PageStatus::Unregistered;
    if (quiz_page && r.bilevel) count_file(sum.pages_bilevel, sum.bilevel);
    if (quiz_page && r.light_evened) count_file(sum.pages_unevenly_lit, sum.unevenly_lit);
    if (quiz_page && r.not_flat) count_file(sum.pages_not_flat, sum.not_flat);
    if (quiz_page && r.placed_by_print) count_file(sum.pages_by_print, sum.by_print);
    if (r.no_marks || r.faint) {
        const std::string who =
            r.id && !r.id->participant.empty() ? " (" + r.id->participant + " " + r.id->session + ", page " + std::to_string(r.id->page) + ")" : "";
        if (r.no_marks) sum.no_marks.push_back(where + who + ": " + r.no_marks_reason);
        if (r.faint) sum.faint.push_back(where + who);
    }
}

void count_rejected_file(ScanSummary& sum, const std::string& path, const std::string& why) {
    sum.rejected.push_back(path + ": " + why);
    ++sum.files_rejected;
}

}  // namespace quizscan
