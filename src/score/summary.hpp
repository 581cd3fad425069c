// One-screen terminal summary of the research figures (counts, pre/post mean,
// gain, Cohen's d, d_z) for the CLI and the demo.
#pragma once

#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score {

// Plain text, lines end in "\n"; numbers that cannot be computed read "n/a".
std::string summary_text(const Form& form, const std::vector<SheetResponses>& sheets);

}  // namespace quizscan::score
