// Little binary encoding for what projections persist (session records, snapshots):
// varints, zig-zag signed ints, length-prefixed strings, and big-endian keys that sort like
// the numbers they hold. The reader never reads past its input: a short or corrupt record
// sets failed() and yields zeros, and the caller reports it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/time.h"

namespace callwatch::projections {

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void i64(std::int64_t v) {
    varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  }
  void time(Timestamp t) { i64(t.time_since_epoch().count()); }
  void str(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }
  void be64(std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(v >> shift));
  }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}
  std::uint8_t u8() {
    if (pos_ >= in_.size()) return fail(), 0;
    return static_cast<std::uint8_t>(in_[pos_++]);
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return fail(), 0;
      const auto b = static_cast<std::uint8_t>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail(), 0;
  }
  std::int64_t i64() {
    const std::uint64_t z = varint();
    return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  Timestamp time() { return Timestamp{Duration{i64()}}; }
  std::string_view str() {
    const std::uint64_t n = varint();
    if (n > in_.size() - pos_) return fail(), std::string_view{};
    std::string_view s = in_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::uint64_t be64() {
    if (in_.size() - pos_ < 8) return fail(), 0;
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<std::uint8_t>(in_[pos_++]);
    return v;
  }
  // A count of items that each take at least `min_bytes`: bounded by what is left, so a
  // corrupt count cannot make the caller reserve gigabytes.
  std::uint64_t count(std::size_t min_bytes = 1) {
    const std::uint64_t n = varint();
    if (n > (in_.size() - pos_) / (min_bytes ? min_bytes : 1)) return fail(), 0;
    return n;
  }
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  [[nodiscard]] bool at_end() const noexcept { return pos_ == in_.size(); }
  void fail() noexcept {
    failed_ = true;
    pos_ = in_.size();
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

}  // namespace callwatch::projections
