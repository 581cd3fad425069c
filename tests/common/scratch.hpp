// Scratch folders for tests that write files: one root per suite and test process under the
// system's temp folder, removed when the process ends (QUIZSCAN_KEEP_TEST_FILES=1 keeps it).
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>

namespace quizscan::testing {

// The root of `suite` ("quizscan-scan-tests"): created empty on first use, open to every user (a
// test may run the binary as another user when it runs as root).
inline const std::filesystem::path& scratch_root(const std::string& suite) {
    namespace fs = std::filesystem;
    struct Roots {
        std::map<std::string, fs::path> by_suite;
        ~Roots() {
            std::error_code ec;
            if (!std::getenv("QUIZSCAN_KEEP_TEST_FILES"))
                for (const auto& [suite, path] : by_suite) fs::remove_all(path, ec);
        }
    };
    static Roots roots;
    auto it = roots.by_suite.find(suite);
    if (it == roots.by_suite.end()) {
        const fs::path p = fs::temp_directory_path() / (suite + "-" + std::to_string(getpid()));
        fs::remove_all(p);
        fs::create_directories(p);
        fs::permissions(p, fs::perms::all);
        it = roots.by_suite.emplace(suite, p).first;
    }
    return it->second;
}

// An empty folder `name` under the suite's root.
inline std::filesystem::path fresh_dir(const std::string& suite, const std::string& name) {
    const std::filesystem::path d = scratch_root(suite) / name;
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

}  // namespace quizscan::testing
