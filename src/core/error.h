// How errors cross library boundaries: user errors carry a translatable message saying what,
// where and what to do; anything else is an internal error.
#pragma once

#include <stdexcept>
#include <utility>
#include <variant>

#include "core/message.h"

namespace manyi {

/// A problem the user can fix (bad input, wrong file, locked file). The CLI exits with 1 and the
/// GUI shows the message; the English text is kept as what() for logs.
class UserError : public std::runtime_error {
 public:
  explicit UserError(Message message) : std::runtime_error(message.English()), m_message(std::move(message)) {}
  const Message& GetMessage() const { return m_message; }

 private:
  Message m_message;
};

/// The error half of a Result.
struct Error {
  Message message;
};

/// A value or a user error, returned at I/O edges where failure is an expected outcome.
template <typename T>
class Result {
 public:
  Result(T value) : m_v(std::move(value)) {}
  Result(Error error) : m_v(std::move(error)) {}
  bool Ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return Ok(); }
  T& Value() { return std::get<0>(m_v); }
  const T& Value() const { return std::get<0>(m_v); }
  const Message& GetError() const { return std::get<1>(m_v).message; }
  /// The value, or throws UserError with the message.
  T TakeOrThrow() {
    if (!Ok()) throw UserError(GetError());
    return std::move(std::get<0>(m_v));
  }

 private:
  std::variant<T, Error> m_v;
};

}  // namespace manyi
