// quizscan: prints paper quiz sheets and grades the scanned stacks. Entry point.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/data_paths.hpp"
#include "cli/version.inc"  // QUIZSCAN_VERSION (generated: cmake/version.cmake)

namespace quizscan::cli {

std::string default_form_path() {
    if (const char* env = std::getenv("QUIZSCAN_FORM")) return env;
    return data_file("forms/mlsysim-quiz.yaml");
}

}  // namespace quizscan::cli

int main(int argc, char** argv) {
    // Messages (errors, warnings, progress) go to stderr; stdout holds only results (`layout --json > x.json`).
    spdlog::set_default_logger(spdlog::stderr_color_mt("quizscan"));
    spdlog::set_pattern("%^%l%$: %v");
    spdlog::set_level(spdlog::level::info);
    CLI::App app{"quizscan: print quiz sheets with barcoded IDs, read the scanned stacks, review, score."};
    app.require_subcommand(0, 1);  // none: the usage (below)
    app.set_version_flag("-V,--version", std::string("quizscan ") + QUIZSCAN_VERSION);
    bool verbose = false;
    app.add_flag("-v,--verbose", verbose, "More detail on stderr");
    app.parse_complete_callback([&] {
        if (verbose) spdlog::set_level(spdlog::level::debug);
    });
    int exit_code = 0;
    quizscan::cli::add_print_commands(app, exit_code);
    quizscan::cli::add_scan_commands(app, exit_code);
    quizscan::cli::add_import_forms_command(app, exit_code);
    quizscan::cli::add_purge_command(app, exit_code);
    quizscan::cli::add_check_form_command(app, exit_code);
    try {
        app.parse(argc, argv);
        if (app.get_subcommands().empty()) {  // no command: the usage, on stderr (stdout holds only results)
            std::cerr << app.help();
            return 2;
        }
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 2;
    }
    return exit_code;
}
