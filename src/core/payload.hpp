// The sheet identity carried by each page's 2D barcode, and its text encoding with a
// checksum that rejects a mangled payload.
#pragma once

#include <optional>
#include <string>

namespace quizscan {

struct PageId {
    std::string form;         // "mlsysim-quiz"
    int version = 1;
    std::string paper;        // "letter" or "a4"
    std::string session;      // "pre" or "post"
    std::string participant;  // 6 digits
    int page = 1;             // 1 front, 2 back
    std::string layout_fp;    // layout fingerprint (4 hex) the sheet was printed with
};

// "QZ1|mlsysim-quiz|1|L|pre|482913|1|3f2a|C0FFEE12"-style text; last field is a CRC-32.
std::string encode_payload(const PageId& id);
// nullopt when the text is not a quizscan payload or its checksum does not match.
std::optional<PageId> decode_payload(const std::string& text);

bool valid_participant_id(const std::string& id);
bool valid_session(const std::string& s);

}  // namespace quizscan
