#include "projections/snapshot.h"

#include <fmt/format.h>

#include "projections/bytes.h"

namespace callwatch::projections {
namespace {

constexpr std::string_view kMagic = "CWPS";
// 2: the snapshot's layout is 1's; the session trail written with it also holds recording
// accesses (sessions.h), so a database folded by an older build folds again and gains them.
constexpr std::uint8_t kVersion = 2;

void ref(ByteWriter& w, std::uint32_t v) { w.varint(v == kNone ? 0 : std::uint64_t{v} + 1); }

void counts(ByteWriter& w, const QueueCounts& c) {
  w.varint(c.handled);
  w.varint(c.handled_in_sl);
  w.varint(c.abandoned);
  w.i64(c.wait_ms);
}

void opt_int(ByteWriter& w, const std::optional<int>& v) {
  w.u8(v ? 1 : 0);
  if (v) w.i64(*v);
}

void interner(ByteWriter& w, const Interner& ids) {
  w.varint(ids.size());
  for (const auto& n : ids.names()) w.str(n);
}

void refs(ByteWriter& w, const std::vector<std::uint32_t>& v) {
  w.varint(v.size());
  for (std::uint32_t x : v) ref(w, x);
}

void options(ByteWriter& w, const ModelOptions& o) {
  w.i64(o.service_level_threshold.count());
  w.i64(o.window.count());
  w.i64(o.window_bucket.count());
}

}  // namespace

// Friend of ReadModel: reads and writes its private parts.
class SnapshotCodec {
 public:
  static std::string encode(const ReadModel& m) {
    std::string out;
    ByteWriter w(out);
    out.append(kMagic);
    w.u8(kVersion);
    options(w, m.options_);
    w.varint(m.events_);
    w.varint(m.last_position_);
    w.time(m.clock_);
    const InstanceState& i = m.instance_;
    w.u8(i.enhanced_contact_monitoring ? 1 : 0);
    w.u8(i.enhanced_chat_monitoring ? 1 : 0);
    opt_int(w, i.max_supervisors_per_contact);
    opt_int(w, i.max_supervisors_barged);
    for (const Interner* ids : {&m.user_ids_, &m.queue_ids_, &m.flow_ids_, &m.profile_ids_, &m.statuses_})
      interner(w, *ids);
    for (const User& u : m.users_) {
      w.u8(static_cast<std::uint8_t>((u.created ? 1 : 0) | (u.ccp_open ? 2 : 0)));
      w.i64(u.chat_concurrency);
      w.varint(u.permissions.bits());
      w.varint(u.status);
      w.time(u.status_since);
      w.u8(static_cast<std::uint8_t>(u.activity));
      w.varint(u.activity_status);
      w.time(u.activity_since);
      refs(w, u.profiles);
      refs(w, u.contacts);
      refs(w, u.watching);
      w.i64(u.handled.day);
      w.varint(u.handled.by_channel[0]);
      w.varint(u.handled.by_channel[1]);
    }
    for (const Profile& p : m.profiles_) {
      w.u8(p.created ? 1 : 0);
      w.varint(p.permissions.bits());
    }
    for (const Flow& f : m.flows_) w.u8(static_cast<std::uint8_t>((f.created ? 1 : 0) | (f.recording ? 2 : 0)));
    for (const Queue& q : m.queues_) {
      w.u8(q.created ? 1 : 0);
      w.u8(static_cast<std::uint8_t>(q.channel));
      w.varint(q.waiting);
      ref(w, q.head);
      ref(w, q.tail);
      w.i64(q.day);
      counts(w, q.today);
      w.varint(q.buckets.size());
      for (std::size_t b = 0; b < q.buckets.size(); ++b) {
        w.i64(q.bucket_ids[b]);
        counts(w, q.buckets[b]);
      }
    }
    w.varint(m.contacts_.size());
    for (const LiveContact& c : m.contacts_) {
      w.u8(c.in_use ? 1 : 0);
      if (!c.in_use) continue;
      w.str(c.id);
      w.str(c.customer);
      w.u8(static_cast<std::uint8_t>(c.channel));
      w.u8(static_cast<std::uint8_t>(c.status));
      w.u8(c.recorded ? 1 : 0);
      ref(w, c.flow);
      ref(w, c.queue);
      ref(w, c.agent);
      for (Timestamp t : {c.initiated_at, c.queued_at, c.connected_at, c.ended_at, c.status_since,
                          c.last_message_at})
        w.time(t);
      w.varint(c.public_messages);
      w.varint(c.internal_messages);
      w.varint(c.holds);
      w.i64(c.held.count());
      ref(w, c.queue_prev);
      ref(w, c.queue_next);
      w.varint(c.sessions.size());
      for (const LiveSession& s : c.sessions) {
        ref(w, s.supervisor);
        w.u8(static_cast<std::uint8_t>(s.mode));
        w.u8(static_cast<std::uint8_t>(s.message_mode));
        w.time(s.since);
        w.time(s.mode_since);
        w.varint(s.started_at);
      }
    }
    refs(w, m.free_slots_);
    return out;
  }

  static std::expected<void, std::string> decode(std::string_view bytes, ReadModel& m) {
    ByteReader r(bytes);
    auto opts = read_header(r);
    if (!opts) return std::unexpected(opts.error());
    SessionObserver* observer = m.observer_;
    m = ReadModel(*opts);
    m.observer_ = observer;
    m.events_ = r.varint();
    m.last_position_ = r.varint();
    m.clock_ = r.time();
    InstanceState& i = m.instance_;
    i.enhanced_contact_monitoring = r.u8() != 0;
    i.enhanced_chat_monitoring = r.u8() != 0;
    i.max_supervisors_per_contact = read_opt_int(r);
    i.max_supervisors_barged = read_opt_int(r);
    for (Interner* ids : {&m.user_ids_, &m.queue_ids_, &m.flow_ids_, &m.profile_ids_, &m.statuses_}) {
      ids->clear();
      const std::uint64_t n = r.count();
      for (std::uint64_t k = 0; k < n && !r.failed(); ++k)
        if (ids->intern(r.str()) != k) return fail(m, "duplicate interned name");
    }
    const std::uint32_t users = m.user_ids_.size(), queues = m.queue_ids_.size(),
                        flows = m.flow_ids_.size(), profiles = m.profile_ids_.size(),
                        statuses = m.statuses_.size();
    // Contact slots are decoded last but referenced earlier: check those references after.
    m.users_.resize(users);
    for (User& u : m.users_) {
      const std::uint8_t flags = r.u8();
      u.created = flags & 1;
      u.ccp_open = flags & 2;
      u.chat_concurrency = static_cast<int>(r.i64());
      u.permissions = PermissionSet::from_bits(static_cast<std::uint32_t>(r.varint()));
      u.status = read_index(r, statuses);
      u.status_since = r.time();
      u.activity = static_cast<Activity>(read_below(r, 7));
      u.activity_status = read_index(r, statuses);
      u.activity_since = r.time();
      u.profiles = read_refs(r, profiles);
      u.contacts = read_refs(r, kNone);
      u.watching = read_refs(r, kNone);
      u.handled.day = static_cast<std::int32_t>(r.i64());
      u.handled.by_channel[0] = static_cast<std::uint32_t>(r.varint());
      u.handled.by_channel[1] = static_cast<std::uint32_t>(r.varint());
    }
    m.profiles_.resize(profiles);
    for (Profile& p : m.profiles_) {
      p.created = r.u8() != 0;
      p.permissions = PermissionSet::from_bits(static_cast<std::uint32_t>(r.varint()));
    }
    m.flows_.resize(flows);
    for (Flow& f : m.flows_) {
      const std::uint8_t flags = r.u8();
      f.created = flags & 1;
      f.recording = flags & 2;
    }
    m.queues_.resize(queues);
    for (Queue& q : m.queues_) {
      q.created = r.u8() != 0;
      q.channel = static_cast<Channel>(read_below(r, 2));
      q.waiting = static_cast<std::uint32_t>(r.varint());
      q.head = read_ref(r, kNone);
      q.tail = read_ref(r, kNone);
      q.day = static_cast<std::int32_t>(r.i64());
      q.today = read_counts(r);
      const std::uint64_t n = r.count(2);
      if (n == 0 && !r.failed()) return fail(m, "a queue without window buckets");
      q.bucket_ids.resize(n);
      q.buckets.resize(n);
      for (std::uint64_t b = 0; b < n; ++b) {
        q.bucket_ids[b] = r.i64();
        q.buckets[b] = read_counts(r);
      }
    }
    const std::uint64_t slots = r.count();
    m.contacts_.resize(slots);
    const auto nslots = static_cast<std::uint32_t>(slots);
    for (LiveContact& c : m.contacts_) {
      c.in_use = r.u8() != 0;
      if (!c.in_use) continue;
      c.id = r.str();
      c.customer = r.str();
      c.channel = static_cast<Channel>(read_below(r, 2));
      c.status = static_cast<ContactStatus>(read_below(r, 7));
      c.recorded = r.u8() != 0;
      c.flow = read_ref(r, flows);
      c.queue = read_ref(r, queues);
      c.agent = read_ref(r, users);
      for (Timestamp* t : {&c.initiated_at, &c.queued_at, &c.connected_at, &c.ended_at, &c.status_since,
                           &c.last_message_at})
        *t = r.time();
      c.public_messages = static_cast<std::uint32_t>(r.varint());
      c.internal_messages = static_cast<std::uint32_t>(r.varint());
      c.holds = static_cast<std::uint32_t>(r.varint());
      c.held = Duration{r.i64()};
      c.queue_prev = read_ref(r, nslots);
      c.queue_next = read_ref(r, nslots);
      const std::uint64_t n = r.count(6);
      c.sessions.resize(n);
      for (LiveSession& s : c.sessions) {
        s.supervisor = read_ref(r, users);
        s.mode = static_cast<MonitorMode>(read_below(r, 3));
        s.message_mode = static_cast<MessageMode>(read_below(r, 2));
        s.since = r.time();
        s.mode_since = r.time();
        s.started_at = r.varint();
        if (s.supervisor == kNone) r.fail();
      }
      ++m.live_;
    }
    m.free_slots_ = read_refs(r, nslots);
    if (r.failed()) return fail(m, "truncated or malformed");
    if (!r.at_end()) return fail(m, "trailing bytes");
    // Cross references into contact slots must land on live contacts.
    auto live = [&](std::uint32_t s) { return s == kNone || (s < nslots && m.contacts_[s].in_use); };
    for (const User& u : m.users_)
      for (const auto* list : {&u.contacts, &u.watching})
        for (std::uint32_t s : *list)
          if (s == kNone || !live(s)) return fail(m, "a user refers to a contact slot that is not live");
    for (const Queue& q : m.queues_)
      if (!live(q.head) || !live(q.tail)) return fail(m, "a queue refers to a contact slot that is not live");
    for (const LiveContact& c : m.contacts_)
      if (c.in_use && (!live(c.queue_prev) || !live(c.queue_next)))
        return fail(m, "a queued contact refers to a slot that is not live");
    for (std::uint32_t s : m.free_slots_)
      if (s == kNone || s >= nslots || m.contacts_[s].in_use) return fail(m, "a free slot is in use");
    m.rebuild_contact_index();
    if (m.contact_index_.size() != m.live_) return fail(m, "two live contacts share an id");
    return {};
  }

  [[nodiscard]] static std::expected<ModelOptions, std::string> read_header(ByteReader& r) {
    std::string magic;
    for (std::size_t k = 0; k < kMagic.size(); ++k) magic.push_back(static_cast<char>(r.u8()));
    if (r.failed() || magic != kMagic) return std::unexpected("not a projections snapshot");
    const std::uint8_t version = r.u8();
    if (version != kVersion)
      return std::unexpected(fmt::format("snapshot format {} (this build reads {})", version, kVersion));
    ModelOptions o;
    o.service_level_threshold = Duration{r.i64()};
    o.window = Duration{r.i64()};
    o.window_bucket = Duration{r.i64()};
    if (r.failed() || o.window_bucket.count() <= 0 || o.window < o.window_bucket)
      return std::unexpected("snapshot options are malformed");
    return o;
  }

 private:
  static std::unexpected<std::string> fail(ReadModel& m, std::string_view what) {
    m.clear();
    return std::unexpected(fmt::format("damaged projections snapshot: {}", what));
  }
  static std::optional<int> read_opt_int(ByteReader& r) {
    if (r.u8() == 0) return std::nullopt;
    return static_cast<int>(r.i64());
  }
  static std::uint64_t read_below(ByteReader& r, std::uint8_t n) {
    const std::uint8_t v = r.u8();
    if (v >= n) r.fail();
    return v < n ? v : 0;
  }
  static std::uint32_t read_index(ByteReader& r, std::uint32_t n) {
    const std::uint64_t v = r.varint();
    if (v >= n) return r.fail(), 0;
    return static_cast<std::uint32_t>(v);
  }
  // A reference written by ref(): none, or below `n` (kNone: any value, checked later).
  static std::uint32_t read_ref(ByteReader& r, std::uint32_t n) {
    const std::uint64_t v = r.varint();
    if (v == 0) return kNone;
    if (v - 1 >= n) return r.fail(), kNone;
    return static_cast<std::uint32_t>(v - 1);
  }
  static std::vector<std::uint32_t> read_refs(ByteReader& r, std::uint32_t n) {
    std::vector<std::uint32_t> v(r.count());
    for (auto& x : v) x = read_ref(r, n);
    return v;
  }
  static QueueCounts read_counts(ByteReader& r) {
    QueueCounts c;
    c.handled = static_cast<std::uint32_t>(r.varint());
    c.handled_in_sl = static_cast<std::uint32_t>(r.varint());
    c.abandoned = static_cast<std::uint32_t>(r.varint());
    c.wait_ms = r.i64();
    return c;
  }
};

std::string encode_snapshot(const ReadModel& m) { return SnapshotCodec::encode(m); }

std::expected<void, std::string> decode_snapshot(std::string_view bytes, ReadModel& m) {
  return SnapshotCodec::decode(bytes, m);
}

std::expected<ModelOptions, std::string> snapshot_options(std::string_view bytes) {
  ByteReader r(bytes);
  return SnapshotCodec::read_header(r);
}

}  // namespace callwatch::projections
