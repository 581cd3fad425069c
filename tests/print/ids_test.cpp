// Participant IDs: make_ids gives unique reproducible 6-digit codes; read_ids rejects a
// malformed or duplicate line and names it (file:line).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <string>

#include "core/payload.hpp"
#include "print/ids.hpp"

using namespace quizscan;

namespace {

std::string write_file(const std::string& name, const std::string& text) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream o(path);
    o << text;
    return path;
}

void expect_read_error(const std::string& path, int line, const std::vector<std::string>& words) {
    try {
        read_ids(path);
        ADD_FAILURE() << "no error for " << path;
    } catch (const std::runtime_error& e) {
        const std::string msg = e.what();
        const std::string where = path + ":" + std::to_string(line) + ":";
        EXPECT_EQ(msg.rfind(where, 0), 0u) << "should start with '" << where << "': " << msg;
        for (const auto& w : words) EXPECT_NE(msg.find(w), std::string::npos) << "no '" << w << "' in: " << msg;
    }
}

TEST(MakeIds, EightyUniqueSixDigitIds) {
    const auto ids = make_ids(80, 12345u);
    ASSERT_EQ(ids.size(), 80u);
    std::set<std::string> seen(ids.begin(), ids.end());
    EXPECT_EQ(seen.size(), 80u);
    for (const auto& id : ids) {
        EXPECT_TRUE(valid_participant_id(id)) << id;
        EXPECT_EQ(id.size(), 6u) << id;
        EXPECT_NE(id[0], '0') << id;
    }
}

TEST(MakeIds, ReproducibleWithTheSameSeed) {
    EXPECT_EQ(make_ids(80, 7u), make_ids(80, 7u));
    EXPECT_NE(make_ids(80, 7u), make_ids(80, 8u));
    // Without a seed two lists differ (80 draws from 900000 values).
    EXPECT_NE(make_ids(80, std::nullopt), make_ids(80, std::nullopt));
}

TEST(MakeIds, ManyIdsStayUnique) {
    const auto ids = make_ids(5000, 1u);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 5000u);
}

TEST(MakeIds, RejectsABadCount) {
    EXPECT_THROW(make_ids(0, 1u), std::invalid_argument);
    EXPECT_THROW(make_ids(-3, 1u), std::invalid_argument);
}

TEST(ReadIds, ReadsWhatMakeIdsWrote) {
    const auto ids = make_ids(80, 99u);
    std::string text = "# roster for the tutorial\n\n";
    for (const auto& id : ids) text += id + "\n";
    text += "  123456  # with a comment\r\n";
    const auto got = read_ids(write_file("ids-ok.txt", text));
    ASSERT_EQ(got.size(), 81u);
    EXPECT_TRUE(std::equal(ids.begin(), ids.end(), got.begin()));
    EXPECT_EQ(got.back(), "123456");
}

TEST(ReadIds, RejectsAMalformedLine) {
    expect_read_error(write_file("ids-bad.txt", "482913\n# ok\n48291\n"), 3, {"'48291'", "6-digit"});
    expect_read_error(write_file("ids-bad2.txt", "482913\n48291x\n"), 2, {"'48291x'"});
    expect_read_error(write_file("ids-bad3.txt", "4829130\n"), 1, {"'4829130'"});
}

TEST(ReadIds, RejectsADuplicate) {
    expect_read_error(write_file("ids-dup.txt", "482913\n100000\n\n482913\n"), 4, {"482913", "twice"});
}

TEST(ReadIds, RejectsAnEmptyListAndAMissingFile) {
    EXPECT_THROW(read_ids(write_file("ids-empty.txt", "# nothing\n\n")), std::runtime_error);
    EXPECT_THROW(read_ids("/nonexistent/ids.txt"), std::runtime_error);
}

TEST(ReadIds, AcceptsAByteOrderMarkAndShowsInvisibleBytes) {
    const auto ids = read_ids(write_file("ids-bom.txt", "\xEF\xBB\xBF" "482913\n100000\n"));
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(ids[0], "482913");
    // An invisible byte elsewhere is shown, not printed raw.
    expect_read_error(write_file("ids-nbsp.txt", "482913\n\xC2\xA0" "100000\n"), 2, {"\\xC2\\xA0100000"});
}

}  // namespace
