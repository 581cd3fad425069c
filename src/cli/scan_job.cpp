// Scan job implementation: a bounded, ordered pipeline (decode -> read -> store).
#include "cli/scan_job.hpp"

#include "cli/blank_form.hpp"
#include "cli/data_paths.hpp"
#include "cli/form_choice.hpp"
#include "cli/scan_progress.hpp"
#include "cli/scan_batch.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <thread>

#include "form/layout.hpp"
#include "icr/number_reader.hpp"
#include "print/ids.hpp"
#include "scan/input_list.hpp"
#include "scan/inputs.hpp"
#include "scan/ocr_id.hpp"
#include "scan/read_page.hpp"
#include "store/scan_store.hpp"
#include "store/spare_sheets.hpp"

namespace fs = std::filesystem;

namespace quizscan::cli {
namespace {

// A page to read. Pages are decoded by the reader threads too (`decode_path` set, `page`
// empty), so decoding runs on every core. Results are stored in `seq` order.
struct Job {
    long seq = 0;
    std::int64_t input_id = 0;
    PageImage page;
    std::string decode_path;
    InputKind kind = InputKind::Unknown;
    int page_index = 1;
    int finishes_input = 0;  // > 0 on an input's last job: its page count, recorded once stored
};
struct Done {
    std::int64_t input_id = 0;
    PageImage page;
    PageResult result;
    std::string file_error;  // a single-image file that could not be decoded at all
    std::string page_error;  // a page of a PDF or TIFF that could not be decoded
    int finishes_input = 0;
};

// A small bounded queue.
template <typename T>
class Queue {
public:
    explicit Queue(std::size_t cap) : cap_(cap) {}
    void push(T v) {
        std::unique_lock<std::mutex> l(m_);
        not_full_.wait(l, [&] { return q_.size() < cap_; });
        q_.push_back(std::move(v));
        not_empty_.notify_one();
    }
    std::optional<T> pop() {
        std::unique_lock<std::mutex> l(m_);
        not_empty_.wait(l, [&] { return !q_.empty() || closed_; });
        if (q_.empty()) return std::nullopt;
        T v = std::move(q_.front());
        q_.pop_front();
        not_full_.notify_one();
        return v;
    }
    void close() {
        std::lock_guard<std::mutex> l(m_);
        closed_ = true;
        not_empty_.notify_all();
    }

private:
    std::size_t cap_;
    std::deque<T> q_;
    bool closed_ = false;
    std::mutex m_;
    std::condition_variable not_full_, not_empty_;
};

std::string default_calibration_dir() {
    if (const char* env = std::getenv("QUIZSCAN_CALIBRATION")) return env;
    return fs::path(data_file("calibration/icr-thresholds.json")).parent_path().string();
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
    const Layout letter = make_layout(form, paper_by_name("letter"));
    const Layout a4 = make_layout(form, paper_by_name("a4"));
    // The spare sheet's layouts; none for a form that has no spare sheet (no consent block to set
    // the ID area beside): its spare pages cannot exist, a page naming one is another form's.
    std::optional<Layout> spare_letter, spare_a4;
    try {
        spare_letter = make_spare_layout(form, paper_by_name("letter"));
        spare_a4 = make_spare_layout(form, paper_by_name("a4"));
    } catch (const std::exception& e) {
        spdlog::debug("no spare sheet for form '{}': {}", form.id, e.what());
        spare_letter.reset(), spare_a4.reset();
    }
    store::Db db(opts.db_path);
    record_or_check_form(db, form);  // later commands read the form from the database
    for (const auto& path : opts.ids_paths) {
        const auto ids = read_ids(path);
        store::add_roster(db, ids, "pre", form.id);
        store::add_roster(db, ids, "post", form.id);
    }
    const std::set<std::string> roster = store::load_roster(db);
    const IdReader ocr;
    // The unfilled pages, to tell an answer written beside its number boxes from print.
    std::optional<BlankForm> blank_letter, blank_a4, blank_spare_letter, blank_spare_a4;
    try {
        blank_letter = render_blank_form(form, letter);
        blank_a4 = render_blank_form(form, a4);
        if (spare_letter) blank_spare_letter = render_blank_form(form, *spare_letter);
        if (spare_a4) blank_spare_a4 = render_blank_form(form, *spare_a4);
    } catch (const std::exception& e) {
        spdlog::warn("blank form not rendered ({}): writing beside empty number boxes is not looked for", e.what());
        blank_letter.reset(), blank_a4.reset(), blank_spare_letter.reset(), blank_spare_a4.reset();
    }

    const std::string cal = opts.calibration_dir.empty() ? default_calibration_dir() : opts.calibration_dir;
    const int jobs = std::max(1, opts.jobs > 0 ? opts.jobs : static_cast<int>(std::thread::hardware_concurrency()));
    std::vector<std::optional<icr::DigitRecogniser>> digits(static_cast<std::size_t>(jobs));
    store::StoreOptions store_opts;
    try {
        for (auto& d : digits) d = icr::DigitRecogniser::load(cal);
        store_opts.audit_share = digits[0]->audit_share();
    } catch (const std::exception& e) {
        spdlog::warn("digit models not loaded ({}): handwritten numbers go to review", e.what());
        for (auto& d : digits) d.reset();
    }
    if (!opts.annotate_dir.empty()) fs::create_directories(opts.annotate_dir);

    const auto& files = inputs.files;
    Progress progress(count_pages(files, opts.pdf_dpi), isatty(2) != 0);

    Queue<Job> todo(static_cast<std::size_t>(2 * jobs));
    std::mutex done_mu;
    std::condition_variable done_cv;
    std::map<long, Done> done;
    long next_store = 0;

    std::vector<std::thread> workers;
    for (int w = 0; w < jobs; ++w)
        workers.emplace_back([&, w] {
            const ReadContext ctx{form, letter, a4, digits[static_cast<std::size_t>(w)] ? &*digits[static_cast<std::size_t>(w)] : nullptr,
                                  &ocr, &roster, !opts.annotate_dir.empty(), blank_letter ? &*blank_letter : nullptr,
                                  blank_a4 ? &*blank_a4 : nullptr, spare_letter ? &*spare_letter : nullptr, spare_a4 ? &*spare_a4 : nullptr,
                                  blank_spare_letter ? &*blank_spare_letter : nullptr, blank_spare_a4 ? &*blank_spare_a4 : nullptr};
            std::unique_ptr<MultiPageFile> file;  // this thread's open PDF or TIFF
            while (auto job = todo.pop()) {
                Done d;
                d.input_id = job->input_id;
                d.finishes_input = job->finishes_input;
                auto publish = [&] {
                    std::lock_guard<std::mutex> l(done_mu);
                    done.emplace(job->seq, std::move(d));
                    done_cv.notify_all();
                };
                if ((job->kind == InputKind::Pdf || job->kind == InputKind::Tiff) && !job->decode_path.empty()) {
                    try {
                        if (!file || file->path() != job->decode_path)
                            file = std::make_unique<MultiPageFile>(job->decode_path, job->kind, opts.pdf_dpi);
                        job->page = file->read(job->page_index);
                    } catch (const std::exception& e) {  // InputError, or a decoder's own (cv::Exception, bad_alloc)
                        d.page_error = e.what();
                        d.page = PageImage{cv::Mat(), 0, fs::path(job->decode_path).filename().string(), job->page_index};
                        publish();
                        continue;
                    }
                } else if (!job->decode_path.empty()) {
                    try {
                        for_each_page(job->decode_path, job->kind, opts.pdf_dpi, [&](PageImage&& p) { job->page = std::move(p); },
                                      [](int, const std::string&) {});
                    } catch (const std::exception& e) {
                        d.file_error = e.what();
                    }
                    if (job->page.gray.empty()) {
                        if (d.file_error.empty()) d.file_error = "the image could not be decoded";
                        d.page = PageImage{cv::Mat(), 0, fs::path(job->decode_path).filename().string(), 1};
                        publish();
                        continue;
                    }
                }
                try {
                    d.result = read_page(job->page, ctx);
                } catch (const std::exception& e) {
                    d.result.status = PageStatus::Foreign;
                    d.result.reason = std::string("could not be read: ") + e.what();
                }
                d.page = PageImage{cv::Mat(), job->page.dpi, job->page.source, job->page.page_index};
                publish();
            }
        });

    // Whatever escapes below, the reader threads end before the queues they use do.
    struct JoinReaders {
        Queue<Job>& todo;
        std::vector<std::thread>& workers;
        ~JoinReaders() {
            todo.close();
            for (auto& t : workers)
                if (t.joinable()) t.join();
        }
    } join_readers{todo, workers};

    // Stores one finished page (on this thread: one SQLite connection).
    auto store_done = [&](Done& d) {
        if (!d.file_error.empty()) {
            // Nothing of this file was stored: record it as rejected instead.
            auto st = db.prepare("SELECT path, sha256, kind FROM inputs WHERE id = ?");
            st.bind(1, d.input_id);
            if (st.step()) {
                const std::string path = st.col_text(0), sha = st.col_text(1), kind = st.col_text(2);
                st.reset();
                reject_file(db, d.input_id, sha, path, d.page.source, kind, d.file_error, sum);
            } else {
                ++sum.files_rejected;
            }
            --sum.files;
            return;
        }
        const std::string where = d.page.source + " p" + std::to_string(d.page.page_index);
        if (store::page_stored(db, d.input_id, d.page.page_index)) {  // by a scan of the same file running alongside
            count_stored_page(db, d.input_id, d.page.page_index, d.page.source, sum);
            if (d.finishes_input) store::finish_input(db, d.input_id, d.finishes_input);
            return;
        }
        ++sum.pages;
        if (!d.page_error.empty()) {
            store::store_rejected_page(db, d.input_id, d.page.page_index, d.page_error);
            ++sum.pages_rejected;
            sum.flagged.push_back(where + ": rejected: " + d.page_error);
            if (d.finishes_input) store::finish_input(db, d.input_id, d.finishes_input);
            return;
        }
        const PageResult& r = d.result;
        const auto t0 = std::chrono::steady_clock::now();
        if (store::store_page(db, d.input_id, d.page.page_index, r, store_opts) == 0) {  // stored alongside meanwhile
            --sum.pages;
            count_stored_page(db, d.input_id, d.page.page_index, d.page.source, sum);
            if (d.finishes_input) store::finish_input(db, d.input_id, d.finishes_input);
            return;
        }
        if (d.finishes_input) store::finish_input(db, d.input_id, d.finishes_input);
        spdlog::debug("{}: stored in {:.1f} ms", where, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        count_page(sum, where, r.status, r.reason);
        for (const auto& w : r.warnings) spdlog::warn("{}: {}", where, w);
        auto count_file = [&d](int& pages, std::vector<std::string>& files) {
            ++pages;
            if (std::find(files.begin(), files.end(), d.page.source) == files.end()) files.push_back(d.page.source);
        };
        // How a page was scanned matters only for the pages of this quiz (not for a white or foreign page).
        const bool quiz_page = r.status == PageStatus::Read || r.status == PageStatus::Unidentified || r.status == PageStatus::Unregistered;
        if (quiz_page && r.bilevel) count_file(sum.pages_bilevel, sum.bilevel);
        if (quiz_page && r.light_evened) count_file(sum.pages_unevenly_lit, sum.unevenly_lit);
        if (quiz_page && r.not_flat) count_file(sum.pages_not_flat, sum.not_flat);
        if (quiz_page && r.placed_by_print) count_file(sum.pages_by_print, sum.by_print);
        if (r.no_marks || r.faint) {
            const std::string who = r.id && !r.id->participant.empty()
                                        ? " (" + r.id->participant + " " + r.id->session + ", page " + std::to_string(r.id->page) + ")"
                                        : "";
            if (r.no_marks) sum.no_marks.push_back(where + who + ": " + r.no_marks_reason);
            if (r.faint) sum.faint.push_back(where + who);
        }
        if (!r.annotated.empty()) {
            const std::string stem = fs::path(d.page.source).stem().string();
            cv::imwrite((fs::path(opts.annotate_dir) / (stem + "-p" + std::to_string(d.page.page_index) + ".png")).string(), r.annotated);
        }
    };

    // Stores finished pages in input order; a page that cannot be stored is named, the rest go on.
    auto store_ready = [&](long upto) {
        for (;;) {
            Done d;
            {
                std::unique_lock<std::mutex> l(done_mu);
                if (next_store >= upto) return;
                done_cv.wait(l, [&] { return done.count(next_store) > 0; });
                d = std::move(done[next_store]);
                done.erase(next_store);
                ++next_store;
            }
            try {
                store_done(d);
            } catch (const std::exception& e) {
                ++sum.pages_rejected;
                sum.flagged.push_back(d.page.source + " p" + std::to_string(d.page.page_index) + ": not stored (" + e.what() +
                                      "): scan this file again");
            }
            progress.page();
        }
    };

    long seq = 0;
    int file_no = 0;
    std::map<std::string, std::string> seen_content;  // sha256 -> the first file with it in this run
    for (const auto& path : files) {
        ++file_no;
        const std::string name = fs::path(path).filename().string();
        progress.file(file_no, name);
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
            if (const auto known = store::find_input(db, sha); known) {
                if (known->status == "done") forget_other_form_pages(db, known->id, form.id);  // now read with its own form
                auto st = db.prepare("SELECT page_count FROM inputs WHERE id = ?");
                st.bind(1, known->id);
                if (known->status == "rejected" || (st.step() && !st.is_null(0))) {
                    ++sum.files_skipped;
                    const std::string note = known->status == "rejected" ? "rejected before (same content); see the earlier reason"
                                                                         : partly_read_note(db, known->id);
                    if (!note.empty()) {
                        sum.rejected.push_back(path + ": " + note);
                        ++sum.files_rejected;
                    }
                    continue;
                }
            }
            ++sum.files, counted = true;
            input_id = store::begin_input(db, sha, path, name, to_string(kind));
            if (single_image(kind)) {
                // Decoded and read by a reader thread; stored (or rejected) in order below.
                if (store::page_stored(db, input_id, 1)) {
                    count_stored_page(db, input_id, 1, name, sum);  // an interrupted scan had stored it
                    store::finish_input(db, input_id, 1);
                    progress.stored_before(1);
                    continue;
                }
                todo.push(Job{seq++, input_id, PageImage{}, path, kind, 1, 1});
                progress.queued();
                store_ready(seq - 2 * jobs);
                continue;
            }
            if (kind == InputKind::Pdf || kind == InputKind::Tiff) {
                // Opened here for its page count (and a clear error if it is unreadable);
                // its pages are decoded by the reader threads.
                const MultiPageFile file(path, kind, opts.pdf_dpi);
                const int n = file.count();
                if (file.truncated_after())
                    note_partly_read(db, input_id, path,
                                     "the file ends after page " + std::to_string(n) + " (truncated, or its list of pages is damaged): " +
                                         "its first " + std::to_string(n) + " pages were read, any after them are lost; scan the complete file",
                                     sum);
                std::vector<int> todo_pages;
                for (int i = 1; i <= n; ++i) {
                    if (store::page_stored(db, input_id, i)) count_stored_page(db, input_id, i, name, sum);  // resumed scan
                    else todo_pages.push_back(i);
                }
                progress.stored_before(n - static_cast<int>(todo_pages.size()));
                if (todo_pages.empty()) store::finish_input(db, input_id, n);
                for (const int i : todo_pages) {
                    todo.push(Job{seq++, input_id, PageImage{}, path, kind, i, i == todo_pages.back() ? n : 0});
                    progress.queued();
                    store_ready(seq - 2 * jobs);
                }
                continue;
            }
            // Not a type quizscan reads (or an empty file): for_each_page says why, and throws.
            for_each_page(path, kind, opts.pdf_dpi, [](PageImage&&) {}, [](int, const std::string&) {});
        } catch (const std::exception& e) {  // InputError, or anything else this file caused: the batch goes on
            try {
                store_ready(seq);
            } catch (const std::exception& e2) {
                spdlog::warn("{}", e2.what());
            }
            reject_file(db, input_id, sha, path, name, to_string(kind), e.what(), sum);
            if (counted) --sum.files;
        }
    }
    todo.close();
    for (auto& t : workers) t.join();
    store_ready(seq);
    progress.finish();
    sum.seconds = progress.seconds();

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
    return sum;
}

}  // namespace quizscan::cli
