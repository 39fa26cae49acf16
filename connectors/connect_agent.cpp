#include "connectors/connect_agent.h"

#include <fmt/format.h>

#include <absl/container/flat_hash_set.h>

namespace callwatch::connectors {

using nlohmann::json;

std::optional<Channel> connect_channel(std::string_view text) {
  if (iequals(text, "VOICE")) return Channel::Voice;
  if (iequals(text, "CHAT")) return Channel::Chat;
  return std::nullopt;
}

namespace {

RecordProblem problem(std::string reason) { return {"INVALID_CONNECT_RECORD", std::move(reason)}; }

std::optional<std::string> queue_of(ConnectObject& q) {
  if (auto arn = q.optional_id("ARN")) return arn_tail(*arn);
  return q.optional_id("Name");
}

std::optional<AgentSnapshot> read_snapshot(ConnectObject& rec, std::string_view key, ConnectCounters& counters) {
  auto snap = rec.object(key);
  if (!snap) return std::nullopt;
  AgentSnapshot out;
  counters.unknown_fields += snap->unknown({"AgentStatus", "NextAgentStatus", "Configuration", "Contacts"});
  if (auto status = snap->object("AgentStatus")) {
    out.status = status->optional_id("Name");
    snap->absorb(*status);
  }
  if (auto conf = snap->object("Configuration")) {
    counters.unknown_fields += conf->unknown(
        {"FirstName", "LastName", "Username", "AgentHierarchyGroups", "RoutingProfile", "AgentHierarchyGroup"});
    out.username = conf->optional_id("Username");
    if (auto profile = conf->object("RoutingProfile")) {
      if (const json* conc = profile->array("Concurrency"))
        for (std::size_t i = 0; i < conc->size(); ++i) {
          if (!(*conc)[i].is_object()) continue;
          ConnectObject c((*conc)[i], fmt::format("{}.Concurrency[{}]", profile->where(), i));
          auto ch = c.string("Channel");
          auto slots = c.integer("MaximumSlots");
          if (ch && slots && connect_channel(*ch) == Channel::Chat && *slots >= 1)
            out.chat_slots = static_cast<int>(std::min<std::int64_t>(*slots, kMaxChatConcurrency));
          profile->absorb(c);
        }
      conf->absorb(*profile);
    }
    snap->absorb(*conf);
  }
  if (const json* contacts = snap->array("Contacts")) {
    out.contacts.emplace();
    for (std::size_t i = 0; i < contacts->size(); ++i) {
      const std::string where = fmt::format("{}.Contacts[{}]", snap->where(), i);
      if (!(*contacts)[i].is_object()) {
        snap->fail(fmt::format("field '{}' must be an object", where));
        break;
      }
      ConnectObject c((*contacts)[i], where);
      counters.unknown_fields +=
          c.unknown({"ContactId", "InitialContactId", "RelatedContactId", "Channel", "InitiationMethod", "State",
                     "StateStartTimestamp", "ConnectedToAgentTimestamp", "QueueTimestamp", "Queue", "MonitorMode"});
      AgentContact a;
      a.id = c.id("ContactId");
      const auto initial = c.optional_id("InitialContactId");
      const auto related = c.optional_id("RelatedContactId");
      a.related = initial && *initial != a.id ? *initial : related.value_or("");
      const std::string channel = c.id("Channel");
      a.channel = connect_channel(channel);
      a.initiation = c.string("InitiationMethod").value_or("");
      a.state = c.string("State").value_or("");
      if (auto mode = c.string("MonitorMode"); mode && iequals(*mode, "BARGE")) a.mode = MonitorMode::Barge;
      if (auto q = c.object("Queue")) {
        a.queue = queue_of(*q);
        c.absorb(*q);
      }
      ignore_error(c.time("StateStartTimestamp"), "read only to check it: a mutated time is an error");
      snap->absorb(c);
      out.contacts->push_back(std::move(a));
    }
  }
  rec.absorb(*snap);
  return out;
}

bool is_live(std::string_view state) {
  return iequals(state, "CONNECTED") || iequals(state, "CONNECTED_ONHOLD");
}

}  // namespace

std::expected<AgentEvent, RecordProblem> read_agent_event(const json& record, ConnectCounters& counters) {
  ConnectObject rec(record, "");
  counters.unknown_fields += rec.unknown({"AWSAccountId", "AgentARN", "InstanceARN", "EventId", "EventTimestamp",
                                          "EventType", "Version", "CurrentAgentSnapshot", "PreviousAgentSnapshot"});
  AgentEvent e;
  e.event_id = rec.id("EventId");
  e.type = rec.id("EventType");
  e.agent_arn = rec.id("AgentARN");
  auto at = rec.time("EventTimestamp");
  if (rec.ok() && !at) rec.fail("field 'EventTimestamp' is missing");
  if (at) e.at = *at;
  e.current = read_snapshot(rec, "CurrentAgentSnapshot", counters);
  e.previous = read_snapshot(rec, "PreviousAgentSnapshot", counters);
  if (!rec.ok()) return std::unexpected(problem(rec.error()));
  return e;
}

std::expected<void, std::string> apply_agent_event(const AgentEvent& e, ConnectFacts& f, ConnectBatch& batch,
                                                   ConnectCounters& counters) {
  const bool login = e.type == "LOGIN", logout = e.type == "LOGOUT";
  const bool snapshot = e.type == "STATE_CHANGE" || e.type == "HEART_BEAT";
  auto began = f.begin("connect-agent/" + e.event_id, e.at, batch);
  if (!began) return std::unexpected(began.error());
  if (!*began) return {};
  if (!login && !logout && !snapshot) {
    ++counters.unknown_event_types;
    f.end();
    return {};
  }
  std::optional<std::string> name;
  if (e.current && e.current->username) name = e.current->username;
  else if (e.previous && e.previous->username) name = e.previous->username;
  UserId user;
  if (name) {
    user = UserId(*name);
    f.learn_arn(e.agent_arn, user);
  } else {
    auto u = f.user_of_arn(e.agent_arn);
    if (!u) return std::unexpected(u.error());
    user = std::move(*u);
  }
  // Kinesis keeps an agent's records in order, but a replayed or merged stream may not:
  // an event older than the latest one that changed this user is stale.
  const std::int64_t ms = e.at.time_since_epoch().count();
  auto latest = f.version(kAgentTimePrefix, user.view());
  if (!latest) return std::unexpected(latest.error());
  if (*latest && **latest > ms) {
    ++counters.stale;
    f.end();
    return {};
  }
  auto done = [&] {
    if (f.wrote()) f.set_version(kAgentTimePrefix, user.view(), ms, batch);
    f.end();
  };
  f.ensure_user(user, e.current ? e.current->chat_slots : std::nullopt);
  if (logout) {
    f.close_ccp(user);
    done();
    return {};
  }
  f.open_ccp(user);
  if (e.current && e.current->status) f.set_status(user, *e.current->status);
  if (e.current && e.current->contacts) {
    absl::flat_hash_set<std::string> listed, watched;
    for (const AgentContact& c : *e.current->contacts) {
      if (!c.channel) {
        ++counters.unsupported;
        continue;
      }
      listed.insert(c.id);
      if (iequals(c.initiation, "MONITOR")) {
        if (c.related.empty()) continue;
        const ContactId target(c.related);
        if (is_live(c.state) || iequals(c.state, "CONNECTING")) {
          watched.insert(c.related);
          f.ensure_contact(target, *c.channel);
          f.start_session(target, user, c.mode, true);
        }
        continue;
      }
      const ContactId id(c.id);
      f.ensure_contact(id, *c.channel);
      const ContactState* known = find(f.state(), id);
      if (c.queue && known->status == ContactStatus::Initiated) f.queue(id, QueueId(*c.queue));
      if (is_live(c.state)) {
        f.connect(id, user);
        f.hold(id, iequals(c.state, "CONNECTED_ONHOLD"));
      } else if (iequals(c.state, "ENDED")) {
        f.end_contact(id, Party::of(user));
      }
    }
    // What the agent no longer has: sessions stopped, contacts out of after-contact work.
    if (const UserState* u = find(f.state(), user)) {
      const std::vector<ContactId> watching = u->watching;
      for (const auto& c : watching)
        if (!watched.contains(std::string(c.view()))) f.stop_session(c, user, StopReason::Requested);
      const std::vector<ContactId> mine = u->contacts;
      for (const auto& c : mine)
        if (!listed.contains(std::string(c.view()))) f.complete(c);
    }
  }
  done();
  return {};
}

}  // namespace callwatch::connectors
