// Participant IDs: random unique 6-digit codes, and reading/writing ID lists (rosters).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace quizscan {

// `count` distinct IDs in 100000..999999; seeded for reproducibility, else from the OS.
std::vector<std::string> make_ids(int count, std::optional<std::uint64_t> seed);

// One ID per line; blank lines and '#' comments are skipped. Throws std::runtime_error
// naming the file and line of a malformed or duplicate ID.
std::vector<std::string> read_ids(const std::string& path);
// The same from a stream; `name` stands for the file in messages. A UTF-8 byte order mark is
// skipped; other invisible bytes are shown as \xNN in messages.
std::vector<std::string> parse_ids(std::istream& in, const std::string& name);

}  // namespace quizscan
