// The event calendar: a 4-ary min-heap of small POD events, ordered by (time, sequence).
// Four children per node halve the depth of a binary heap, and siblings share a cache line
// or two, which is what a large center's calendar (tens of thousands of pending events) needs.
//
// The sequence number is the order of scheduling, so simultaneous events run first-scheduled
// first: the order is total and the same on every run. Events are never removed early;
// whoever pops one checks that it still applies (a generation number in `aux`), which is
// cheaper than a decrease-key heap for the few events that go stale (abandonment timers of
// contacts that were answered).
#pragma once

#include <cstdint>
#include <vector>

namespace callwatch::sim {

struct CalendarEvent {
  std::int64_t at;    // ms from the scenario start
  std::uint64_t seq;  // scheduling order: unique, breaks ties
  std::uint32_t target;
  std::uint32_t aux;
  std::uint8_t kind;
};

class Calendar {
 public:
  void reserve(std::size_t n) { heap_.reserve(n); }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
  [[nodiscard]] const CalendarEvent& top() const noexcept { return heap_.front(); }

  void push(std::int64_t at, std::uint8_t kind, std::uint32_t target, std::uint32_t aux = 0) {
    CalendarEvent e{at, next_seq_++, target, aux, kind};
    // Sift up with a hole instead of swaps.
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Removes and returns the earliest event. Precondition: !empty().
  CalendarEvent pop() {
    const CalendarEvent out = heap_.front();
    const CalendarEvent last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return out;
    // Sift the last element down from the root.
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + 4 < n ? first + 4 : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (before(heap_[c], heap_[best])) best = c;
      if (!before(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
    return out;
  }

 private:
  static bool before(const CalendarEvent& a, const CalendarEvent& b) noexcept {
    return a.at != b.at ? a.at < b.at : a.seq < b.seq;
  }
  std::vector<CalendarEvent> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace callwatch::sim
