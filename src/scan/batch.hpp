// The scan batch: files and folders to pages read and kept. The reader threads (read_pool.hpp)
// decode and read the pages; the batch's thread hashes the files, skips what was read before,
// resumes what an interrupted scan left, keeps every outcome in order in a PageStore and counts
// it for the summary. A file or page that fails is named with its reason; the rest go on.
#pragma once

#include <functional>
#include <string>

#include "scan/batch_summary.hpp"
#include "scan/input_list.hpp"
#include "scan/page_store.hpp"
#include "scan/read_page.hpp"

namespace quizscan {

struct BatchOptions {
    std::string form_id;       // the form read with: its pages stored before as another form's are read again
    double pdf_dpi = 300;
    int jobs = 1;              // reader threads
    std::string annotate_dir;  // where the pages with what was read drawn on them go ("": nowhere)
};

// What the batch tells as it goes (cli/scan_progress.hpp draws it); each call on the batch's thread.
class BatchProgress {
public:
    virtual ~BatchProgress() = default;
    virtual void file(int /*n: 1-based*/, const std::string& /*name*/) {}
    virtual void queued() {}                     // a page sent to be read
    virtual void stored_before(int /*pages*/) {}  // pages of the current file an earlier scan kept
    virtual void page() {}                       // a page kept
    virtual void done() {}                       // the batch's last page kept
};

// Reads `inputs` into `store`; `context(w)` is reader thread w's read context (read_pool.hpp).
// The summary counts every entry of `inputs`, its problems included.
ScanSummary run_batch(const InputList& inputs, const BatchOptions& opts, PageStore& store,
                      const std::function<ReadContext(int)>& context, BatchProgress& progress);

}  // namespace quizscan
