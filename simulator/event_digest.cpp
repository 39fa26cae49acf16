#include "simulator/event_digest.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>
#include <tuple>
#include <type_traits>

#include "simulator/rng.h"

namespace callwatch::sim {

// One multiply-xorshift round per word keeps the digest cheap next to decide(); value()
// finishes with a full avalanche. Collisions need a crafted input, not a different run.
void LogDigest::add_u64(std::uint64_t v) noexcept {
  h_ = (h_ ^ v) * 0x9FB21C651E98DF25ULL;
  h_ ^= h_ >> 29;
}

void LogDigest::add_string(std::string_view s) noexcept {
  add_u64(s.size());
  // Words are read little-endian whatever the host, so the digest is the same everywhere.
  auto word = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    if constexpr (std::endian::native == std::endian::big) w = std::byteswap(w);
    return w;
  };
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) add_u64(word(s.data() + i));
  std::uint64_t tail = 0;  // a byte loop: a variable-length memcpy is a library call
  for (std::size_t b = 0; i + b < s.size(); ++b)
    tail |= std::uint64_t{static_cast<unsigned char>(s[i + b])} << (8 * b);
  add_u64(tail);
}

std::uint64_t LogDigest::value() const noexcept { return mix64(h_ ^ mix64(events_)); }

std::string LogDigest::hex() const { return fmt::format("{:016x}", value()); }

namespace {

struct Feed {
  LogDigest& d;

  void f(const std::string& s) { d.add_string(s); }
  // An id enters as its hash (hash_id, made when the id was, platform-independent): one
  // round instead of one per word plus the length.
  template <class Tag>
  void f(const Id<Tag>& id) {
    d.add_u64(id.hash());
  }
  void f(PermissionSet p) { d.add_u64(p.bits()); }
  void f(bool b) { d.add_u64(b ? 1 : 0); }
  void f(Timestamp t) { d.add_u64(static_cast<std::uint64_t>(t.time_since_epoch().count())); }
  void f(int v) { d.add_u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(v))); }
  template <class E>
    requires std::is_enum_v<E>
  void f(E e) {
    d.add_u64(static_cast<std::uint64_t>(e));
  }
  void f(const std::optional<std::int32_t>& v) {
    d.add_u64(v ? 1 : 0);
    if (v) d.add_u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(*v)));
  }
  void f(const callwatch::Party& p) {
    f(p.kind);
    f(p.user);
  }
  void f(const std::vector<ProfileId>& v) {
    d.add_u64(v.size());
    for (const auto& p : v) f(p);
  }
  // Every event feeds its fields in the order its type lists them (domain/events.h).
  template <class E>
  void operator()(const E& e) {
    std::apply([&](const auto&... field) { (f(e.*field.member), ...); }, E::fields());
  }
};

}  // namespace

void LogDigest::add(const Event& event) {
  add_u64(event.body.index());
  add_u64(static_cast<std::uint64_t>(event.at.time_since_epoch().count()));
  std::visit(Feed{*this}, event.body);
  ++events_;
}

}  // namespace callwatch::sim
