// `quizscan scan` around the batch (scan_job.hpp): what only the command does, the database, the
// roster, the reading kit and the progress line; the batch itself is scan/batch.cpp.
#include "cli/scan_job.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <thread>

#include "cli/form_choice.hpp"
#include "cli/reading_kit.hpp"
#include "cli/scan_progress.hpp"
#include "print/ids.hpp"
#include "scan/batch.hpp"
#include "scan/input_list.hpp"
#include "scan/inputs.hpp"
#include "scan/watch.hpp"
#include "store/scan_writer.hpp"

namespace fs = std::filesystem;

namespace quizscan::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) { g_stop = true; }

// Reads the folders as files arrive until SIGINT or SIGTERM; the batch under way is finished first.
ScanSummary watch(const ScanOptions& opts, const BatchOptions& batch, store::ScanWriter& writer, const ReadingKit& kit) {
    WatchOptions w;
    w.folders = opts.inputs;
    w.interval = std::chrono::milliseconds(static_cast<long>(opts.watch_interval * 1000));
    g_stop = false;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    struct sigaction old_int {}, old_term {};
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    spdlog::info("watching {} for scans (Ctrl-C to stop and see the summary)", fmt::join(opts.inputs, ", "));
    const bool tty = isatty(2) != 0;
    ScanSummary sum = watch_folders(
        w, batch, writer, [&kit](int worker) { return kit.context(worker); },
        [&](const std::vector<std::string>& files) -> std::unique_ptr<BatchProgress> {
            if (!files.empty()) spdlog::info("{} new file{}", files.size(), files.size() == 1 ? "" : "s");
            return std::make_unique<Progress>(count_pages(files, opts.pdf_dpi), tty);
        },
        g_stop);
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    return sum;
}

// Each page is decoded into, and copied through, images of several MB. glibc gives such blocks
// back to the system when freed and maps them anew for the next page: a page fault per 4 KB, each
// page. Kept in the process instead (up to 32 MB a block, 512 MB free at the top of the heap), a
// 144-page scanner PDF took about 5% less CPU (0.5-0.6 s of system time instead of 0.9-1.5) for 10 MB
// more peak memory (docs/benchmarks.md).
void keep_freed_page_memory() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

}  // namespace

ScanSummary run_scan(const Form& form, const ScanOptions& opts) {
    if (opts.watch)
        for (const auto& p : opts.inputs)
            if (!fs::is_directory(p)) throw InputError(p + ": --watch reads folders; give the folder the scanner saves into");
    const InputList inputs = opts.watch ? InputList{} : list_inputs(opts.inputs);
    if (!opts.watch && !fs::exists(opts.db_path) && nothing_opens(inputs)) {  // nothing to store: create no empty database
        ScanSummary sum;
        note_input_problems(inputs, sum);
        reject_without_database(inputs, sum);
        return sum;
    }
    keep_freed_page_memory();
    store::Db db(opts.db_path);
    record_or_check_form(db, form);  // later commands read the form from the database
    for (const auto& path : opts.ids_paths) {
        const auto ids = read_ids(path);
        store::add_roster(db, ids, "pre", form.id);
        store::add_roster(db, ids, "post", form.id);
    }
    BatchOptions batch;
    batch.form_id = form.id;
    batch.pdf_dpi = opts.pdf_dpi;
    batch.jobs = std::max(1, opts.jobs > 0 ? opts.jobs : static_cast<int>(std::thread::hardware_concurrency()));
    batch.annotate_dir = opts.annotate_dir;
    const auto kit = make_reading_kit(form, store::load_roster(db), batch.jobs, opts.calibration_dir, !opts.annotate_dir.empty());
    store::StoreOptions store_opts;
    store_opts.audit_share = kit->audit_share;
    store::ScanWriter writer(db, store_opts);
    if (opts.watch) return watch(opts, batch, writer, *kit);
    Progress progress(count_pages(inputs.files, opts.pdf_dpi), isatty(2) != 0);
    return run_batch(inputs, batch, writer, [&kit](int w) { return kit->context(w); }, progress);
}

}  // namespace quizscan::cli
