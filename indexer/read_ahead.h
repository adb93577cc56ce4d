// Results produced in order on a second thread, a bounded number ahead of the one that uses
// them: the build reads, parses and analyses the next topics on one core while the other
// writes the current one to SQLite. At most `ahead` results wait, so memory stays flat.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>

namespace kb {

template <typename T>
class ReadAhead {
 public:
  // Calls produce(0), produce(1), ..., produce(count - 1) on a thread of its own.
  ReadAhead(std::size_t count, std::size_t ahead, std::function<T(std::size_t)> produce)
      : count_(count), ahead_(ahead < 1 ? 1 : ahead), produce_(std::move(produce)), worker_([this] { run(); }) {}
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  // Stops the producer after the result it is working on, unused results are dropped.
  ~ReadAhead() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    space_.notify_all();
    worker_.join();
  }

  // The next result in order, waiting for it; call at most `count` times. An exception the
  // producer threw is thrown here, in the caller's thread.
  T next() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !results_.empty() || failure_; });
    if (results_.empty()) std::rethrow_exception(failure_);
    T value = std::move(results_.front());
    results_.pop_front();
    space_.notify_one();
    return value;
  }

 private:
  void run() {
    try {
      for (std::size_t i = 0; i < count_; ++i) {
        {
          std::unique_lock<std::mutex> lock(mutex_);
          space_.wait(lock, [&] { return stopping_ || results_.size() < ahead_; });
          if (stopping_) return;
        }
        T value = produce_(i);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          results_.push_back(std::move(value));
        }
        ready_.notify_one();
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      failure_ = std::current_exception();
      ready_.notify_one();
    }
  }

  const std::size_t count_;
  const std::size_t ahead_;
  std::function<T(std::size_t)> produce_;
  std::mutex mutex_;
  std::condition_variable ready_;  // a result is waiting, or the producer failed
  std::condition_variable space_;  // fewer than `ahead` results wait, or stop
  std::deque<T> results_;
  std::exception_ptr failure_;
  bool stopping_ = false;
  std::thread worker_;  // last: it starts once every member it uses exists
};

}  // namespace kb
