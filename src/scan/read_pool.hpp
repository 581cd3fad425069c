// The scan batch's reader threads: pages are decoded and read on a bounded pool (decoding too runs
// on every core), and handed back in the order they were submitted, on the thread that submits
// them (the one that holds the database). Every job ends as exactly one outcome: read, or a file
// or a page that could not be decoded or read, with the reason for people.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "scan/image_header.hpp"
#include "scan/read_page.hpp"

namespace quizscan {

// A page to decode and read: page 1 of a single-image file, or page `page_index` of a PDF or TIFF.
struct PageJob {
    std::int64_t input_id = 0;
    std::string path;
    InputKind kind = InputKind::Unknown;
    int page_index = 1;
    int finishes_input = 0;  // > 0 on an input's last job: its page count
};

// What became of a job.
struct PageDone {
    PageJob job;
    std::string source;      // the file's name
    double dpi = 0;          // as decoded
    PageResult result;       // when read (file_error and page_error empty)
    std::string file_error;  // a single-image file that could not be decoded at all
    std::string page_error;  // a page that could not be decoded, or whose reading failed
};

class ReadPool {
public:
    // `context(w)`: the read context of worker w (called once on that worker's thread: each holds
    // its own digit recogniser). `deliver`: called with each outcome in submission order, only from
    // submit() and drain(); what it throws reaches their caller.
    ReadPool(int workers, double pdf_dpi, std::function<ReadContext(int)> context, std::function<void(PageDone&)> deliver);
    ~ReadPool();  // stops the workers (what was not delivered is dropped)
    ReadPool(const ReadPool&) = delete;
    ReadPool& operator=(const ReadPool&) = delete;

    // Queues a job; blocks while the pool is full, delivering finished outcomes meanwhile.
    void submit(PageJob job);
    // Delivers every outcome of the jobs submitted so far.
    void drain();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace quizscan
