// quizscan: prints paper quiz sheets and grades the scanned stacks. Entry point.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"

namespace quizscan::cli {

std::string default_form_path() {
    if (const char* env = std::getenv("QUIZSCAN_FORM")) return env;
    const std::filesystem::path local = "forms/mlsysim-quiz.yaml";
    if (std::filesystem::exists(local)) return local.string();
    return std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml";
}

}  // namespace quizscan::cli

int main(int argc, char** argv) {
    // Messages (errors, warnings, progress) go to stderr; stdout holds only results (`layout --json > x.json`).
    spdlog::set_default_logger(spdlog::stderr_color_mt("quizscan"));
    spdlog::set_pattern("%^%l%$: %v");
    spdlog::set_level(spdlog::level::info);
    CLI::App app{"quizscan: print quiz sheets with barcoded IDs, read the scanned stacks, review, score."};
    app.require_subcommand(1);
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
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        spdlog::error("{}", e.what());
        return 2;
    }
    return exit_code;
}
