// Participant ID generation (uniform, unique) and roster file parsing.
#include "print/ids.hpp"

#include <cstdio>
#include <fstream>
#include <random>
#include <set>
#include <stdexcept>

#include "core/payload.hpp"

namespace quizscan {
namespace {

// The line as a person can read it in a message: bytes outside printable ASCII as \xNN, cut at 40.
std::string visible(const std::string& s) {
    std::string out;
    for (const unsigned char c : s.substr(0, 40)) {
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", c);
            out += hex;
        }
    }
    return s.size() > 40 ? out + "..." : out;
}

}  // namespace

std::vector<std::string> make_ids(int count, std::optional<std::uint64_t> seed) {
    if (count < 1 || count > 100000) throw std::invalid_argument("--count must be between 1 and 100000");
    std::mt19937_64 rng(seed ? *seed : std::random_device{}() ^ (static_cast<std::uint64_t>(std::random_device{}()) << 32));
    std::uniform_int_distribution<int> dist(100000, 999999);
    std::set<int> seen;
    std::vector<std::string> ids;
    while (static_cast<int>(ids.size()) < count) {
        const int v = dist(rng);
        if (seen.insert(v).second) ids.push_back(std::to_string(v));
    }
    return ids;
}

std::vector<std::string> read_ids(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot open the ID list (make one with `quizscan ids --count N --out FILE`)");
    return parse_ids(in, path);
}

std::vector<std::string> parse_ids(std::istream& in, const std::string& path) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
        if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a UTF-8 byte order mark (some editors write one)
        const auto hash = line.find('#');
        if (hash != std::string::npos) line.erase(hash);
        const auto b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos) continue;
        line = line.substr(b, line.find_last_not_of(" \t\r") - b + 1);
        if (!valid_participant_id(line))
            throw std::runtime_error(path + ":" + std::to_string(n) + ": '" + visible(line) + "' is not a 6-digit participant ID");
        if (!seen.insert(line).second)
            throw std::runtime_error(path + ":" + std::to_string(n) + ": participant ID " + line + " is listed twice");
        ids.push_back(line);
    }
    if (ids.empty()) throw std::runtime_error(path + ": the ID list is empty");
    return ids;
}

}  // namespace quizscan
