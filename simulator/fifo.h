// A first-in first-out ring buffer of trivially copyable values (waiting contacts, idle
// agents). Grows by doubling; never shrinks; no allocation in steady state.
#pragma once

#include <cstddef>
#include <type_traits>
#include <vector>

namespace callwatch::sim {

template <class T>
class Fifo {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  [[nodiscard]] bool empty() const noexcept { return head_ == tail_; }
  [[nodiscard]] std::size_t size() const noexcept { return tail_ - head_; }
  [[nodiscard]] const T& front() const noexcept { return buf_[head_ & mask_]; }
  void pop_front() noexcept { ++head_; }
  void push_back(const T& v) {
    if (tail_ - head_ == buf_.size()) grow();
    buf_[tail_ & mask_] = v;
    ++tail_;
  }

 private:
  void grow() {
    const std::size_t n = buf_.empty() ? 16 : buf_.size() * 2;
    std::vector<T> next(n);
    for (std::size_t i = head_; i != tail_; ++i) next[i - head_] = buf_[i & mask_];
    tail_ -= head_;
    head_ = 0;
    buf_ = std::move(next);
    mask_ = n - 1;
  }
  std::vector<T> buf_;
  std::size_t mask_ = 0;
  std::size_t head_ = 0;
  std::size_t tail_ = 0;
};

}  // namespace callwatch::sim
