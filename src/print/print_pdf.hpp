// Prints quiz sheets to PDF: two pages per sheet (front, back), for duplex printing. A personal
// sheet carries its participant's ID; a spare sheet carries a serial and the attendee writes the ID.
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

// Spare sheets: `spare_layout` from make_spare_layout; serials of 1-8 digits, one per sheet (its
// barcode and header carry it; front and back share it). Throws like print_sheets.
void print_spare_sheets(const Form& form, const Layout& spare_layout, const std::vector<std::string>& serials,
                        const std::string& session, const std::string& out_pdf);

}  // namespace quizscan
