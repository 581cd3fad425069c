// CSV export of the open queue and the corrections import (see queue_csv.hpp).
#include "review/queue_csv.hpp"

#include "core/csv.hpp"
#include "core/text.hpp"
#include "review/identity_choices.hpp"
#include "review/queue.hpp"
#include "review/validate.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <istream>
#include <iterator>
#include <optional>
#include <ostream>
#include <stdexcept>

namespace quizscan::review {

void write_queue_csv(std::ostream& out, store::Db& db, bool all) {
    out << "item_id,kind,participant_id,session,field,guess,value,source,page_index,reason,choices";
    if (all) out << ",state,decided_by";
    out << '\n';
    std::optional<IdentityIndex> ids;
    for (const auto& it : all ? list_all(db) : list_queue(db)) {
        // A decided item shows its decision ("-" for blank), so the file applies back unchanged.
        const std::string value = it.value ? (it.value->empty() ? "-" : *it.value) : "";
        std::string choices;
        if (it.kind == "page_identity" && it.state == "open") {
            if (!ids) ids = load_identity_index(db);
            for (const auto& c : identity_choices(*ids, it, 9)) choices += (choices.empty() ? "" : " ") + c.value;
        }
        out << it.id << ',' << csv_field(it.kind) << ',' << csv_field(it.participant_id) << ',' << csv_field(it.session) << ','
            << csv_field(it.field) << ',' << csv_field(it.guess.value_or("")) << ',' << csv_field(value) << ','
            << csv_text_field(it.source) << ',' << (it.page_index ? std::to_string(*it.page_index) : std::string()) << ','
            << csv_text_field(it.reason) << ',' << csv_field(choices);
        if (all) out << ',' << csv_field(it.state) << ',' << csv_field(it.decided_by);
        out << '\n';
    }
}

ApplyReport apply_corrections_csv(store::Db& db, const std::string& path, bool amend) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ApplyReport r;
        r.error = path + ": cannot open the corrections file";
        return r;
    }
    return apply_corrections_csv(db, in, path, amend);
}

ApplyReport apply_corrections_csv(store::Db& db, std::istream& in, const std::string& name, bool amend) {
    ApplyReport report;
    std::vector<CsvRecord> records;
    try {
        records = parse_csv(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), name);
    } catch (const std::runtime_error& e) {
        report.error = e.what();
        return report;
    }
    if (records.empty()) {
        report.error = name + ": empty file; expected a header with item_id and value columns";
        return report;
    }
    const auto& header = records.front().fields;
    int id_col = -1, value_col = -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
        const auto h = lower(trim(header[i]));
        if (h == "item_id" && id_col < 0) id_col = static_cast<int>(i);
        if (h == "value" && value_col < 0) value_col = static_cast<int>(i);
    }
    if (id_col < 0 || value_col < 0) {
        report.error = name + ": the first line must name the columns, with at least item_id and value "
                              "(as written by quizscan review --list)";
        return report;
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        const auto& fields = records[r].fields;
        if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // a line of spaces
        ApplyRow row;
        row.line = records[r].line;
        row.item_id = static_cast<std::size_t>(id_col) < fields.size() ? trim(fields[static_cast<std::size_t>(id_col)]) : "";
        row.value = static_cast<std::size_t>(value_col) < fields.size() ? trim(fields[static_cast<std::size_t>(value_col)]) : "";
        auto reject = [&](std::string why) {
            row.outcome = ApplyRow::Outcome::Rejected;
            row.message = std::move(why);
        };
        std::int64_t id = 0;
        const bool id_ok = !row.item_id.empty() && row.item_id.size() < 19 &&
                           std::all_of(row.item_id.begin(), row.item_id.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!id_ok) {
            reject("item_id \"" + row.item_id + "\" is not a number");
        } else if (row.value.empty()) {
            row.outcome = ApplyRow::Outcome::Skipped;
            row.message = "no value given (write - for blank)";
        } else {
            id = std::stoll(row.item_id);
            const auto it = get_item(db, id);
            std::string value = row.value;
            if (it && (it->kind == "choice" || it->kind == "number" || it->kind == "checkbox") &&
                (value == "-" || lower(value) == "blank"))
                value.clear();
            if (!it) {
                reject("no review item " + row.item_id);
            } else if (amend && it->state == "resolved") {
                const auto before = it->value;
                const auto res = amend_item(db, id, value, it->revision, "csv");
                if (!res.ok()) {
                    reject(res.error);
                } else if (res.value == before) {
                    row.outcome = ApplyRow::Outcome::Skipped;
                    row.message = "already resolved with this value";
                } else {
                    row.outcome = ApplyRow::Outcome::Applied;
                    row.message = "changed from " + (before && !before->empty() ? *before : std::string("blank")) + " to " +
                                  (res.value->empty() ? std::string("blank") : *res.value);
                    report.follow_ups += res.follow_ups;
                }
            } else {
                const auto res = resolve_item(db, id, value, std::nullopt, "csv");
                if (res.ok()) {
                    row.outcome = ApplyRow::Outcome::Applied;
                    row.message = res.value->empty() ? "resolved as blank" : "resolved as " + *res.value;
                    if (res.follow_ups > 0)
                        row.message += "; " + std::to_string(res.follow_ups) + " more of this writer's numbers sent to review";
                    report.follow_ups += res.follow_ups;
                } else if (res.status == 409 && get_item(db, id)->decided_by == "machine") {
                    row.outcome = ApplyRow::Outcome::Skipped;
                    row.message = "closed by quizscan itself (its page turned up, or another scan of the page settled it)";
                } else if (res.status == 409 && res.state == "resolved") {
                    // Same decision already stored (e.g. the file applied twice): nothing to do.
                    const auto v = validate_value(it->kind, value, it->options_json);
                    if (v.ok && res.value && *res.value == v.value) {
                        row.outcome = ApplyRow::Outcome::Skipped;
                        row.message = "already resolved with this value";
                    } else {
                        reject("already resolved as \"" + res.value.value_or("") +
                               "\"; to change a decision, apply the file with --amend (or edit it in the review page's history)");
                    }
                } else {
                    reject(res.error);
                }
            }
        }
        switch (row.outcome) {
            case ApplyRow::Outcome::Applied: ++report.applied; break;
            case ApplyRow::Outcome::Skipped: ++report.skipped; break;
            case ApplyRow::Outcome::Rejected: ++report.rejected; break;
        }
        report.rows.push_back(std::move(row));
    }
    return report;
}

void print_apply_report(std::ostream& out, const ApplyReport& report) {
    if (!report.error.empty()) {
        out << report.error << '\n';
        return;
    }
    for (const auto& r : report.rows) {
        const char* what = r.outcome == ApplyRow::Outcome::Applied ? "applied"
                           : r.outcome == ApplyRow::Outcome::Skipped ? "skipped"
                                                                     : "REJECTED";
        out << "line " << r.line << ": item " << r.item_id << ": " << what << ": " << r.message << '\n';
    }
    out << report.applied << " applied, " << report.skipped << " skipped, " << report.rejected << " rejected\n";
    if (report.follow_ups > 0)
        out << report.follow_ups << " more numbers by the writers of corrected digits were sent to review: "
               "list the queue again (--list) to see them\n";
}

}  // namespace quizscan::review
