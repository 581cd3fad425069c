// The JSON of a field's measurements: what the scan stored (readings.measurements, spare_pages,
// copied from a 2-core scan of samples/ and made-up pages with the code before FieldMeasurements)
// reads into the type and is written back byte for byte; JSON of older scans, missing keys, reads too.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "core/field_measurements.hpp"

using namespace quizscan;
using nlohmann::json;

namespace {

// A choice read beside its bubbles (q1 of a cut page): every option's measures.
const std::string kChoice =
    R"({"baseline_fill":0.02459016393442623,"ink_beside_mm2":27.5,"options":[{"dark_fill":0.0,"faint":0.0,)"
    R"("faint_fill":0.0,"fill":0.003,"ink_fill":0.004,"ink_ring":0.0,"spill":0.0,"stroke":1.0,"tone":0.0,"value":"a"},)"
    R"({"dark_fill":0.005,"faint":0.0,"faint_fill":0.0,"fill":0.01,"ink_fill":0.02,"ink_ring":0.0,"spill":0.0,)"
    R"("stroke":0.97,"tone":0.0,"value":"b"},{"dark_fill":-0.011,"faint":0.002,"faint_fill":0.009,"fill":0.0,)"
    R"("ink_fill":0.009,"ink_ring":0.0,"spill":0.0,"stroke":1.0,"tone":0.0,"value":"c"},{"dark_fill":0.004,"faint":0.0,)"
    R"("faint_fill":0.0,"fill":0.019,"ink_fill":0.004,"ink_ring":0.0,"spill":0.0,"stroke":0.892,"tone":0.0,)"
    R"("value":"d"}],"print_seen":1.0,"writer_tone":0.0})";

// A written number with a box the reader was unsure of.
const std::string kNumber =
    R"({"blank":false,"boxes":[{"confidence":0.9999948143959045,"digit":5,"flag":"","state":"digit"},)"
    R"({"confidence":0.9999227523803711,"digit":0,"flag":"two-digits","state":"unclear"},{"confidence":1.0,"digit":-1,)"
    R"("flag":"","state":"empty"},{"confidence":1.0,"digit":-1,"flag":"","state":"empty"},{"confidence":1.0,"digit":-1,)"
    R"("flag":"","state":"empty"},{"confidence":1.0,"digit":-1,"flag":"","state":"empty"},{"confidence":1.0,"digit":-1,)"
    R"("flag":"","state":"empty"},{"confidence":1.0,"digit":-1,"flag":"","state":"empty"}],"decimal_boxes":2,)"
    R"("ink_outside_boxes_mm2":0.0,"print_seen":1.0})";

// A spare front's spare_pages.measurements: the reason, and both ID fields' measurements.
const std::string kSpareRecord =
    R"({"grid":{"baseline_fill":0.026729559748427674,"columns":[{"fill":[0.0,0.0,0.006,0.0,0.002,0.002,0.005,0.0,0.006,)"
    R"(0.014],"marked":"","unclear":false},{"fill":[0.0,0.0,0.003,0.002,0.0,0.003,0.011,0.0,0.005,0.008],"marked":"",)"
    R"("unclear":false},{"fill":[0.0,0.006,0.0,0.0,0.0,0.0,0.002,0.0,0.0,0.003],"marked":"","unclear":false},)"
    R"({"fill":[0.006,0.005,0.0,0.0,0.0,0.005,0.003,0.0,0.003,0.005],"marked":"","unclear":false},{"fill":[0.0,0.006,)"
    R"(0.0,0.0,0.006,0.006,0.0,0.0,0.0,0.0],"marked":"","unclear":false},{"fill":[0.0,0.0,0.002,0.0,0.003,0.0,0.002,)"
    R"(0.0,0.003,0.005],"marked":"","unclear":false}],"print_seen":1.0},"why":"written ID read as ______,)"
    R"( grid as ______; neither is complete","written":{"blank":true,"boxes":[{"confidence":1.0,"digit":-1,"flag":"",)"
    R"("state":"empty"},{"confidence":1.0,"digit":-1,"flag":"","state":"empty"},{"confidence":1.0,"digit":-1,"flag":"",)"
    R"("state":"empty"},{"confidence":1.0,"digit":-1,"flag":"","state":"empty"},{"confidence":1.0,"digit":-1,"flag":"",)"
    R"("state":"empty"},{"confidence":1.0,"digit":-1,"flag":"","state":"empty"}],"decimal_boxes":0,)"
    R"("ink_beside_mm2":0.0,"print_seen":1.0}})";

FieldMeasurements parsed(const std::string& text) { return json::parse(text).get<FieldMeasurements>(); }

// `text` read into FieldMeasurements and written again.
std::string round_trip(const std::string& text) { return json(parsed(text)).dump(); }

}  // namespace

TEST(FieldMeasurementsJson, ChoiceAndCheckboxWrittenBackAsStored) {
    EXPECT_EQ(round_trip(kChoice), kChoice);
    const std::string checkbox =
        R"({"baseline_fill":0.0,"ink_beside_mm2":0.0,"options":[{"dark_fill":0.001,"faint":0.0,"faint_fill":0.0,)"
        R"("fill":0.0,"ink_fill":0.0,"ink_ring":0.025,"spill":0.01,"stroke":0.971,"tone":0.241,"value":"yes"}],)"
        R"("print_seen":1.0,"writer_tone":0.584})";
    EXPECT_EQ(round_trip(checkbox), checkbox);
    const std::string cut_off =
        R"({"baseline_fill":0.0,"options":[{"dark_fill":0.0,"faint":0.0,"faint_fill":0.0,"fill":0.0,"ink_fill":0.0,)"
        R"("ink_ring":0.0,"spill":0.0,"stroke":0.0,"tone":0.0,"value":"a"}],"outside_image":true,"print_seen":1.0,)"
        R"("writer_tone":0.0})";
    EXPECT_EQ(round_trip(cut_off), cut_off);
}

TEST(FieldMeasurementsJson, NumberWrittenBackAsStored) {
    EXPECT_EQ(round_trip(kNumber), kNumber);
    const std::string blank =
        R"({"blank":true,"boxes":[{"confidence":1.0,"digit":-1,"flag":"","state":"empty"}],"decimal_boxes":2,)"
        R"("ink_beside_mm2":3.4,"print_seen":1.0})";
    EXPECT_EQ(round_trip(blank), blank);
    // Without digit models: nothing but where it was read.
    for (const std::string no_models : {R"({})", R"({"print_seen":1.0})", R"({"outside_image":false,"print_seen":0.42})"})
        EXPECT_EQ(round_trip(no_models), no_models);
}

TEST(FieldMeasurementsJson, SpareRecordWithGridWrittenBackAsStored) {
    const json record = json::parse(kSpareRecord);
    const json again = {{"why", record["why"]},
                        {"written", record["written"].get<FieldMeasurements>()},
                        {"grid", record["grid"].get<FieldMeasurements>()}};
    EXPECT_EQ(again.dump(), kSpareRecord);
    const std::string marked =
        R"({"baseline_fill":0.03,"columns":[{"fill":[0.0,0.61,0.0],"marked":"1","unclear":false},)"
        R"({"fill":[0.4,0.0,0.5],"marked":"02","unclear":true}],"outside_image":true,"print_seen":0.2})";
    EXPECT_EQ(round_trip(marked), marked);
}

TEST(FieldMeasurementsJson, UnplacedPageAndTypedAnswersWrittenBackAsStored) {
    EXPECT_EQ(round_trip(R"({"unregistered":true})"), R"({"unregistered":true})");
    const std::string typed =
        R"({"file":"forms-pre.csv","line":10,"problem":"typed answer \"195,000\" is not a plain number",)"
        R"("raw":"195,000","source":"google-forms","timestamp":"2024/07/01 9:02:44 AM GMT+2"})";
    EXPECT_EQ(round_trip(typed), typed);
    const std::string plain = R"({"file":"forms-pre.csv","line":3,"source":"google-forms","timestamp":"2024/07/01 9:01:05 AM GMT+2"})";
    EXPECT_EQ(round_trip(plain), plain);
}

TEST(FieldMeasurementsJson, TypedMembersHoldWhatTheJsonSays) {
    const FieldMeasurements c = parsed(kChoice);
    ASSERT_TRUE(c.options);
    ASSERT_EQ(c.options->size(), 4u);
    EXPECT_EQ((*c.options)[2].value, "c");
    EXPECT_DOUBLE_EQ((*c.options)[2].dark_fill, -0.011);
    EXPECT_DOUBLE_EQ((*c.options)[3].fill, 0.019);
    EXPECT_EQ(c.ink_beside_mm2, 27.5);
    EXPECT_FALSE(c.boxes || c.columns || c.unregistered || c.unseen());

    const FieldMeasurements n = parsed(kNumber);
    ASSERT_TRUE(n.boxes);
    ASSERT_EQ(n.boxes->size(), 8u);
    EXPECT_EQ((*n.boxes)[0].state, BoxState::Digit);
    EXPECT_EQ((*n.boxes)[0].digit, 5);
    EXPECT_EQ((*n.boxes)[1].state, BoxState::Unclear);
    EXPECT_EQ((*n.boxes)[1].flag, "two-digits");
    EXPECT_EQ((*n.boxes)[2].state, BoxState::Empty);
    EXPECT_EQ(n.blank, false);
    EXPECT_EQ(n.decimal_boxes, 2);
    EXPECT_FALSE(n.options);

    const FieldMeasurements g = json::parse(kSpareRecord)["grid"].get<FieldMeasurements>();
    ASSERT_TRUE(g.columns);
    ASSERT_EQ(g.columns->size(), 6u);
    EXPECT_EQ((*g.columns)[0].fill.size(), 10u);
    EXPECT_DOUBLE_EQ((*g.columns)[0].fill[9], 0.014);
    // Any "outside_image", true or false, says the field was not seen whole.
    EXPECT_TRUE(parsed(R"({"outside_image":false})").unseen());
}

// Readings stored before a key was added (decimal_boxes, writer_tone...), and the partial options
// tests and the review page's fixtures write, read with what they have.
TEST(FieldMeasurementsJson, OldJsonWithoutOptionalKeysReads) {
    const FieldMeasurements o = parsed(R"({"options":[{"value":"a","fill":0.8}]})");
    ASSERT_TRUE(o.options);
    EXPECT_EQ((*o.options)[0].value, "a");
    EXPECT_DOUBLE_EQ((*o.options)[0].fill, 0.8);
    EXPECT_DOUBLE_EQ((*o.options)[0].spill, 0);
    EXPECT_FALSE(o.baseline_fill || o.writer_tone || o.print_seen);

    const FieldMeasurements n = parsed(R"({"boxes":[{"state":"digit","digit":1},{}],"blank":false})");
    ASSERT_TRUE(n.boxes);
    EXPECT_FALSE(n.decimal_boxes);
    EXPECT_EQ((*n.boxes)[0].confidence, 0);
    EXPECT_EQ((*n.boxes)[0].flag, "");
    EXPECT_EQ((*n.boxes)[1].state, BoxState::Unclear);  // no state: not known to be empty
    EXPECT_EQ((*n.boxes)[1].digit, -1);
    // Written back, it keeps its keys (no decimal_boxes appears), each box whole.
    EXPECT_EQ(json(n).dump(),
              R"({"blank":false,"boxes":[{"confidence":0.0,"digit":1,"flag":"","state":"digit"},)"
              R"({"confidence":0.0,"digit":-1,"flag":"","state":"unclear"}]})");

    EXPECT_EQ(parsed(R"({"boxes":[]})").boxes->size(), 0u);  // present, with no boxes
    for (const char* nothing : {"{}", "null", "[]"}) {
        const FieldMeasurements m = parsed(nothing);
        EXPECT_FALSE(m.options || m.boxes || m.columns || m.print_seen || m.source) << nothing;
        EXPECT_EQ(json(m).dump(), "{}") << nothing;
    }
}

TEST(FieldMeasurementsJson, KeyOfTheWrongTypeThrows) {
    EXPECT_THROW(parsed(R"({"blank":"no"})"), json::type_error);
    EXPECT_THROW(parsed(R"({"options":3})"), json::type_error);
    EXPECT_THROW(parsed(R"({"boxes":[{"digit":"4"}]})"), json::type_error);
}

// What the producers fill writes the keys they wrote before, with the JSON types they had.
TEST(FieldMeasurementsJson, FilledByTheReaderWritesTheStoredShape) {
    FieldMeasurements m;
    m.boxes = std::vector<MeasuredBox>{{BoxState::Digit, 4, 0.5, ""}};
    m.blank = false;
    m.decimal_boxes = 0;
    m.print_seen = 1;
    EXPECT_EQ(json(m).dump(),
              R"({"blank":false,"boxes":[{"confidence":0.5,"digit":4,"flag":"","state":"digit"}],"decimal_boxes":0,)"
              R"("print_seen":1.0})");
    FieldMeasurements c;
    c.options = std::vector<MeasuredOption>{{.value = "yes", .fill = 0.25}};
    c.baseline_fill = 0;
    c.writer_tone = 0;
    c.unregistered = true;
    EXPECT_EQ(json(c).dump(),
              R"({"baseline_fill":0.0,"options":[{"dark_fill":0.0,"faint":0.0,"faint_fill":0.0,"fill":0.25,"ink_fill":0.0,)"
              R"("ink_ring":0.0,"spill":0.0,"stroke":0.0,"tone":0.0,"value":"yes"}],"unregistered":true,"writer_tone":0.0})");
    EXPECT_STREQ(to_string(BoxState::Empty), "empty");
    EXPECT_EQ(box_state("digit"), BoxState::Digit);
    EXPECT_EQ(box_state("smudge"), BoxState::Unclear);
}
