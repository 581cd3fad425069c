// Subcommands that make paper: `layout` (geometry as JSON), `ids` (random participant
// IDs), `print` (the PDF sheets).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <random>

#include "cli/commands.hpp"
#include "cli/form_choice.hpp"
#include "core/payload.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "print/print_pdf.hpp"
#include "store/db.hpp"
#include "store/scan_store.hpp"
#include "store/spare_sheets.hpp"

namespace quizscan::cli {
namespace {

// IDs given with --id: each a 6-digit participant ID, none twice.
std::vector<std::string> checked_ids(const std::vector<std::string>& given) {
    std::vector<std::string> ids;
    for (const auto& id : given) {
        if (!valid_participant_id(id)) throw std::runtime_error("--id " + id + ": not a 6-digit participant ID");
        if (std::find(ids.begin(), ids.end(), id) != ids.end()) throw std::runtime_error("--id " + id + " is given twice");
        ids.push_back(id);
    }
    return ids;
}

// `print --spare N`: N spare sheets numbered after those the database knows (from 1), or from a
// random number without a database.
void print_spare(const Form& f, const Paper& p, int n, const std::string& session, const std::string& out, const store::Db* db) {
    const Layout l = make_spare_layout(f, p);
    std::int64_t first = 0;
    if (db) {
        first = store::next_spare_serial(*db);
    } else {
        std::mt19937_64 rng(std::random_device{}());
        // Seven digits: never read as a six-digit participant ID where a personal sheet prints one.
        first = std::uniform_int_distribution<std::int64_t>(1000000, 8999999)(rng);
        spdlog::warn("no --db: spare sheets are numbered from {} at random; pass --db to number them in sequence and keep "
                     "two printings of one session apart",
                     first);
    }
    std::vector<std::string> serials;
    for (int i = 0; i < n; ++i) serials.push_back(std::to_string(first + i));
    print_spare_sheets(f, l, serials, session, out);
    if (db) store::record_spare_serials(*db, serials, session, f.id);
    std::cout << "wrote " << n << " spare sheets no. " << serials.front() << (n > 1 ? "-" + serials.back() : "") << " (" << 2 * n
              << " pages, " << p.name << ", " << session << ") to " << out
              << "\nprint double-sided, flip on the long edge; attendees write their participant ID on the front\n";
}

}  // namespace

void add_print_commands(CLI::App& app, int& exit_code) {
    // layout
    {
        auto* cmd = app.add_subcommand("layout", "Print the geometry of every page (mm, top-left origin)");
        auto form = std::make_shared<std::string>(default_form_path());
        auto paper = std::make_shared<std::string>("letter");
        auto json = std::make_shared<bool>(false);
        auto spare = std::make_shared<bool>(false);
        cmd->add_option("--form", *form, "Form definition (YAML)")->capture_default_str();
        cmd->add_option("--paper", *paper, "letter or a4")->capture_default_str()->check(CLI::IsMember({"letter", "a4"}));
        cmd->add_flag("--json", *json, "JSON output (the only format)");
        cmd->add_flag("--spare", *spare, "The spare sheet's geometry (the attendee writes the ID: fields participant_id and participant_id_grid)");
        // The callback owns every option's storage (CLI11 writes through references to it).
        cmd->callback([=, &exit_code] {
            (void)*json;  // JSON is the only format; the flag is accepted for scripts that pass it
            const Form f = load_form(*form);
            const Paper p = paper_by_name(*paper);
            std::cout << layout_json(*spare ? make_spare_layout(f, p) : make_layout(f, p)).dump(2) << "\n";
            exit_code = 0;
        });
    }
    // ids
    {
        auto* cmd = app.add_subcommand("ids", "Make unique random 6-digit participant IDs");
        auto count = std::make_shared<int>(0);
        auto seed = std::make_shared<std::uint64_t>(0);
        auto out = std::make_shared<std::string>();
        auto* count_opt = cmd->add_option("--count", *count, "How many IDs")->required();
        (void)count_opt;
        auto* seed_opt = cmd->add_option("--seed", *seed, "Seed, for a reproducible list");
        auto force = std::make_shared<bool>(false);
        cmd->add_option("--out", *out, "File to write (one ID a line)")->required();
        cmd->add_flag("--force", *force, "Replace an existing file (its IDs are lost)");
        cmd->callback([=, &exit_code] {
            // The pre and post sheets must be printed from one list: a new list pairs with nothing printed before.
            if (std::filesystem::exists(*out) && !*force)
                throw std::runtime_error(*out + ": already exists, not replaced: print the pre and post sheets from this same "
                                         "list, or the two sessions cannot be paired. To make a new list anyway, add --force "
                                         "(or choose another --out)");
            const auto ids = make_ids(*count, seed_opt->count() ? std::optional<std::uint64_t>(*seed) : std::nullopt);
            std::ofstream o(*out);
            if (!o) throw std::runtime_error(*out + ": cannot write the ID list");
            for (const auto& id : ids) o << id << "\n";
            if (!o.flush()) throw std::runtime_error(*out + ": writing the ID list failed");
            spdlog::info("wrote {} participant IDs to {}", ids.size(), *out);
            exit_code = 0;
        });
    }
    // print
    {
        auto* cmd = app.add_subcommand("print", "Print the sheets: two pages (front, back) per sheet, for duplex");
        auto form = std::make_shared<std::string>();
        auto session = std::make_shared<std::string>();
        auto ids_path = std::make_shared<std::string>();
        auto id_list = std::make_shared<std::vector<std::string>>();
        auto spare = std::make_shared<int>(0);
        auto out = std::make_shared<std::string>();
        auto paper = std::make_shared<std::string>("letter");
        auto db = std::make_shared<std::string>();
        cmd->add_option("--form", *form, "Form definition (YAML); default: the one recorded in --db, else the shipped quiz");
        cmd->add_option("--db", *db, "Also record the printed IDs (the roster the scan checks) or spare sheet numbers in this database");
        cmd->add_option("--session", *session, "pre or post")->required()->check(CLI::IsMember({"pre", "post"}));
        auto* ids_opt = cmd->add_option("--ids", *ids_path, "Participant ID list (one a line): a personal sheet for each");
        auto* id_opt = cmd->add_option("--id", *id_list, "A participant ID to print a personal sheet for (repeat for more)")
                           ->expected(1)
                           ->allow_extra_args(false)
                           ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        auto* spare_opt = cmd->add_option("--spare", *spare, "Print N spare sheets: no printed ID, the attendee writes it")
                              ->check(CLI::Range(1, 10000));
        ids_opt->excludes(id_opt)->excludes(spare_opt);
        id_opt->excludes(spare_opt);
        cmd->add_option("--out", *out, "PDF to write")->required();
        cmd->add_option("--paper", *paper, "letter or a4")->capture_default_str()->check(CLI::IsMember({"letter", "a4"}));
        cmd->callback([=, &exit_code] {
            const Form f = form->empty() ? form_for_database(*db, "") : load_form(*form);
            const Paper p = paper_by_name(*paper);
            std::optional<store::Db> d;
            if (!db->empty()) record_or_check_form(d.emplace(*db), f);  // before printing: a mismatch prints nothing
            if (*spare > 0) {
                print_spare(f, p, *spare, *session, *out, d ? &*d : nullptr);
                exit_code = 0;
                return;
            }
            std::vector<std::string> ids;
            if (!ids_path->empty()) ids = read_ids(*ids_path);
            else if (!id_list->empty()) ids = checked_ids(*id_list);
            else throw std::runtime_error("print: say whose sheets to print: --ids FILE, --id 123456 (repeatable), or --spare N");
            const Layout l = make_layout(f, p);
            print_sheets(f, l, ids, *session, *out);
            if (d) store::add_roster(*d, ids, *session, f.id);
            std::cout << "wrote " << ids.size() << " sheets (" << 2 * ids.size() << " pages, " << *paper << ", "
                      << *session << ") to " << *out << "\nprint double-sided, flip on the long edge\n";
            exit_code = 0;
        });
    }
}

}  // namespace quizscan::cli
