// Item analysis per question and session (see items.hpp).
#include "score/items.hpp"

#include "score/cohort.hpp"
#include "score/misconceptions.hpp"
#include "score/score.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

std::vector<ItemStats> item_analysis(const Form& form, const std::vector<SheetResponses>& sheets) {
    std::vector<SheetResponses> research = analysis_sheets(sheets);
    std::vector<ItemStats> out;
    for (const std::string session : {"pre", "post"}) {
        std::vector<const SheetResponses*> used;
        std::vector<SheetScore> scores;
        for (const auto& s : research) {
            if (s.session != session) continue;
            SheetScore sc = score_sheet(form, s);
            if (!sc.complete) continue;
            used.push_back(&s);
            scores.push_back(std::move(sc));
        }
        const double n = static_cast<double>(used.size());
        auto share = [&](int count) -> std::optional<double> {
            if (used.empty()) return std::nullopt;
            return count / n;
        };
        for (size_t qi = 0; qi < form.questions.size(); ++qi) {
            const Question& q = form.questions[qi];
            ItemStats it;
            it.question = q.id;
            it.session = session;
            it.goal = q.goal;
            it.kind = q.kind;
            it.max_points = q.points;
            it.n = static_cast<int>(used.size());
            int blank = 0, multiple = 0, full = 0, partial = 0, miscon = 0;
            std::vector<int> option_count(q.options.size(), 0);
            std::vector<int> correct;
            std::vector<double> rest;
            for (size_t i = 0; i < used.size(); ++i) {
                const SheetResponses& s = *used[i];
                int pts = *scores[i].questions[qi].points;
                bool is_full = full_points(q, pts);
                full += is_full;
                correct.push_back(is_full ? 1 : 0);
                rest.push_back(static_cast<double>(*scores[i].total - pts));
                if (q.kind == QuestionKind::Choice) {
                    FieldValue f = field_value(s, q.id);
                    if (f.state == FieldState::Blank || f.value.empty()) ++blank;
                    else if (f.value.size() > 1) ++multiple;
                    for (size_t o = 0; o < q.options.size(); ++o)
                        if (f.state == FieldState::Value && f.value == q.options[o].value) ++option_count[o];
                } else {
                    bool all_blank = true, any_miscon = false;
                    for (const auto& nf : q.numbers) {
                        FieldValue f = field_value(s, nf.id);
                        if (f.state == FieldState::Value && !f.value.empty()) all_blank = false;
                        if (number_field_shows_misconception(nf, s)) any_miscon = true;
                    }
                    blank += all_blank;
                    miscon += any_miscon;
                    partial += (pts > 0 && !is_full);
                }
            }
            for (size_t o = 0; o < q.options.size(); ++o)
                it.option_share.push_back({q.options[o].value, share(option_count[o])});
            it.share_blank = share(blank);
            it.difficulty = share(full);
            if (q.kind == QuestionKind::Choice) {
                it.share_multiple = share(multiple);
            } else {
                it.share_partial = share(partial);
                it.share_number_misconception = share(miscon);
            }
            if (it.n >= kMinN) it.discrimination = point_biserial(correct, rest);
            out.push_back(std::move(it));
        }
    }
    // Question-major order: q1 pre, q1 post, q2 pre, ...
    std::vector<ItemStats> ordered;
    const size_t nq = form.questions.size();
    for (size_t qi = 0; qi < nq; ++qi)
        for (size_t si = 0; si < 2; ++si) ordered.push_back(std::move(out[si * nq + qi]));
    return ordered;
}

}  // namespace quizscan::score
