// The form of a command: given, or recorded in the database (see form_choice.hpp).
#include "cli/form_choice.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "cli/commands.hpp"
#include "form/load_form.hpp"
#include "store/form_record.hpp"

namespace quizscan::cli {
namespace {

std::string name_of(const store::RecordedForm& r) {
    return "form '" + r.form + "' v" + std::to_string(r.version) + " (fingerprint " + r.fingerprint + ", recorded " +
           r.recorded_at + " from " + r.source_path + ")";
}
std::string name_of(const Form& f) {
    return f.source_path + " (form '" + f.id + "' v" + std::to_string(f.version) + ", fingerprint " + f.fingerprint + ")";
}

Form parse_recorded(const store::RecordedForm& r, const std::string& db_path) {
    return parse_form(r.definition, db_path + ": the recorded form '" + r.form + "' (from " + r.source_path + ")");
}

}  // namespace

void record_or_check_form(const store::Db& db, const Form& form) {
    const auto earlier = store::record_form(db, form);
    if (!earlier) {
        spdlog::debug("{}: recorded {}", db.path(), name_of(form));
        return;
    }
    if (earlier->fingerprint == form.fingerprint) return;
    throw std::runtime_error(name_of(form) + " differs from the " + name_of(*earlier) + " in " + db.path() +
                             ": pages read with one would be scored with the other. Omit --form to use the recorded "
                             "form; or, for a changed form, raise its version (and print new sheets) or use a new database");
}

Form form_for_database(const std::string& db_path, const std::string& form_path) {
    std::vector<store::RecordedForm> recorded;
    std::vector<std::string> with_pages;
    if (std::filesystem::exists(db_path)) {
        const store::Db db(db_path);
        recorded = store::recorded_forms(db);
        with_pages = store::forms_with_pages(db);
    }
    if (!form_path.empty()) {
        Form f = load_form(form_path);
        if (recorded.empty()) return f;
        for (const auto& r : recorded)
            if (r.form == f.id && r.version == f.version) {
                if (r.fingerprint != f.fingerprint)
                    spdlog::warn("{} differs from the {} in {}: using {} as asked (omit --form to use the recorded one)",
                                 name_of(f), name_of(r), db_path, f.source_path);
                return f;
            }
        std::string held;
        for (const auto& r : recorded) held += (held.empty() ? "" : "; ") + name_of(r);
        throw std::runtime_error(name_of(f) + " is not a form of " + db_path + ", which holds " + held +
                                 ": omit --form to use the recorded form");
    }
    if (recorded.empty()) return load_form(default_form_path());
    std::vector<const store::RecordedForm*> candidates;
    for (const auto& r : recorded)
        if (std::find(with_pages.begin(), with_pages.end(), r.form) != with_pages.end()) candidates.push_back(&r);
    if (candidates.empty()) candidates.push_back(&recorded.front());  // no pages yet (print --db): the first met
    if (candidates.size() > 1) {
        std::string held;
        for (const auto* r : candidates) held += (held.empty() ? "" : "; ") + name_of(*r);
        throw std::runtime_error(db_path + " holds pages of several forms (" + held + "): say which with --form");
    }
    return parse_recorded(*candidates.front(), db_path);
}

}  // namespace quizscan::cli
