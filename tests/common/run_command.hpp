// Shell helpers shared by the tests that drive the quizscan binary and poppler's tools:
// run a command capturing its exit code, stdout and stderr; quote a path for the shell.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace quizscan::testing {

struct CmdResult {
    int rc = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

// A single-quoted shell word (embedded single quotes escaped).
inline std::string q(const std::string& s) {
    std::string r = "'";
    for (char c : s) r += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return r + "'";
}

// Runs a shell command; stdout and stderr are returned separately.
inline CmdResult run(const std::string& cmd) {
    static int n = 0;
    const std::filesystem::path errf = std::filesystem::temp_directory_path() /
        ("quizscan-test-" + std::to_string(getpid()) + "-" + std::to_string(++n) + ".err");
    CmdResult r;
    FILE* p = popen((cmd + " 2>" + q(errf.string())).c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t k;
    while ((k = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), k);
    const int st = pclose(p);
    r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::ifstream e(errf);
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    std::filesystem::remove(errf);
    return r;
}

}  // namespace quizscan::testing
