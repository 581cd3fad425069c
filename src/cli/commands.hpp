// Registration of the quizscan subcommands; each group lives in its own cmd_*.cpp.
#pragma once

#include <CLI/CLI.hpp>

namespace quizscan::cli {

// Each adds its subcommands to `app`; a subcommand's callback sets `exit_code`.
void add_print_commands(CLI::App& app, int& exit_code);  // layout, ids, print
void add_scan_commands(CLI::App& app, int& exit_code);   // scan, export, report, review
void add_import_forms_command(CLI::App& app, int& exit_code);  // import-forms (cmd_import_forms.cpp)
void add_purge_command(CLI::App& app, int& exit_code);         // purge (cmd_purge.cpp)
void add_check_form_command(CLI::App& app, int& exit_code);    // check-form (cmd_check_form.cpp)

// The default form definition shipped with quizscan ($QUIZSCAN_FORM overrides it).
std::string default_form_path();

}  // namespace quizscan::cli
