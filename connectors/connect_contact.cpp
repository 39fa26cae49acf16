#include "connectors/connect_contact.h"

#include <fmt/format.h>

#include "connectors/connect_agent.h"

namespace callwatch::connectors {

using nlohmann::json;

std::expected<ContactEvent, RecordProblem> read_contact_event(const json& record, ConnectCounters& counters) {
  ConnectObject rec(record, "");
  counters.unknown_fields +=
      rec.unknown({"version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"});
  ContactEvent e;
  e.id = rec.id("id");
  auto time = rec.time("time");
  auto detail = rec.object("detail");
  if (rec.ok() && !detail) rec.fail("field 'detail' is missing");
  if (detail) {
    ConnectObject& d = *detail;
    counters.unknown_fields += d.unknown({"eventType", "contactId", "initialContactId", "previousContactId",
                                          "relatedContactId", "channel", "instanceArn", "initiationMethod",
                                          "initiationTimestamp", "disconnectTimestamp", "agentInfo", "queueInfo",
                                          "tags", "disconnectReason"});
    e.type = d.id("eventType");
    e.contact = d.id("contactId");
    const std::string channel = d.id("channel");
    e.channel = connect_channel(channel);
    e.initiation = d.string("initiationMethod").value_or("");
    const auto related = d.optional_id("relatedContactId");
    const auto initial = d.optional_id("initialContactId");
    const auto previous = d.optional_id("previousContactId");
    if (related) e.related = *related;
    else if (initial && *initial != e.contact) e.related = *initial;
    else if (previous) e.related = *previous;
    e.initiated_at = d.time("initiationTimestamp");
    e.disconnected_at = d.time("disconnectTimestamp");
    e.disconnect_reason = d.string("disconnectReason");
    if (auto agent = d.object("agentInfo")) {
      e.agent_arn = agent->optional_id("agentArn");
      e.connected_at = agent->time("connectedToAgentTimestamp");
      d.absorb(*agent);
    }
    if (auto q = d.object("queueInfo")) {
      if (auto arn = q->optional_id("queueArn")) e.queue = arn_tail(*arn);
      e.enqueued_at = q->time("enqueueTimestamp");
      d.absorb(*q);
    }
    rec.absorb(d);
  }
  if (time) e.time = *time;
  else if (rec.ok()) rec.fail("field 'time' is missing");
  if (!rec.ok()) return std::unexpected(RecordProblem{"INVALID_CONNECT_RECORD", rec.error()});
  return e;
}

namespace {

bool known_type(std::string_view t) {
  for (std::string_view k : {"INITIATED", "CONNECTED_TO_SYSTEM", "CONTACT_DATA_UPDATED", "QUEUED",
                             "CONNECTED_TO_AGENT", "DISCONNECTED", "PAUSED", "RESUMED", "COMPLETED"})
    if (iequals(t, k)) return true;
  return false;
}

}  // namespace

std::expected<void, std::string> apply_contact_event(const ContactEvent& e, ConnectFacts& f, ConnectBatch& batch,
                                                     ConnectCounters& counters) {
  auto began = f.begin("connect-contact/" + e.id, e.time, batch);
  if (!began) return std::unexpected(began.error());
  if (!*began) return {};
  if (!known_type(e.type)) {
    ++counters.unknown_event_types;
    f.end();
    return {};
  }
  if (!e.channel) {
    ++counters.unsupported;
    f.end();
    return {};
  }
  const bool queued = iequals(e.type, "QUEUED"), connected = iequals(e.type, "CONNECTED_TO_AGENT");
  const bool disconnected = iequals(e.type, "DISCONNECTED"), completed = iequals(e.type, "COMPLETED");
  std::optional<UserId> agent;
  if (e.agent_arn) {
    auto u = f.user_of_arn(*e.agent_arn);
    if (!u) return std::unexpected(u.error());
    agent = std::move(*u);
  }
  if (iequals(e.initiation, "MONITOR")) {
    // The supervisor's own contact: their session on the monitored one.
    // The monitor contact's own progress (started, ended) never goes back either.
    auto seen = f.version(kMonitorPrefix, e.contact);
    if (!seen) return std::unexpected(seen.error());
    const std::int64_t was = seen->value_or(0);
    if (!e.related.empty() && agent) {
      const ContactId target(e.related);
      f.at(e.connected_at.value_or(e.time));
      if (connected && was < 1) {
        f.ensure_user(*agent);
        f.ensure_contact(target, *e.channel);
        f.start_session(target, *agent, MonitorMode::Silent, false);
        f.set_version(kMonitorPrefix, e.contact, 1, batch);
      } else if ((disconnected || completed) && was < 2) {
        f.at(e.disconnected_at.value_or(e.time));
        f.stop_session(target, *agent, StopReason::Requested);
        f.set_version(kMonitorPrefix, e.contact, 2, batch);
      } else if (connected || disconnected || completed) {
        ++counters.stale;
      }
    }
    f.end();
    return {};
  }
  const ContactId contact(e.contact);
  f.at(e.initiated_at.value_or(e.time));
  f.ensure_contact(contact, *e.channel);
  // Steps this event states or implies, each at its own time; earlier ones fill in what a
  // lost or late event would have said, without counting as stale.
  f.quiet(!queued);
  if (e.queue && (queued || connected || disconnected || completed)) {
    f.at(e.enqueued_at.value_or(e.time));
    if (find(f.state(), contact)->status == ContactStatus::Initiated || queued) f.queue(contact, QueueId(*e.queue));
  }
  f.quiet(!connected);
  if (agent && (connected || ((disconnected || completed) && e.connected_at))) {
    f.at(e.connected_at.value_or(e.time));
    f.connect(contact, *agent);
  }
  f.quiet(!disconnected);
  if (disconnected || completed) {
    f.at(e.disconnected_at.value_or(e.time));
    const bool by_customer = e.disconnect_reason && iequals(*e.disconnect_reason, "CUSTOMER_DISCONNECT");
    f.end_contact(contact, by_customer ? Party::customer() : Party::of(UserId()));
  }
  f.quiet(false);
  if (completed) {
    f.at(e.time);
    f.complete(contact);
  }
  f.end();
  return {};
}

}  // namespace callwatch::connectors
