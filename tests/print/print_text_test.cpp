// The printed sheets' text, through poppler's pdftotext: every question and option, the consent, the
// session and participant on every page, and no word under 8.5 pt but the option letters.
#include <gtest/gtest.h>

#include <cctype>
#include <regex>
#include <string>

#include "common/run_command.hpp"
#include "printed_sheets.hpp"

using namespace quizscan;
using namespace quizscan::print_testing;
using quizscan::testing::CmdResult;
using quizscan::testing::q;
using quizscan::testing::run;

namespace {

// Collapses every run of white space to one space and trims.
std::string normalise(const std::string& s) {
    std::string out;
    bool space = false;
    for (unsigned char c : s) {
        if (std::isspace(c)) {
            space = !out.empty();
        } else {
            if (space) out += ' ';
            space = false;
            out += static_cast<char>(c);
        }
    }
    return out;
}

// ---------------------------------------------------------------- (d) text

// A distinctive piece of `s` for searching the extracted text: the whole if short, else
// `n` characters from `at` (start or end), cut at UTF-8 character boundaries.
std::string piece(const std::string& s, size_t n, bool from_end) {
    const std::string t = normalise(s);
    if (t.size() <= n + 5) return t;
    size_t b = from_end ? t.size() - n : 0, e = from_end ? t.size() : n;
    while (b > 0 && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80) --b;
    while (e < t.size() && (static_cast<unsigned char>(t[e]) & 0xC0) == 0x80) ++e;
    return t.substr(b, e - b);
}

std::string page_text(const std::string& pdf, int page) {
    return normalise(run("pdftotext -enc UTF-8 -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + q(pdf) +
                         " -")
                         .out);
}

TEST_P(PrintTest, TextOfEveryQuestionAndOption) {
    const std::string front = page_text(p->pdf, 1), back = page_text(p->pdf, 2);
    ASSERT_FALSE(front.empty());
    for (const auto& qu : shipped().questions) {
        const std::string& text = qu.page == 1 ? front : back;
        const std::string& other = qu.page == 1 ? back : front;
        for (bool end : {false, true}) {
            const std::string s = piece(qu.stem, 36, end);
            EXPECT_NE(text.find(s), std::string::npos) << qu.id << " stem: " << s;
            EXPECT_EQ(other.find(s), std::string::npos) << qu.id << " stem on the wrong page: " << s;
        }
        if (!qu.prompt.empty()) {
            EXPECT_NE(text.find(piece(qu.prompt, 36, false)), std::string::npos) << qu.id << " prompt";
        }
        for (const auto& o : qu.options)
            EXPECT_NE(text.find(piece(o.text, 36, false)), std::string::npos) << qu.id << o.value << ": " << o.text;
        for (const auto& n : qu.numbers) {
            EXPECT_NE(text.find(n.label), std::string::npos) << n.id;
            EXPECT_NE(text.find(n.unit), std::string::npos) << n.id;
        }
        if (qu.table) {
            for (const auto& h : qu.table->header) EXPECT_NE(text.find(h), std::string::npos) << h;
            for (const auto& r : qu.table->rows)
                for (const auto& c : r) EXPECT_NE(text.find(c), std::string::npos) << c;
        }
    }
    EXPECT_NE(front.find(shipped().consent_title), std::string::npos);
    for (const auto& para : shipped().consent) {
        EXPECT_NE(front.find(piece(para, 36, false)), std::string::npos) << para;
        EXPECT_NE(front.find(piece(para, 36, true)), std::string::npos) << para;
    }
    EXPECT_NE(front.find(normalise(shipped().no_research_label)), std::string::npos);
    for (const auto& ins : shipped().instructions) EXPECT_NE(front.find(piece(ins, 36, false)), std::string::npos) << ins;
    EXPECT_NE(front.find(shipped().title), std::string::npos);
    EXPECT_NE(back.find(shipped().title), std::string::npos);
}

TEST_P(PrintTest, SessionAndParticipantPrintedOnEveryPage) {
    const std::string session = p->session == "pre" ? "PRE" : "POST";
    for (size_t i = 0; i < p->pages.size(); ++i) {
        const std::string t = page_text(p->pdf, static_cast<int>(i) + 1);
        EXPECT_NE(t.find(p->ids[i / 2]), std::string::npos) << "page " << i + 1;
        EXPECT_NE(t.find(session), std::string::npos) << "page " << i + 1;
        EXPECT_NE(t.find("page " + std::to_string(i % 2 + 1) + " of 2"), std::string::npos) << "page " << i + 1;
        EXPECT_EQ(t.find("{participant}"), std::string::npos);
        EXPECT_EQ(t.find("{session}"), std::string::npos);
    }
}

// ---------------------------------------------------------------- (f) text size, from the PDF

// Every word poppler finds is at least 8.5 pt, except the 6 pt option letters in the bubbles.
// pdftotext -bbox gives each word's box from the font's ascent to its descent: for Liberation
// Sans that is about 1.1 times the font size, so 8.5 pt text is at least 8.5 pt tall.
TEST_P(PrintTest, PrintedWordsAreAtLeast8_5pt) {
    const CmdResult r = run("pdftotext -bbox -f 1 -l 2 " + q(p->pdf) + " -");
    ASSERT_EQ(r.rc, 0);
    const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
    int words = 0, small = 0;
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), word); it != std::sregex_iterator(); ++it) {
        const double h = std::stod((*it)[4]) - std::stod((*it)[2]);
        const std::string w = (*it)[5];
        ++words;
        if (h >= 8.5) continue;
        ++small;
        EXPECT_TRUE(w.size() == 1 && w[0] >= 'a' && w[0] <= 'd') << "word '" << w << "' is " << h << " pt tall";
    }
    EXPECT_GT(words, 300);
    EXPECT_EQ(small, 8 * 4) << "the option letters";
}

}  // namespace
