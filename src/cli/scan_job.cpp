// The scan job: files and folders to the store. The reader threads (scan/read_pool.hpp) decode
// and read the pages; this thread hashes the files, skips what was read before, resumes what an
// interrupted scan left, stores every outcome in order and counts it for the summary.
#include "cli/scan_job.hpp"

#include "cli/form_choice.hpp"
#include "cli/reading_kit.hpp"
#include "cli/scan_batch.hpp"
#include "cli/scan_progress.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <opencv2/imgcodecs.hpp>
#include <thread>

#include "print/ids.hpp"
#include "scan/input_list.hpp"
#include "scan/inputs.hpp"
#include "scan/read_pool.hpp"
#include "store/scan_store.hpp"
#include "store/spare_sheets.hpp"

namespace fs = std::filesystem;

namespace quizscan::cli {
namespace {

// The summary's account of a stored page: what it is, how it was scanned, what to tell people.
void count_read_page(const PageResult& r, const std::string& where, const std::string& source, ScanSummary& sum) {
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

// Stores one outcome of the reader threads (on this thread: one SQLite connection).
void store_outcome(const store::Db& db, const PageDone& d, const store::StoreOptions& store_opts, const std::string& annotate_dir,
                   ScanSummary& sum) {
    const std::int64_t input = d.job.input_id;
    const int index = d.job.page_index;
    if (!d.file_error.empty()) {
        // Nothing of this file was stored: record it as rejected instead.
        auto st = db.prepare("SELECT path, sha256, kind FROM inputs WHERE id = ?");
        st.bind(1, input);
        if (st.step()) {
            const std::string path = st.col_text(0), sha = st.col_text(1), kind = st.col_text(2);
            st.reset();
            reject_file(db, input, sha, path, d.source, kind, d.file_error, sum);
        } else {
            ++sum.files_rejected;
        }
        --sum.files;
        return;
    }
    const std::string where = d.source + " p" + std::to_string(index);
    auto finish = [&] {
        if (d.job.finishes_input) store::finish_input(db, input, d.job.finishes_input);
    };
    if (store::page_stored(db, input, index)) {  // by a scan of the same file running alongside
        count_stored_page(db, input, index, d.source, sum);
        return finish();
    }
    ++sum.pages;
    if (!d.page_error.empty()) {
        store::store_rejected_page(db, input, index, d.page_error);
        ++sum.pages_rejected;
        sum.flagged.push_back(where + ": rejected: " + d.page_error);
        return finish();
    }
    const auto t0 = std::chrono::steady_clock::now();
    if (store::store_page(db, input, index, d.result, store_opts) == 0) {  // stored alongside meanwhile
        --sum.pages;
        count_stored_page(db, input, index, d.source, sum);
        return finish();
    }
    finish();
    spdlog::debug("{}: stored in {:.1f} ms", where, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    count_read_page(d.result, where, d.source, sum);
    if (!d.result.annotated.empty()) {
        const std::string stem = fs::path(d.source).stem().string();
        cv::imwrite((fs::path(annotate_dir) / (stem + "-p" + std::to_string(index) + ".png")).string(), d.result.annotated);
    }
}

// A file seen before (by content): true when it is done with (read, or rejected before), noted in
// the summary; false when it must be read (new, or an interrupted scan left it unfinished).
bool read_before(const store::Db& db, const std::string& path, const std::string& sha, const std::string& form_id, ScanSummary& sum) {
    const auto known = store::find_input(db, sha);
    if (!known) return false;
    if (known->status == "done") forget_other_form_pages(db, known->id, form_id);  // now read with its own form
    auto st = db.prepare("SELECT page_count FROM inputs WHERE id = ?");
    st.bind(1, known->id);
    if (known->status != "rejected" && !(st.step() && !st.is_null(0))) return false;
    ++sum.files_skipped;
    const std::string note =
        known->status == "rejected" ? "rejected before (same content); see the earlier reason" : partly_read_note(db, known->id);
    if (!note.empty()) {
        sum.rejected.push_back(path + ": " + note);
        ++sum.files_rejected;
    }
    return true;
}

// Submits the pages of one new (or unfinished) input to the readers; pages an interrupted scan
// stored are counted, not read again. Throws InputError for a file that cannot be opened.
void submit_pages(const store::Db& db, std::int64_t input_id, const std::string& path, InputKind kind, double pdf_dpi, ReadPool& pool,
                  Progress& progress, ScanSummary& sum) {
    const std::string name = fs::path(path).filename().string();
    if (single_image(kind)) {
        if (store::page_stored(db, input_id, 1)) {
            count_stored_page(db, input_id, 1, name, sum);  // an interrupted scan had stored it
            store::finish_input(db, input_id, 1);
            progress.stored_before(1);
            return;
        }
        progress.queued();
        pool.submit(PageJob{input_id, path, kind, 1, 1});
        return;
    }
    if (kind != InputKind::Pdf && kind != InputKind::Tiff) {
        // Not a type quizscan reads (or an empty file): for_each_page says why, and throws.
        for_each_page(path, kind, pdf_dpi, [](PageImage&&) {}, [](int, const std::string&) {});
        throw InputError("not a file quizscan reads");
    }
    // Opened here for its page count (and a clear error if it is unreadable); its pages are
    // decoded by the reader threads.
    const MultiPageFile file(path, kind, pdf_dpi);
    const int n = file.count();
    if (file.truncated_after())
        note_partly_read(db, input_id, path,
                         "the file ends after page " + std::to_string(n) + " (truncated, or its list of pages is damaged): " + "its first " +
                             std::to_string(n) + " pages were read, any after them are lost; scan the complete file",
                         sum);
    std::vector<int> todo;
    for (int i = 1; i <= n; ++i) {
        if (store::page_stored(db, input_id, i)) count_stored_page(db, input_id, i, name, sum);  // resumed scan
        else todo.push_back(i);
    }
    progress.stored_before(n - static_cast<int>(todo.size()));
    if (todo.empty()) store::finish_input(db, input_id, n);
    for (const int i : todo) {
        progress.queued();
        pool.submit(PageJob{input_id, path, kind, i, i == todo.back() ? n : 0});
    }
}

// After the pages: spare fronts decided, fronts and backs paired, the review queue counted.
void pair_sheets(const store::Db& db, ScanSummary& sum) {
    try {
        const store::SpareCheck spares = store::check_spare_sheets(db);  // before the sheets are paired: a doubted ID is nobody's
        const store::SheetCheck sc = store::check_sheets(db);
        sum.sheets = sc.sheets;
        sum.sheets_complete = sc.complete;
        sum.sheet_problems = sc.problems;
        sum.sheet_problems.insert(sum.sheet_problems.end(), spares.problems.begin(), spares.problems.end());
        sum.spare_pages = spares.pages;
        sum.spare_fronts = spares.fronts;
        sum.spare_identified = spares.identified;
        auto st = db.prepare("SELECT COUNT(*) FROM review_items WHERE state = 'open'");
        if (st.step()) sum.review_open = static_cast<int>(st.col_int(0));
    } catch (const std::exception& e) {
        sum.sheet_problems.push_back(std::string("fronts and backs were not paired (") + e.what() + "): run the scan again");
    }
}

}  // namespace

ScanSummary run_scan(const Form& form, const ScanOptions& opts) {
    ScanSummary sum;
    const InputList inputs = list_inputs(opts.inputs);
    note_input_problems(inputs, sum);
    if (!fs::exists(opts.db_path) && nothing_opens(inputs)) {  // nothing to store: create no empty database
        reject_without_database(inputs, sum);
        return sum;
    }
    store::Db db(opts.db_path);
    record_or_check_form(db, form);  // later commands read the form from the database
    for (const auto& path : opts.ids_paths) {
        const auto ids = read_ids(path);
        store::add_roster(db, ids, "pre", form.id);
        store::add_roster(db, ids, "post", form.id);
    }
    const int jobs = std::max(1, opts.jobs > 0 ? opts.jobs : static_cast<int>(std::thread::hardware_concurrency()));
    const auto kit = make_reading_kit(form, store::load_roster(db), jobs, opts.calibration_dir, !opts.annotate_dir.empty());
    store::StoreOptions store_opts;
    store_opts.audit_share = kit->audit_share;
    if (!opts.annotate_dir.empty()) fs::create_directories(opts.annotate_dir);

    Progress progress(count_pages(inputs.files, opts.pdf_dpi), isatty(2) != 0);
    // Stores each page in input order; a page that cannot be stored is named, the rest go on.
    auto deliver = [&](PageDone& d) {
        try {
            store_outcome(db, d, store_opts, opts.annotate_dir, sum);
        } catch (const std::exception& e) {
            ++sum.pages_rejected;
            sum.flagged.push_back(d.source + " p" + std::to_string(d.job.page_index) + ": not stored (" + e.what() + "): scan this file again");
        }
        progress.page();
    };
    ReadPool pool(jobs, opts.pdf_dpi, [&kit](int w) { return kit->context(w); }, deliver);

    int file_no = 0;
    std::map<std::string, std::string> seen_content;  // sha256 -> the first file with it in this run
    for (const auto& path : inputs.files) {
        const std::string name = fs::path(path).filename().string();
        progress.file(++file_no, name);
        const InputKind kind = sniff_kind(path);
        std::string sha;
        std::int64_t input_id = 0;
        bool counted = false;  // in sum.files
        try {
            sha = sha256_of_file(path);
            const auto [first, fresh] = seen_content.emplace(sha, path);
            if (!fresh) {
                sum.skipped.push_back(path + ": the same content as " + first->second + ", read once");
                continue;
            }
            if (read_before(db, path, sha, form.id, sum)) continue;
            ++sum.files, counted = true;
            input_id = store::begin_input(db, sha, path, name, to_string(kind));
            submit_pages(db, input_id, path, kind, opts.pdf_dpi, pool, progress, sum);
        } catch (const std::exception& e) {  // InputError, or anything else this file caused: the batch goes on
            try {
                pool.drain();  // its pages read so far stored before the file's rejection is recorded
            } catch (const std::exception& e2) {
                spdlog::warn("{}", e2.what());
            }
            reject_file(db, input_id, sha, path, name, to_string(kind), e.what(), sum);
            if (counted) --sum.files;
        }
    }
    pool.drain();
    progress.finish();
    sum.seconds = progress.seconds();
    pair_sheets(db, sum);
    return sum;
}

}  // namespace quizscan::cli
