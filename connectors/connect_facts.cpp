#include "connectors/connect_facts.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "codec/event_codec.h"
#include "domain/decide.h"
#include "domain/evolve.h"
#include "connectors/connect_json.h"

namespace callwatch::connectors {

namespace {

int rank(ContactStatus s) {
  switch (s) {
    case ContactStatus::Initiated: return 0;
    case ContactStatus::Queued: return 1;
    case ContactStatus::Connected:
    case ContactStatus::OnHold: return 2;
    case ContactStatus::AfterContactWork: return 3;
    case ContactStatus::Completed:
    case ContactStatus::Abandoned: return 4;
  }
  return 4;
}

}  // namespace

void ConnectFacts::stale() {
  if (!quiet_) ++counters_.stale;
}

template <class E>
void ConnectFacts::emit_body(Timestamp at, E body) {
  Event e{std::max(at, state_.clock), EventBody(std::in_place_type<E>, std::move(body))};
  eventstore::NewEvent& out = batch_->events.emplace_back();
  out.event_id = fmt::format("{}/{}", source_, n_++);
  stream_of_into(e.body, out.stream);
  out.type = std::string(E::kName);
  codec::encode_event_into(out.event_id, out.stream, e, out.data);
  evolve(state_, e);
  ++counters_.events;
  if constexpr (std::is_same_v<E, ev::FindingRecorded>) ++counters_.findings;
}

template <class E, class... F>
void ConnectFacts::emit(F&&... fields) {
  emit_body(at_, E{std::forward<F>(fields)...});
}

std::expected<bool, std::string> ConnectFacts::begin(std::string source, Timestamp at, ConnectBatch& batch) {
  batch_ = &batch;
  quiet_ = false;
  source_ = std::move(source);
  at_ = at;
  n_ = 0;
  const std::string first = source_ + "/0";
  if (batch_ids_.contains(first)) {
    ++counters_.duplicates;
    return false;
  }
  auto found = store_.find_event(first);
  if (!found) return std::unexpected(found.error().message);
  if (*found) {
    ++counters_.duplicates;
    return false;
  }
  if (state_.profiles.empty()) {
    // An empty store: the instance's genesis first (as the engine writes it), at this time.
    const std::string record = std::move(source_);
    source_ = "connect/genesis";
    for (auto& e : instance_genesis(at)) std::visit([&](auto& body) { emit_body(e.at, std::move(body)); }, e.body);
    source_ = record;
    n_ = 0;
  }
  return true;
}

void ConnectFacts::end(bool count_unchanged) {
  if (n_ == 0 && count_unchanged) ++counters_.unchanged;
  else batch_ids_.insert(source_ + "/0");
}

std::expected<UserId, std::string> ConnectFacts::user_of_arn(std::string_view arn) {
  const std::string id = arn_tail(arn);
  if (auto it = agent_names_.find(id); it != agent_names_.end()) return UserId(it->second);
  auto v = store_.get_aux(fmt::format("{}{}", kAgentNamePrefix, id));
  if (!v) return std::unexpected(v.error().message);
  const std::string name = *v ? **v : id;  // never learned: the ARN's agent id is the user id
  agent_names_.emplace(id, name);
  return UserId(name);
}

void ConnectFacts::learn_arn(std::string_view arn, const UserId& user) {
  const std::string id = arn_tail(arn);
  auto it = agent_names_.find(id);
  if (it != agent_names_.end() && it->second == user.view()) return;
  if (it == agent_names_.end()) {
    auto v = store_.get_aux(fmt::format("{}{}", kAgentNamePrefix, id));
    if (v && *v && **v == user.view()) {
      agent_names_.emplace(id, std::string(user.view()));
      return;
    }
  }
  agent_names_[id] = std::string(user.view());
  batch_->aux.push_back({fmt::format("{}{}", kAgentNamePrefix, id), std::string(user.view())});
}

std::expected<std::optional<std::int64_t>, std::string> ConnectFacts::version(std::string_view prefix,
                                                                             std::string_view key) {
  std::string k = fmt::format("{}{}", prefix, key);
  if (auto it = versions_.find(k); it != versions_.end()) return it->second;
  auto v = store_.get_aux(k);
  if (!v) return std::unexpected(v.error().message);
  std::optional<std::int64_t> version;
  if (*v) {
    std::int64_t n = 0;
    const auto [p, ec] = std::from_chars((*v)->data(), (*v)->data() + (*v)->size(), n);
    if (ec != std::errc() || p != (*v)->data() + (*v)->size())
      return std::unexpected(fmt::format("store key {} holds '{}', not a version", k, **v));
    version = n;
  }
  versions_.emplace(std::move(k), version);
  return version;
}

void ConnectFacts::set_version(std::string_view prefix, std::string_view key, std::int64_t version,
                               ConnectBatch& batch) {
  std::string k = fmt::format("{}{}", prefix, key);
  versions_[k] = version;
  batch.aux.push_back({std::move(k), std::to_string(version)});
}

void ConnectFacts::ensure_user(const UserId& user, std::optional<int> chat_concurrency) {
  if (find(state_, user)) return;
  const int concurrency = std::clamp(chat_concurrency.value_or(kDefaultChatConcurrency), 1, kMaxChatConcurrency);
  emit<ev::UserCreated>(UserId(kConnectActor), user,
                        std::vector<ProfileId>{ProfileId(kCallCenterManagerProfile), ProfileId(kAgentProfile)},
                        concurrency);
}

void ConnectFacts::ensure_queue(const QueueId& queue, Channel channel) {
  if (state_.queues.contains(queue)) return;
  emit<ev::QueueCreated>(UserId(kConnectActor), queue, channel);
}

void ConnectFacts::ensure_contact(const ContactId& contact, Channel channel) {
  if (find(state_, contact)) return;
  emit<ev::ContactInitiated>(contact, channel, FlowId(kConnectFlow), std::string());
}

void ConnectFacts::recording(const ContactId& contact) {
  const ContactState* c = find(state_, contact);
  if (c && !c->recorded) emit<ev::RecordingEnabled>(contact);
}

void ConnectFacts::open_ccp(const UserId& user) {
  const UserState* u = find(state_, user);
  if (u && !u->ccp_open) emit<ev::CcpOpened>(user);
}

void ConnectFacts::close_ccp(const UserId& user) {
  const UserState* u = find(state_, user);
  if (!u || !u->ccp_open) return;
  const std::vector<ContactId> watching = u->watching;
  for (const auto& c : watching) emit<ev::MonitoringStopped>(c, user, StopReason::CcpClosed);
  emit<ev::CcpClosed>(user);
}

void ConnectFacts::set_status(const UserId& user, std::string_view status) {
  const UserState* u = find(state_, user);
  if (u && u->ccp_open && u->status != status) emit<ev::AgentStatusChanged>(user, std::string(status));
}

void ConnectFacts::queue(const ContactId& contact, const QueueId& queue) {
  const ContactState* c = find(state_, contact);
  if (!c) return;
  if (rank(c->status) >= rank(ContactStatus::Queued)) {
    if (c->status != ContactStatus::Queued) stale();
    return;
  }
  ensure_queue(queue, c->channel);
  emit<ev::ContactQueued>(contact, queue);
}

void ConnectFacts::connect(const ContactId& contact, const UserId& agent) {
  const ContactState* c = find(state_, contact);
  if (!c) return;
  if (rank(c->status) >= rank(ContactStatus::Connected)) {
    if (rank(c->status) > rank(ContactStatus::Connected)) stale();
    return;
  }
  ensure_user(agent);
  emit<ev::AgentConnected>(contact, agent);
}

void ConnectFacts::hold(const ContactId& contact, bool on_hold) {
  const ContactState* c = find(state_, contact);
  if (!c || c->channel != Channel::Voice) return;
  if (on_hold && c->status == ContactStatus::Connected) emit<ev::ContactHeld>(contact);
  else if (!on_hold && c->status == ContactStatus::OnHold) emit<ev::ContactResumed>(contact);
}

void ConnectFacts::stop_all(const ContactId& contact, StopReason reason) {
  const ContactState* c = find(state_, contact);
  if (!c) return;
  std::vector<UserId> supervisors;
  for (const auto& s : c->sessions) supervisors.push_back(s.supervisor);
  for (const auto& s : supervisors) emit<ev::MonitoringStopped>(contact, s, reason);
}

void ConnectFacts::end_contact(const ContactId& contact, Party by) {
  const ContactState* c = find(state_, contact);
  if (!c) return;
  if (rank(c->status) >= rank(ContactStatus::AfterContactWork)) {
    if (rank(c->status) > rank(ContactStatus::AfterContactWork)) stale();
    return;
  }
  stop_all(contact, StopReason::ContactEnded);
  if (rank(c->status) < rank(ContactStatus::Connected)) {
    emit<ev::ContactAbandoned>(contact);
    return;
  }
  if (!by.is_customer() && by.user.empty()) by = Party::of(find(state_, contact)->agent);
  emit<ev::ContactEnded>(contact, std::move(by));
}

void ConnectFacts::complete(const ContactId& contact) {
  const ContactState* c = find(state_, contact);
  if (!c) return;
  if (rank(c->status) >= rank(ContactStatus::Completed)) return;
  if (rank(c->status) < rank(ContactStatus::AfterContactWork)) {
    end_contact(contact, Party::of(c->agent));
    c = find(state_, contact);
    if (c->status == ContactStatus::Abandoned) return;
  }
  stop_all(contact, StopReason::ContactEnded);
  emit<ev::WrapUpCompleted>(contact);
}

void ConnectFacts::findings(const ContactId& contact, const UserId& supervisor, MonitorMode mode, bool change,
                            bool live) {
  for (auto& r : broken_supervision_rules(state_, supervisor, contact, mode, change)) {
    if (!live && (r.code == RejectionCode::CcpNotOpen || r.code == RejectionCode::ContactNotActive)) continue;
    pending_findings_.push_back(std::move(r));
  }
}

void ConnectFacts::flush_findings(const ContactId& contact, const UserId& supervisor) {
  const std::string marked = batch_->events.back().event_id;
  for (auto& r : pending_findings_)
    emit<ev::FindingRecorded>(contact, supervisor, std::string(to_string(r.code)), std::move(r.reason), marked);
  pending_findings_.clear();
}

void ConnectFacts::start_session(const ContactId& contact, const UserId& supervisor, MonitorMode mode, bool live) {
  const ContactState* c = find(state_, contact);
  if (!c) return;
  if (find_session(*c, supervisor)) {
    change_mode(contact, supervisor, mode, live);
    return;
  }
  if (!c->recorded) {
    // Monitoring proves recording, unless a contact record said there was none.
    auto known = ctr_version(contact.view());
    if (known && !*known && !no_recording_.contains(std::string(contact.view()))) emit<ev::RecordingEnabled>(contact);
  }
  findings(contact, supervisor, mode, false, live);
  emit<ev::MonitoringStarted>(contact, supervisor, mode);
  flush_findings(contact, supervisor);
}

void ConnectFacts::change_mode(const ContactId& contact, const UserId& supervisor, MonitorMode mode, bool live) {
  const ContactState* c = find(state_, contact);
  if (!c) return;
  const SupervisionSession* s = find_session(*c, supervisor);
  if (!s || s->mode == mode) return;
  findings(contact, supervisor, mode, true, live);
  emit<ev::MonitorModeChanged>(contact, supervisor, mode);
  flush_findings(contact, supervisor);
}

void ConnectFacts::stop_session(const ContactId& contact, const UserId& supervisor, StopReason reason) {
  const ContactState* c = find(state_, contact);
  if (c && find_session(*c, supervisor)) emit<ev::MonitoringStopped>(contact, supervisor, reason);
}

}  // namespace callwatch::connectors
