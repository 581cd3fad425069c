// Helpers shared by the review tests: a fresh fixture database per test and a snapshot
// of the tables review writes, to assert that a refused request changed nothing.
#pragma once

#include "fixture.hpp"
#include "store/db.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace quizscan::review::testing {

inline std::string temp_db_path() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const auto dir = std::filesystem::temp_directory_path() / "quizscan-review-tests";
    std::filesystem::create_directories(dir);
    return (dir / (std::string(info->test_suite_name()) + "." + info->name() + ".sqlite")).string();
}

inline std::int64_t count(store::Db& db, const std::string& sql) {
    auto st = db.prepare(sql);
    return st.step() ? st.col_int(0) : -1;
}

// Every row of review_items and resolutions, as one string.
inline std::string snapshot(store::Db& db) {
    auto st = db.prepare(
        "SELECT (SELECT COALESCE(group_concat(id || '|' || state || '|' || quote(value) || '|' || revision, ';'), '') "
        "        FROM (SELECT * FROM review_items ORDER BY id)) || ' # ' || "
        "       (SELECT COALESCE(group_concat(id || '|' || item_id || '|' || action || '|' || quote(old_value) || '|' || "
        "                 quote(new_value) || '|' || at || '|' || via, ';'), '') FROM (SELECT * FROM resolutions ORDER BY id))");
    return st.step() ? st.col_text(0) : std::string();
}

}  // namespace quizscan::review::testing
