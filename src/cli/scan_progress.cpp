// Scan progress: totals counted up front, the rate so far, the time left (scan_progress.hpp).
#include "cli/scan_progress.hpp"

#include <cmath>
#include <cstdio>
#include <numeric>

#include "scan/image_header.hpp"
#include "scan/inputs.hpp"

namespace quizscan::cli {

std::vector<int> count_pages(const std::vector<std::string>& files, double pdf_dpi) {
    std::vector<int> n;
    n.reserve(files.size());
    for (const auto& f : files) {
        int pages = 0;
        try {
            const InputKind kind = sniff_kind(f);
            if (single_image(kind)) pages = 1;
            else if (kind == InputKind::Pdf || kind == InputKind::Tiff) pages = MultiPageFile(f, kind, pdf_dpi).count();
        } catch (const std::exception&) {
            pages = 0;  // unreadable: the scan names it
        }
        n.push_back(pages);
    }
    return n;
}

std::string time_left_text(double s) {
    char buf[48];
    if (s < 60) std::snprintf(buf, sizeof buf, "~%d s left", std::max(1, static_cast<int>(std::ceil(s / 5) * 5)));
    else if (s < 3600) std::snprintf(buf, sizeof buf, "~%d min left", static_cast<int>(std::ceil(s / 60)));
    else {
        const int m = static_cast<int>(std::ceil(s / 60));
        std::snprintf(buf, sizeof buf, "~%d h %02d min left", m / 60, m % 60);
    }
    return buf;
}

Progress::Progress(std::vector<int> expected, bool tty)
    : expected_(std::move(expected)), tty_(tty), start_(std::chrono::steady_clock::now()), last_line_(start_) {
    total_ = std::accumulate(expected_.begin(), expected_.end(), 0);
}

void Progress::file(int n, const std::string& name) {
    file_no_ = n;
    name_ = name;
    // Pages sent so far, and every file from this one on: a file skipped (known, the same
    // content twice, rejected) no longer counts.
    total_ = queued_;
    for (std::size_t i = static_cast<std::size_t>(n - 1); i < expected_.size(); ++i) total_ += expected_[i];
    draw(n == 1);  // without a terminal, a line for the first file; then every 50 pages or 10 s
}

void Progress::add_queued(int pages) {
    queued_ += pages;
    if (queued_ > total_) total_ = queued_;  // a file with more pages than counted
}

void Progress::stored_before(int pages) {
    add_queued(pages);
    done_ += pages;
    resumed_ += pages;
}

void Progress::page() {
    ++done_;
    draw(done_ % 50 == 0);
}

void Progress::done() {
    if (tty_) std::fputs("\n", stderr);
}

double Progress::seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

std::string Progress::line() const {
    const double s = seconds();
    const double rate = s > 0 ? (done_ - resumed_) / s : 0.0;
    std::string out = "page " + std::to_string(done_) + "/" + std::to_string(total_);
    // The time left once the rate means something (a few pages, a couple of seconds).
    if (done_ - resumed_ >= 3 && s >= 2 && rate > 0 && done_ < total_) out += ", " + time_left_text((total_ - done_) / rate);
    char tail[96];
    std::snprintf(tail, sizeof tail, " (file %d/%zu %.40s, %.1f pages/s)", file_no_, expected_.size(), name_.c_str(), rate);
    return out + tail;
}

void Progress::draw(bool line_due) {
    const auto now = std::chrono::steady_clock::now();
    if (tty_) {
        const int width = 24, filled = total_ ? width * done_ / total_ : 0;
        std::fprintf(stderr, "\r[%s%s] %-90.90s", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                     std::string(static_cast<std::size_t>(width - filled), '.').c_str(), line().c_str());
    } else if (line_due || now - last_line_ >= std::chrono::seconds(10)) {
        std::fprintf(stderr, "scan: %s\n", line().c_str());
        last_line_ = now;
    }
}

}  // namespace quizscan::cli
