#include "projections/json.h"

#include "codec/json.h"
#include "codec/time.h"

namespace callwatch::projections {
namespace {

using nlohmann::json;

json time(Timestamp t) { return codec::format_timestamp(t); }
json ms(Duration d) { return d.count(); }
json since_ms(Timestamp t, Timestamp now) { return std::max<std::int64_t>(0, (now - t).count()); }
template <class T, class F>
json opt(const std::optional<T>& v, F f) {
  return v ? f(*v) : json(nullptr);
}
json by_channel(const std::array<std::uint32_t, 2>& v) {
  return {{std::string(to_string(Channel::Voice)), v[0]}, {std::string(to_string(Channel::Chat)), v[1]}};
}

json supervisor_json(const SupervisorOnContact& s) {
  return {{"user", s.user},
          {"mode", to_string(s.mode)},
          {"messageMode", to_string(s.message_mode)},
          {"since", time(s.since)},
          {"modeSince", time(s.mode_since)}};
}

json supervisors_json(const std::vector<SupervisorOnContact>& v) {
  json out = json::array();
  for (const auto& s : v) out.push_back(supervisor_json(s));
  return out;
}

json figures_json(const QueueFigures& f) {
  return {{"handled", f.handled},
          {"abandoned", f.abandoned},
          {"averageSpeedOfAnswerMs", opt(f.average_speed_of_answer, ms)},
          {"serviceLevel", opt(f.service_level, [](double v) { return json(v); })}};
}

template <class Row, class F>
json rows(std::span<const Row> rs, F f) {
  json out = json::array();
  for (const Row& r : rs) out.push_back(f(r));
  return out;
}

}  // namespace

json to_json(const ViewPoint& v) { return {{"position", v.position}, {"time", time(v.now)}}; }

json to_json(const AgentRow& r, Timestamp now) {
  json contacts = json::array();
  for (const auto& c : r.contacts)
    contacts.push_back({{"contact", c.contact},
                        {"channel", to_string(c.channel)},
                        {"state", to_string(c.state)},
                        {"stateSince", time(c.state_since)},
                        {"stateMs", since_ms(c.state_since, now)},
                        {"connectedAt", time(c.connected_at)},
                        {"durationMs", since_ms(c.connected_at, now)},
                        {"queue", c.queue},
                        {"supervisors", supervisors_json(c.supervisors)}});
  json watching = json::array();
  for (const auto& w : r.watching)
    watching.push_back({{"contact", w.contact},
                        {"agent", w.agent},
                        {"channel", to_string(w.channel)},
                        {"mode", to_string(w.mode)},
                        {"messageMode", to_string(w.message_mode)},
                        {"since", time(w.since)}});
  return {{"user", r.user},
          {"status", r.status},
          {"statusSince", time(r.status_since)},
          {"activity", r.activity_name},
          {"activitySince", time(r.activity_since)},
          {"activityMs", since_ms(r.activity_since, now)},
          {"ccpOpen", r.ccp_open},
          {"contactsByChannel", by_channel(r.contacts_by_channel)},
          {"handledToday", by_channel(r.handled_today)},
          {"contacts", contacts},
          {"watching", watching}};
}

json to_json(const QueueRow& r, const ModelOptions& o) {
  json window = figures_json(r.window);
  window["windowMs"] = o.window.count();
  return {{"queue", r.queue},
          {"channel", to_string(r.channel)},
          {"inQueue", r.in_queue},
          {"oldestContact", opt(r.oldest_contact, [](const std::string& s) { return json(s); })},
          {"oldestAgeMs", opt(r.oldest_age, ms)},
          {"agents",
           {{"online", r.agents_online},
            {"available", r.agents_available},
            {"onContact", r.agents_on_contact},
            {"afterContactWork", r.agents_after_contact_work}}},
          {"window", window},
          {"today", figures_json(r.today)},
          {"serviceLevelThresholdMs", o.service_level_threshold.count()}};
}

json to_json(const ConversationRow& r, Timestamp now) {
  return {{"contact", r.contact},
          {"channel", to_string(r.channel)},
          {"status", to_string(r.status)},
          {"statusSince", time(r.status_since)},
          {"statusMs", since_ms(r.status_since, now)},
          {"agent", r.agent},
          {"queue", r.queue},
          {"customer", r.customer},
          {"recorded", r.recorded},
          {"waitMs", opt(r.wait, ms)},
          {"connectedAt", time(r.connected_at)},
          {"durationMs", ms(r.duration)},
          {"holds", r.holds},
          {"heldMs", ms(r.held)},
          {"messages", {{"public", r.public_messages}, {"internal", r.internal_messages}}},
          {"lastMessageAt", opt(r.last_message_at, time)},
          {"supervisors", supervisors_json(r.supervisors)}};
}

json to_json(const UserPermissionsRow& r) {
  json perms = json::array();
  for (const auto& s : r.sources) perms.push_back({{"permission", to_string(s.permission)}, {"from", s.profiles}});
  return {{"user", r.user}, {"profiles", r.profiles}, {"permissions", perms}};
}

json to_json(const PermissionHoldersRow& r) {
  return {{"permission", to_string(r.permission)}, {"users", r.users}};
}

json to_json(const SessionRecord& r, Timestamp now) {
  json changes = json::array();
  for (const auto& c : r.changes)
    changes.push_back({{"position", c.position},
                       {"at", time(c.at)},
                       {"mode", to_string(c.mode)},
                       {"messageMode", to_string(c.message_mode)}});
  const Timestamp end = r.ended_at.value_or(now);
  return {{"session", r.started_position},
          {"contact", r.contact},
          {"supervisor", r.supervisor},
          {"agent", r.agent},
          {"channel", to_string(r.channel)},
          {"startedAt", time(r.started_at)},
          {"mode", to_string(r.mode)},
          {"messageMode", to_string(r.message_mode)},
          {"changes", changes},
          {"endedAt", opt(r.ended_at, time)},
          {"endPosition", opt(r.ended_position, [](Position p) { return json(p); })},
          {"endReason", opt(r.end_reason, [](StopReason s) { return json(to_string(s)); })},
          {"durationMs", std::max<std::int64_t>(0, (end - r.started_at).count())}};
}

json to_json(const HistoryEntry& e) {
  return {{"position", e.position}, {"at", time(e.event.at)}, {"text", e.text}, {"event", codec::to_json(e.event)}};
}

json history_json(const ContactHistory& h, bool transcript) {
  json out = {{"contact", h.contact}, {"channel", to_string(h.channel)}, {"status", to_string(h.status)}};
  if (transcript) {
    json t = json::array();
    for (const auto& e : customer_transcript(h)) t.push_back(to_json(e));
    out["transcript"] = t;
    return out;
  }
  out["customer"] = h.customer;
  out["flow"] = h.flow;
  out["recorded"] = h.recorded;
  out["queue"] = h.queue.empty() ? json(nullptr) : json(h.queue);
  out["agent"] = h.agent.empty() ? json(nullptr) : json(h.agent);
  out["initiatedAt"] = time(h.initiated_at);
  out["queuedAt"] = opt(h.queued_at, time);
  out["connectedAt"] = opt(h.connected_at, time);
  out["endedAt"] = opt(h.ended_at, time);
  out["finishedAt"] = opt(h.finished_at, time);
  out["waitMs"] = opt(h.wait, ms);
  out["talkMs"] = opt(h.talk, ms);
  out["holds"] = h.holds;
  out["heldMs"] = ms(h.held);
  out["messages"] = {{"public", h.public_messages}, {"internal", h.internal_messages}};
  out["supervisionSessions"] = h.supervision_sessions;
  json t = json::array();
  for (const auto& e : h.timeline) t.push_back(to_json(e));
  out["timeline"] = t;
  return out;
}

json agents_json(const ViewPoint& v, std::span<const AgentRow> rs) {
  return {{"asOf", to_json(v)}, {"agents", rows(rs, [&](const AgentRow& r) { return to_json(r, v.now); })}};
}

json queues_json(const ViewPoint& v, std::span<const QueueRow> rs, const ModelOptions& o) {
  return {{"asOf", to_json(v)}, {"queues", rows(rs, [&](const QueueRow& r) { return to_json(r, o); })}};
}

json conversations_json(const ViewPoint& v, std::span<const ConversationRow> rs) {
  return {{"asOf", to_json(v)},
          {"conversations", rows(rs, [&](const ConversationRow& r) { return to_json(r, v.now); })}};
}

json to_json(const AccessRecord& a) {
  return {{"position", a.position},
          {"at", time(a.at)},
          {"by", a.by},
          {"access", to_string(a.access)},
          {"contact", a.contact.empty() ? json(nullptr) : json(a.contact)},
          {"search", a.access == RecordingAccess::Search ? json(a.search) : json(nullptr)}};
}

json sessions_json(const ViewPoint& v, std::span<const SessionRecord> rs,
                   std::span<const AccessRecord> accesses) {
  return {{"asOf", to_json(v)},
          {"sessions", rows(rs, [&](const SessionRecord& r) { return to_json(r, v.now); })},
          {"recordingAccesses", rows(accesses, [](const AccessRecord& a) { return to_json(a); })}};
}

json can_json(const std::string& user, const std::string& contact, MonitorMode mode,
              const std::optional<Rejection>& no) {
  json out = {{"user", user},
              {"contact", contact},
              {"action", mode == MonitorMode::Barge ? "barge" : "monitor"},
              {"allowed", !no.has_value()}};
  if (no) {
    out["code"] = to_string(no->code);
    out["reason"] = no->reason;
  }
  return out;
}

}  // namespace callwatch::projections
