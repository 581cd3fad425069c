// The JSON of a field's measurements (see field_measurements.hpp).
#include "core/field_measurements.hpp"

namespace quizscan {
namespace {

using nlohmann::json;

template <class T>
void put(json& j, const char* key, const std::optional<T>& v) {
    if (v) j[key] = *v;
}

template <class T>
void take(const json& j, const char* key, std::optional<T>& v) {
    const auto it = j.find(key);
    if (it != j.end()) v = it->template get<T>();
}

template <class T>
void take(const json& j, const char* key, T& v) {
    const auto it = j.find(key);
    if (it != j.end()) v = it->template get<T>();
}

}  // namespace

const char* to_string(BoxState s) {
    switch (s) {
        case BoxState::Empty: return "empty";
        case BoxState::Digit: return "digit";
        case BoxState::Unclear: return "unclear";
    }
    return "unclear";
}

BoxState box_state(const std::string& s) {
    return s == "empty" ? BoxState::Empty : s == "digit" ? BoxState::Digit : BoxState::Unclear;
}

void to_json(json& j, const MeasuredOption& o) {
    j = {{"value", o.value},           {"fill", o.fill},         {"spill", o.spill},
         {"dark_fill", o.dark_fill},   {"faint", o.faint},       {"faint_fill", o.faint_fill},
         {"ink_fill", o.ink_fill},     {"ink_ring", o.ink_ring}, {"tone", o.tone},
         {"stroke", o.stroke}};
}

void from_json(const json& j, MeasuredOption& o) {
    o = {};
    take(j, "value", o.value);
    take(j, "fill", o.fill), take(j, "spill", o.spill), take(j, "dark_fill", o.dark_fill);
    take(j, "faint", o.faint), take(j, "faint_fill", o.faint_fill);
    take(j, "ink_fill", o.ink_fill), take(j, "ink_ring", o.ink_ring);
    take(j, "tone", o.tone), take(j, "stroke", o.stroke);
}

void to_json(json& j, const MeasuredBox& b) {
    j = {{"state", to_string(b.state)}, {"digit", b.digit}, {"confidence", b.confidence}, {"flag", b.flag}};
}

void from_json(const json& j, MeasuredBox& b) {
    b = {};
    std::string state;
    take(j, "state", state);
    b.state = box_state(state);
    take(j, "digit", b.digit), take(j, "confidence", b.confidence), take(j, "flag", b.flag);
}

void to_json(json& j, const MeasuredColumn& c) { j = {{"marked", c.marked}, {"unclear", c.unclear}, {"fill", c.fill}}; }

void from_json(const json& j, MeasuredColumn& c) {
    c = {};
    take(j, "marked", c.marked), take(j, "unclear", c.unclear), take(j, "fill", c.fill);
}

namespace {

// Every key of the object with its member: the one list both directions walk.
template <class M, class F>
void each_key(M& m, F&& f) {
    f("options", m.options), f("baseline_fill", m.baseline_fill), f("writer_tone", m.writer_tone);
    f("boxes", m.boxes), f("blank", m.blank), f("decimal_boxes", m.decimal_boxes);
    f("columns", m.columns);
    f("print_seen", m.print_seen), f("outside_image", m.outside_image);
    f("ink_beside_mm2", m.ink_beside_mm2), f("ink_outside_boxes_mm2", m.ink_outside_boxes_mm2);
    f("unregistered", m.unregistered);
    f("source", m.source), f("file", m.file), f("line", m.line), f("timestamp", m.timestamp);
    f("raw", m.raw), f("problem", m.problem);
}

}  // namespace

void to_json(json& j, const FieldMeasurements& m) {
    j = json::object();
    each_key(m, [&j](const char* key, const auto& v) { put(j, key, v); });
}

void from_json(const json& j, FieldMeasurements& m) {
    m = {};
    if (!j.is_object()) return;  // null (or anything but an object): nothing measured
    each_key(m, [&j](const char* key, auto& v) { take(j, key, v); });
}

}  // namespace quizscan
