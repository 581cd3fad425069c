// The embedded page assets (generated .inc files hold each file as a raw string literal).
#include "review/assets.hpp"

namespace quizscan::review {
namespace {

constexpr std::string_view kIndexHtml =
#include "review/index.html.inc"
    ;
constexpr std::string_view kAppJs =
#include "review/app.js.inc"
    ;
constexpr std::string_view kAppCss =
#include "review/app.css.inc"
    ;
constexpr std::string_view kWidgetsJs =
#include "review/widgets.js.inc"
    ;
constexpr std::string_view kPageWidgetsJs =
#include "review/page_widgets.js.inc"
    ;
constexpr std::string_view kSheetJs =
#include "review/sheet.js.inc"
    ;
constexpr std::string_view kHistoryJs =
#include "review/history.js.inc"
    ;

constexpr Asset kAssets[] = {
    {"/", "text/html; charset=utf-8", kIndexHtml},
    {"/app.js", "text/javascript; charset=utf-8", kAppJs},
    {"/app.css", "text/css; charset=utf-8", kAppCss},
    {"/widgets.js", "text/javascript; charset=utf-8", kWidgetsJs},
    {"/page_widgets.js", "text/javascript; charset=utf-8", kPageWidgetsJs},
    {"/sheet.js", "text/javascript; charset=utf-8", kSheetJs},
    {"/history.js", "text/javascript; charset=utf-8", kHistoryJs},
};

}  // namespace

std::span<const Asset> assets() { return kAssets; }

const Asset* find_asset(std::string_view path) {
    for (const auto& a : kAssets)
        if (a.path == path) return &a;
    return nullptr;
}

}  // namespace quizscan::review
