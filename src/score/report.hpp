// The pre/post research report: one self-contained HTML page (inline CSS and
// SVG, no scripts, printable) rendered from analyze().
#pragma once

#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score {

struct ReportOptions {
    std::string title;          // page title; empty = form.title
    std::string generated_at;   // shown verbatim (e.g. "2026-06-21 17:05"); empty = not shown, output reproducible
    std::string data_source;    // shown verbatim (e.g. the database path); empty = not shown
    bool include_items = true;  // item analysis table (difficulty, discrimination per question)
};

std::string render_report(const Form& form, const std::vector<SheetResponses>& sheets,
                          const ReportOptions& options = {});

}  // namespace quizscan::score
