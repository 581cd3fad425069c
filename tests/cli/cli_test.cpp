// The command line as a new user meets it: --version, the usage with no arguments, `ids`
// refusing to overwrite a list, `check-form` with line-numbered errors, scan progress.
#include <gtest/gtest.h>

#include <regex>

#include "cli_util.hpp"

using namespace quizscan::clitest;

TEST(Cli, VersionNamesTheProjectVersion) {
    const CmdResult r = run(q(kExe) + " --version");
    EXPECT_EQ(r.rc, 0) << describe(r);
    EXPECT_EQ(r.out.rfind(std::string("quizscan ") + QUIZSCAN_PROJECT_VERSION, 0), 0u) << describe(r);
}

TEST(Cli, NoArgumentsPrintsTheUsage) {
    const CmdResult r = run(q(kExe));
    EXPECT_NE(r.rc, 0) << describe(r);
    // Every command a grader needs is listed, not only "A subcommand is required".
    for (const char* cmd : {"ids", "print", "scan", "review", "export", "report", "check-form"})
        EXPECT_TRUE(std::regex_search(r.err, std::regex(std::string("\\n\\s+") + cmd + "\\s"))) << cmd << "\n" << describe(r);
    EXPECT_EQ(r.out, "") << "stdout holds only results";
}

TEST(Ids, RefusesToOverwriteAListWithoutForce) {
    const fs::path dir = fresh_dir("ids");
    const fs::path list = dir / "ids.txt";
    write_file(list, "482913\n507164\n");
    const CmdResult r = run(q(kExe) + " ids --count 3 --out " + q(list.string()));
    EXPECT_NE(r.rc, 0) << describe(r);
    EXPECT_EQ(read_file(list), "482913\n507164\n") << "the list printed from must survive";
    EXPECT_NE(r.err.find("ids.txt"), std::string::npos) << describe(r);
    EXPECT_NE(r.err.find("--force"), std::string::npos) << describe(r);
    EXPECT_NE(r.err.find("pre and post"), std::string::npos) << describe(r);

    const CmdResult forced = run(q(kExe) + " ids --count 3 --seed 4 --force --out " + q(list.string()));
    EXPECT_EQ(forced.rc, 0) << describe(forced);
    const std::string text = read_file(list);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;

    const CmdResult fresh = run(q(kExe) + " ids --count 2 --out " + q((dir / "new.txt").string()));
    EXPECT_EQ(fresh.rc, 0) << describe(fresh);
}

TEST(CheckForm, TheShippedFormsAreValid) {
    for (const char* name : {"mlsysim-quiz", "exit-ticket"}) {
        const CmdResult r = run(q(kExe) + " check-form " + q(kSource + "/forms/" + name + ".yaml"));
        EXPECT_EQ(r.rc, 0) << name << "\n" << describe(r);
        EXPECT_NE(r.out.find(std::string("form '") + name + "' v1"), std::string::npos) << describe(r);
        EXPECT_NE(r.out.find("OK"), std::string::npos) << describe(r);
    }
}

TEST(CheckForm, AnErrorNamesItsLine) {
    const fs::path dir = fresh_dir("check-form");
    const std::string yaml = read_file(kSource + "/forms/exit-ticket.yaml");
    // q2's answer becomes a letter it has no option for.
    const std::string broken = std::regex_replace(yaml, std::regex("answer: a\n    options:\n      - \\{value: a, text: \"Memory"),
                                                  "answer: d\n    options:\n      - {value: a, text: \"Memory");
    ASSERT_NE(broken, yaml);
    std::size_t line = 1;
    for (std::size_t i = 0; i < broken.find("answer: d"); ++i) line += broken[i] == '\n';
    write_file(dir / "broken.yaml", broken);
    const CmdResult r = run(q(kExe) + " check-form " + q((dir / "broken.yaml").string()));
    EXPECT_EQ(r.rc, 1) << describe(r);
    EXPECT_NE(r.err.find("broken.yaml:" + std::to_string(line) + ": q2: answer 'd' is not one of its options"), std::string::npos)
        << "line " << line << "\n" << describe(r);

    const CmdResult missing = run(q(kExe) + " check-form " + q((dir / "missing.yaml").string()));
    EXPECT_EQ(missing.rc, 1) << describe(missing);
    EXPECT_NE(missing.err.find("missing.yaml"), std::string::npos) << describe(missing);

    // A form too long for its page is found too (the layout is made as print would).
    std::string long_stem = yaml;
    const std::string stem = "stem: \"A model has 7 billion parameters";
    long_stem.replace(long_stem.find(stem), stem.size(), stem + std::string(4000, 'x'));
    write_file(dir / "long.yaml", long_stem);
    const CmdResult overflow = run(q(kExe) + " check-form " + q((dir / "long.yaml").string()));
    EXPECT_EQ(overflow.rc, 1) << describe(overflow);
    EXPECT_NE(overflow.err.find("does not fit"), std::string::npos) << describe(overflow);
}

TEST(ScanProgress, CountsThePagesOfTheWholeBatchUpFront) {
    const fs::path dir = fresh_dir("progress");
    const auto pages = print_and_render(kExe, dir, "", {"482913", "507164"});
    // The printed PDF (4 pages) and a white page: 5 pages in all.
    cv::imwrite((dir / "extra.png").string(), cv::Mat(pages[0].size(), CV_8UC1, cv::Scalar(255)));
    const CmdResult r = run(q(kExe) + " scan --jobs 2 --db " + q((dir / "p.db").string()) + " " + q((dir / "sheets.pdf").string()) +
                            " " + q((dir / "extra.png").string()));
    EXPECT_EQ(r.rc, 0) << describe(r);
    // Without a terminal the first line comes when the first file starts: the total is known then.
    EXPECT_NE(r.err.find("scan: page 0/5 (file 1/2 sheets.pdf"), std::string::npos) << describe(r);
}
