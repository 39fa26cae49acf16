// A fingerprint of an event log: 64 bits that change when any event, field or order does.
//
// Every accepted event is fed in log order as a canonical sequence of words (type index,
// time, then each field in declaration order; strings length-prefixed, ids as their 64-bit
// hash_id), so two runs wrote the same log, byte for byte in any encoding of it, exactly
// when their digests agree (up to 2^-64 collisions). Used for the determinism guarantee:
// same seed and scenario, same digest. A digest belongs to one version of callwatch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/events.h"

namespace callwatch::sim {

class LogDigest {
 public:
  void add(const Event& event);
  [[nodiscard]] std::uint64_t value() const noexcept;
  [[nodiscard]] std::string hex() const;  // 16 lowercase hex digits
  [[nodiscard]] std::uint64_t events() const noexcept { return events_; }

  // Building blocks (public for tests and for other encoders).
  void add_u64(std::uint64_t v) noexcept;
  void add_string(std::string_view s) noexcept;

 private:
  std::uint64_t h_ = 0x243F6A8885A308D3ULL;
  std::uint64_t events_ = 0;
};

}  // namespace callwatch::sim
