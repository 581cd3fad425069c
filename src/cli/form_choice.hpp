// Which form a command uses: the one given with --form, or the one the database recorded
// when it first met it (store/form_record.hpp), so only the first command needs --form.
#pragma once

#include <string>

#include "core/form.hpp"
#include "store/db.hpp"

namespace quizscan::cli {

// For commands that put pages or IDs of `form` into the database (scan, print --db,
// import-forms): records the form the first time; a different definition recorded under the
// same id and version is an error naming both (pages read with one would be scored by the other).
void record_or_check_form(const store::Db& db, const Form& form);

// The form for a command on the database at `db_path`:
// - `form_path` given: that form; a warning when it differs from the one recorded under its id
//   and version (e.g. an answer key corrected since the scan), an error when the database
//   holds only other forms;
// - not given: the recorded form (the one whose pages the database holds, when it has met
//   several); the shipped default form for a database that recorded none (made before forms
//   were recorded) or does not exist yet.
Form form_for_database(const std::string& db_path, const std::string& form_path);

}  // namespace quizscan::cli
