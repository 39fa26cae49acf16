// The storage of an id: a string of up to 23 bytes kept inline, longer ones on the heap.
//
// Ids are copied everywhere on the write path: from a command into each of its events, from
// an event into the decision state. A std::string of the same length copies through an
// out-of-line memcpy and several branches; an inline id is 24 bytes copied as three words.
// Real ids are short ("c-17", "Sales-104233", "alice"); a long one still works, it just
// costs an allocation like std::string.
//
// Layout (24 bytes):
//   inline: bytes[0..size) are the characters, bytes[size..23) are zero, bytes[23] = 23 - size
//           (so a 23-byte id's terminator is its size byte, zero);
//   heap:   bytes[0..8) a pointer to size + 1 bytes (NUL-terminated), bytes[8..16) the size,
//           bytes[23] = kHeap.
// Either way data() is NUL-terminated: Cap'n Proto's text setters require it.
// The inline form is canonical (unused bytes zero), so two inline ids are equal exactly when
// their 24 bytes are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace callwatch {

class InlineString {
 public:
  static constexpr std::size_t kInlineCapacity = 23;

  InlineString() noexcept { set_empty(); }
  explicit InlineString(std::string_view s) { init(s.data(), s.size()); }
  InlineString(const InlineString& o) {
    if (o.is_heap()) [[unlikely]]
      init_heap(o.heap_data(), o.heap_size());
    else
      std::memcpy(bytes_, o.bytes_, sizeof bytes_);
  }
  InlineString(InlineString&& o) noexcept {
    std::memcpy(bytes_, o.bytes_, sizeof bytes_);
    o.set_empty();
  }
  InlineString& operator=(const InlineString& o) {
    if (this == &o) return *this;
    if (!is_heap() && !o.is_heap()) {  // the common case: three words, nothing to free
      std::memcpy(bytes_, o.bytes_, sizeof bytes_);
    } else {
      InlineString copy(o);
      swap(copy);
    }
    return *this;
  }
  InlineString& operator=(InlineString&& o) noexcept {
    if (this != &o) {
      release();
      std::memcpy(bytes_, o.bytes_, sizeof bytes_);
      o.set_empty();
    }
    return *this;
  }
  ~InlineString() { release(); }

  [[nodiscard]] const char* data() const noexcept { return is_heap() ? heap_data() : bytes_; }
  [[nodiscard]] std::size_t size() const noexcept {
    return is_heap() ? heap_size() : kInlineCapacity - static_cast<unsigned char>(bytes_[23]);
  }
  [[nodiscard]] bool empty() const noexcept { return static_cast<unsigned char>(bytes_[23]) == kInlineCapacity; }
  [[nodiscard]] std::string_view view() const noexcept { return {data(), size()}; }

  // Equal contents. Two inline strings compare as three words, no loop and no call.
  friend bool operator==(const InlineString& a, const InlineString& b) noexcept {
    if (!a.is_heap() && !b.is_heap()) {
      std::uint64_t x[3], y[3];
      std::memcpy(x, a.bytes_, sizeof x);
      std::memcpy(y, b.bytes_, sizeof y);
      return ((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2])) == 0;
    }
    return a.view() == b.view();
  }

  void swap(InlineString& o) noexcept {
    char t[sizeof bytes_];
    std::memcpy(t, bytes_, sizeof t);
    std::memcpy(bytes_, o.bytes_, sizeof t);
    std::memcpy(o.bytes_, t, sizeof t);
  }

 private:
  static constexpr unsigned char kHeap = 0xFF;

  [[nodiscard]] bool is_heap() const noexcept { return static_cast<unsigned char>(bytes_[23]) == kHeap; }
  [[nodiscard]] const char* heap_data() const noexcept {
    const char* p;
    std::memcpy(&p, bytes_, sizeof p);
    return p;
  }
  [[nodiscard]] std::size_t heap_size() const noexcept {
    std::size_t n;
    std::memcpy(&n, bytes_ + 8, sizeof n);
    return n;
  }
  void set_empty() noexcept {
    std::memset(bytes_, 0, sizeof bytes_);
    bytes_[23] = static_cast<char>(kInlineCapacity);
  }
  void init(const char* p, std::size_t n) {
    if (n > kInlineCapacity) [[unlikely]]
      return init_heap(p, n);
    std::memset(bytes_, 0, sizeof bytes_);
    copy_short(p, n);
    bytes_[23] = static_cast<char>(kInlineCapacity - n);
  }
  // bytes_[0..n) = p[0..n) for n <= 23 with fixed-size, possibly overlapping moves: a
  // variable-length memcpy would be a library call. Never reads or writes past n.
  void copy_short(const char* p, std::size_t n) noexcept {
    auto move = [&](std::size_t at, auto word) {
      std::memcpy(&word, p + at, sizeof word);
      std::memcpy(bytes_ + at, &word, sizeof word);
    };
    if (n >= 16) {
      move(0, std::uint64_t{});
      move(8, std::uint64_t{});
      move(n - 8, std::uint64_t{});
    } else if (n >= 8) {
      move(0, std::uint64_t{});
      move(n - 8, std::uint64_t{});
    } else if (n >= 4) {
      move(0, std::uint32_t{});
      move(n - 4, std::uint32_t{});
    } else {
      for (std::size_t i = 0; i < n; ++i) bytes_[i] = p[i];
    }
  }
  void init_heap(const char* p, std::size_t n) {
    char* copy = new char[n + 1];
    std::memcpy(copy, p, n);
    copy[n] = '\0';
    std::memset(bytes_, 0, sizeof bytes_);
    std::memcpy(bytes_, &copy, sizeof copy);
    std::memcpy(bytes_ + 8, &n, sizeof n);
    bytes_[23] = static_cast<char>(kHeap);
  }
  void release() noexcept {
    if (is_heap()) [[unlikely]]
      delete[] heap_data();
  }

  alignas(8) char bytes_[24];
};

}  // namespace callwatch
