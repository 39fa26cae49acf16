#include "codec/utf8.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>

namespace callwatch::codec {
namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// The well-formed sequences (Unicode 15, Table 3-7), as the allowed range of the second byte
// per lead byte; later bytes are always 80..BF. `length` 0 marks a byte that cannot lead.
struct Lead {
  std::uint8_t length;
  std::uint8_t lo, hi;  // the second byte's range
};

constexpr Lead lead_of(unsigned char b) {
  if (b < 0x80) return {1, 0, 0};
  if (b < 0xC2) return {0, 0, 0};  // continuation byte, or overlong C0/C1
  if (b < 0xE0) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};  // no overlongs
  if (b == 0xED) return {3, 0x80, 0x9F};  // no surrogates
  if (b < 0xF0) return {3, 0x80, 0xBF};
  if (b == 0xF0) return {4, 0x90, 0xBF};  // no overlongs
  if (b < 0xF4) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return {0, 0, 0};                       // F5..FF
}

// Length of the valid sequence at p[0] (1..4), or 0 with `bad` set to its maximal subpart.
std::size_t sequence_at(const unsigned char* p, std::size_t left, std::size_t& bad) {
  const Lead l = lead_of(p[0]);
  if (l.length == 1) return 1;
  bad = 1;
  if (l.length == 0) return 0;
  if (left < 2 || p[1] < l.lo || p[1] > l.hi) return 0;
  for (std::size_t i = 2; i < l.length; ++i) {
    bad = i;
    if (left <= i || (p[i] & 0xC0) != 0x80) return 0;
  }
  return l.length;
}

// Scans from `from`; the offset of the first bad sequence (and its length), or npos.
std::size_t scan(std::string_view text, std::size_t from, std::size_t& bad) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = from;
  while (i < n) {
    // ASCII runs eight bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & kHighBits) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = sequence_at(p + i, n - i, bad);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace

std::optional<Utf8Error> find_invalid_utf8(std::string_view text) noexcept {
  std::size_t bad = 1;
  const std::size_t at = scan(text, 0, bad);
  if (at == std::string_view::npos) return std::nullopt;
  return Utf8Error{at, bad};
}

std::string make_valid_utf8(std::string_view text) {
  std::size_t bad = 1;
  std::size_t at = scan(text, 0, bad);
  if (at == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t done = 0;
  while (at != std::string_view::npos) {
    out.append(text.substr(done, at - done));
    out.append("\xEF\xBF\xBD");  // U+FFFD
    done = at + bad;
    bad = 1;
    at = scan(text, done, bad);
  }
  out.append(text.substr(done));
  return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
  if (text.size() <= max_bytes) return text;
  std::size_t n = max_bytes;
  // Back up over continuation bytes to the start of the sequence the cut falls in (at most 3).
  for (int k = 0; k < 3 && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80; ++k) --n;
  return text.substr(0, n);
}

std::string describe(const Utf8Error& e, std::string_view text) {
  std::string bytes;
  for (std::size_t i = e.offset; i < e.offset + e.length && i < text.size(); ++i)
    bytes += fmt::format("{}0x{:02x}", bytes.empty() ? "" : " ",
                         static_cast<unsigned char>(text[i]));
  const bool truncated = e.offset + e.length == text.size() &&
                         lead_of(static_cast<unsigned char>(text[e.offset])).length > e.length;
  return fmt::format("not valid UTF-8 at byte offset {} ({}{})", e.offset, bytes,
                     truncated ? ": a sequence cut short" : "");
}

}  // namespace callwatch::codec
