// The review server under ordinary network misbehaviour (issue 28): a second server on a busy
// port fails, slow clients neither delay others nor hold a connection past the deadline, a
// burst of connections is served, and no body (chunked or not) is read past its cap. Also the
// `review --list` CSV keeps a file name from running as a spreadsheet formula.
#include "review/http_listener.hpp"
#include "review/queue_csv.hpp"
#include "review/server.hpp"

#include "test_util.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <sstream>
#include <thread>
#include <vector>

using namespace quizscan::review;
using namespace quizscan::review::testing;
using quizscan::store::Db;
using Clock = std::chrono::steady_clock;

namespace {

const std::string kToken = "0123456789abcdef0123456789abcdef";

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool send_all(int fd, const std::string& s) {
    for (std::size_t off = 0; off < s.size();) {
        const ssize_t n = ::send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
        if (n <= 0) return false;
        off += static_cast<std::size_t>(n);
    }
    return true;
}

// What the server sent until it closed or `wait` passed.
std::string read_some(int fd, std::chrono::milliseconds wait) {
    std::string got;
    const auto until = Clock::now() + wait;
    char buf[4096];
    while (Clock::now() < until) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
}

class Limits : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = temp_db_path();
        f_ = make_fixture_db(path_);
        ServerOptions o;
        o.token = kToken;
        o.on_url = [](const std::string&) {};
        server_ = std::make_unique<ReviewServer>(path_, o);
        port_ = server_->start();
    }
    void TearDown() override { server_->stop(); }

    // One authorised GET with its own connection; the status, or -1.
    int get_queue(int timeout_s = 5) const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(timeout_s);
        c.set_read_timeout(timeout_s);
        const auto r = c.Get("/api/queue", {{"Authorization", "Bearer " + kToken}});
        return r ? r->status : -1;
    }

    std::string path_;
    Fixture f_;
    int port_ = 0;
    std::unique_ptr<ReviewServer> server_;
};

}  // namespace

TEST_F(Limits, SecondServerOnABusyPortFails) {
    ServerOptions o;
    o.token = kToken;
    o.port = port_;
    o.on_url = [](const std::string&) {};
    ReviewServer second(path_, o);
    try {
        second.start();
        FAIL() << "a second server started on busy port " << port_;
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("in use"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find(std::to_string(port_)), std::string::npos) << e.what();
    }
    for (int i = 0; i < 10; ++i) EXPECT_EQ(get_queue(), 200);  // every request reaches the first server
}

TEST_F(Limits, SlowClientsDoNotDelayANormalRequest) {
    std::vector<int> slow;
    for (int i = 0; i < 20; ++i) {
        const int fd = connect_to(port_);
        ASSERT_GE(fd, 0);
        ASSERT_TRUE(send_all(fd, "G"));
        slow.push_back(fd);
    }
    std::atomic<bool> done{false};
    std::thread dribble([&] {  // a header byte every second on each slow connection
        for (int t = 0; t < 30 && !done; ++t) {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            for (const int fd : slow) ::send(fd, "E", 1, MSG_NOSIGNAL);
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto t0 = Clock::now();
    const int status = get_queue(8);
    const double took = seconds_since(t0);
    done = true;
    dribble.join();
    for (const int fd : slow) ::close(fd);
    RecordProperty("seconds", std::to_string(took));
    EXPECT_EQ(status, 200);
    EXPECT_LT(took, 3.0) << "a normal request waited behind 20 slow clients";
}

TEST_F(Limits, BurstOfConnectionsIsServed) {
    std::vector<std::thread> clients;
    std::atomic<int> ok{0};
    const auto t0 = Clock::now();
    for (int i = 0; i < 200; ++i)
        clients.emplace_back([&] {
            if (get_queue(20) == 200) ++ok;
        });
    for (auto& t : clients) t.join();
    EXPECT_EQ(ok.load(), 200);
    RecordProperty("burst_seconds", std::to_string(seconds_since(t0)));
}

TEST_F(Limits, ChunkedBodyIsCutAtItsCap) {
    Db db(path_);
    const auto before = snapshot(db);
    const int fd = connect_to(port_);
    ASSERT_GE(fd, 0);
    ASSERT_TRUE(send_all(fd, "POST /api/items/" + std::to_string(f_.q1) + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
                                 "\r\nAuthorization: Bearer " + kToken +
                                 "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
    const std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
    std::size_t sent = 0;
    const std::size_t total = 64u << 20;  // 64 MB of spaces: a server reading it all grows by as much
    while (sent < total && send_all(fd, chunk)) sent += 0x10000;
    const std::string answer = read_some(fd, std::chrono::milliseconds(2000));
    ::close(fd);
    EXPECT_LT(sent, total) << "the server read a 64 MB chunked body";
    if (!answer.empty()) {
        EXPECT_NE(answer.find(" 413 "), std::string::npos) << answer.substr(0, 200);
    }
    EXPECT_EQ(snapshot(db), before);
    EXPECT_EQ(get_queue(), 200);
}

TEST_F(Limits, LargeContentLengthIs413) {
    httplib::Client c("127.0.0.1", port_);
    const auto r = c.Post(("/api/items/" + std::to_string(f_.q1)).c_str(), {{"Authorization", "Bearer " + kToken}},
                          "{\"value\":\"" + std::string(100000, 'b') + "\"}", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413);
}

TEST(Listener, SlowClientIsCutAtTheDeadline) {
    ListenLimits limits;
    limits.request_deadline = std::chrono::milliseconds(800);
    GuardedServer svr(limits);
    svr.Get("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
    const int port = svr.bind_port("127.0.0.1", 0);
    std::thread t([&] { svr.serve(); });
    const int fd = connect_to(port);
    ASSERT_GE(fd, 0);
    const auto t0 = Clock::now();
    bool cut = false;
    for (int i = 0; i < 50 && !cut; ++i) {  // a byte every 100 ms, for up to 5 s
        cut = !send_all(fd, "G");
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 100) > 0) {
            char c;
            cut = cut || ::recv(fd, &c, 1, 0) <= 0;
        }
    }
    const double took = seconds_since(t0);
    ::close(fd);
    // A client that sends its request at once is answered.
    httplib::Client c("127.0.0.1", port);
    const auto r = c.Get("/");
    svr.stop_serving();
    t.join();
    EXPECT_TRUE(cut) << "still connected after " << took << " s";
    EXPECT_LT(took, 2.5);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "ok");
}

TEST(QueueCsv, FileNamesCannotRunAsSpreadsheetFormulas) {
    const std::string path = temp_db_path();
    make_fixture_db(path);
    Db db(path);
    db.exec("UPDATE inputs SET name = '=HYPERLINK(\"http://example.com\",\"open\").png'");
    db.exec("UPDATE review_items SET reason = '+1 ' || reason");
    std::ostringstream out;
    write_queue_csv(out, db);
    const std::string csv = out.str();
    for (const char* danger : {",=", ",\"=", ",+", ",\"+"}) EXPECT_EQ(csv.find(danger), std::string::npos) << danger << " in\n" << csv;
    EXPECT_NE(csv.find("'=HYPERLINK"), std::string::npos) << csv;
}
