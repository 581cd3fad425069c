// A small review database for tests: four scanned files, pages with previews, PNG crops
// drawn with OpenCV, a roster, and open items of every kind (one of them a spot check).
#pragma once

#include <cstdint>
#include <string>

namespace quizscan::review::testing {

// Ids of what make_fixture_db created, so tests can name items without guessing.
struct Fixture {
    std::int64_t identity = 0;      // page_identity, source "<img src=x onerror=alert(1)>.pdf", a page 2, OCR guess "55120"
    std::int64_t q1 = 0;            // choice, guess "b" (fills a .04, b .83, c .38, d .02)
    std::int64_t q2 = 0;            // choice, guess "" (blank)
    std::int64_t no_research = 0;   // checkbox, guess "", audit (spot check)
    std::int64_t q6 = 0;            // number q6_int4, guess "40"
    std::int64_t q7 = 0;            // number q7_virginia, guess "0.6"
    std::int64_t q9 = 0;            // choice with six options a-f, guess "e"
    std::int64_t answers = 0;       // page_answers of 613370 pre page 1 (scan-2024-c.pdf), guess q3=b, the rest blank
    std::int64_t duplicate = 0;     // sheet_duplicate, candidates page_a1 and page_b1, guess page_a1
    std::int64_t missing = 0;       // sheet_missing (551204 post page 2), guess "rescan"
    std::int64_t page_a1 = 0, page_b1 = 0;
};

inline constexpr const char* kXssSource = "<img src=x onerror=alert(1)>.pdf";

// Creates (or overwrites) the database at `path`.
Fixture make_fixture_db(const std::string& path);

}  // namespace quizscan::review::testing
