// `quizscan scan --watch`: folders a scanner drops its files into, read as the files arrive. A
// file is read once it has kept its size and time for one look (the scanner has finished writing
// it), each file once; the batches' outcomes add up to one summary when the watch is stopped.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "scan/batch.hpp"

namespace quizscan {

// Of the files listed at each look, the ones ready to read: unchanged since the previous look and
// not taken before (a file written again, with another size or time, is taken again).
class SettledFiles {
public:
    std::vector<std::string> take(const std::vector<std::string>& listed);

private:
    struct Stamp {
        std::uintmax_t size = 0;
        std::filesystem::file_time_type time;
        bool operator==(const Stamp& o) const { return size == o.size && time == o.time; }
    };
    std::map<std::string, Stamp> seen_, taken_;
};

struct WatchOptions {
    std::vector<std::string> folders;
    std::chrono::milliseconds interval{2000};  // between looks
};

// Reads what arrives in the folders until `stop` is set (checked between looks and batches),
// then returns the summary of all batches. `progress(files)` makes each batch's progress.
ScanSummary watch_folders(const WatchOptions& watch, const BatchOptions& opts, PageStore& store,
                          const std::function<ReadContext(int)>& context,
                          const std::function<std::unique_ptr<BatchProgress>(const std::vector<std::string>&)>& progress,
                          const std::atomic<bool>& stop);

}  // namespace quizscan
