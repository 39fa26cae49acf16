#include "app/state_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

namespace callwatch::app {
namespace {

// Real-time metrics wording: supervisors read Monitoring / Barging; agents with contacts
// read On contact or After contact work; otherwise their status.
std::string activity(const State& s, const UserId& id, const UserState& u) {
  if (!u.ccp_open) return "Offline (CCP closed)";
  bool on_contact = false;
  bool wrap_up = false;
  for (const auto& cid : u.contacts)
    if (const ContactState* c = find(s, cid))
      (c->status == ContactStatus::AfterContactWork ? wrap_up : on_contact) = true;
  if (on_contact) return "On contact";
  if (wrap_up) return "After contact work";
  bool barging = false;
  for (const auto& cid : u.watching)
    if (const ContactState* c = find(s, cid))
      if (const SupervisionSession* session = find_session(*c, id))
        barging = barging || speaks_to_customer(*session);
  if (!u.watching.empty()) return barging ? "Barging" : "Monitoring";
  return u.status;
}

template <class Map>
auto sorted(const Map& m) {
  std::vector<std::pair<typename Map::key_type, const typename Map::mapped_type*>> v;
  for (const auto& [k, val] : m) v.emplace_back(k, &val);
  std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return v;
}

std::string limit_text(const std::optional<int>& v) { return v ? std::to_string(*v) : "default"; }

template <class... Args>
void line(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  out += fmt::format(f, std::forward<Args>(args)...);
  out += '\n';
}

}  // namespace

std::string render_state(const State& s) {
  std::string out;
  const InstanceState& i = s.instance;
  line(out, "Instance");
  line(out, "  ENHANCED_CONTACT_MONITORING={} ENHANCED_CHAT_MONITORING={} "
       "MAX_SUPERVISORS_PER_CONTACT={} MAX_SUPERVISORS_BARGED={}",
       i.enhanced_contact_monitoring, i.enhanced_chat_monitoring,
       limit_text(i.max_supervisors_per_contact), limit_text(i.max_supervisors_barged));
  line(out, "  {} security profiles, {} queues, {} contact flows", s.profiles.size(), s.queues.size(),
       s.flows.size());

  line(out, "");
  line(out, "Users ({})", s.users.size());
  line(out, "  {:<16} {:<22} {:<9} {}", "USER", "ACTIVITY", "CONTACTS", "PROFILES");
  for (const auto& [id, u] : sorted(s.users)) {
    std::string profiles;
    for (const auto& p : u->profiles) profiles.append(profiles.empty() ? "" : ",").append(p.view());
    line(out, "  {:<16} {:<22} {:<9} {}", id.view(), activity(s, id, *u), u->contacts.size(), profiles);
  }

  std::size_t finished = 0;
  std::vector<std::pair<ContactId, const ContactState*>> live;
  for (const auto& [id, c] : sorted(s.contacts)) {
    if (c->status == ContactStatus::Completed || c->status == ContactStatus::Abandoned)
      ++finished;
    else
      live.emplace_back(id, c);
  }
  line(out, "");
  line(out, "Live conversations ({}; {} finished)", live.size(), finished);
  line(out, "  {:<12} {:<6} {:<19} {:<10} {:<14} {:<9} {}", "CONTACT", "CHAN", "STATE", "QUEUE",
       "AGENT", "RECORDED", "SUPERVISORS");
  for (const auto& [id, c] : live) {
    std::string sups;
    for (const auto& session : c->sessions)
      sups += fmt::format("{}{}({})", sups.empty() ? "" : ", ", session.supervisor.view(),
                          to_string(session.mode));
    line(out, "  {:<12} {:<6} {:<19} {:<10} {:<14} {:<9} {}", id.view(), to_string(c->channel),
         to_string(c->status), c->queue.view(), c->agent.empty() ? "-" : c->agent.view(),
         c->recorded ? "yes" : "no", sups.empty() ? "-" : sups);
  }
  return out;
}

}  // namespace callwatch::app
