// The small binary encodings that persisted keys and records use (the event store's index and
// record headers, the projections' session records and snapshots): LEB128 varints and
// big-endian 64-bit integers, whose byte order sorts like the numbers. One definition for
// every module that writes them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace callwatch::codec {

// At most 10 bytes.
inline constexpr std::size_t kMaxVarintBytes = 10;

// Encodes `v` at p, returns the end.
inline char* encode_varint(char* p, std::uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

inline void put_varint(std::string& out, std::uint64_t v) {
  char buf[kMaxVarintBytes];
  out.append(buf, static_cast<std::size_t>(encode_varint(buf, v) - buf));
}

// Reads a varint from the front of `in` and advances it; false on truncation or overflow.
[[nodiscard]] inline bool get_varint(std::string_view& in, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift <= 63 && !in.empty(); shift += 7) {
    auto b = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

inline void put_be64(char* p, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) {
    p[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
}
[[nodiscard]] inline std::uint64_t get_be64(const char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

}  // namespace callwatch::codec
