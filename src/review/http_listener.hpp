// The review server's own listening socket and accept loop around cpp-httplib 0.11, whose
// defaults let a second process share a busy port (SO_REUSEPORT), queue only 5 connections,
// wait on a client that sends a byte every few seconds for as long as it likes, and read a
// chunked body of any size. Here: a busy port fails, the backlog is deep, every request must
// arrive whole within a deadline and within a byte budget, and a few slow clients cannot
// take every thread.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace quizscan::review {

struct ListenLimits {
    int backlog = 512;                                   // connections the kernel queues before accept
    int threads = 32;                                    // connections served at once (the rest wait queued)
    std::chrono::milliseconds request_deadline{10000};   // a request's head and body must arrive within this
    std::chrono::milliseconds keep_alive_idle{5000};     // wait for a next request on an open connection
    std::chrono::milliseconds write_timeout{5000};       // a client that does not read its answer
    std::size_t max_request_bytes = 96 * 1024;           // head and body of one request, chunked or not
};

// True on a server thread while the request being answered went over its byte budget
// (its answer is then 413; the connection is closed after it).
bool request_over_budget();

class GuardedServer : public httplib::Server {
public:
    explicit GuardedServer(ListenLimits limits = {});
    ~GuardedServer() override;

    // Binds host:port (port 0: a free one) and listens; returns the port. Throws
    // std::runtime_error naming the address when it is in use or cannot be bound.
    int bind_port(const std::string& host, int port);
    // Accepts and serves connections until stop_serving(); call on its own thread.
    void serve();
    // Ends serve(): no new connections, open ones shut down, threads joined. Idempotent.
    void stop_serving();

private:
    void worker();
    void serve_connection(int sock);

    ListenLimits limits_;
    int listen_fd_ = -1;
    int wake_[2] = {-1, -1};  // a pipe that wakes the accept loop for stop_serving()
    std::atomic<bool> stopping_{false};
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<int> accepted_;  // sockets waiting for a worker
    std::set<int> open_;        // sockets being served (shut down on stop)
    int idle_ = 0;              // workers waiting for a socket
    std::vector<std::thread> workers_;
};

}  // namespace quizscan::review
