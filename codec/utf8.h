// UTF-8 at the boundary: every text that enters from outside (command lines, scenario files,
// and the Kafka records and HTTP bodies to come) is checked here before anything parses it,
// and every JSON writer makes its strings valid with the same rules (codec/json.h).
//
// "Valid" is RFC 3629 / Unicode 15 §3.9 (Table 3-7): no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequence, no stray continuation
// byte. NUL is a valid code point (JSON parsers decide whether they accept it).
//
// Pure functions over bytes, no allocation except make_valid_utf8's result; an ASCII run is
// checked eight bytes at a time, so validating a line costs about as much as copying it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace callwatch::codec {

struct Utf8Error {
  std::size_t offset = 0;  // byte offset of the first byte of the bad sequence (0-based)
  std::size_t length = 1;  // bytes of the bad sequence (its maximal subpart, 1..3)
};

// The first invalid sequence, or nullopt when `text` is valid UTF-8.
[[nodiscard]] std::optional<Utf8Error> find_invalid_utf8(std::string_view text) noexcept;

[[nodiscard]] inline bool is_valid_utf8(std::string_view text) noexcept {
  return !find_invalid_utf8(text).has_value();
}

// `text` with every invalid sequence replaced by U+FFFD, one per maximal subpart (Unicode's
// recommended practice, §3.9 "U+FFFD Substitution of Maximal Subparts", which is also what
// WHATWG encoders and nlohmann's error_handler_t::replace do). Valid input is returned as is.
[[nodiscard]] std::string make_valid_utf8(std::string_view text);

// The longest prefix of `text` of at most `max_bytes` that does not end inside a multi-byte
// sequence: for cutting long text in a message without making it invalid.
[[nodiscard]] std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

// "byte 17 (0xd9) is not valid UTF-8": the one-line explanation a rejection carries. The
// offending bytes are shown as hex, never copied, so the message itself is always valid.
[[nodiscard]] std::string describe(const Utf8Error&, std::string_view text);

}  // namespace callwatch::codec
