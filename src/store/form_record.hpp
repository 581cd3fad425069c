// The forms a database has met, recorded with their definition and fingerprint the first
// time (table `forms`), so later commands can read the form from the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "store/db.hpp"

namespace quizscan::store {

struct RecordedForm {
    std::string form;           // id
    int version = 0;
    std::string fingerprint;
    std::string definition;     // YAML text
    std::string source_path;    // as given when it was recorded
    std::string recorded_at;
};

// Every recorded form, in the order they were recorded.
std::vector<RecordedForm> recorded_forms(const Db& db);

// Records `form` unless a form of its id and version is recorded already; returns that earlier
// record (its fingerprint may differ from `form`'s), or nullopt when `form` was recorded now.
std::optional<RecordedForm> record_form(const Db& db, const Form& form);

// The ids of the forms whose pages were read into the database (status other than 'other_form').
std::vector<std::string> forms_with_pages(const Db& db);

}  // namespace quizscan::store
