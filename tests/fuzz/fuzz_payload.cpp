// libFuzzer target: the barcode payload (any QR code on any page reaches decode_payload). A
// decoded identity must be valid and survive encode/decode unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto id = quizscan::decode_payload(std::string(reinterpret_cast<const char*>(data), size));
    if (!id) return 0;
    if (!quizscan::valid_participant_id(id->participant) || !quizscan::valid_session(id->session)) std::abort();
    const auto again = quizscan::decode_payload(quizscan::encode_payload(*id));
    if (!again || again->form != id->form || again->version != id->version || again->paper != id->paper ||
        again->session != id->session || again->participant != id->participant || again->page != id->page ||
        again->layout_fp != id->layout_fp)
        std::abort();
    return 0;
}
