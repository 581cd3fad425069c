// A Google Forms export of one session turned into the sheets to record: columns mapped
// to fields, answers to values, one submission per participant (the last one counts,
// the others are listed), timestamps checked against the form's time limit. Pure: the
// store writes the plan (store/forms_store.hpp), the CLI prints it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "import/forms_answers.hpp"
#include "import/timestamps.hpp"

namespace quizscan::import {

struct Submission {
    int line = 0;                       // line of the CSV where the submission starts (the header is line 1)
    std::string participant;            // 6 digits
    bool no_research = false;           // NO RESEARCH ticked, or written beside the ID
    std::string timestamp;              // as exported
    std::optional<Timestamp> time;      // parse_timestamp(timestamp)
    std::vector<Answer> answers;        // form.field_ids() order
    std::string sha256;                 // of session, participant, timestamp and every cell: known again on re-import
    std::string late;                   // "7 min 12 s after ..." when beyond the time limit, else ""
};

struct ImportOptions {
    std::string session;                // "pre" or "post"
    std::string start;                  // quiz start ("09:00" or a timestamp); empty: the first submission
    int time_limit_minutes = 0;         // 0: the form's, else this
};

struct ImportPlan {
    std::string file;
    std::vector<std::string> errors;       // nothing may be written (a required column missing, ...)
    std::vector<std::string> notes;        // columns not used
    std::vector<Submission> counted;       // the last submission of each participant, by line
    std::vector<Submission> superseded;    // earlier submissions of a participant, by line
    std::vector<std::string> superseded_why;  // parallel to superseded: which line counts instead
    std::vector<std::string> rejected;     // rows without a usable participant ID, with why
    std::string window;                    // how the time window was anchored, for the summary
    int rows = 0;                          // data rows read
    bool ok() const { return errors.empty(); }
};

// Never throws on the content: problems become errors or notes. `file` names the CSV in messages.
ImportPlan plan_import(const Form& form, const std::string& csv_text, const std::string& file,
                       const ImportOptions& options);

}  // namespace quizscan::import
