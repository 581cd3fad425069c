// A form's unfilled pages for one layout, made the first time a page needs them: a stack is
// nearly always of one paper size, so the other sizes' blank pages are never rendered (each costs
// a print and a render, about a fifth of a second before the first page could be read).
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "scan/unprinted_ink.hpp"

namespace quizscan {

class BlankSource {
public:
    // `render` makes the pages (it may throw); `what` names them in the warning when it fails.
    BlankSource(std::function<BlankForm()> render, std::string what);

    // The pages, rendered on the first call (once, whichever reader thread asks first); nullptr
    // when rendering failed, which is warned about once.
    const BlankForm* get() const;

private:
    std::function<BlankForm()> render_;
    std::string what_;
    mutable std::once_flag once_;
    mutable std::optional<BlankForm> blank_;
};

}  // namespace quizscan
