// When a written box is accepted as a Digit (issue 20): the rule read from icr-thresholds.json and the
// decision from both recognisers' scores (accept), without the models.
#include "icr/number_reader.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <unistd.h>

using namespace quizscan::icr;
using Rule = AcceptPolicy::Rule;
using State = BoxReading::State;

namespace {

// Both recognisers read a 4; the CNN surely (above 0.998), the HOG MLP less so (below it).
DigitRecogniser::Scores sure_cnn_unsure_hog() {
    DigitRecogniser::Scores s;
    s.cnn_digit = 4;
    s.cnn_prob = 0.9995;
    s.hog_digit = 4;
    s.hog_prob = 0.99;
    return s;
}

AcceptPolicy policy(Rule rule, double threshold) {
    AcceptPolicy p;
    p.rule = rule;
    p.threshold = threshold;
    p.threshold_one = threshold;
    return p;
}

}  // namespace

TEST(AcceptPolicy, RuleIsReadFromJsonAndCnnWhenAbsent) {
    const AcceptPolicy old = AcceptPolicy::from_json(nlohmann::json::parse(R"({"accept_prob": 0.998})"));
    EXPECT_EQ(old.rule, Rule::Cnn);
    EXPECT_DOUBLE_EQ(old.threshold, 0.998);
    EXPECT_TRUE(old.require_agreement);
    EXPECT_EQ(AcceptPolicy::from_json(nlohmann::json::parse(R"({"accept_prob": 0.99, "accept_rule": "min"})")).rule,
              Rule::Min);
    EXPECT_EQ(AcceptPolicy::from_json(nlohmann::json::parse(R"({"accept_prob": 0.99, "accept_rule": "cnn"})")).rule,
              Rule::Cnn);
    EXPECT_EQ(AcceptPolicy::from_json(nlohmann::json::parse(R"({"accept_prob": 0.99, "accept_rule": "views"})")).rule,
              Rule::Views);
    EXPECT_THROW(AcceptPolicy::from_json(nlohmann::json::parse(R"({"accept_prob": 0.99, "accept_rule": "max"})")),
                 std::runtime_error);
}

TEST(AcceptPolicy, ThresholdForAOneIsReadFromJsonAndAcceptProbWhenAbsent) {
    const AcceptPolicy same = AcceptPolicy::from_json(nlohmann::json::parse(R"({"accept_prob": 0.998})"));
    EXPECT_DOUBLE_EQ(same.threshold_one, 0.998);
    EXPECT_DOUBLE_EQ(same.threshold_for(1), 0.998);
    const AcceptPolicy own =
        AcceptPolicy::from_json(nlohmann::json::parse(R"({"accept_prob": 0.998, "accept_prob_one": 0.995})"));
    EXPECT_DOUBLE_EQ(own.threshold, 0.998);
    EXPECT_DOUBLE_EQ(own.threshold_for(1), 0.995);
    EXPECT_DOUBLE_EQ(own.threshold_for(7), 0.998);
    EXPECT_DOUBLE_EQ(own.threshold_for(0), 0.998);
}

// A read 1 is accepted at its own threshold; a 7 as sure as it still goes to review, and a 1 under its
// threshold too.
TEST(AcceptPolicy, AOneIsAcceptedAtItsOwnThresholdAndOtherDigitsAtTheirs) {
    AcceptPolicy p = policy(Rule::Cnn, 0.998);
    p.threshold_one = 0.995;
    DigitRecogniser::Scores s;
    s.cnn_digit = s.hog_digit = 1;
    s.cnn_prob = 0.996;
    s.hog_prob = 0.9;
    const BoxReading one = accept(s, p);
    EXPECT_EQ(one.state, State::Digit);
    EXPECT_EQ(one.digit, 1);
    EXPECT_EQ(one.flag, "");
    s.cnn_digit = s.hog_digit = 7;
    const BoxReading seven = accept(s, p);
    EXPECT_EQ(seven.state, State::Unclear);
    EXPECT_EQ(seven.digit, 7);
    EXPECT_EQ(seven.flag, "low-confidence");
    s.cnn_digit = s.hog_digit = 1;
    s.cnn_prob = 0.994;
    EXPECT_EQ(accept(s, p).flag, "low-confidence");
    s.cnn_prob = 0.9999;
    s.hog_digit = 7;  // the HOG MLP reads a 7: no threshold makes that a Digit
    EXPECT_EQ(accept(s, p).flag, "recognisers-disagree");
}

TEST(AcceptPolicy, MinRuleSendsABoxWithAnUnsureHogToReview) {
    const DigitRecogniser::Scores s = sure_cnn_unsure_hog();
    const BoxReading cnn = accept(s, policy(Rule::Cnn, 0.998));
    EXPECT_EQ(cnn.state, State::Digit);
    EXPECT_EQ(cnn.digit, 4);
    EXPECT_EQ(cnn.flag, "");
    EXPECT_DOUBLE_EQ(cnn.confidence, 0.9995);

    const BoxReading min = accept(s, policy(Rule::Min, 0.998));
    EXPECT_EQ(min.state, State::Unclear);
    EXPECT_EQ(min.digit, 4);  // the best guess, for review
    EXPECT_EQ(min.flag, "low-confidence");
    EXPECT_DOUBLE_EQ(min.confidence, 0.99);

    const BoxReading min_lower = accept(s, policy(Rule::Min, 0.99));  // at 0.99 both are sure enough
    EXPECT_EQ(min_lower.state, State::Digit);
    EXPECT_DOUBLE_EQ(min_lower.confidence, 0.99);  // the lower of the two
}

// A digit read surely as it is but not once moved a little (views_prob low) is not accepted under "views".
TEST(AcceptPolicy, ViewsRuleSendsADigitUnsureOnceMovedToReview) {
    DigitRecogniser::Scores s = sure_cnn_unsure_hog();
    s.views_prob = 0.7;
    EXPECT_EQ(accept(s, policy(Rule::Cnn, 0.998)).state, State::Digit);
    const BoxReading moved = accept(s, policy(Rule::Views, 0.998));
    EXPECT_EQ(moved.state, State::Unclear);
    EXPECT_EQ(moved.digit, 4);
    EXPECT_EQ(moved.flag, "low-confidence");
    EXPECT_DOUBLE_EQ(moved.confidence, 0.7);
    s.views_prob = 0.999;
    const BoxReading sure = accept(s, policy(Rule::Views, 0.998));
    EXPECT_EQ(sure.state, State::Digit);
    EXPECT_DOUBLE_EQ(sure.confidence, 0.999);
}

TEST(AcceptPolicy, DisagreeingRecognisersAreFlaggedUnderEitherRule) {
    DigitRecogniser::Scores s = sure_cnn_unsure_hog();
    s.hog_digit = 9;
    s.hog_prob = 0.9999;
    s.views_prob = 0.9999;
    for (const Rule rule : {Rule::Cnn, Rule::Min, Rule::Views}) {
        const BoxReading r = accept(s, policy(rule, 0.9));
        EXPECT_EQ(r.state, State::Unclear);
        EXPECT_EQ(r.flag, "recognisers-disagree");
        EXPECT_EQ(r.digit, 4);
    }
}

// The recogniser takes its rule from the thresholds file it loads (the shipped models, the rule changed).
TEST(AcceptPolicy, LoadedRecogniserUsesTheFilesRule) {
    namespace fs = std::filesystem;
    const std::string calib = std::string(QUIZSCAN_SOURCE_DIR) + "/calibration";
    const fs::path dir = fs::temp_directory_path() / ("icr-accept-rule-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    nlohmann::json j = nlohmann::json::parse(std::ifstream(calib + "/icr-thresholds.json"));
    for (const char* f : {"icr-cnn.onnx", "icr-hog-mlp.onnx"})
        fs::copy_file(calib + "/" + f, dir / f, fs::copy_options::overwrite_existing);
    j["accept_rule"] = "min";
    std::ofstream(dir / "icr-thresholds.json") << j.dump();
    EXPECT_EQ(DigitRecogniser::load(dir.string()).policy().rule, Rule::Min);
    j["accept_rule"] = "views";
    std::ofstream(dir / "icr-thresholds.json") << j.dump();
    EXPECT_EQ(DigitRecogniser::load(dir.string()).policy().rule, Rule::Views);
    j.erase("accept_rule");
    std::ofstream(dir / "icr-thresholds.json") << j.dump();
    EXPECT_EQ(DigitRecogniser::load(dir.string()).policy().rule, Rule::Cnn);
    j["accept_rule"] = "max";
    std::ofstream(dir / "icr-thresholds.json") << j.dump();
    EXPECT_THROW(DigitRecogniser::load(dir.string()), std::runtime_error);
    fs::remove_all(dir);
}
