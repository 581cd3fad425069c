// The spare sheet's ID rule (scan/spare_id.hpp) on its own: what is accepted without a person, and
// which roster IDs are offered when it is not.
#include <gtest/gtest.h>

#include "scan/spare_id.hpp"

using namespace quizscan;

namespace {

// Boxes from text: a digit is read with confidence, '?' + digit (e.g. "?8") an unclear box with its
// guess, '_' an empty box.
std::vector<IdBox> boxes(const std::string& s) {
    std::vector<IdBox> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_') out.push_back({IdBox::State::Empty, -1});
        else if (s[i] == '?') out.push_back({IdBox::State::Unclear, s[++i] - '0'});
        else out.push_back({IdBox::State::Digit, s[i] - '0'});
    }
    return out;
}

// Columns from text: a digit is one clear mark, '_' none, '*' + digit an unclear mark.
std::vector<IdColumn> columns(const std::string& s) {
    std::vector<IdColumn> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '_') out.push_back({"", false});
        else if (s[i] == '*') out.push_back({std::string(1, s[++i]), true});
        else out.push_back({std::string(1, s[i]), false});
    }
    return out;
}

SpareIdReading reading(const std::string& written, const std::string& grid) {
    SpareIdReading r;
    r.boxes = boxes(written);
    r.written_confident = written.find_first_of("?_") == std::string::npos;
    r.columns = columns(grid);
    return r;
}

const std::set<std::string> kRoster = {"482913", "482918", "305716", "771204", "620058"};

}  // namespace

TEST(SpareIdRule, BothAgreeOnARosterIdIsAccepted) {
    EXPECT_EQ(decide_spare_id(reading("482913", "482913"), kRoster).accepted, "482913");
}

TEST(SpareIdRule, OneConfidentReadingTheOtherDoesNotContradictIsAccepted) {
    EXPECT_EQ(decide_spare_id(reading("305716", "______"), kRoster).accepted, "305716");  // grid left empty
    EXPECT_EQ(decide_spare_id(reading("______", "771204"), kRoster).accepted, "771204");  // boxes left empty
    EXPECT_EQ(decide_spare_id(reading("77120?4", "771204"), kRoster).accepted, "771204");  // an unclear box guessing the same
    EXPECT_EQ(decide_spare_id(reading("305716", "30____"), kRoster).accepted, "305716");  // half bubbled, agreeing
}

TEST(SpareIdRule, DisagreementGoesToReviewWithTheNearestFirst) {
    const auto d = decide_spare_id(reading("620058", "620958"), kRoster);
    EXPECT_EQ(d.accepted, "");
    ASSERT_FALSE(d.candidates.empty());
    EXPECT_EQ(d.candidates.front().id, "620058");
    EXPECT_NE(d.why.find("disagree in position 4"), std::string::npos) << d.why;
    // A confident grid contradicted by an unclear box's guess: not accepted either.
    EXPECT_EQ(decide_spare_id(reading("48291?3", "482918"), kRoster).accepted, "");
    // An unclear grid mark agreeing with unclear boxes is not both agreeing: the box guesses say 482918.
    EXPECT_EQ(decide_spare_id(reading("?4?8?2?9?1?8", "*4*8*2*9*1*3"), kRoster).accepted, "");
}

TEST(SpareIdRule, OffTheRosterOrNoRosterIsNeverAccepted) {
    const auto d = decide_spare_id(reading("999999", "999999"), kRoster);
    EXPECT_EQ(d.accepted, "");
    EXPECT_TRUE(d.candidates.empty()) << "no roster ID is near 999999: nothing to preselect";
    EXPECT_NE(d.why.find("not on the roster"), std::string::npos) << d.why;
    EXPECT_EQ(decide_spare_id(reading("482913", "482913"), {}).accepted, "");
    // Neither reading complete: nothing to go on.
    EXPECT_EQ(decide_spare_id(reading("48____", "______"), kRoster).accepted, "");
}

TEST(SpareIdRule, TwoUnsureReadingsAgreeingAreNoAgreement) {
    EXPECT_EQ(decide_spare_id(reading("?4?8?2?9?1?3", "*4*8*2*9*1*3"), kRoster).accepted, "");
    EXPECT_EQ(decide_spare_id(reading("?4?8?2?9?1?3", "482913"), kRoster).accepted, "482913");  // the grid is sure
}
