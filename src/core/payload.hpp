// The sheet identity carried by each page's 2D barcode, and its text encoding with a
// checksum that rejects a mangled payload. A personal sheet names its participant; a spare
// sheet (the attendee writes the ID) names a sheet serial instead, shared by its two pages.
#pragma once

#include <optional>
#include <string>

namespace quizscan {

struct PageId {
    std::string form;         // "mlsysim-quiz"
    int version = 1;
    std::string paper;        // "letter" or "a4"
    std::string session;      // "pre" or "post"
    std::string participant;  // 6 digits; on a spare sheet "" until its written ID is read
    int page = 1;             // 1 front, 2 back
    std::string layout_fp;    // layout fingerprint (4 hex) the sheet was printed with
    std::string serial;       // spare sheets only: 1-8 digits, the same on front and back; "" on personal sheets

    bool spare() const { return !serial.empty(); }
};

// "QZ1|mlsysim-quiz|1|L|pre|482913|1|3f2a|C0FFEE12"-style text; last field is a CRC-32. A spare
// sheet puts "S" and its serial where the participant stands: "QZ1|mlsysim-quiz|1|L|pre|S000042|1|...".
std::string encode_payload(const PageId& id);
// nullopt when the text is not a quizscan payload or its checksum does not match.
std::optional<PageId> decode_payload(const std::string& text);

bool valid_participant_id(const std::string& id);
bool valid_serial(const std::string& serial);  // 1 to 8 digits
bool valid_session(const std::string& s);

}  // namespace quizscan
