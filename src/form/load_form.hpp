// Loads and validates a form definition (forms/<form>.yaml). Every error names the
// file, the line and what is wrong, so an instructor editing the YAML can fix it.
#pragma once

#include <stdexcept>
#include <string>

#include "core/form.hpp"

namespace quizscan {

struct FormError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Throws FormError("<path>:<line>: <what is wrong>").
Form load_form(const std::string& path);
// Same, from YAML text; `name` stands for the file in messages.
Form parse_form(const std::string& yaml_text, const std::string& name);

}  // namespace quizscan
