#include "projections/sessions.h"

#include <fmt/format.h>

#include "projections/bytes.h"

namespace callwatch::projections {
namespace {

constexpr std::uint8_t kHeader = 'H';
constexpr std::uint8_t kModeChange = 'M';
constexpr std::uint8_t kStop = 'S';
constexpr std::uint8_t kAccess = 'A';

const std::string& name_of(const Interner& ids, std::uint32_t n) {
  static const std::string empty;
  return n == kNone ? empty : ids.name(n);
}

template <class E>
bool to_enum(std::uint8_t v, std::uint8_t count, E& out) {
  if (v >= count) return false;
  out = static_cast<E>(v);
  return true;
}

std::string hex(std::string_view key) {
  std::string s;
  for (unsigned char c : key) s += fmt::format("{:02x}", c);
  return s;
}

}  // namespace

void SessionAudit::started(const ReadModel& m, Position pos, Timestamp at, const LiveContact& c,
                           const LiveSession& s) {
  key_.clear();
  ByteWriter k(key_);
  k.be64(pos);
  value_.clear();
  ByteWriter v(value_);
  v.u8(kHeader);
  v.str(c.id);
  v.str(name_of(m.user_ids(), s.supervisor));
  v.str(name_of(m.user_ids(), c.agent));
  v.u8(static_cast<std::uint8_t>(c.channel));
  v.u8(static_cast<std::uint8_t>(s.mode));
  v.u8(static_cast<std::uint8_t>(s.message_mode));
  v.time(at);
  sink_.put(key_, value_);
}

ByteWriter SessionAudit::event_record(const LiveSession& s, Position pos, std::uint8_t kind) {
  key_.clear();
  ByteWriter k(key_);
  k.be64(s.started_at);
  k.be64(pos);
  value_.clear();
  ByteWriter v(value_);
  v.u8(kind);
  return v;
}

void SessionAudit::changed(const ReadModel&, Position pos, Timestamp at, const LiveContact&,
                           const LiveSession& s) {
  ByteWriter v = event_record(s, pos, kModeChange);
  v.u8(static_cast<std::uint8_t>(s.mode));
  v.u8(static_cast<std::uint8_t>(s.message_mode));
  v.time(at);
  sink_.put(key_, value_);
}

void SessionAudit::stopped(const ReadModel&, Position pos, Timestamp at, const LiveContact&,
                           const LiveSession& s, StopReason reason) {
  ByteWriter v = event_record(s, pos, kStop);
  v.u8(static_cast<std::uint8_t>(reason));
  v.time(at);
  sink_.put(key_, value_);
}

void SessionAudit::accessed(const ReadModel&, Position pos, Timestamp at,
                            const ev::RecordingAccessed& e) {
  key_.clear();
  ByteWriter k(key_);
  k.be64(pos);
  value_.clear();
  ByteWriter v(value_);
  v.u8(kAccess);
  v.str(e.by.view());
  v.u8(static_cast<std::uint8_t>(e.access));
  v.str(e.contact.view());
  v.str(e.search);
  v.time(at);
  sink_.put(key_, value_);
}

std::expected<void, std::string> SessionAssembler::add(std::string_view key, std::string_view value) {
  auto bad = [&](std::string_view what) {
    return std::unexpected(fmt::format("session record {}: {}", hex(key), what));
  };
  if (key.size() != 8 && key.size() != 16) return bad("key is not 8 or 16 bytes");
  ByteReader k(key);
  const Position start = k.be64();
  ByteReader v(value);
  const std::uint8_t kind = v.u8();

  if (key.size() == 8 && kind == kAccess) {
    AccessRecord a;
    a.position = start;
    a.by = v.str();
    const bool ok = to_enum(v.u8(), 3, a.access);
    a.contact = v.str();
    a.search = v.str();
    a.at = v.time();
    if (!ok || v.failed() || !v.at_end()) return bad("malformed recording access");
    if (start <= filter_.as_of && !filter_.open_only &&
        (!filter_.contact || *filter_.contact == a.contact) &&
        (!filter_.supervisor || *filter_.supervisor == a.by))
      accesses_.push_back(std::move(a));
    return {};
  }
  if (key.size() == 8) {
    if (kind != kHeader) return bad("expected a session header");
    flush();
    SessionRecord r;
    r.started_position = start;
    r.contact = v.str();
    r.supervisor = v.str();
    r.agent = v.str();
    const bool ok = to_enum(v.u8(), 2, r.channel) && to_enum(v.u8(), 3, r.mode) &&
                    to_enum(v.u8(), 2, r.message_mode);
    r.started_at = v.time();
    if (!ok || v.failed() || !v.at_end()) return bad("malformed session header");
    current_wanted_ = start <= filter_.as_of && (!filter_.contact || *filter_.contact == r.contact) &&
                      (!filter_.supervisor || *filter_.supervisor == r.supervisor);
    current_ = std::move(r);
    return {};
  }

  const Position at_pos = k.be64();
  if (!current_ || current_->started_position != start)
    return bad("a session change without its session header");
  if (!current_wanted_ || at_pos > filter_.as_of) return {};
  if (kind == kModeChange) {
    SessionChange c;
    c.position = at_pos;
    const bool ok = to_enum(v.u8(), 3, c.mode) && to_enum(v.u8(), 2, c.message_mode);
    c.at = v.time();
    if (!ok || v.failed() || !v.at_end()) return bad("malformed mode change");
    current_->changes.push_back(c);
  } else if (kind == kStop) {
    StopReason reason{};
    const bool ok = to_enum(v.u8(), 4, reason);
    const Timestamp at = v.time();
    if (!ok || v.failed() || !v.at_end()) return bad("malformed session stop");
    current_->ended_position = at_pos;
    current_->ended_at = at;
    current_->end_reason = reason;
  } else {
    return bad("unknown record kind");
  }
  return {};
}

void SessionAssembler::flush() {
  if (current_ && current_wanted_ && !(filter_.open_only && current_->ended_position))
    out_.push_back(std::move(*current_));
  current_.reset();
  current_wanted_ = false;
}

std::vector<SessionRecord> SessionAssembler::finish() {
  flush();
  return std::move(out_);
}

}  // namespace callwatch::projections
