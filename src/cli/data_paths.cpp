// Looks up the shipped data relative to the running executable (/proc/self/exe), falling
// back to the source path compiled in, so the installed command works from any directory.
#include "cli/data_paths.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace quizscan::cli {

std::string data_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    std::string dir = QUIZSCAN_SOURCE_DIR;
    if (!ec) {
        const fs::path share = exe.parent_path().parent_path() / "share" / "quizscan";
        if (fs::is_directory(share / "forms", ec)) dir = share.string();
    }
    spdlog::debug("data: {}", dir);
    return dir;
}

std::string data_file(const std::string& relative) {
    std::error_code ec;
    if (fs::exists(relative, ec)) return relative;
    return (fs::path(data_dir()) / relative).string();
}

}  // namespace quizscan::cli
