// Scan progress on stderr: pages done of the total with the time left ("page 37/160, ~1 min
// left"), a bar on a terminal and a line every 50 pages or 10 s otherwise.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "scan/batch.hpp"

namespace quizscan::cli {

// The pages each file is expected to hold, counted cheaply up front (a PDF's or TIFF's page
// list, 1 for an image; 0 for a file that cannot be opened: its rejection is reported later).
std::vector<int> count_pages(const std::vector<std::string>& files, double pdf_dpi);

// "~40 s left", "~3 min left", "~1 h 05 min left".
std::string time_left_text(double seconds);

class Progress : public BatchProgress {
public:
    // `expected[i]`: the pages of file i (count_pages).
    explicit Progress(std::vector<int> expected, bool tty);
    // File `n` (1-based) starts; files before it that were skipped stop counting toward the total.
    void file(int n, const std::string& name) override;
    void queued() override { add_queued(1); }     // a page of the current file sent to be read
    void page() override;                         // a page was stored
    void stored_before(int pages) override;       // pages of the current file an earlier (interrupted) scan stored
    void done() override;                         // ends the bar's line on a terminal
    double seconds() const;
    int total() const { return total_; }
    // The status line, e.g. "page 37/160, ~1 min left (file 1/1 sheets.pdf, 2.9 pages/s)".
    std::string line() const;

private:
    void add_queued(int pages);
    void draw(bool line_due);  // line_due: without a terminal, print a line now (else every 10 s)
    std::vector<int> expected_;
    int file_no_ = 0, queued_ = 0, done_ = 0, total_ = 0, resumed_ = 0;
    bool tty_;
    std::string name_;
    std::chrono::steady_clock::time_point start_, last_line_;
};

}  // namespace quizscan::cli
