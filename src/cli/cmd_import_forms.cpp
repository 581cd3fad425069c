// `quizscan import-forms`: records the answers given on Google Forms (its CSV export of
// one session) beside the scanned sheets, saying what it mapped, what it could not, and
// which submissions it did not count.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/form_choice.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "import/forms_import.hpp"
#include "store/forms_store.hpp"
#include "store/scan_store.hpp"

namespace quizscan::cli {
namespace {

struct ImportFormsOptions {
    std::string db, form, file;  // form "": the one the database recorded (or the shipped one)
    import::ImportOptions plan;
    bool dry_run = false;
};

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": cannot open the CSV (check the path)");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void list(std::ostream& out, const std::string& title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    out << title << " (" << lines.size() << "):\n";
    for (const auto& l : lines) out << "  " << l << "\n";
}

void print_plan(std::ostream& out, const import::ImportPlan& p) {
    list(out, "columns not used", p.notes);
    std::vector<std::string> superseded, late, unmapped;
    for (std::size_t i = 0; i < p.superseded.size(); ++i)
        superseded.push_back("line " + std::to_string(p.superseded[i].line) + ", " + p.superseded[i].participant + " (" +
                             p.superseded[i].timestamp + "): not counted; " + p.superseded_why[i]);
    for (const auto* v : {&p.counted, &p.superseded})
        for (const auto& s : *v) {
            if (!s.late.empty()) late.push_back("line " + std::to_string(s.line) + ", " + s.participant + ": " + s.late);
            for (const auto& a : s.answers)
                if (a.state == FieldState::Pending)
                    unmapped.push_back("line " + std::to_string(s.line) + ", " + s.participant + ", " + a.field + ": " + a.problem);
        }
    list(out, "earlier submissions of the same participant", superseded);
    list(out, "rows not imported", p.rejected);
    list(out, "answers that could not be mapped (sent to review)", unmapped);
    list(out, "submitted outside the time window (imported, not dropped)", late);
    if (!p.window.empty()) out << "time window: " << p.window << "\n";
}

int run(const ImportFormsOptions& o) {
    const Form form = o.form.empty() ? form_for_database(o.db, "") : load_form(o.form);
    const import::ImportPlan plan = import::plan_import(form, read_text(o.file), o.file, o.plan);
    print_plan(std::cout, plan);
    if (!plan.ok()) {
        for (const auto& e : plan.errors) std::cout << "error: " << o.file << ": " << e << "\n";
        std::cout << "nothing imported: correct the above (the CSV's columns, --form or --start) and run again\n";
        return 1;
    }
    std::cout << "read " << plan.rows << " rows from " << o.file << ": " << plan.counted.size() << " participants' "
              << o.plan.session << " answers";
    if (o.dry_run) {
        std::cout << " (dry run: nothing written)\n";
        return 0;
    }
    store::Db db(o.db);
    record_or_check_form(db, form);
    const auto r = store::store_forms_import(db, form, make_layout(form, paper_by_name("letter")), plan, o.plan.session, o.file);
    std::cout << "; " << r.imported << " recorded now, " << r.already << " already recorded by an earlier import\n";
    list(std::cout, "earlier imported submissions replaced by a later one", r.replaced);
    if (!r.not_on_roster.empty()) {
        std::string ids;
        for (const auto& id : r.not_on_roster) ids += (ids.empty() ? "" : ", ") + id;
        std::cout << r.not_on_roster.size() << " participant IDs were never printed (typos? imported all the same): " << ids
                  << "\n";
    }
    const store::SheetCheck sc = store::check_sheets(db);
    list(std::cout, "sheets to check in review", sc.problems);
    if (r.to_review) std::cout << r.to_review << " answers wait for review: quizscan review --db " << o.db << "\n";
    return 0;
}

}  // namespace

void add_import_forms_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("import-forms", "Record answers given on Google Forms (its CSV export of one session)");
    auto o = std::make_shared<ImportFormsOptions>();
    cmd->add_option("--db", o->db, "Database to add to")->required();
    cmd->add_option("--session", o->plan.session, "Which administration the export holds")
        ->required()->check(CLI::IsMember({"pre", "post"}));
    cmd->add_option("--form", o->form, "Form definition (YAML); default: the one recorded in the database, else the shipped quiz");
    cmd->add_option("--start", o->plan.start, "When the quiz started (09:00, or 2024-06-21 09:00:00); default: the first submission");
    cmd->add_option("--time-limit", o->plan.time_limit_minutes, "Minutes allowed (default: the form's)")->check(CLI::Range(1, 600));
    cmd->add_flag("--dry-run", o->dry_run, "Show what would be imported, write nothing");
    cmd->add_option("file", o->file, "The CSV exported from Google Forms")->required();
    cmd->callback([o, &exit_code] { exit_code = run(*o); });
}

}  // namespace quizscan::cli
