// Subcommands that read and report: `scan` (stacks into the store), `export` (CSV),
// `report` (the pre/post research report), `review` (the local review page).
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/form_choice.hpp"
#include "cli/scan_job.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "review/queue_csv.hpp"
#include "review/server.hpp"
#include "score/export_csv.hpp"
#include "score/report.hpp"
#include "score/summary.hpp"
#include "store/db.hpp"
#include "store/responses.hpp"

namespace quizscan::cli {
namespace {

constexpr const char* kFormHelp = "Form definition (YAML); default: the one recorded in the database";

// The form of an existing database: the recorded one, or `path` checked against it.
Form form_of(const std::string& db_path, const std::string& path) {
    if (!std::filesystem::exists(db_path))
        throw std::runtime_error(db_path + ": no such database (run `quizscan scan --db " + db_path + " ...` first)");
    return form_for_database(db_path, path);
}

std::vector<SheetResponses> responses_of(const std::string& db_path, const Form& form) {
    if (!std::filesystem::exists(db_path))
        throw std::runtime_error(db_path + ": no such database (run `quizscan scan --db " + db_path + " ...` first)");
    store::Db db(db_path);
    return store::load_responses(db, form, make_layout(form, paper_by_name("letter")));
}

}  // namespace

void add_scan_commands(CLI::App& app, int& exit_code) {
    {
        auto* cmd = app.add_subcommand("scan", "Read scanned stacks (PDF, TIFF, PNG, JPEG, or folders of them) into the database");
        auto o = std::make_shared<ScanOptions>();
        auto form = std::make_shared<std::string>();
        cmd->add_option("--db", o->db_path, "Database to create or add to")->required();
        cmd->add_option("--form", *form, "Form definition (YAML); default: the one recorded in the database, else the shipped quiz");
        cmd->add_option("--ids", o->ids_paths,
                        "Participant ID list (the roster; repeatable): the printed ID stands in for a damaged barcode, a spare "
                        "sheet's written ID must be on it")
            ->expected(1)
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);  // one file a --ids: the scans follow
        cmd->add_option("--annotate", o->annotate_dir, "Write each page with what was read drawn on it to this folder");
        cmd->add_option("--calibration", o->calibration_dir,
                        "Folder of the digit models (default: the shipped ones; share/quizscan/calibration when installed)");
        cmd->add_option("--pdf-dpi", o->pdf_dpi, "Resolution to render PDF pages at")->capture_default_str()->check(CLI::Range(100, 600));
        cmd->add_option("--jobs", o->jobs, "Reader threads (default: one per core)")->check(CLI::Range(0, 64));
        cmd->add_flag("--watch", o->watch,
                      "Keep reading the folders given as a scanner drops files into them, each file once it is "
                      "written, until Ctrl-C; then print the summary");
        cmd->add_option("--watch-interval", o->watch_interval, "Seconds between looks at the watched folders")
            ->capture_default_str()
            ->check(CLI::Range(0.1, 60.0));
        cmd->add_option("inputs", o->inputs, "Files or folders to scan")->required();
        cmd->callback([=, &exit_code] {
            // A form given is checked against the database's record by run_scan (a new one is recorded).
            const Form f = form->empty() ? form_for_database(o->db_path, "") : load_form(*form);
            const ScanSummary s = run_scan(f, *o);
            print_summary(std::cout, s, o->db_path);
            // Non-zero when some input or page could not be read (a page lost); the summary names it.
            exit_code = s.files_rejected > 0 || s.pages_rejected > 0 ? 1 : 0;
        });
    }
    {
        auto* cmd = app.add_subcommand("export", "Write responses.csv, research.csv and items.csv");
        auto db = std::make_shared<std::string>();
        auto out = std::make_shared<std::string>();
        auto form = std::make_shared<std::string>();
        cmd->add_option("--db", *db, "Database")->required();
        cmd->add_option("--out", *out, "Folder to write the CSV files to")->required();
        cmd->add_option("--form", *form, kFormHelp);
        auto excel = std::make_shared<bool>(false);
        cmd->add_flag("--excel", *excel, "Start each CSV with a UTF-8 byte order mark, for Excel");
        cmd->callback([=, &exit_code] {
            const Form f = form_of(*db, *form);
            const auto sheets = responses_of(*db, f);
            score::write_exports(f, sheets, *out, {.excel = *excel});
            int pending = 0;
            for (const auto& s : sheets) {
                bool p = s.no_research.state == FieldState::Pending;
                for (const auto& [k, v] : s.fields) p = p || v.state == FieldState::Pending;
                pending += p;
            }
            std::cout << "wrote " << sheets.size() << " sheets to " << *out << "/responses.csv (also research.csv, items.csv)";
            if (pending) std::cout << "; " << pending << " sheets still have fields pending review";
            std::cout << "\n";
            exit_code = 0;
        });
    }
    {
        auto* cmd = app.add_subcommand("report", "Write the pre/post research report (self-contained HTML)");
        auto db = std::make_shared<std::string>();
        auto out = std::make_shared<std::string>();
        auto form = std::make_shared<std::string>();
        cmd->add_option("--db", *db, "Database")->required();
        cmd->add_option("--out", *out, "HTML file to write")->required();
        cmd->add_option("--form", *form, kFormHelp);
        cmd->callback([=, &exit_code] {
            const Form f = form_of(*db, *form);
            const auto sheets = responses_of(*db, f);
            score::ReportOptions ro;
            ro.data_source = *db;
            ro.generated_at = store::now_iso8601();
            std::ofstream o(*out);
            o << score::render_report(f, sheets, ro);
            if (!o.flush()) throw std::runtime_error(*out + ": cannot write the report");
            std::cout << score::summary_text(f, sheets) << "report: " << *out << "\n";
            exit_code = 0;
        });
    }
    {
        auto* cmd = app.add_subcommand("review", "Serve the review page on 127.0.0.1 (or list/apply corrections as CSV)");
        auto db = std::make_shared<std::string>();
        auto opts = std::make_shared<review::ServerOptions>();
        auto list = std::make_shared<bool>(false);
        auto all = std::make_shared<bool>(false);
        auto amend = std::make_shared<bool>(false);
        auto apply = std::make_shared<std::string>();
        auto form = std::make_shared<std::string>();
        cmd->add_option("--db", *db, "Database")->required();
        cmd->add_option("--port", opts->port, "Port (default: a free one)")->check(CLI::Range(0, 65535));
        cmd->add_flag("--blind", opts->blind, "Hide the recogniser's guess for handwriting; show disagreements");
        auto* list_opt = cmd->add_flag("--list", *list, "Print the open queue as CSV and exit");
        cmd->add_flag("--all", *all, "With --list: every item, decided ones with their decision (state, decided_by columns)")
            ->needs(list_opt);
        auto* apply_opt = cmd->add_option("--apply", *apply, "Apply corrections from a CSV (item_id,value) and exit");
        cmd->add_flag("--amend", *amend, "With --apply: also change items already decided (each change is kept in the history)")
            ->needs(apply_opt);
        cmd->add_option("--form", *form, std::string(kFormHelp) + ", for question texts");
        cmd->callback([=, &exit_code] {
            if (!std::filesystem::exists(*db)) throw std::runtime_error(*db + ": no such database (run quizscan scan first)");
            if (*list || !apply->empty()) {
                store::Db d(*db);
                if (*list) review::write_queue_csv(std::cout, d, *all);
                bool all_applied = true;
                if (!apply->empty()) {
                    const auto rep = review::apply_corrections_csv(d, *apply, *amend);
                    if (!rep.error.empty()) throw std::runtime_error(rep.error);  // e.g. no such file: stderr, exit 2
                    review::print_apply_report(std::cout, rep);
                    all_applied = rep.rejected == 0;
                    if (rep.rejected > 0)
                        std::cerr << *apply << ": " << rep.rejected << " line" << (rep.rejected == 1 ? " was" : "s were")
                                  << " rejected (see REJECTED above); fix them and apply the file again\n";
                }
                exit_code = all_applied ? 0 : 1;
                return;
            }
            opts->form = std::make_shared<const Form>(form_of(*db, *form));
            exit_code = review::run_review_server(*db, *opts);
        });
    }
}

}  // namespace quizscan::cli
