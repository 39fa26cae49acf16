#include "projections/model.h"

#include <algorithm>
#include <type_traits>

namespace callwatch::projections {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::int64_t ms(Timestamp t) { return t.time_since_epoch().count(); }

bool live_conversation(ContactStatus s) {
  return s == ContactStatus::Connected || s == ContactStatus::OnHold;
}

bool speaks(const LiveSession& s) {
  return speaks_to_customer(SupervisionSession{UserId{}, s.mode, s.message_mode, {}});
}


// The dense number of `id`, with a new row for it when it is new.
template <class IdT, class Rows>
std::uint32_t intern(const IdT& id, Interner& ids, Rows& rows) {
  const std::uint32_t n = ids.intern(id.view(), id.hash());
  if (n == rows.size()) rows.emplace_back();
  return n;
}

}  // namespace

std::int32_t utc_day(Timestamp t) { return static_cast<std::int32_t>(floor_div(ms(t), kDayMs)); }

std::string_view to_string(Activity a) {
  switch (a) {
    case Activity::Offline: return "Offline";
    case Activity::Available: return "Available";
    case Activity::Custom: return "Custom";
    case Activity::AfterContactWork: return "After contact work";
    case Activity::Monitoring: return "Monitoring";
    case Activity::Barging: return "Barging";
    case Activity::OnContact: return "On contact";
  }
  return "Offline";
}

void QueueCounts::add(const QueueCounts& o) {
  handled += o.handled;
  handled_in_sl += o.handled_in_sl;
  abandoned += o.abandoned;
  wait_ms += o.wait_ms;
}

ActivityOf activity_of(const ReadModel& m, const User& u) {
  const auto& slots = m.contact_slots();
  bool after_work = false;
  for (std::uint32_t c : u.contacts) {
    const ContactStatus s = slots[c].status;
    if (live_conversation(s)) return {Activity::OnContact, 0};
    if (s == ContactStatus::AfterContactWork) after_work = true;
  }
  Activity watching = Activity::Offline;
  const auto self = static_cast<std::uint32_t>(&u - m.users().data());
  for (std::uint32_t c : u.watching)
    for (const LiveSession& s : slots[c].sessions)
      if (s.supervisor == self)
        watching = std::max(watching, speaks(s) ? Activity::Barging : Activity::Monitoring);
  if (watching != Activity::Offline) return {watching, 0};
  if (after_work) return {Activity::AfterContactWork, 0};
  if (!u.ccp_open || u.status == 0) return {Activity::Offline, 0};
  if (u.status == 1) return {Activity::Available, 1};
  return {Activity::Custom, u.status};
}

ReadModel::ReadModel(ModelOptions options) : options_(options) {
  if (options_.window_bucket.count() <= 0) options_.window_bucket = Duration{60'000};
  if (options_.window < options_.window_bucket) options_.window = options_.window_bucket;
  clear();
}

void ReadModel::clear() {
  events_ = 0;
  last_position_ = 0;
  clock_ = {};
  instance_ = {};
  for (Interner* i : {&user_ids_, &queue_ids_, &flow_ids_, &profile_ids_, &statuses_}) i->clear();
  statuses_.intern(kStatusOffline);    // 0
  statuses_.intern(kStatusAvailable);  // 1
  users_.clear();
  queues_.clear();
  flows_.clear();
  profiles_.clear();
  contacts_.clear();
  free_slots_.clear();
  contact_index_.clear();
  live_ = 0;
}

std::uint32_t ReadModel::user(const UserId& id) { return intern(id, user_ids_, users_); }

std::uint32_t ReadModel::queue(const QueueId& id) {
  const std::uint32_t n = queue_ids_.intern(id.view(), id.hash());
  if (n == queues_.size()) {
    Queue& q = queues_.emplace_back();
    const auto count = static_cast<std::size_t>(
        (options_.window.count() + options_.window_bucket.count() - 1) / options_.window_bucket.count());
    q.bucket_ids.assign(count, -1);
    q.buckets.assign(count, QueueCounts{});
  }
  return n;
}

std::uint32_t ReadModel::flow(const FlowId& id) { return intern(id, flow_ids_, flows_); }

std::uint32_t ReadModel::profile(const ProfileId& id) { return intern(id, profile_ids_, profiles_); }

std::uint32_t ReadModel::find_contact(std::string_view id, std::uint64_t hash) const {
  return contact_index_.find(id, hash,
                             [&](std::uint32_t v) -> std::string_view { return contacts_[v].id; });
}

std::uint32_t ReadModel::add_contact(const ContactId& id) {
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(contacts_.size());
    contacts_.emplace_back();
  }
  LiveContact& c = contacts_[slot];
  // Reset field by field: the strings and the session vector keep their capacity.
  std::vector<LiveSession> sessions = std::move(c.sessions);
  std::string id_buf = std::move(c.id);
  std::string customer_buf = std::move(c.customer);
  c = LiveContact{};
  c.sessions = std::move(sessions);
  c.sessions.clear();
  c.id = std::move(id_buf);
  c.id.assign(id.view());
  c.customer = std::move(customer_buf);
  c.customer.clear();
  c.in_use = true;
  contact_index_.insert(id.hash(), slot);
  ++live_;
  return slot;
}

void ReadModel::free_contact(std::uint32_t slot) {
  LiveContact& c = contacts_[slot];
  contact_index_.erase(hash_id(c.id), slot);
  c.in_use = false;
  free_slots_.push_back(slot);
  --live_;
}

void ReadModel::unlink_from_queue(std::uint32_t slot) {
  LiveContact& c = contacts_[slot];
  if (c.status != ContactStatus::Queued || c.queue == kNone) return;
  Queue& q = queues_[c.queue];
  (c.queue_prev == kNone ? q.head : contacts_[c.queue_prev].queue_next) = c.queue_next;
  (c.queue_next == kNone ? q.tail : contacts_[c.queue_next].queue_prev) = c.queue_prev;
  c.queue_prev = c.queue_next = kNone;
  q.waiting -= 1;
}

void ReadModel::refresh_activity(std::uint32_t u, Timestamp at) {
  User& user = users_[u];
  const ActivityOf now = activity_of(*this, user);
  const std::uint32_t shown = now.activity == Activity::Custom ? now.status : 0;
  if (now.activity != user.activity || shown != user.activity_status) {
    user.activity = now.activity;
    user.activity_status = shown;
    user.activity_since = at;
  }
}

QueueCounts& ReadModel::bucket(Queue& q, Timestamp at) {
  const std::int64_t id = floor_div(ms(at), options_.window_bucket.count());
  const auto n = static_cast<std::int64_t>(q.buckets.size());
  const auto i = static_cast<std::size_t>(((id % n) + n) % n);
  if (q.bucket_ids[i] != id) {
    q.bucket_ids[i] = id;
    q.buckets[i] = QueueCounts{};
  }
  return q.buckets[i];
}

void ReadModel::count_day(Queue& q, Timestamp at) {
  const std::int32_t day = utc_day(at);
  if (day > q.day) {
    q.day = day;
    q.today = QueueCounts{};
  }
}

QueueCounts ReadModel::window_counts(const Queue& q, Timestamp now) const {
  const std::int64_t newest = floor_div(ms(now), options_.window_bucket.count());
  const auto n = static_cast<std::int64_t>(q.buckets.size());
  QueueCounts sum;
  for (std::size_t i = 0; i < q.buckets.size(); ++i)
    if (q.bucket_ids[i] > newest - n && q.bucket_ids[i] <= newest) sum.add(q.buckets[i]);
  return sum;
}

QueueCounts ReadModel::day_counts(const Queue& q, Timestamp now) const {
  return q.day == utc_day(now) ? q.today : QueueCounts{};
}

void ReadModel::rebuild_contact_index() {
  contact_index_.clear();
  for (std::uint32_t i = 0; i < contacts_.size(); ++i)
    if (contacts_[i].in_use) contact_index_.insert(hash_id(contacts_[i].id), i);
}

MemoryUsage ReadModel::memory_usage() const {
  MemoryUsage u;
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  u.users = users_.size();
  u.user_bytes = users_.capacity() * sizeof(User) + user_ids_.memory_bytes();
  for (const User& x : users_)
    u.user_bytes += (x.profiles.capacity() + x.contacts.capacity() + x.watching.capacity()) *
                    sizeof(std::uint32_t);
  u.contact_slots = contacts_.size();
  u.live_contacts = live_;
  u.contact_bytes = contacts_.capacity() * sizeof(LiveContact) + contact_index_.memory_bytes() +
                    free_slots_.capacity() * sizeof(std::uint32_t);
  for (const LiveContact& c : contacts_)
    u.contact_bytes += heap(c.id) + heap(c.customer) + c.sessions.capacity() * sizeof(LiveSession);
  u.other_bytes = queue_ids_.memory_bytes() + flow_ids_.memory_bytes() +
                  profile_ids_.memory_bytes() + statuses_.memory_bytes() +
                  queues_.capacity() * sizeof(Queue) + flows_.capacity() * sizeof(Flow) +
                  profiles_.capacity() * sizeof(Profile);
  for (const Queue& q : queues_)
    u.other_bytes += q.bucket_ids.capacity() * sizeof(std::int64_t) +
                     q.buckets.capacity() * sizeof(QueueCounts);
  u.total_bytes = u.user_bytes + u.contact_bytes + u.other_bytes;
  return u;
}

}  // namespace callwatch::projections
