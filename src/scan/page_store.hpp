// Where a scan batch keeps what it reads (scan/batch.hpp). store::ScanWriter keeps it in the
// SQLite database; the batch's tests keep it in memory. Called from the batch's thread only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scan/read_page.hpp"

namespace quizscan {

class PageStore {
public:
    // A file stored before, found by its content.
    struct Input {
        std::int64_t id = 0;
        bool rejected = false;  // could not be read
        bool finished = false;  // every page stored (else an interrupted scan left it)
        std::string note;       // a finished file read only in part: why ("" otherwise)
    };
    // A page stored before.
    struct Page {
        bool rejected = false;  // could not be decoded or read
        PageStatus status = PageStatus::Foreign;
        std::string reason;
    };
    // The sheets after a batch.
    struct Sheets {
        int sheets = 0, complete = 0;       // participant x session; with both pages
        std::vector<std::string> problems;  // for the summary
        int spare_pages = 0, spare_fronts = 0, spare_identified = 0;
        int review_open = 0;                // open review items
    };

    virtual ~PageStore() = default;

    virtual std::optional<Input> input(const std::string& sha256) = 0;
    // Records a file before its pages (or returns the one recorded with this content).
    virtual std::int64_t begin_input(const std::string& sha256, const std::string& path, const std::string& name,
                                     const std::string& kind) = 0;
    // The file is finished: all `pages` stored.
    virtual void finish_input(std::int64_t input, int pages) = 0;
    // Keeps why a file was read only in part (a truncated TIFF), so scanning it again says it again.
    virtual void note_partly_read(std::int64_t input, const std::string& why) = 0;
    // Forgets the pages of this input stored as another form's whose barcode names `form_id`, and
    // marks the input unfinished, so they are read again with that form. Returns how many.
    virtual int forget_other_form_pages(std::int64_t input, const std::string& form_id) = 0;
    // A file that could not be read: recorded as rejected with its reason (its input forgotten
    // unless pages of it are stored). `input` is 0 when it was never recorded.
    virtual void reject_input(std::int64_t input, const std::string& sha256, const std::string& path, const std::string& name,
                              const std::string& kind, const std::string& why) = 0;

    virtual std::optional<Page> page(std::int64_t input, int page_index) = 0;
    // Stores a page read; false when that page was stored meanwhile (by a scan of the same file
    // alongside): nothing stored.
    virtual bool store_page(std::int64_t input, int page_index, const PageResult& r) = 0;
    // A page that could not be decoded or read.
    virtual void store_rejected_page(std::int64_t input, int page_index, const std::string& why) = 0;

    // After the pages: spare fronts decided, fronts and backs paired, rescans merged, missing pages asked about.
    virtual Sheets finish_batch() = 0;
};

}  // namespace quizscan
