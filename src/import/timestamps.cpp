// Timestamp reading for form imports (see timestamps.hpp).
#include "import/timestamps.hpp"

#include <cstdio>
#include <regex>

#include "import/text_match.hpp"

namespace quizscan::import {

namespace {

// Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool valid_date(int y, int m, int d) { return y >= 1970 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31; }

// "gmt+2", "utc-07:00", "+0200", "z" -> offset in seconds east of UTC; "" or a zone name -> 0.
std::optional<int> zone_offset(const std::string& zone) {
    static const std::regex offset(R"(^(?:gmt|utc)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$)");
    if (zone.empty() || zone == "z" || zone == "gmt" || zone == "utc") return 0;
    std::smatch m;
    if (std::regex_match(zone, m, offset)) {
        const int s = (m[1] == "-" ? -1 : 1) * (std::stoi(m[2]) * 3600 + (m[3].matched ? std::stoi(m[3]) * 60 : 0));
        return s;
    }
    if (std::regex_match(zone, std::regex(R"(^[a-z]{2,5}$)"))) return 0;  // a zone name
    return std::nullopt;
}

std::optional<Timestamp> combine(int y, int mo, int d, int h, int mi, int s, const std::string& ampm,
                                 const std::string& zone) {
    if (!valid_date(y, mo, d) || mi > 59 || s > 60) return std::nullopt;
    if (!ampm.empty()) {
        if (h < 1 || h > 12) return std::nullopt;
        h = (h % 12) + (ampm == "pm" ? 12 : 0);
    } else if (h > 23) {
        return std::nullopt;
    }
    const auto off = zone_offset(zone);
    if (!off) return std::nullopt;
    return Timestamp{days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - *off, *off};
}

}  // namespace

std::optional<Timestamp> parse_timestamp(const std::string& text) {
    const std::string t = normalize(text);
    static const std::string time = R"((\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm|a\.m\.|p\.m\.)?)";
    static const std::string zone = R"(\s*([a-z+\-0-9:]*))";
    static const std::regex ymd("^(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})(?:\\s+|t)" + time + zone + "$");
    static const std::regex dmy("^(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4}),?\\s+" + time + zone + "$");
    std::smatch m;
    auto num = [&](int i) { return m[static_cast<std::size_t>(i)].matched ? std::stoi(m[static_cast<std::size_t>(i)]) : 0; };
    auto ampm = [&](int i) {
        std::string a = m[static_cast<std::size_t>(i)];
        return a.empty() ? a : a.substr(0, 1) + "m";
    };
    if (std::regex_match(t, m, ymd)) return combine(num(1), num(2), num(3), num(4), num(5), num(6), ampm(7), m[8]);
    if (std::regex_match(t, m, dmy)) {
        int a = num(1), b = num(2);
        const bool dots = t.find('.') < t.find(' ');
        // Month first (US spreadsheets) unless written with dots or the first number cannot be a month.
        const bool day_first = dots || a > 12;
        return combine(num(3), day_first ? b : a, day_first ? a : b, num(4), num(5), num(6), ampm(7), m[8]);
    }
    return std::nullopt;
}

std::optional<Timestamp> parse_start(const std::string& text, const Timestamp& day_of) {
    static const std::regex clock(R"(^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$)");
    std::smatch m;
    if (std::regex_match(text, m, clock)) {
        const int h = std::stoi(m[1]), mi = std::stoi(m[2]), s = m[3].matched ? std::stoi(m[3]) : 0;
        if (h > 23 || mi > 59 || s > 59) return std::nullopt;
        const std::int64_t local = day_of.utc + day_of.offset;
        const std::int64_t day = (local >= 0 ? local : local - 86399) / 86400 * 86400;
        return Timestamp{day + h * 3600 + mi * 60 + s - day_of.offset, day_of.offset};
    }
    return parse_timestamp(text);
}

std::string format_time(const Timestamp& t) {
    const std::int64_t seconds = t.utc + t.offset;
    std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const std::int64_t rest = seconds - days * 86400;
    // civil_from_days (Hinnant).
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned mo = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (mo <= 2);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02lld:%02lld:%02lld", static_cast<long long>(y), mo, d,
                  static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                  static_cast<long long>(rest % 60));
    return buf;
}

}  // namespace quizscan::import
