// `check-form FILE`: validates a form definition with the loader everything else uses
// (errors as file:line: what), and says what the form holds when it is valid.
#include <iostream>

#include "cli/commands.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"

namespace quizscan::cli {
namespace {

int check(const std::string& path) {
    Form f;
    try {
        f = load_form(path);
        for (const char* paper : {"letter", "a4"}) make_layout(f, paper_by_name(paper));  // fits on the pages?
    } catch (const std::exception& e) {  // FormError (file:line: what), or the layout's own
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
    int choice = 0, numbers = 0;
    for (const auto& q : f.questions) (q.kind == QuestionKind::Choice ? choice : numbers) += 1;
    std::cout << path << ": form '" << f.id << "' v" << f.version << ", " << f.questions.size() << " questions (" << choice
              << " choice, " << numbers << " numbers), " << f.total_points() << " points, "
              << (f.has_consent() ? "with" : "no") << " consent block; fingerprint " << f.fingerprint << ": OK\n";
    return 0;
}

}  // namespace

void add_check_form_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("check-form", "Check a form definition (YAML): errors with their line, exit 0 when valid");
    auto file = std::make_shared<std::string>();
    cmd->add_option("file", *file, "The form's YAML file")->required();
    cmd->callback([file, &exit_code] { exit_code = check(*file); });
}

}  // namespace quizscan::cli
