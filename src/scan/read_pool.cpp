// The reader threads (see read_pool.hpp): a bounded queue of jobs, each worker with its own open
// PDF or TIFF, outcomes kept by sequence number until their turn.
#include "scan/read_pool.hpp"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "scan/inputs.hpp"

namespace fs = std::filesystem;

namespace quizscan {
namespace {

// Decodes and reads one job; never throws (every failure is the outcome's error).
PageDone run_job(const PageJob& job, double pdf_dpi, const ReadContext& ctx, std::unique_ptr<MultiPageFile>& file) {
    PageDone d;
    d.job = job;
    d.source = fs::path(job.path).filename().string();
    PageImage page;
    if (job.kind == InputKind::Pdf || job.kind == InputKind::Tiff) {
        try {
            if (!file || file->path() != job.path) file = std::make_unique<MultiPageFile>(job.path, job.kind, pdf_dpi);
            page = file->read(job.page_index);
        } catch (const std::exception& e) {  // InputError, or a decoder's own (cv::Exception, bad_alloc)
            d.page_error = e.what();
            return d;
        }
    } else {
        try {
            for_each_page(job.path, job.kind, pdf_dpi, [&](PageImage&& p) { page = std::move(p); }, [](int, const std::string&) {});
        } catch (const std::exception& e) {
            d.file_error = e.what();
        }
        if (page.gray.empty()) {
            if (d.file_error.empty()) d.file_error = "the image could not be decoded";
            return d;
        }
    }
    d.dpi = page.dpi;
    try {
        d.result = read_page(page, ctx);
    } catch (const std::exception& e) {  // a bug or an exhausted machine: the page is not called anything it is not
        d.page_error = std::string("the page was decoded but could not be read (") + e.what() + "): scan it again; if it fails again, report it";
    }
    return d;
}

}  // namespace

struct ReadPool::Impl {
    std::size_t capacity;
    std::function<void(PageDone&)> deliver;
    std::mutex mu;
    std::condition_variable changed;
    std::deque<std::pair<long, PageJob>> todo;
    std::map<long, PageDone> done;
    bool closed = false;
    long submitted = 0, delivered = 0;
    std::vector<std::thread> workers;

    void work(int w, double pdf_dpi, const std::function<ReadContext(int)>& context) {
        const ReadContext ctx = context(w);
        std::unique_ptr<MultiPageFile> file;  // this thread's open PDF or TIFF
        for (;;) {
            std::pair<long, PageJob> job;
            {
                std::unique_lock<std::mutex> l(mu);
                changed.wait(l, [&] { return !todo.empty() || closed; });
                if (todo.empty()) return;
                job = std::move(todo.front());
                todo.pop_front();
                changed.notify_all();
            }
            PageDone d = run_job(job.second, pdf_dpi, ctx, file);
            std::lock_guard<std::mutex> l(mu);
            done.emplace(job.first, std::move(d));
            changed.notify_all();
        }
    }

    // Delivers, in order, until at most `behind` submitted jobs are undelivered.
    void deliver_until(long behind) {
        while (submitted - delivered > behind) {
            PageDone d;
            {
                std::unique_lock<std::mutex> l(mu);
                changed.wait(l, [&] { return done.count(delivered) > 0; });
                d = std::move(done[delivered]);
                done.erase(delivered);
                ++delivered;
            }
            deliver(d);
        }
    }
};

ReadPool::ReadPool(int workers, double pdf_dpi, std::function<ReadContext(int)> context, std::function<void(PageDone&)> deliver)
    : impl_(std::make_unique<Impl>()) {
    const int n = std::max(1, workers);
    impl_->capacity = static_cast<std::size_t>(2 * n);
    impl_->deliver = std::move(deliver);
    for (int w = 0; w < n; ++w) impl_->workers.emplace_back([this, w, pdf_dpi, context] { impl_->work(w, pdf_dpi, context); });
}

ReadPool::~ReadPool() {
    {
        std::lock_guard<std::mutex> l(impl_->mu);
        impl_->closed = true;
        impl_->todo.clear();
        impl_->changed.notify_all();
    }
    for (auto& t : impl_->workers) t.join();
}

void ReadPool::submit(PageJob job) {
    {
        std::lock_guard<std::mutex> l(impl_->mu);
        impl_->todo.emplace_back(impl_->submitted++, std::move(job));
        impl_->changed.notify_all();
    }
    impl_->deliver_until(static_cast<long>(impl_->capacity));  // bounded: at most this many decoded pages held
}

void ReadPool::drain() { impl_->deliver_until(0); }

}  // namespace quizscan
