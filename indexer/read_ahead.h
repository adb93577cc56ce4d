// Results produced on worker threads and handed over in order, a bounded number ahead of the
// thread that uses them: the build reads, parses and analyses the next topics on one core
// while the other writes the current one to SQLite. At most `ahead` results are made before
// they are taken, so memory stays flat.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace kb {

template <typename T>
class ReadAhead {
 public:
  // Calls produce(0), produce(1), ..., produce(count - 1) on WORKERS threads of its own;
  // PRODUCE must be safe to call from several threads at once when WORKERS > 1.
  ReadAhead(std::size_t count, std::size_t ahead, std::function<T(std::size_t)> produce, std::size_t workers = 1)
      : count_(count), ahead_(ahead < 1 ? 1 : ahead), produce_(std::move(produce)) {
    for (std::size_t i = 0; i < (workers < 1 ? 1 : workers); ++i) workers_.emplace_back([this] { run(); });
  }
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // Stops the workers after the results they are making; unused results are dropped.
  ~ReadAhead() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    space_.notify_all();
    for (std::thread& worker : workers_) worker.join();
  }

  // The next result in order, waiting for it; call at most `count` times. An exception a
  // worker threw making it is thrown here, in the caller's thread.
  T next() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return results_.count(taken_) > 0 || failures_.count(taken_) > 0; });
    if (auto failed = failures_.find(taken_); failed != failures_.end()) std::rethrow_exception(failed->second);
    auto it = results_.find(taken_);
    T value = std::move(it->second);
    results_.erase(it);
    ++taken_;
    space_.notify_all();
    return value;
  }

 private:
  void run() {
    for (;;) {
      std::size_t index = 0;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        space_.wait(lock, [&] { return stopping_ || next_ >= count_ || next_ < taken_ + ahead_; });
        if (stopping_ || next_ >= count_) return;
        index = next_++;
      }
      try {
        T value = produce_(index);
        std::lock_guard<std::mutex> lock(mutex_);
        results_.emplace(index, std::move(value));
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        failures_.emplace(index, std::current_exception());
      }
      ready_.notify_all();
    }
  }

  const std::size_t count_;
  const std::size_t ahead_;
  std::function<T(std::size_t)> produce_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a result (or a failure) was made
  std::condition_variable space_;  // a result was taken, or stop
  std::map<std::size_t, T> results_;
  std::map<std::size_t, std::exception_ptr> failures_;
  std::size_t next_ = 0;   // the next index a worker takes up
  std::size_t taken_ = 0;  // the next index next() hands over
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // last: they start once every member they use exists
};

}  // namespace kb
