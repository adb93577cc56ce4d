// Errors as values at module boundaries. A Status names what failed and what to do;
// the CLI turns its code into the exit status (2 for usage, 1 for anything else).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kb {

enum class Code { Ok, Usage, Parse, NotFound, Corrupt, IO };

class Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }
  static Status Usage(std::string msg) { return {Code::Usage, std::move(msg)}; }
  static Status Parse(std::string msg) { return {Code::Parse, std::move(msg)}; }
  static Status NotFound(std::string msg) { return {Code::NotFound, std::move(msg)}; }
  static Status Corrupt(std::string msg) { return {Code::Corrupt, std::move(msg)}; }
  static Status IO(std::string msg) { return {Code::IO, std::move(msg)}; }

  bool ok() const { return code_ == Code::Ok; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // Exit status per the contract: 2 for a usage error, 1 for anything else.
  int exit_code() const { return ok() ? 0 : (code_ == Code::Usage ? 2 : 1); }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::Ok;
  std::string message_;
};

// Either a value or the Status explaining why there is none.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {}   // NOLINT: implicit by design
  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace kb
