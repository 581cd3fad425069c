// libFuzzer target: review API bodies. The input is a POST body, optionally followed by a NUL
// and an item's options JSON; the body is read as the server reads it ({"value": "..."}) and
// the value checked for every item kind. Every answer must be sendable as JSON (valid UTF-8).
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "review/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string in(reinterpret_cast<const char*>(data), size);
    const auto nul = in.find('\0');
    const std::string body = in.substr(0, nul), options = nul == std::string::npos ? "" : in.substr(nul + 1);
    const nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return 0;
    const auto v = j.find("value");
    if (v == j.end() || !v->is_string()) return 0;
    for (const char* kind : quizscan::review::kKinds) {
        const auto r = quizscan::review::validate_value(kind, v->get<std::string>(), options);
        // What the server sends back: {"error": ...} or the stored value, as JSON.
        (void)nlohmann::json{{"error", r.error}, {"value", r.value}}.dump();
        if (r.ok && !quizscan::review::validate_value(kind, r.value, options).ok) std::abort();  // a stored value is valid again
    }
    (void)quizscan::review::validate_value("no-such-kind", v->get<std::string>(), options);
    return 0;
}
