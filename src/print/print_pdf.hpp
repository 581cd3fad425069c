// Prints quiz sheets to PDF: two pages per participant (front, back), for duplex printing.
#pragma once

#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/layout.hpp"

namespace quizscan {

// Writes `out_pdf`. `session` is "pre" or "post"; ids are 6-digit participant IDs.
// Throws std::runtime_error (naming the file) when the PDF cannot be written.
void print_sheets(const Form& form, const Layout& layout, const std::vector<std::string>& ids,
                  const std::string& session, const std::string& out_pdf);

}  // namespace quizscan
