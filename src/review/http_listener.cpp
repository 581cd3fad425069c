// The review server's listening socket, accept loop and per-request limits (see
// http_listener.hpp). Requests themselves are parsed and answered by httplib's process_request.
#include "review/http_listener.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace quizscan::review {
namespace {

using Clock = std::chrono::steady_clock;

thread_local bool t_over_budget = false;  // this thread's request went over its byte budget
thread_local bool t_close = false;        // close the connection after this answer (an error)

// A connection with a deadline for each request, a byte budget, and a read buffer.
class DeadlineStream final : public httplib::Stream {
public:
    DeadlineStream(int fd, const ListenLimits& limits) : fd_(fd), limits_(limits) {}

    bool wait_for_request(Clock::time_point until) const { return off_ < len_ || wait(POLLIN, until); }
    void start_request(Clock::time_point deadline) {
        deadline_ = deadline;
        bytes_ = len_ - off_;  // bytes of this request already read with the previous one
    }

    bool is_readable() const override { return off_ < len_ || wait(POLLIN, deadline_); }
    bool is_writable() const override { return wait(POLLOUT, Clock::now() + limits_.write_timeout); }

    ssize_t read(char* ptr, size_t size) override {
        if (off_ == len_) {
            if (!wait(POLLIN, deadline_)) return -1;
            ssize_t n;
            do n = ::recv(fd_, buf_, sizeof buf_, 0);
            while (n < 0 && errno == EINTR);
            if (n <= 0) return n;
            bytes_ += static_cast<std::size_t>(n);
            if (bytes_ > limits_.max_request_bytes) {
                t_over_budget = true;
                return -1;
            }
            off_ = 0, len_ = static_cast<std::size_t>(n);
        }
        const std::size_t k = std::min(size, len_ - off_);
        std::memcpy(ptr, buf_ + off_, k);
        off_ += k;
        return static_cast<ssize_t>(k);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (!wait(POLLOUT, Clock::now() + limits_.write_timeout)) return -1;
        ssize_t n;
        do n = ::send(fd_, ptr, size, MSG_NOSIGNAL);
        while (n < 0 && errno == EINTR);
        return n;
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override { address(true, ip, port); }
    void get_local_ip_and_port(std::string& ip, int& port) const override { address(false, ip, port); }
    socket_t socket() const override { return fd_; }

private:
    // Waits until the socket is ready for `events` or `until` passes (false then).
    bool wait(short events, Clock::time_point until) const {
        for (;;) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
            if (ms <= 0) return false;
            pollfd p{fd_, events, 0};
            const int r = ::poll(&p, 1, static_cast<int>(std::min<long long>(ms, INT_MAX)));
            if (r < 0 && errno == EINTR) continue;
            return r > 0;  // a hang-up counts as ready: the read or write then says so
        }
    }

    void address(bool peer, std::string& ip, int& port) const {
        sockaddr_storage a{};
        socklen_t len = sizeof a;
        auto* sa = reinterpret_cast<sockaddr*>(&a);
        if ((peer ? ::getpeername(fd_, sa, &len) : ::getsockname(fd_, sa, &len)) != 0) return;
        char host[INET6_ADDRSTRLEN] = "";
        if (a.ss_family == AF_INET) {
            const auto* s = reinterpret_cast<const sockaddr_in*>(&a);
            ::inet_ntop(AF_INET, &s->sin_addr, host, sizeof host);
            port = ntohs(s->sin_port);
        } else if (a.ss_family == AF_INET6) {
            const auto* s = reinterpret_cast<const sockaddr_in6*>(&a);
            ::inet_ntop(AF_INET6, &s->sin6_addr, host, sizeof host);
            port = ntohs(s->sin6_port);
        }
        ip = host;
    }

    int fd_;
    const ListenLimits& limits_;
    Clock::time_point deadline_;
    std::size_t bytes_ = 0;
    char buf_[4096];
    std::size_t off_ = 0, len_ = 0;
};

}  // namespace

bool request_over_budget() { return t_over_budget; }

GuardedServer::GuardedServer(ListenLimits limits) : limits_(limits) {
    set_logger([](const httplib::Request&, const httplib::Response& res) {
        if (res.status >= 400) t_close = true;  // the request may not have been read to its end
    });
}

GuardedServer::~GuardedServer() {
    stop_serving();
    for (int fd : {listen_fd_, wake_[0], wake_[1]})
        if (fd >= 0) ::close(fd);
}

int GuardedServer::bind_port(const std::string& host, int port) {
    const std::string where = host + ":" + std::to_string(port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
        throw std::runtime_error("cannot listen on " + where + ": unknown address");
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> guard(found, ::freeaddrinfo);
    int err = 0;
    for (const addrinfo* ai = found; ai && listen_fd_ < 0; ai = ai->ai_next) {
        const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        // SO_REUSEADDR lets a restarted server take its port at once; unlike SO_REUSEPORT it
        // never lets two processes listen on one port.
        const int yes = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, limits_.backlog) == 0) {
            listen_fd_ = fd;
        } else {
            err = errno;
            ::close(fd);
        }
    }
    if (listen_fd_ < 0) {
        if (err == EADDRINUSE)
            throw std::runtime_error("cannot listen on " + where + ": the port is in use (another quizscan review, or another "
                                     "program): choose another --port, or leave --port out for a free one");
        throw std::runtime_error("cannot listen on " + where + ": " + std::strerror(err));
    }
    if (::pipe2(wake_, O_CLOEXEC) != 0) throw std::runtime_error(std::string("cannot make a pipe: ") + std::strerror(errno));
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    const int bound = ntohs(a.ss_family == AF_INET6 ? reinterpret_cast<const sockaddr_in6*>(&a)->sin6_port
                                                    : reinterpret_cast<const sockaddr_in*>(&a)->sin_port);
    for (int i = 0; i < limits_.threads; ++i) workers_.emplace_back([this] { worker(); });
    return bound;
}

void GuardedServer::serve() {
    while (!stopping_) {
        {  // accept only for a free worker: further connections wait in the kernel's backlog
            std::unique_lock l(mu_);
            cv_.wait(l, [&] { return stopping_ || idle_ > static_cast<int>(accepted_.size()); });
        }
        pollfd p[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
        const int ready = stopping_ ? 0 : ::poll(p, 2, -1);
        if (stopping_ || p[1].revents) break;
        if (ready <= 0 || !(p[0].revents & POLLIN)) continue;
        const int c = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (c < 0) {
            if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        std::lock_guard l(mu_);
        accepted_.push_back(c);
        cv_.notify_all();
    }
}

void GuardedServer::stop_serving() {
    {
        std::lock_guard l(mu_);
        stopping_ = true;
        for (const int s : open_) ::shutdown(s, SHUT_RDWR);
        cv_.notify_all();
    }
    if (wake_[1] >= 0) {
        const char c = 1;
        if (::write(wake_[1], &c, 1) < 0) { /* the accept loop also checks stopping_ */ }
    }
    for (auto& t : workers_)
        if (t.joinable()) t.join();
    workers_.clear();
    std::lock_guard l(mu_);
    for (const int s : accepted_) ::close(s);
    accepted_.clear();
}

void GuardedServer::worker() {
    for (;;) {
        int sock = -1;
        {
            std::unique_lock l(mu_);
            ++idle_;
            cv_.notify_all();
            cv_.wait(l, [&] { return stopping_ || !accepted_.empty(); });
            --idle_;
            if (stopping_) return;
            sock = accepted_.front();
            accepted_.pop_front();
            open_.insert(sock);
        }
        serve_connection(sock);
        {
            std::lock_guard l(mu_);
            open_.erase(sock);  // before close: stop_serving never shuts down a reused descriptor
        }
        ::shutdown(sock, SHUT_RDWR);
        ::close(sock);
    }
}

void GuardedServer::serve_connection(int sock) {
    DeadlineStream strm(sock, limits_);
    const auto accepted_at = Clock::now();
    for (std::size_t n = 0; n < keep_alive_max_count_ && !stopping_; ++n) {
        // The first request must arrive whole within the deadline from the connection's start;
        // a later one within the deadline from its first byte.
        if (!strm.wait_for_request(n == 0 ? accepted_at + limits_.request_deadline : Clock::now() + limits_.keep_alive_idle))
            return;
        strm.start_request(n == 0 ? accepted_at + limits_.request_deadline : Clock::now() + limits_.request_deadline);
        t_over_budget = t_close = false;
        bool closed = false;
        const bool ok = process_request(strm, n + 1 == keep_alive_max_count_, closed, nullptr);
        if (!ok || closed || t_close) return;
    }
}

}  // namespace quizscan::review
