// The database records the form it first meets (definition and fingerprint): later commands
// need no --form, and a --form that differs from the recorded one is named, with both.
#include <gtest/gtest.h>

#include <regex>

#include "cli_util.hpp"
#include "store/db.hpp"

using namespace quizscan::clitest;

namespace {

std::string text(const std::string& db_path, const std::string& sql) {
    quizscan::store::Db db(db_path);
    auto st = db.prepare(sql);
    return st.step() && !st.is_null(0) ? st.col_text(0) : "<null>";
}

// A copy of the exit ticket in `dir` (the form the database will record), and a white page scanned with it.
struct Scanned {
    fs::path dir, form, db;
};
Scanned scanned(const std::string& name) {
    Scanned s;
    s.dir = fresh_dir(name);
    s.form = s.dir / "ticket.yaml";
    write_file(s.form, read_file(kSource + "/forms/exit-ticket.yaml"));
    cv::imwrite((s.dir / "white.png").string(), cv::Mat(1650, 1275, CV_8UC1, cv::Scalar(255)));
    s.db = s.dir / "t.db";
    const CmdResult r = run(q(kExe) + " scan --db " + q(s.db.string()) + " --form " + q(s.form.string()) + " " +
                            q((s.dir / "white.png").string()));
    if (r.rc != 0) throw std::runtime_error("scan failed: " + describe(r));
    return s;
}

}  // namespace

TEST(FormRecord, LaterCommandsReadTheFormFromTheDatabase) {
    const Scanned s = scanned("recorded");
    EXPECT_EQ(text(s.db.string(), "SELECT form || ' v' || version FROM forms"), "exit-ticket v1");
    EXPECT_EQ(text(s.db.string(), "SELECT definition FROM forms"), read_file(s.form));
    fs::remove(s.form);  // the file is gone: only the database knows the form now
    const fs::path elsewhere = fresh_dir("recorded-elsewhere");
    const CmdResult r = run("cd " + q(elsewhere.string()) + " && " + q(kExe) + " export --db " + q(s.db.string()) + " --out out");
    EXPECT_EQ(r.rc, 0) << describe(r);
    // The exit ticket's columns, not the shipped quiz's.
    const std::string csv = read_file(elsewhere / "out" / "responses.csv");
    const std::string header = csv.substr(0, csv.find('\n'));
    EXPECT_NE(header.find(",q5_gpus,"), std::string::npos) << csv;
    EXPECT_EQ(header.find("q6_int4"), std::string::npos) << csv;
    const CmdResult rep = run(q(kExe) + " report --db " + q(s.db.string()) + " --out " + q((elsewhere / "r.html").string()));
    EXPECT_EQ(rep.rc, 0) << describe(rep);
    // A second scan without --form reads with the recorded form too.
    cv::imwrite((s.dir / "white2.png").string(), cv::Mat(1650, 1276, CV_8UC1, cv::Scalar(255)));
    const CmdResult again = run(q(kExe) + " scan --db " + q(s.db.string()) + " " + q((s.dir / "white2.png").string()));
    EXPECT_EQ(again.rc, 0) << describe(again);
    EXPECT_EQ(text(s.db.string(), "SELECT COUNT(*) FROM forms"), "1");
}

TEST(FormRecord, AChangedDefinitionIsNamedWithTheRecordedOne) {
    const Scanned s = scanned("changed");
    const fs::path changed = s.dir / "ticket-fixed.yaml";
    const std::string yaml = read_file(s.form);
    const std::string fixed = std::regex_replace(yaml, std::regex("answer: c\n"), "answer: b\n");
    ASSERT_NE(fixed, yaml);
    write_file(changed, fixed);
    // Scanning more pages with it would mix two definitions under one id and version: an error.
    cv::imwrite((s.dir / "white2.png").string(), cv::Mat(1650, 1276, CV_8UC1, cv::Scalar(255)));
    const CmdResult sc = run(q(kExe) + " scan --db " + q(s.db.string()) + " --form " + q(changed.string()) + " " +
                             q((s.dir / "white2.png").string()));
    EXPECT_NE(sc.rc, 0) << describe(sc);
    EXPECT_NE(sc.err.find("ticket-fixed.yaml"), std::string::npos) << describe(sc);
    EXPECT_NE(sc.err.find("ticket.yaml"), std::string::npos) << describe(sc);
    EXPECT_NE(sc.err.find("differs"), std::string::npos) << describe(sc);
    // Exporting with it (a corrected key) works, with a warning naming both.
    const CmdResult ex = run(q(kExe) + " export --db " + q(s.db.string()) + " --form " + q(changed.string()) + " --out " +
                             q((s.dir / "out").string()));
    EXPECT_EQ(ex.rc, 0) << describe(ex);
    EXPECT_NE(ex.err.find("warning"), std::string::npos) << describe(ex);
    EXPECT_NE(ex.err.find("ticket-fixed.yaml"), std::string::npos) << describe(ex);
    EXPECT_NE(ex.err.find("recorded"), std::string::npos) << describe(ex);
    // The same content written differently (a comment, other spacing) is the same form.
    write_file(s.dir / "respaced.yaml", "# a comment\n" + std::regex_replace(yaml, std::regex("title: "), "title:   "));
    const CmdResult same = run(q(kExe) + " export --db " + q(s.db.string()) + " --form " + q((s.dir / "respaced.yaml").string()) +
                               " --out " + q((s.dir / "out2").string()));
    EXPECT_EQ(same.rc, 0) << describe(same);
    EXPECT_EQ(same.err.find("differs"), std::string::npos) << describe(same);
}

TEST(FormRecord, AFormTheDatabaseNeverMetIsAnError) {
    const Scanned s = scanned("other");
    const CmdResult r = run(q(kExe) + " export --db " + q(s.db.string()) + " --form " + q(kQuizForm) + " --out " +
                            q((s.dir / "out").string()));
    EXPECT_NE(r.rc, 0) << describe(r);
    EXPECT_NE(r.err.find("mlsysim-quiz"), std::string::npos) << describe(r);
    EXPECT_NE(r.err.find("exit-ticket"), std::string::npos) << describe(r);
}
