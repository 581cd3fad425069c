// Barcode payload encoding/decoding with a CRC-32 over the fields.
#include "core/payload.hpp"

#include <cstdint>
#include <cstdio>
#include <sstream>
#include <vector>

namespace quizscan {
namespace {

std::uint32_t crc32(const std::string& s) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char ch : s) {
        c ^= ch;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

bool valid_participant_id(const std::string& id) { return id.size() == 6 && all_digits(id); }
bool valid_serial(const std::string& serial) { return serial.size() <= 8 && all_digits(serial); }
bool valid_session(const std::string& s) { return s == "pre" || s == "post"; }

std::string encode_payload(const PageId& id) {
    const std::string body = "QZ1|" + id.form + "|" + std::to_string(id.version) + "|" +
                             (id.paper == "a4" ? "A" : "L") + "|" + id.session + "|" +
                             (id.spare() ? "S" + id.serial : id.participant) + "|" +
                             std::to_string(id.page) + "|" + id.layout_fp;
    char crc[16];
    std::snprintf(crc, sizeof crc, "%08X", crc32(body));
    return body + "|" + crc;
}

std::optional<PageId> decode_payload(const std::string& text) {
    const auto parts = split(text, '|');
    if (parts.size() != 9 || parts[0] != "QZ1") return std::nullopt;
    const std::string body = text.substr(0, text.rfind('|'));
    char crc[16];
    std::snprintf(crc, sizeof crc, "%08X", crc32(body));
    if (parts[8] != crc) return std::nullopt;
    PageId id;
    id.form = parts[1];
    if (!all_digits(parts[2]) || parts[2].size() > 3) return std::nullopt;
    id.version = std::stoi(parts[2]);
    if (parts[3] != "L" && parts[3] != "A") return std::nullopt;
    id.paper = parts[3] == "A" ? "a4" : "letter";
    id.session = parts[4];
    if (!parts[5].empty() && parts[5][0] == 'S') {
        id.serial = parts[5].substr(1);
        if (!valid_serial(id.serial)) return std::nullopt;
    } else {
        id.participant = parts[5];
        if (!valid_participant_id(id.participant)) return std::nullopt;
    }
    if (parts[6] != "1" && parts[6] != "2") return std::nullopt;
    id.page = parts[6][0] - '0';
    id.layout_fp = parts[7];
    if (!valid_session(id.session) || id.form.empty()) return std::nullopt;
    return id;
}

}  // namespace quizscan
