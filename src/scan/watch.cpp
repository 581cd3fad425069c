// Reading folders as a scanner fills them (watch.hpp).
#include "scan/watch.hpp"

#include <system_error>
#include <thread>

#include "scan/input_list.hpp"

namespace fs = std::filesystem;

namespace quizscan {

std::vector<std::string> SettledFiles::take(const std::vector<std::string>& listed) {
    std::vector<std::string> ready;
    std::map<std::string, Stamp> now;
    for (const auto& path : listed) {
        std::error_code ec1, ec2;
        const Stamp s{fs::file_size(path, ec1), fs::last_write_time(path, ec2)};
        if (ec1 || ec2) continue;  // gone, or not readable yet: looked at again next time
        now[path] = s;
        const auto before = seen_.find(path);
        const auto taken = taken_.find(path);
        if (before != seen_.end() && before->second == s && (taken == taken_.end() || !(taken->second == s))) {
            ready.push_back(path);
            taken_[path] = s;
        }
    }
    seen_ = std::move(now);
    return ready;
}

ScanSummary watch_folders(const WatchOptions& watch, const BatchOptions& opts, PageStore& store,
                          const std::function<ReadContext(int)>& context,
                          const std::function<std::unique_ptr<BatchProgress>(const std::vector<std::string>&)>& progress,
                          const std::atomic<bool>& stop) {
    ScanSummary total;
    SettledFiles settled;
    std::set<std::string> told;  // entries not read, named once
    const auto step = std::chrono::milliseconds(50);
    while (!stop) {
        const InputList listed = list_inputs(watch.folders);
        InputList batch;
        batch.files = settled.take(listed.files);
        for (const auto& p : listed.problems)
            if (told.insert(p.path + "\n" + p.why).second) batch.problems.push_back(p);
        if (!batch.files.empty() || !batch.problems.empty()) {
            const auto shown = progress(batch.files);
            add_batch(total, run_batch(batch, opts, store, context, *shown));
        }
        for (auto waited = std::chrono::milliseconds(0); waited < watch.interval && !stop; waited += step) std::this_thread::sleep_for(step);
    }
    return total;
}

}  // namespace quizscan
