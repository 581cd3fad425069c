// validate_value: what each kind accepts, how it is normalised, and what it refuses.
#include "review/validate.hpp"

#include "core/page_ref.hpp"

#include <gtest/gtest.h>

using quizscan::PageRef;
using quizscan::format_page_ref;
using quizscan::parse_page_ref;
using quizscan::review::validate_value;

namespace {

std::string ok(const std::string& kind, const std::string& v, const std::string& opts = {}) {
    const auto r = validate_value(kind, v, opts);
    EXPECT_TRUE(r.ok) << kind << " \"" << v << "\": " << r.error;
    return r.value;
}

void bad(const std::string& kind, const std::string& v, const std::string& opts = {}) {
    const auto r = validate_value(kind, v, opts);
    EXPECT_FALSE(r.ok) << kind << " \"" << v << "\" was accepted as \"" << r.value << "\"";
    EXPECT_FALSE(r.error.empty());
}

}  // namespace

TEST(Validate, Choice) {
    EXPECT_EQ(ok("choice", "b"), "b");
    EXPECT_EQ(ok("choice", "ac"), "ac");
    EXPECT_EQ(ok("choice", "abcd"), "abcd");
    EXPECT_EQ(ok("choice", ""), "");
    EXPECT_EQ(ok("choice", " B "), "b");
    bad("choice", "e", R"([{"value":"a"},{"value":"b"},{"value":"c"},{"value":"d"}])");  // letters of its options
    bad("choice", "g");   // a form has at most six options
    bad("choice", "ca");   // out of order
    bad("choice", "aa");   // repeat
    bad("choice", "1");
    bad("choice", "a,c");
}

TEST(Validate, Number) {
    EXPECT_EQ(ok("number", "40"), "40");
    EXPECT_EQ(ok("number", "0.6"), "0.6");
    EXPECT_EQ(ok("number", "195000"), "195000");
    EXPECT_EQ(ok("number", "999999.99"), "999999.99");
    EXPECT_EQ(ok("number", ""), "");
    EXPECT_EQ(ok("number", ".6"), "0.6");
    for (const char* v : {"4O", "abc", "1,000", "-3", "+3", "1234567", "0.123", "1.", ".", "1e5", "1 000", "0x10"}) bad("number", v);
}

TEST(Validate, CheckboxIdentitySheet) {
    EXPECT_EQ(ok("checkbox", "yes"), "yes");
    EXPECT_EQ(ok("checkbox", ""), "");
    bad("checkbox", "no");
    bad("checkbox", "x");
    EXPECT_EQ(ok("page_identity", "482913/pre/1"), "482913/pre/1");
    EXPECT_EQ(ok("page_identity", "482913/POST/2"), "482913/post/2");
    EXPECT_EQ(ok("page_identity", "not-a-form"), "not-a-form");
    for (const char* v : {"", "48291/pre/1", "482913/pre/3", "482913/mid/1", "482913-pre-1", "482913/pre/1/"}) bad("page_identity", v);
    const std::string cands = R"([{"page_id":12,"source":"a.pdf","page_index":3},{"page_id":"15","source":"b.pdf"}])";
    EXPECT_EQ(ok("sheet_duplicate", "12", cands), "12");
    EXPECT_EQ(ok("sheet_duplicate", "15", cands), "15");
    bad("sheet_duplicate", "13", cands);
    bad("sheet_duplicate", "", cands);
    bad("sheet_duplicate", "12", "not json");
    EXPECT_EQ(ok("sheet_missing", "rescan"), "rescan");
    EXPECT_EQ(ok("sheet_missing", "blank"), "blank");
    bad("sheet_missing", "");
    bad("what", "x");
}

TEST(Validate, PageAnswers) {
    const std::string opts =
        R"([{"field":"no_research","kind":"checkbox","values":["yes"],"read":""},)"
        R"({"field":"q1","kind":"choice","values":["a","b","c","d"],"read":""},)"
        R"({"field":"q2","kind":"choice","values":["a","b","c","d"],"read":"c"},)"
        R"({"field":"q3","kind":"choice","values":["a","b","c","d"],"read":""}])";
    // Any order, normalised to the options' order; empty is blank; several marks allowed (put in order).
    EXPECT_EQ(ok("page_answers", "q1=a;q2=;q3=bc;no_research=yes", opts), "no_research=yes;q1=a;q2=;q3=bc");
    EXPECT_EQ(ok("page_answers", " Q3 = CB ; q1=A;no_research=; q2 = d ;", opts), "no_research=;q1=a;q2=d;q3=bc");
    EXPECT_EQ(ok("page_answers", "no_research=;q1=;q2=;q3=", opts), "no_research=;q1=;q2=;q3=");
    bad("page_answers", "q1=a;q2=;q3=b", opts);                        // no_research missing
    bad("page_answers", "", opts);                                     // every field missing
    bad("page_answers", "q1=a;q1=b;q2=;q3=;no_research=", opts);       // twice
    bad("page_answers", "q1=e;q2=;q3=;no_research=", opts);            // not a letter of q1
    bad("page_answers", "q1=aa;q2=;q3=;no_research=", opts);           // repeat
    bad("page_answers", "q1=a;q2=;q3=;no_research=no", opts);          // checkbox is yes or empty
    bad("page_answers", "q1=a;q2=;q3=;no_research=;q9=a", opts);       // not on this page
    bad("page_answers", "q1 a;q2=;q3=;no_research=", opts);            // no '='
    bad("page_answers", "q1=a;q2=;q3=;no_research=", "not json");
}

TEST(PageRef, ParsesOnlyTheWholeIdentityAndFormatsItBack) {
    const auto r = parse_page_ref("482913/post/2");
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, (PageRef{"482913", "post", 2}));
    EXPECT_EQ(format_page_ref(*r), "482913/post/2");
    for (const char* bad : {"", "48291/pre/1", "4829130/pre/1", "482913/pre/3", "482913/PRE/1", "482913/pre/1/", "482913/pre", "48291x/pre/1",
                            "482913-pre-1", "not-a-form", " 482913/pre/1"})
        EXPECT_FALSE(parse_page_ref(bad)) << bad;
}
