// Expanding the scan's arguments into files (see input_list.hpp). Every filesystem call
// takes an error_code: a looping link or a locked folder is one named entry, never an abort.
#include "scan/input_list.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>

#include "scan/image_header.hpp"

namespace fs = std::filesystem;

namespace quizscan {
namespace {

// Names that promise a scan: such a file is read (and rejected with a reason) even when its
// content is not one, instead of being skipped as a stranger to the folder.
bool scan_like_name(const fs::path& p) {
    static const std::array<const char*, 14> exts{".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg", ".jpe",
                                                   ".jfif", ".bmp", ".dib", ".webp", ".jp2", ".j2k", ".jpx"};
    std::string e = p.extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(exts.begin(), exts.end(), [&](const char* x) { return e == x; });
}

// Why a path cannot be followed to a file or folder, from the error its status gave.
std::string unreachable(const fs::path& p, const std::error_code& ec) {
    std::error_code lec;
    const bool link = fs::is_symlink(fs::symlink_status(p, lec));
    if (ec.value() == ELOOP) return "a symbolic link that loops (it leads back to itself): nothing to read";
    if (link && (ec.value() == ENOENT || ec.value() == ENOTDIR)) {
        const fs::path target = fs::read_symlink(p, lec);
        return "a symbolic link to " + target.string() + ", which does not exist";
    }
    if (ec.value() == ENOENT || ec.value() == ENOTDIR) return "no such file or folder";
    return "cannot be reached (" + ec.message() + ")";
}

class Lister {
public:
    InputList out;

    void arg(const std::string& a) {
        std::error_code ec;
        const fs::file_status st = fs::status(a, ec);
        if (ec) return problem(a, unreachable(a, ec), true);
        if (fs::is_directory(st)) return folder(a);
        if (fs::is_regular_file(st)) return file(a, false);
        problem(a, "not a regular file or folder (a device, pipe or socket): nothing to read", true);
    }

private:
    void problem(const std::string& path, std::string why, bool rejected) { out.problems.push_back({path, std::move(why), rejected}); }

    // The regular files under `top`, sorted by path.
    void folder(const fs::path& top) {
        walked_.clear();
        std::vector<fs::path> dirs{top};
        while (!dirs.empty()) {
            const fs::path dir = dirs.back();
            dirs.pop_back();
            std::error_code ec;
            fs::directory_iterator it(dir, ec), end;
            if (ec) {
                problem(dir.string(), "cannot open the folder (" + ec.message() + "): its files were not read; fix its permissions", true);
                continue;
            }
            for (; it != end; it.increment(ec)) {
                if (ec) break;
                entry(*it, dirs);
            }
            if (ec) problem(dir.string(), "the folder could not be read to the end (" + ec.message() + ")", true);
        }
        std::sort(walked_.begin(), walked_.end(), [](const fs::path& a, const fs::path& b) { return a.string() < b.string(); });
        for (const auto& f : walked_) file(f, true);
    }

    void entry(const fs::directory_entry& e, std::vector<fs::path>& dirs) {
        std::error_code ec;
        const fs::file_status own = e.symlink_status(ec);
        const fs::file_status st = fs::status(e.path(), ec);
        const std::string p = e.path().string();
        if (ec) return problem(p, unreachable(e.path(), ec), true);
        if (fs::is_directory(st)) {
            if (fs::is_symlink(own)) return problem(p, "a link to a folder, not followed: name that folder itself to scan it", false);
            return dirs.push_back(e.path());
        }
        if (fs::is_regular_file(st)) return walked_.push_back(e.path());
        problem(p, "not a regular file (a device, pipe or socket): skipped", false);
    }

    void file(const fs::path& p, bool in_folder) {
        std::error_code ec;
        fs::path key = fs::weakly_canonical(p, ec);
        if (ec) key = fs::absolute(p, ec);
        const auto [it, fresh] = first_.emplace(key, p.string());
        if (!fresh) return problem(p.string(), "the same file as " + it->second + ", which is read once", false);
        if (in_folder && !scan_like_name(p)) {
            std::ifstream in(p, std::ios::binary);
            if (in && sniff_kind(p.string()) == InputKind::Unknown) {
                const bool empty = fs::file_size(p, ec) == 0 && !ec;
                return problem(p.string(), empty ? "an empty file (0 bytes), skipped"
                                                 : "not a scan (its content is not PDF, TIFF, PNG, JPEG, BMP, WebP or JPEG 2000), skipped",
                               false);
            }
        }
        out.files.push_back(p.string());
    }

    std::vector<fs::path> walked_;  // the current folder's files
    std::map<fs::path, std::string> first_;  // canonical path -> as first named
};

}  // namespace

InputList list_inputs(const std::vector<std::string>& args) {
    Lister l;
    for (const auto& a : args) l.arg(a);
    return std::move(l.out);
}

}  // namespace quizscan
