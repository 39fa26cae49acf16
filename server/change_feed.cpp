#include "server/change_feed.h"

#include <fmt/format.h>

#include <algorithm>

#include "codec/json.h"
#include "codec/time.h"

namespace callwatch::server {
namespace {

template <class T>
void fields_of(const T& e, Change& c) {
  if constexpr (requires { e.queue; }) {
    if constexpr (std::is_same_v<std::decay_t<decltype(e.queue)>, QueueId>)
      if (c.queue.empty()) c.queue = std::string(e.queue.view());
  }
  if constexpr (requires { e.agent; }) {
    if constexpr (std::is_same_v<std::decay_t<decltype(e.agent)>, UserId>)
      if (c.agent.empty()) c.agent = std::string(e.agent.view());
  }
  if constexpr (requires { e.channel; }) {
    if constexpr (std::is_same_v<std::decay_t<decltype(e.channel)>, Channel>)
      if (!c.channel) c.channel = e.channel;
  }
}

}  // namespace

Change make_change(Position position, const Event& event, const projections::ReadModel* m, const Change* before,
                   bool with_data) {
  Change c;
  c.position = position;
  c.type = std::string(type_name(event.body));
  const std::string stream = stream_of(event.body);
  if (stream.starts_with("contact-")) c.contact = stream.substr(8);
  else if (stream.starts_with("user-")) c.agent = stream.substr(5);
  if (m && !c.contact.empty()) {
    const std::uint32_t slot = m->find_contact(c.contact);
    if (slot != projections::kNone) {
      const auto& lc = m->contact_slots()[slot];
      if (lc.queue != projections::kNone) c.queue = m->queue_ids().name(lc.queue);
      if (lc.agent != projections::kNone) c.agent = m->user_ids().name(lc.agent);
      c.channel = lc.channel;
      c.state = lc.status;
    } else if (before) {  // the event finished the contact: what it was just before
      c.queue = before->queue;
      c.agent = before->agent;
      c.channel = before->channel;
      c.state = before->state;
    }
  }
  std::visit([&c](const auto& e) { fields_of(e, c); }, event.body);
  if (!with_data) return c;

  codec::OrderedJson j;
  j["position"] = position;
  j["type"] = c.type;
  j["at"] = codec::format_timestamp(event.at);
  if (!c.contact.empty()) j["contact"] = c.contact;
  if (!c.queue.empty()) j["queue"] = c.queue;
  if (!c.agent.empty()) j["agent"] = c.agent;
  if (c.channel) j["channel"] = std::string(to_string(*c.channel));
  if (c.state) j["state"] = std::string(to_string(*c.state));
  j["event"] = codec::to_json(event);
  c.data = codec::json_text(j);
  return c;
}

bool ChangeFilter::matches(const Change& c) const {
  if (queue && c.queue != *queue) return false;
  if (agent && c.agent != *agent) return false;
  if (contact && c.contact != *contact) return false;
  if (channel && c.channel != channel) return false;
  if (state && c.state != state) return false;
  return true;
}

std::expected<ChangeFilter, Response> ChangeFilter::from_query(const Request& r) {
  ChangeFilter f;
  if (auto v = r.param("queue")) f.queue = std::string(*v);
  if (auto v = r.param("agent")) f.agent = std::string(*v);
  if (auto v = r.param("contact")) f.contact = std::string(*v);
  if (auto v = r.param("channel")) {
    f.channel = parse_channel(*v);
    if (!f.channel) return std::unexpected(error_response(400, "BAD_REQUEST", "channel must be VOICE or CHAT"));
  }
  if (auto v = r.param("state")) {
    f.state = parse_contact_status(*v);
    if (!f.state) return std::unexpected(error_response(400, "BAD_REQUEST", "state: unknown contact state"));
  }
  return f;
}

void append_sse(const Change& c, std::string& out) {
  out += fmt::format("id: {}\nevent: {}\ndata: {}\n\n", c.position, c.type, c.data);
}

void ChangeFeed::set_start(Position p) {
  std::lock_guard l(mu_);
  if (ring_.empty()) start_ = head_ = p;
}

void ChangeFeed::publish(std::vector<Change> changes) {
  if (changes.empty()) return;
  std::vector<std::function<void()>> wakes;
  {
    std::lock_guard l(mu_);
    for (auto& c : changes) {
      head_ = c.position;
      ring_.push_back(std::move(c));
    }
    while (ring_.size() > capacity_) {
      start_ = ring_.front().position;
      ring_.pop_front();
    }
    wakes.swap(wakes_);
  }
  for (auto& w : wakes) w();
}

ChangeFeed::Read ChangeFeed::read(Position* cursor, const ChangeFilter& filter, std::size_t max_bytes,
                                  std::string& out) const {
  std::lock_guard l(mu_);
  if (*cursor < start_) return Read::Behind;
  auto it = std::upper_bound(ring_.begin(), ring_.end(), *cursor,
                             [](Position p, const Change& c) { return p < c.position; });
  for (; it != ring_.end() && out.size() < max_bytes; ++it) {
    if (filter.matches(*it)) append_sse(*it, out);
    *cursor = it->position;
  }
  if (it == ring_.end() && head_ > *cursor) *cursor = head_;
  return Read::Ok;
}

void ChangeFeed::wait(Position cursor, std::function<void()> wake) {
  {
    std::lock_guard l(mu_);
    if (head_ <= cursor) {
      wakes_.push_back(std::move(wake));
      return;
    }
  }
  wake();
}

void ChangeFeed::wake_all() {
  std::vector<std::function<void()>> wakes;
  {
    std::lock_guard l(mu_);
    wakes.swap(wakes_);
  }
  for (auto& w : wakes) w();
}

Position ChangeFeed::head() const {
  std::lock_guard l(mu_);
  return head_;
}

}  // namespace callwatch::server
