// libFuzzer target: form YAML (what an instructor writes). parse_form may only throw FormError
// (file:line and what is wrong); any other exception, crash or UB is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "form/load_form.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const quizscan::Form f = quizscan::parse_form(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
        (void)f.total_points();
        (void)f.field_ids();
    } catch (const quizscan::FormError&) {
    }
    return 0;
}
