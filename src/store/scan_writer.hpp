// The scan batch's PageStore (scan/page_store.hpp) over the database: inputs, pages, readings,
// crops and review items, one transaction per page, so a killed scan resumes where it stopped.
#pragma once

#include "scan/page_store.hpp"
#include "store/db.hpp"
#include "store/scan_store.hpp"

namespace quizscan::store {

class ScanWriter : public PageStore {
public:
    ScanWriter(const Db& db, StoreOptions opts) : db_(db), opts_(opts) {}

    std::optional<Input> input(const std::string& sha256) override;
    std::int64_t begin_input(const std::string& sha256, const std::string& path, const std::string& name,
                             const std::string& kind) override;
    void finish_input(std::int64_t input, int pages) override;
    void note_partly_read(std::int64_t input, const std::string& why) override;
    int forget_other_form_pages(std::int64_t input, const std::string& form_id) override;
    void reject_input(std::int64_t input, const std::string& sha256, const std::string& path, const std::string& name,
                      const std::string& kind, const std::string& why) override;
    std::optional<Page> page(std::int64_t input, int page_index) override;
    bool store_page(std::int64_t input, int page_index, const PageResult& r) override;
    void store_rejected_page(std::int64_t input, int page_index, const std::string& why) override;
    Sheets finish_batch() override;

private:
    const Db& db_;
    StoreOptions opts_;
};

}  // namespace quizscan::store
