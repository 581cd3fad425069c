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

void add_batch(ScanSummary& total, const ScanSummary& b) {
    auto append = [](std::vector<std::string>& to, const std::vector<std::string>& from) { to.insert(to.end(), from.begin(), from.end()); };
    auto append_once = [](std::vector<std::string>& to, const std::vector<std::string>& from) {
        for (const auto& f : from)
            if (std::find(to.begin(), to.end(), f) == to.end()) to.push_back(f);
    };
    total.files += b.files, total.files_skipped += b.files_skipped, total.files_rejected += b.files_rejected;
    total.pages += b.pages, total.pages_read += b.pages_read, total.pages_flagged += b.pages_flagged;
    total.pages_blank += b.pages_blank, total.pages_rejected += b.pages_rejected;
    total.seconds += b.seconds;
    append(total.rejected, b.rejected);
    append(total.skipped, b.skipped);
    append(total.flagged, b.flagged);
    append(total.blank, b.blank);
    append(total.no_marks, b.no_marks);
    append(total.faint, b.faint);
    append_once(total.bilevel, b.bilevel);
    append_once(total.unevenly_lit, b.unevenly_lit);
    append_once(total.not_flat, b.not_flat);
    append_once(total.by_print, b.by_print);
    total.pages_bilevel += b.pages_bilevel, total.pages_unevenly_lit += b.pages_unevenly_lit;
    total.pages_not_flat += b.pages_not_flat, total.pages_by_print += b.pages_by_print;
    total.sheet_problems = b.sheet_problems;
    total.spare_pages = b.spare_pages, total.spare_fronts = b.spare_fronts, total.spare_identified = b.spare_identified;
    total.sheets = b.sheets, total.sheets_complete = b.sheets_complete;
    total.review_open = b.review_open;
}

}  // namespace quizscan
