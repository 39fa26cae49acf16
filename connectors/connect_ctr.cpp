#include "connectors/connect_ctr.h"

#include <fmt/format.h>

#include <algorithm>

#include "connectors/connect_agent.h"

namespace callwatch::connectors {

using nlohmann::json;

std::expected<ContactRecord, RecordProblem> read_contact_record(const json& record, ConnectCounters& counters) {
  ConnectObject rec(record, "");
  counters.unknown_fields += rec.unknown(
      {"AWSAccountId", "AWSContactTraceRecordFormatVersion", "Agent", "AgentConnectionAttempts", "Attributes",
       "Channel", "ConnectedToSystemTimestamp", "ContactId", "CustomerEndpoint", "DisconnectReason",
       "DisconnectTimestamp", "InitialContactId", "InitiationMethod", "InitiationTimestamp", "InstanceARN",
       "LastUpdateTimestamp", "MediaStreams", "NextContactId", "PreviousContactId", "RelatedContactId", "Queue",
       "Recording", "Recordings", "SystemEndpoint", "TransferCompletedTimestamp", "TransferredToEndpoint", "Tags"});
  ContactRecord r;
  r.contact = rec.id("ContactId");
  const std::string channel = rec.id("Channel");
  r.channel = connect_channel(channel);
  r.initiation = rec.string("InitiationMethod").value_or("");
  const auto related = rec.optional_id("RelatedContactId");
  const auto initial = rec.optional_id("InitialContactId");
  const auto previous = rec.optional_id("PreviousContactId");
  if (related) r.related = *related;
  else if (initial && *initial != r.contact) r.related = *initial;
  else if (previous) r.related = *previous;
  auto initiated = rec.time("InitiationTimestamp");
  if (rec.ok() && !initiated) rec.fail("field 'InitiationTimestamp' is missing");
  if (initiated) r.initiated_at = *initiated;
  r.disconnected_at = rec.time("DisconnectTimestamp");
  auto updated = rec.time("LastUpdateTimestamp");
  r.version = updated ? updated->time_since_epoch().count()
                      : r.disconnected_at.value_or(r.initiated_at).time_since_epoch().count();
  r.disconnect_reason = rec.string("DisconnectReason");
  if (const json* recs = rec.array("Recordings")) r.recorded = !recs->empty();
  if (auto one = rec.object("Recording")) r.recorded = true;
  if (auto q = rec.object("Queue")) {
    if (auto arn = q->optional_id("ARN")) r.queue = arn_tail(*arn);
    else r.queue = q->optional_id("Name");
    r.enqueued_at = q->time("EnqueueTimestamp");
    ignore_error(q->time("DequeueTimestamp"), "read only to check it: a mutated time is an error");
    rec.absorb(*q);
  }
  if (auto a = rec.object("Agent")) {
    r.agent_arn = a->optional_id("ARN");
    r.username = a->optional_id("Username");
    r.connected_at = a->time("ConnectedToAgentTimestamp");
    r.wrap_up_end = a->time("AfterContactWorkEndTimestamp");
    if (const json* ts = a->array("StateTransitions")) {
      for (std::size_t i = 0; i < ts->size(); ++i) {
        const std::string where = fmt::format("Agent.StateTransitions[{}]", i);
        if (!(*ts)[i].is_object()) {
          a->fail(fmt::format("field '{}' must be an object", where));
          break;
        }
        ConnectObject t((*ts)[i], where);
        CtrPeriod p;
        const std::string state = t.id("State");
        auto start = t.time("StateStartTimestamp");
        p.end = t.time("StateEndTimestamp");
        if (t.ok() && !start) t.fail(fmt::format("field '{}.StateStartTimestamp' is missing", where));
        const bool silent = iequals(state, "SILENT_MONITOR") || iequals(state, "SUPERVISOR_LISTENING");
        const bool barge = iequals(state, "BARGE") || iequals(state, "SUPERVISOR_BARGING");
        a->absorb(t);
        if (!t.ok()) break;
        if (!silent && !barge) {
          ++counters.unknown_fields;  // a state callwatch does not model
          continue;
        }
        p.start = *start;
        p.mode = barge ? MonitorMode::Barge : MonitorMode::Silent;
        r.periods.push_back(p);
      }
    }
    rec.absorb(*a);
  }
  if (!rec.ok()) return std::unexpected(RecordProblem{"INVALID_CONNECT_RECORD", rec.error()});
  std::stable_sort(r.periods.begin(), r.periods.end(),
                   [](const CtrPeriod& x, const CtrPeriod& y) { return x.start < y.start; });
  return r;
}

std::expected<bool, std::string> admit_contact_record(const ContactRecord& r, ConnectFacts& f,
                                                      ConnectCounters& counters) {
  auto applied = f.ctr_version(r.contact);
  if (!applied) return std::unexpected(applied.error());
  if (*applied && **applied >= r.version) {
    ++counters.duplicates;  // this version or a later one is in the store
    return false;
  }
  if (!r.channel) {
    ++counters.unsupported;
    return false;
  }
  if (!r.recorded && !iequals(r.initiation, "MONITOR")) f.no_recording(r.contact);
  return true;
}

void contact_record_steps(const ContactRecord& r, std::uint32_t record, std::vector<CtrStep>& out) {
  const std::size_t first = out.size();
  auto add = [&](Timestamp at, CtrStep::Kind kind, std::uint16_t period = 0) {
    CtrStep s;
    s.at = at;
    s.record = record;
    s.step = static_cast<std::uint16_t>(out.size() - first);
    s.period = period;
    s.kind = kind;
    out.push_back(s);
  };
  add(r.initiated_at, CtrStep::Initiate);
  if (iequals(r.initiation, "MONITOR")) {
    for (std::size_t i = 0; i < r.periods.size() && i < 1000; ++i) {
      const CtrPeriod& p = r.periods[i];
      add(p.start, CtrStep::Start, static_cast<std::uint16_t>(i));
      const bool gap = i + 1 == r.periods.size() || (p.end && *p.end < r.periods[i + 1].start);
      if (gap) add(std::max(p.start, p.end.value_or(r.disconnected_at.value_or(p.start))), CtrStep::Stop,
                   static_cast<std::uint16_t>(i));
    }
  } else {
    if (r.queue && r.enqueued_at) add(*r.enqueued_at, CtrStep::Queue);
    if ((r.username || r.agent_arn) && r.connected_at) add(*r.connected_at, CtrStep::Connect);
    if (r.disconnected_at) {
      add(*r.disconnected_at, CtrStep::End);
      add(std::max(*r.disconnected_at, r.wrap_up_end.value_or(*r.disconnected_at)), CtrStep::Complete);
    }
  }
  // In time order within the record too (a record's own times may disagree), ties in order.
  std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                   [](const CtrStep& a, const CtrStep& b) { return a.at < b.at; });
  out.back().last = true;
}

std::expected<void, std::string> apply_ctr_step(const ContactRecord& r, const CtrStep& step, ConnectFacts& f,
                                                ConnectBatch& batch, ConnectCounters&) {
  auto began = f.begin(fmt::format("connect-ctr/{}/{}/{}", r.contact, r.version, step.step), step.at, batch);
  if (!began) return std::unexpected(began.error());
  if (!*began) return {};
  f.quiet(true);
  std::optional<UserId> agent;
  if (r.username) {
    agent = UserId(*r.username);
    if (r.agent_arn) f.learn_arn(*r.agent_arn, *agent);
  } else if (r.agent_arn) {
    auto u = f.user_of_arn(*r.agent_arn);
    if (!u) return std::unexpected(u.error());
    agent = std::move(*u);
  }
  const bool monitor = iequals(r.initiation, "MONITOR");
  const ContactId contact(monitor ? r.related : r.contact);
  switch (step.kind) {
    case CtrStep::Initiate:
      if (monitor) {
        if (agent && !r.related.empty()) {
          f.ensure_user(*agent);
          f.ensure_contact(contact, *r.channel);
        }
      } else {
        f.ensure_contact(contact, *r.channel);
        if (r.recorded) f.recording(contact);
      }
      break;
    case CtrStep::Queue: f.queue(contact, QueueId(*r.queue)); break;
    case CtrStep::Connect: f.connect(contact, *agent); break;
    case CtrStep::End: {
      const bool by_customer = r.disconnect_reason && iequals(*r.disconnect_reason, "CUSTOMER_DISCONNECT");
      f.end_contact(contact, by_customer ? Party::customer() : Party::of(UserId()));
      break;
    }
    case CtrStep::Complete: f.complete(contact); break;
    case CtrStep::Start:
      if (agent && !r.related.empty()) f.start_session(contact, *agent, r.periods[step.period].mode, false);
      break;
    case CtrStep::Stop:
      if (agent && !r.related.empty()) f.stop_session(contact, *agent, StopReason::Requested);
      break;
  }
  if (step.last) f.set_version(kCtrVersionPrefix, r.contact, r.version, batch);
  f.end(false);
  return {};
}

}  // namespace callwatch::connectors
