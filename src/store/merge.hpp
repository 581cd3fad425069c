// Several scans of one sheet page (a page scanned again) merged field by field: what the
// machine read on each scan, the review items on them, and what stands for each field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/responses.hpp"
#include "store/db.hpp"
#include "store/pages.hpp"

namespace quizscan::store {

// `resolutions.via` of the changes quizscan makes itself (not a person's decision):
// 'merge' closes or reopens field items as scans of a page come and go, 'sheets' does the
// same for missing-page items.
bool is_machine_via(const std::string& via);

// One field as one scan read it (a row of readings).
struct ScanRead {
    std::int64_t page_id = 0;
    std::string field, kind;   // kind: choice | number | checkbox
    std::string value;         // '' = blank
    bool confident = false;    // needs_review = 0
};

// A review item on one of the scans, with its newest resolution.
struct ScanItem {
    std::int64_t id = 0, page_id = 0;
    std::string kind, field;   // field '' for page-wide items (page_answers)
    std::string state;         // open | resolved
    std::optional<std::string> value, guess;
    bool audit = false;
    std::string last_action, last_via;  // '' when it has no resolution
    std::int64_t last_resolution = 0;   // resolutions.id of that row (0 when none)

    bool decided_by_person() const { return state == "resolved" && last_action == "resolve" && !is_machine_via(last_via); }
    bool closed_by_machine() const { return state == "resolved" && is_machine_via(last_via); }
    bool reopened_by_person() const { return state == "open" && last_action == "undo" && !is_machine_via(last_via); }
};

// The readings and items of a set of scans (page ids).
struct ScanState {
    std::vector<ScanRead> reads;
    std::vector<ScanItem> items;
};
ScanState load_scan_state(const Db& db, const std::vector<std::int64_t>& page_ids);

// The value the scans agree on: every scan that read the field gave the same value and at
// least one read it confidently. nullopt: they disagree, or none was sure.
std::optional<std::string> agreed_value(const std::vector<ScanRead>& reads);

// The scans that stand for a sheet page: the one a person kept (an old 'sheet_duplicate'
// decision) or, without one, all of them. Ordered best first: readings before none, fewer
// uncertain fields, newer.
std::vector<std::int64_t> standing_scans(const std::vector<const EffectivePage*>& scans, const ScanState& st);

// What stands for `field` of a sheet page: a person's decision on any of its scans (the
// newest), else Pending while an item on it is open, else the value the standing scans agree
// on, else Pending.
FieldValue merged_value(const std::string& field, const std::vector<std::int64_t>& standing, const ScanState& st);

// merged_value for every field of a sheet page scanned more than once.
struct MergedPage {
    std::vector<std::int64_t> standing;
    ScanState state;
    FieldValue value(const std::string& field) const { return merged_value(field, standing, state); }
};
MergedPage merge_scans(const Db& db, const std::vector<const EffectivePage*>& scans);

}  // namespace quizscan::store
