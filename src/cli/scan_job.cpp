// `quizscan scan` around the batch (scan_job.hpp): what only the command does, the database, the
// roster, the reading kit and the progress line; the batch itself is scan/batch.cpp.
#include "cli/scan_job.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "cli/form_choice.hpp"
#include "cli/reading_kit.hpp"
#include "cli/scan_progress.hpp"
#include "print/ids.hpp"
#include "scan/batch.hpp"
#include "scan/input_list.hpp"
#include "store/scan_writer.hpp"

namespace fs = std::filesystem;

namespace quizscan::cli {

ScanSummary run_scan(const Form& form, const ScanOptions& opts) {
    const InputList inputs = list_inputs(opts.inputs);
    if (!fs::exists(opts.db_path) && nothing_opens(inputs)) {  // nothing to store: create no empty database
        ScanSummary sum;
        note_input_problems(inputs, sum);
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
    BatchOptions batch;
    batch.form_id = form.id;
    batch.pdf_dpi = opts.pdf_dpi;
    batch.jobs = std::max(1, opts.jobs > 0 ? opts.jobs : static_cast<int>(std::thread::hardware_concurrency()));
    batch.annotate_dir = opts.annotate_dir;
    const auto kit = make_reading_kit(form, store::load_roster(db), batch.jobs, opts.calibration_dir, !opts.annotate_dir.empty());
    store::StoreOptions store_opts;
    store_opts.audit_share = kit->audit_share;
    store::ScanWriter writer(db, store_opts);
    Progress progress(count_pages(inputs.files, opts.pdf_dpi), isatty(2) != 0);
    ScanSummary sum = run_batch(inputs, batch, writer, [&kit](int w) { return kit->context(w); }, progress);
    progress.finish();
    return sum;
}

}  // namespace quizscan::cli
