// The review page's files (HTML, JS, CSS), compiled into the binary from src/review/assets.
// The server serves only these: there is no filesystem path to traverse.
#pragma once

#include <span>
#include <string_view>

namespace quizscan::review {

struct Asset {
    std::string_view path;          // "/", "/app.js", "/widgets.js", "/page_widgets.js", "/sheet.js", "/history.js", "/app.css"
    std::string_view content_type;
    std::string_view body;
};

// nullptr when `path` is not one of the embedded assets.
const Asset* find_asset(std::string_view path);

// All of them.
std::span<const Asset> assets();

}  // namespace quizscan::review
