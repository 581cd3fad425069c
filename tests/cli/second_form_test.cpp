// A second, different form (forms/exit-ticket.yaml: five questions, three-option bubbles, one
// number, no consent block) through the same code as the quiz: print, render with pdftoppm,
// mark with OpenCV, scan, export and report, the last two without --form.
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "cli_util.hpp"

using namespace quizscan::clitest;

namespace {

const std::string kTicket = kSource + "/forms/exit-ticket.yaml";

// responses.csv as rows of column -> value.
std::vector<std::map<std::string, std::string>> csv_rows(const std::string& csv) {
    std::vector<std::map<std::string, std::string>> rows;
    std::istringstream in(csv);
    std::string line;
    std::vector<std::string> header;
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::stringstream ls(line);
        std::string c;
        while (std::getline(ls, c, ',')) cells.push_back(c);
        if (!line.empty() && line.back() == ',') cells.push_back("");
        if (header.empty()) {
            header = cells;
            continue;
        }
        std::map<std::string, std::string> row;
        for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
        rows.push_back(row);
    }
    return rows;
}

}  // namespace

TEST(SecondForm, ExitTicketPrintsScansExportsAndReports) {
    const fs::path dir = fresh_dir("exit-ticket");
    auto pages = print_and_render(kExe, dir, "--form " + q(kTicket), {"482913", "507164"});
    const quizscan::Layout layout = quizscan::make_layout(quizscan::load_form(kTicket), quizscan::paper_by_name("letter"));
    // No consent block: no NO RESEARCH box on the page.
    for (const auto& f : layout.page(1)->fields) EXPECT_NE(f.id, "no_research");
    // The back names this form's questions (not the quiz's "questions 6 to 10").
    bool back_named = false;
    for (const auto& t : layout.page(2)->texts) back_named = back_named || t.markup.find("questions 4 to 5") != std::string::npos;
    EXPECT_TRUE(back_named);
    // 482913: q1 b, q2 a, q3 c, q4 b (wrong), q5 2. 507164: q1 a (wrong), q2 blank, q3 c, q4 a, q5 3 (wrong).
    fill(pages[0], layout, 1, "q1", "b");
    fill(pages[0], layout, 1, "q2", "a");
    fill(pages[0], layout, 1, "q3", "c");
    fill(pages[1], layout, 2, "q4", "b");  // one of the back's two bubbles: the page's empty baseline must not be it
    write_digit(pages[1], layout, 2, "q5_gpus", "2");
    fill(pages[2], layout, 1, "q1", "a");
    fill(pages[2], layout, 1, "q3", "c");
    fill(pages[3], layout, 2, "q4", "a");
    write_digit(pages[3], layout, 2, "q5_gpus", "3");
    const fs::path scans = dir / "scans";
    fs::create_directories(scans);
    for (std::size_t i = 0; i < pages.size(); ++i) cv::imwrite((scans / ("scan-" + std::to_string(i + 1) + ".png")).string(), pages[i]);

    const std::string db = (dir / "ticket.db").string();
    const CmdResult sc = run(q(kExe) + " scan --jobs 2 --db " + q(db) + " --form " + q(kTicket) + " " + q(scans.string()));
    ASSERT_EQ(sc.rc, 0) << describe(sc);
    EXPECT_NE(sc.out.find("pages read: 4"), std::string::npos) << describe(sc);
    EXPECT_NE(sc.out.find("sheets: 2 (2 with both pages)"), std::string::npos) << describe(sc);

    const CmdResult ex = run(q(kExe) + " export --db " + q(db) + " --out " + q((dir / "out").string()));
    ASSERT_EQ(ex.rc, 0) << describe(ex);
    const auto rows = csv_rows(read_file(dir / "out" / "responses.csv"));
    ASSERT_EQ(rows.size(), 2u) << read_file(dir / "out" / "responses.csv");
    const auto& a = rows[0];
    const auto& b = rows[1];
    EXPECT_EQ(a.at("participant_id"), "482913");
    EXPECT_EQ(a.at("q1"), "b");
    EXPECT_EQ(a.at("q2"), "a");
    EXPECT_EQ(a.at("q3"), "c");
    EXPECT_EQ(a.at("q4"), "b");
    EXPECT_EQ(a.at("q5_gpus"), "2");
    EXPECT_EQ(a.at("pending"), "") << "no consent box: nothing to wait for";
    EXPECT_EQ(a.at("total"), "4");
    EXPECT_EQ(b.at("participant_id"), "507164");
    EXPECT_EQ(b.at("q1"), "a");
    EXPECT_EQ(b.at("q2"), "");
    EXPECT_EQ(b.at("q3"), "c");
    EXPECT_EQ(b.at("q4"), "a");
    EXPECT_EQ(b.at("q5_gpus"), "3");
    EXPECT_EQ(b.at("pending"), "");
    EXPECT_EQ(b.at("total"), "2");
    // research.csv keeps everyone: nobody can opt out on this form.
    EXPECT_EQ(csv_rows(read_file(dir / "out" / "research.csv")).size(), 2u);

    const CmdResult rep = run(q(kExe) + " report --db " + q(db) + " --out " + q((dir / "report.html").string()));
    ASSERT_EQ(rep.rc, 0) << describe(rep);
    const std::string html = read_file(dir / "report.html");
    EXPECT_NE(html.find("Workshop Exit Ticket"), std::string::npos);
}
