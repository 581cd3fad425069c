// Writer follow-up: a person's correction of a handwritten number shows how this writer's hand fools
// the digit reader (their 4 read as 9). Their other numbers that were read confidently and hold the
// misread digit then go to review too, since a writer makes a digit the same way every time.
#pragma once

#include "store/db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace quizscan::review {

struct DigitConfusion {
    char read = 0;   // what the reader took the digit for
    char meant = 0;  // what the person decided it is
    bool operator==(const DigitConfusion&) const = default;
};

// The digits a person's decision changed, position by position; none when the lengths or the
// points differ (a digit added or dropped, so positions cannot be matched).
std::vector<DigitConfusion> digit_confusions(const std::string& guess, const std::string& decided);

// Sends to review (kind number, not audit) every number of the writer of `page_id` that was read
// confidently (no review item yet) and holds a digit that a person's decision on another of the
// writer's numbers showed misread. A page's writer is its participant as store::effective_pages has
// it (barcode, printed ID or a page_identity decision). Called after a number is decided (its
// confusions reach the writer's other numbers) and after a page is identified in review (the writer's
// earlier confusions reach that page). Runs in the caller's transaction. Returns how many items it added.
int add_writer_follow_ups(store::Db& db, std::int64_t page_id);

}  // namespace quizscan::review
