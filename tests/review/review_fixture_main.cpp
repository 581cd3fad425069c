// review_fixture DB: writes the review test database (see fixture.hpp) for the browser test.
#include "fixture.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: review_fixture DB\n";
        return 2;
    }
    try {
        const auto f = quizscan::review::testing::make_fixture_db(argv[1]);
        std::cout << "{\"identity\":" << f.identity << ",\"q1\":" << f.q1 << ",\"q2\":" << f.q2
                  << ",\"no_research\":" << f.no_research << ",\"q6\":" << f.q6 << ",\"q7\":" << f.q7
                  << ",\"q9\":" << f.q9 << ",\"answers\":" << f.answers << ",\"duplicate\":" << f.duplicate << ",\"missing\":" << f.missing << ",\"page_a1\":" << f.page_a1
                  << ",\"page_b1\":" << f.page_b1 << "}\n";
    } catch (const std::exception& e) {
        std::cerr << "review_fixture: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
