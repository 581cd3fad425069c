// A spare sheet's participant ID: its six written boxes and its bubble grid, read independently,
// and the rule that accepts an ID without a person (both agree on a roster ID, or one is read with
// confidence and the other does not contradict it); otherwise the nearest roster IDs to choose from.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace quizscan {

// One written box as the number reader saw it.
struct IdBox {
    enum class State { Empty, Digit, Unclear } state = State::Empty;
    int digit = -1;  // Digit: the digit; Unclear: the best guess, -1 when none (e.g. the box could not be seen)
};

// One grid column as the bubble reader saw it.
struct IdColumn {
    std::string marked;    // digits whose bubbles are marked: "" none, "3", "38" several
    bool unclear = false;  // a faint or doubtful mark somewhere in the column
};

struct SpareIdReading {
    std::vector<IdBox> boxes;        // six, left to right
    bool written_confident = false;  // the number reader was sure of every box and each holds a digit
    std::vector<IdColumn> columns;   // six, left to right

    bool grid_confident() const;     // one clear mark in every column
    std::string written_text() const;  // a character a box: the digit, '?' unclear, '_' empty ("48291?")
    std::string grid_text() const;     // a character a column: the digit, '?' unclear or several, '_' none
};

// A roster ID near what was read, for a person to choose.
struct IdCandidate {
    std::string id;
    double cost = 0;            // lower is nearer (0: both readings say exactly this)
    int written_agree = 0;      // boxes whose reading is this ID's digit
    int grid_agree = 0;         // columns whose single mark is this ID's digit
    std::string why;            // for people: "written: 6 of 6 boxes; grid: 5 of 6 columns"
};

struct SpareIdDecision {
    std::string accepted;                 // the participant ID, or "" when a person must decide
    std::string why;                      // for people: how it was decided, or why not
    std::vector<IdCandidate> candidates;  // nearest roster IDs, best first
};

constexpr std::size_t kMaxIdCandidates = 5;
// A roster ID is offered as near only when the boxes or the grid agree with it in this many of six
// places: an ID written off the roster gets no preselected stranger, the person types it.
constexpr int kMinNearAgree = 4;

// Decides the page's participant from what was read and the roster (the IDs printed or given with
// --ids). An empty roster accepts nothing.
SpareIdDecision decide_spare_id(const SpareIdReading& reading, const std::set<std::string>& roster);

}  // namespace quizscan
