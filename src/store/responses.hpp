// Builds each sheet's responses from the store: machine readings where they were sure,
// people's decisions where they were not, and Pending for everything still open.
#pragma once

#include <vector>

#include "core/form.hpp"
#include "core/layout.hpp"
#include "core/responses.hpp"
#include "store/db.hpp"

namespace quizscan::store {

// One SheetResponses per participant x session seen in the scans, sorted by participant then session.
// `layout` says which fields are on which page (field ids are the same for every paper).
std::vector<SheetResponses> load_responses(const Db& db, const Form& form, const Layout& layout);

}  // namespace quizscan::store
