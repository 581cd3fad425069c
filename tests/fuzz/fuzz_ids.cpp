// libFuzzer target: participant ID lists (--ids FILE). parse_ids may only throw
// std::runtime_error naming the line; what it returns must be unique 6-digit IDs.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/payload.hpp"
#include "print/ids.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    try {
        const auto ids = quizscan::parse_ids(in, "fuzz-ids.txt");
        const std::set<std::string> unique(ids.begin(), ids.end());
        if (ids.empty() || unique.size() != ids.size()) std::abort();
        for (const auto& id : ids)
            if (!quizscan::valid_participant_id(id)) std::abort();
    } catch (const std::runtime_error&) {
    }
    return 0;
}
