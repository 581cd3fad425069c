// Timestamps as Google Forms and spreadsheets export them, read into seconds so that
// submissions can be ordered and checked against the quiz's time limit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace quizscan::import {

// A point in time as written: UTC seconds since 1970-01-01 and the offset east of UTC
// the text gave ("GMT+2", "UTC-07:00", "Z", "+0200"; 0 when none or a zone name such as
// "EEST", which the rows of one export share).
struct Timestamp {
    std::int64_t utc = 0;
    int offset = 0;
};

// Accepted:
//   2024/06/21 9:04:12 AM GMT+2     (Google Forms' CSV download)
//   6/21/2024 9:04:12, 21/06/2024 09:04:12, 21.06.2024 09:04:12  (spreadsheets; day first
//                                   only when the first number cannot be a month)
//   2024-06-21 09:04:12, 2024-06-21T09:04:12Z
// Seconds may be missing. Anything else: nullopt.
std::optional<Timestamp> parse_timestamp(const std::string& text);

// "09:00" or "09:00:30" on the local day of `day_of`, in its offset; or a full timestamp
// as above. nullopt when unreadable.
std::optional<Timestamp> parse_start(const std::string& text, const Timestamp& day_of);

// The wall-clock time as written: "2024-06-21 09:04:12".
std::string format_time(const Timestamp& t);

}  // namespace quizscan::import
