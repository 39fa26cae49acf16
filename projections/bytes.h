// Little binary encoding for what projections persist (session records, snapshots):
// varints (codec/varint.h, as the store writes them), zig-zag signed ints, length-prefixed strings, and big-endian keys that sort like
// the numbers they hold. The reader never reads past its input: a short or corrupt record
// sets failed() and yields zeros, and the caller reports it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "codec/varint.h"
#include "domain/time.h"

namespace callwatch::projections {

class ByteWriter {
 public:
  explicit ByteWriter(std::string& out) : out_(out) {}
  void u8(std::uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void varint(std::uint64_t v) { codec::put_varint(out_, v); }
  void i64(std::int64_t v) {
    varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  }
  void time(Timestamp t) { i64(t.time_since_epoch().count()); }
  void str(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }
  void be64(std::uint64_t v) {
    char b[8];
    codec::put_be64(b, v);
    out_.append(b, 8);
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
    std::string_view rest = in_.substr(pos_);
    std::uint64_t v = 0;
    if (!codec::get_varint(rest, v)) return fail(), 0;
    pos_ = in_.size() - rest.size();
    return v;
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
    const std::uint64_t v = codec::get_be64(in_.data() + pos_);
    pos_ += 8;
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
