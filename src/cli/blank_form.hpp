// The form's pages as printed but not filled in, rendered once per scan: the reader compares a
// page with them to find writing where nothing was printed (see scan/unprinted_ink.hpp).
#pragma once

#include "core/form.hpp"
#include "core/layout.hpp"
#include "scan/unprinted_ink.hpp"

namespace quizscan::cli {

// Prints one sheet of `layout` to a temporary PDF with the print code and renders its pages at
// kBlankPagePxPerMm. Throws std::runtime_error when that fails.
BlankForm render_blank_form(const Form& form, const Layout& layout);

}  // namespace quizscan::cli
