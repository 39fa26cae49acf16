#include "testing/state_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace callwatch::testkit {

namespace {

template <class Id>
std::string join(const std::vector<Id>& ids) {
  std::string out;
  for (const auto& id : ids) out.append(out.empty() ? "" : ",").append(id.view());
  return out;
}

template <class Map>
auto sorted(const Map& m) {
  std::vector<const typename Map::value_type*> v;
  for (const auto& kv : m) v.push_back(&kv);
  std::sort(v.begin(), v.end(), [](auto* a, auto* b) { return a->first < b->first; });
  return v;
}

std::string opt(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

}  // namespace

std::string canonical_state(const State& s) {
  std::string out;
  auto line = [&](std::string text) {
    out += text;
    out += '\n';
  };
  line(fmt::format("clock {}", s.clock.time_since_epoch().count()));
  line(fmt::format("instance ecm={} echat={} max_sup={} max_barge={}",
                   s.instance.enhanced_contact_monitoring, s.instance.enhanced_chat_monitoring,
                   opt(s.instance.max_supervisors_per_contact), opt(s.instance.max_supervisors_barged)));
  for (auto* kv : sorted(s.profiles)) line(fmt::format("profile {} {}", kv->first.view(), kv->second.bits()));
  for (auto* kv : sorted(s.users)) {
    const UserState& u = kv->second;
    line(fmt::format("user {} profiles={} perms={} chats={} ccp={} status={} contacts={} watching={}",
                     kv->first.view(), join(u.profiles), u.permissions.bits(), u.chat_concurrency,
                     u.ccp_open, u.status, join(u.contacts), join(u.watching)));
  }
  for (auto* kv : sorted(s.queues))
    line(fmt::format("queue {} {}", kv->first.view(), to_string(kv->second.channel)));
  for (auto* kv : sorted(s.flows)) line(fmt::format("flow {} {}", kv->first.view(), kv->second.recording));
  for (auto* kv : sorted(s.contacts)) {
    const ContactState& c = kv->second;
    std::string sessions;
    for (const auto& ss : c.sessions)
      sessions += fmt::format("[{} {} {} {}]", ss.supervisor.view(), to_string(ss.mode),
                              to_string(ss.message_mode), ss.since.time_since_epoch().count());
    line(fmt::format("contact {} {} {} flow={} queue={} recorded={} agent={} sessions={}",
                     kv->first.view(), to_string(c.channel), to_string(c.status), c.flow.view(),
                     c.queue.view(), c.recorded, c.agent.view(), sessions));
  }
  return out;
}

std::uint64_t state_digest(const State& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : canonical_state(s)) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace callwatch::testkit
