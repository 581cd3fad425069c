// review_serve DB [--blind] [--port P] [--token T]: serves the review page on a database
// without the quizscan CLI (for the browser test and for trying the page by hand).
#include "form/load_form.hpp"
#include "review/server.hpp"

#include <spdlog/spdlog.h>

#include <cstring>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: review_serve DB [--blind] [--port P] [--token T]\n";
        return 2;
    }
    quizscan::review::ServerOptions opts;
    for (int i = 2; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--blind")) opts.blind = true;
        else if (!std::strcmp(argv[i], "--port") && i + 1 < argc) opts.port = std::stoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--token") && i + 1 < argc) opts.token = argv[++i];
        else {
            std::cerr << "review_serve: unknown argument " << argv[i] << "\n";
            return 2;
        }
    }
    try {
        opts.form = std::make_shared<quizscan::Form>(
            quizscan::load_form(std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml"));
    } catch (const std::exception& e) {
        spdlog::warn("review_serve: no question texts ({})", e.what());
    }
    opts.on_url = [](const std::string& url) { std::cout << "review: " << url << std::endl; };
    return quizscan::review::run_review_server(argv[1], opts);
}
