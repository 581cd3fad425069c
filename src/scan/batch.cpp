// The scan batch (batch.hpp): this thread hashes the files, resumes and stores; the reader
// threads decode and read.
#include "scan/batch.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>

#include "scan/inputs.hpp"
#include "scan/read_pool.hpp"

namespace fs = std::filesystem;

namespace quizscan {
namespace {

// A file of this batch, as recorded in the store.
struct BatchFile {
    std::string sha, path, name, kind;
};

class Batch {
public:
    Batch(const BatchOptions& opts, PageStore& store, BatchProgress& progress) : opts_(opts), store_(store), progress_(progress) {}

    void run(const InputList& inputs, const std::function<ReadContext(int)>& context);
    ScanSummary sum;

private:
    void read_file(const std::string& path, int file_no, ReadPool& pool);
    bool read_before(const std::string& path, const std::string& sha);
    void submit_pages(std::int64_t input, const std::string& path, InputKind kind, ReadPool& pool);
    void deliver(PageDone& d);
    void keep(const PageDone& d);
    void count_stored(const PageStore::Page& p, int page_index, const std::string& source);
    void reject(std::int64_t input, const BatchFile& f, const std::string& why);

    const BatchOptions& opts_;
    PageStore& store_;
    BatchProgress& progress_;
    std::map<std::int64_t, BatchFile> files_;         // inputs recorded by this batch
    std::map<std::string, std::string> seen_content_;  // sha256 -> the first file with it in this batch
};

void Batch::run(const InputList& inputs, const std::function<ReadContext(int)>& context) {
    const auto t0 = std::chrono::steady_clock::now();
    note_input_problems(inputs, sum);
    if (!opts_.annotate_dir.empty()) fs::create_directories(opts_.annotate_dir);
    ReadPool pool(std::max(1, opts_.jobs), opts_.pdf_dpi, context, [this](PageDone& d) { deliver(d); });
    int file_no = 0;
    for (const auto& path : inputs.files) read_file(path, ++file_no, pool);
    pool.drain();
    progress_.done();
    sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    try {
        const PageStore::Sheets s = store_.finish_batch();
        sum.sheets = s.sheets;
        sum.sheets_complete = s.complete;
        sum.sheet_problems = s.problems;
        sum.spare_pages = s.spare_pages;
        sum.spare_fronts = s.spare_fronts;
        sum.spare_identified = s.spare_identified;
        sum.review_open = s.review_open;
    } catch (const std::exception& e) {
        sum.sheet_problems.push_back(std::string("fronts and backs were not paired (") + e.what() + "): run the scan again");
    }
}

// One file: skipped when read before (or named twice with the same content), else its pages
// submitted. Anything it throws rejects this file only.
void Batch::read_file(const std::string& path, int file_no, ReadPool& pool) {
    const std::string name = fs::path(path).filename().string();
    progress_.file(file_no, name);
    const InputKind kind = sniff_kind(path);
    BatchFile f{"", path, name, to_string(kind)};
    std::int64_t input = 0;
    bool counted = false;  // in sum.files
    try {
        f.sha = sha256_of_file(path);
        const auto [first, fresh] = seen_content_.emplace(f.sha, path);
        if (!fresh) {
            sum.skipped.push_back(path + ": the same content as " + first->second + ", read once");
            return;
        }
        if (read_before(path, f.sha)) return;
        ++sum.files, counted = true;
        input = store_.begin_input(f.sha, path, name, f.kind);
        files_[input] = f;
        submit_pages(input, path, kind, pool);
    } catch (const std::exception& e) {  // InputError, or anything else this file caused: the batch goes on
        try {
            pool.drain();  // its pages read so far kept before the file's rejection is recorded
        } catch (const std::exception& e2) {
            spdlog::warn("{}", e2.what());
        }
        reject(input, f, e.what());
        if (counted) --sum.files;
    }
}

// A file seen before (by content): true when it is done with (read, or rejected before), noted in
// the summary; false when it must be read (new, or an interrupted scan left it unfinished).
bool Batch::read_before(const std::string& path, const std::string& sha) {
    auto known = store_.input(sha);
    if (!known) return false;
    if (!known->rejected && store_.forget_other_form_pages(known->id, opts_.form_id) > 0) return false;  // now read with its own form
    if (!known->rejected && !known->finished) return false;
    ++sum.files_skipped;
    const std::string note = known->rejected ? "rejected before (same content); see the earlier reason" : known->note;
    if (!note.empty()) count_rejected_file(sum, path, note);
    return true;
}

// Submits the pages of one new (or unfinished) input to the readers; pages an interrupted scan
// stored are counted, not read again. Throws InputError for a file that cannot be opened.
void Batch::submit_pages(std::int64_t input, const std::string& path, InputKind kind, ReadPool& pool) {
    const std::string name = fs::path(path).filename().string();
    if (single_image(kind)) {
        if (const auto kept = store_.page(input, 1)) {
            count_stored(*kept, 1, name);  // an interrupted scan had stored it
            store_.finish_input(input, 1);
            progress_.stored_before(1);
            return;
        }
        progress_.queued();
        pool.submit(PageJob{input, path, kind, 1, 1});
        return;
    }
    if (kind != InputKind::Pdf && kind != InputKind::Tiff) {
        // Not a type quizscan reads (or an empty file): for_each_page says why, and throws.
        for_each_page(path, kind, opts_.pdf_dpi, [](PageImage&&) {}, [](int, const std::string&) {});
        throw InputError("not a file quizscan reads");
    }
    // Opened here for its page count (and a clear error if it is unreadable); its pages are
    // decoded by the reader threads.
    const MultiPageFile file(path, kind, opts_.pdf_dpi);
    const int n = file.count();
    if (file.truncated_after()) {
        const std::string why = "the file ends after page " + std::to_string(n) + " (truncated, or its list of pages is damaged): " +
                                "its first " + std::to_string(n) + " pages were read, any after them are lost; scan the complete file";
        store_.note_partly_read(input, why);
        count_rejected_file(sum, path, why);
    }
    std::vector<int> todo;
    for (int i = 1; i <= n; ++i) {
        if (const auto kept = store_.page(input, i)) count_stored(*kept, i, name);  // resumed scan
        else todo.push_back(i);
    }
    progress_.stored_before(n - static_cast<int>(todo.size()));
    if (todo.empty()) store_.finish_input(input, n);
    for (const int i : todo) {
        progress_.queued();
        pool.submit(PageJob{input, path, kind, i, i == todo.back() ? n : 0});
    }
}

// Keeps each outcome in input order; a page that cannot be kept is named, the rest go on.
void Batch::deliver(PageDone& d) {
    try {
        keep(d);
    } catch (const std::exception& e) {
        ++sum.pages_rejected;
        sum.flagged.push_back(d.source + " p" + std::to_string(d.job.page_index) + ": not stored (" + e.what() + "): scan this file again");
    }
    progress_.page();
}

void Batch::keep(const PageDone& d) {
    const std::int64_t input = d.job.input_id;
    const int index = d.job.page_index;
    if (!d.file_error.empty()) {  // nothing of this file was kept: recorded as rejected instead
        const auto f = files_.find(input);
        if (f != files_.end()) reject(input, f->second, d.file_error);
        else count_rejected_file(sum, d.source, d.file_error);
        --sum.files;
        return;
    }
    const std::string where = d.source + " p" + std::to_string(index);
    auto finish = [&] {
        if (d.job.finishes_input) store_.finish_input(input, d.job.finishes_input);
    };
    if (const auto kept = store_.page(input, index)) {  // by a scan of the same file running alongside
        count_stored(*kept, index, d.source);
        return finish();
    }
    ++sum.pages;
    if (!d.page_error.empty()) {
        store_.store_rejected_page(input, index, d.page_error);
        ++sum.pages_rejected;
        sum.flagged.push_back(where + ": rejected: " + d.page_error);
        return finish();
    }
    const auto t0 = std::chrono::steady_clock::now();
    if (!store_.store_page(input, index, d.result)) {  // stored alongside meanwhile
        --sum.pages;
        if (const auto kept = store_.page(input, index)) count_stored(*kept, index, d.source);
        return finish();
    }
    finish();
    spdlog::debug("{}: stored in {:.1f} ms", where, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    count_read_page(sum, d.result, where, d.source);
    if (!d.result.annotated.empty()) {
        const std::string stem = fs::path(d.source).stem().string();
        cv::imwrite((fs::path(opts_.annotate_dir) / (stem + "-p" + std::to_string(index) + ".png")).string(), d.result.annotated);
    }
}

// A page stored by an earlier (interrupted) or a concurrent scan, counted as the store has it.
void Batch::count_stored(const PageStore::Page& p, int page_index, const std::string& source) {
    const std::string where = source + " p" + std::to_string(page_index);
    ++sum.pages;
    if (p.rejected) {
        ++sum.pages_rejected;
        sum.flagged.push_back(where + ": rejected: " + p.reason);
    } else {
        count_page(sum, where, p.status, p.reason);
    }
}

// A file that could not be read at all: recorded as rejected (best effort) and listed.
void Batch::reject(std::int64_t input, const BatchFile& f, const std::string& why) {
    try {
        store_.reject_input(input, f.sha, f.path, f.name, f.kind, why);
    } catch (const std::exception& e) {
        spdlog::warn("{}: the rejection could not be recorded ({})", f.path, e.what());
    }
    count_rejected_file(sum, f.path, why);
}

}  // namespace

ScanSummary run_batch(const InputList& inputs, const BatchOptions& opts, PageStore& store,
                      const std::function<ReadContext(int)>& context, BatchProgress& progress) {
    Batch b(opts, store, progress);
    b.run(inputs, context);
    return std::move(b.sum);
}

}  // namespace quizscan
