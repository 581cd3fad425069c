// Subcommands that make paper: `layout` (geometry as JSON), `ids` (random participant
// IDs), `print` (the PDF sheets).
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/form_choice.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "print/ids.hpp"
#include "print/print_pdf.hpp"
#include "store/db.hpp"
#include "store/scan_store.hpp"

namespace quizscan::cli {

void add_print_commands(CLI::App& app, int& exit_code) {
    // layout
    {
        auto* cmd = app.add_subcommand("layout", "Print the geometry of every page (mm, top-left origin)");
        auto form = std::make_shared<std::string>(default_form_path());
        auto paper = std::make_shared<std::string>("letter");
        auto json = std::make_shared<bool>(false);
        cmd->add_option("--form", *form, "Form definition (YAML)")->capture_default_str();
        cmd->add_option("--paper", *paper, "letter or a4")->capture_default_str()->check(CLI::IsMember({"letter", "a4"}));
        cmd->add_flag("--json", *json, "JSON output (the only format)");
        // The callback owns every option's storage (CLI11 writes through references to it).
        cmd->callback([=, &exit_code] {
            (void)*json;  // JSON is the only format; the flag is accepted for scripts that pass it
            const Form f = load_form(*form);
            std::cout << layout_json(make_layout(f, paper_by_name(*paper))).dump(2) << "\n";
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
        auto* cmd = app.add_subcommand("print", "Print the sheets: two pages (front, back) per participant, for duplex");
        auto form = std::make_shared<std::string>();
        auto session = std::make_shared<std::string>();
        auto ids_path = std::make_shared<std::string>();
        auto out = std::make_shared<std::string>();
        auto paper = std::make_shared<std::string>("letter");
        auto db = std::make_shared<std::string>();
        cmd->add_option("--form", *form, "Form definition (YAML); default: the one recorded in --db, else the shipped quiz");
        cmd->add_option("--db", *db, "Also record the printed IDs in this database (the roster the OCR fallback checks)");
        cmd->add_option("--session", *session, "pre or post")->required()->check(CLI::IsMember({"pre", "post"}));
        cmd->add_option("--ids", *ids_path, "Participant ID list (one a line)")->required();
        cmd->add_option("--out", *out, "PDF to write")->required();
        cmd->add_option("--paper", *paper, "letter or a4")->capture_default_str()->check(CLI::IsMember({"letter", "a4"}));
        cmd->callback([=, &exit_code] {
            const Form f = form->empty() ? form_for_database(*db, "") : load_form(*form);
            const Layout l = make_layout(f, paper_by_name(*paper));
            const auto ids = read_ids(*ids_path);
            std::optional<store::Db> d;
            if (!db->empty()) record_or_check_form(d.emplace(*db), f);  // before printing: a mismatch prints nothing
            print_sheets(f, l, ids, *session, *out);
            if (d) store::add_roster(*d, ids, *session, f.id);
            std::cout << "wrote " << ids.size() << " sheets (" << 2 * ids.size() << " pages, " << *paper << ", "
                      << *session << ") to " << *out << "\nprint double-sided, flip on the long edge\n";
            exit_code = 0;
        });
    }
}

}  // namespace quizscan::cli
