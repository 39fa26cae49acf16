// A deterministic random contact-center day, driven through domain decide(): contacts arrive,
// wait, are answered, talk, hold, chat, end and wrap up or are abandoned; agents take breaks;
// supervisors monitor, barge, join and stop; now and then an admin changes profiles or
// instance attributes. Used by tests (read models against hand-free expectations: fold ==
// live == rebuilt == as-of) and by the replay benchmark to write a large realistic log.
//
// Host: `const State& state()`, `Decision run(CommandBody)` (stamps with its clock and keeps
// accepted events), `void after(Duration)`.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/decide.h"

namespace callwatch::testkit {

struct DayWorkloadOptions {
  int agents = 20;
  int supervisors = 4;
  std::uint64_t seed = 1;
  int max_waiting = 40;  // stop starting contacts when this many wait
  double arrivals_per_step = 0.14;  // mean new contacts per step (a step is 0 to 1.5 s)
};

template <class Host>
class DayWorkload {
 public:
  DayWorkload(Host& host, DayWorkloadOptions o) : host_(host), o_(o), rng_(o.seed * 0x9E3779B97F4A7C15ull + 1) {}

  void setup() {
    const UserId admin{"admin"};
    run(cmd::CreateQueue{admin, QueueId{"voice-q"}, Channel::Voice});
    run(cmd::CreateQueue{admin, QueueId{"sales-q"}, Channel::Voice});
    run(cmd::CreateQueue{admin, QueueId{"chat-q"}, Channel::Chat});
    run(cmd::PublishContactFlow{admin, FlowId{"recorded"}, true});
    run(cmd::PublishContactFlow{admin, FlowId{"unrecorded"}, false});
    for (int i = 0; i < o_.agents; ++i) {
      agents_.push_back("agent-" + std::to_string(i));
      run(cmd::CreateUser{admin, UserId{agents_.back()}, {ProfileId{"Agent"}}, 2 + i % 2});
      run(cmd::OpenCcp{UserId{agents_.back()}});
      run(cmd::SetAgentStatus{UserId{agents_.back()}, "Available"});
    }
    for (int i = 0; i < o_.supervisors; ++i) {
      supervisors_.push_back("sup-" + std::to_string(i));
      run(cmd::CreateUser{admin, UserId{supervisors_.back()},
                          {ProfileId{"CallCenterManager"}, ProfileId{"Agent"}}, 3});
      run(cmd::OpenCcp{UserId{supervisors_.back()}});
      run(cmd::SetAgentStatus{UserId{supervisors_.back()}, "Available"});
    }
  }

  void step() {
    host_.after(Duration{static_cast<std::int64_t>(below(1500))});
    const auto whole = static_cast<int>(o_.arrivals_per_step);
    const double frac = o_.arrivals_per_step - whole;
    for (int k = whole + (static_cast<double>(below(1000)) < frac * 1000 ? 1 : 0); k > 0; --k) start();
    const auto r = below(100);
    if (r < 30) message();
    else if (r < 34) hold_or_resume();
    else if (r < 36) abandon();
    else if (r < 60) supervise();
    else if (r < 68) agent_status();
    else if (r < 69) admin();
    // Routing, talking and wrapping up go on all the time, in proportion to what is in hand.
    for (int k = 0; k < 3 && !queued_.empty(); ++k) connect();
    for (auto n = (live_.size() + below(120)) / 120; n > 0; --n) end();
    for (auto n = (live_.size() + below(20)) / 20; n > 0; --n) wrap_up();
  }

  [[nodiscard]] std::size_t contacts_started() const { return next_contact_; }

 private:
  std::uint64_t next() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return rng_;
  }
  std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

  void run(CommandBody body) {
    Decision d = host_.run(std::move(body));
    if (!d) return;
    for (const Event& e : *d) track(e);
  }
  static void erase(std::vector<std::string>& v, std::string_view x) {
    auto it = std::find(v.begin(), v.end(), x);
    if (it != v.end()) v.erase(it);
  }
  void track(const Event& e) {
    if (const auto* q = std::get_if<ev::ContactQueued>(&e.body)) queued_.emplace_back(q->contact.view());
    if (const auto* c = std::get_if<ev::AgentConnected>(&e.body)) {
      erase(queued_, c->contact.view());
      live_.emplace_back(c->contact.view());
    }
    if (const auto* a = std::get_if<ev::ContactAbandoned>(&e.body)) erase(queued_, a->contact.view());
    if (const auto* w = std::get_if<ev::WrapUpCompleted>(&e.body)) erase(live_, w->contact.view());
  }
  const ContactState* contact(const std::string& id) { return find(host_.state(), ContactId{id}); }

  void start() {
    if (static_cast<int>(queued_.size()) >= o_.max_waiting) return;
    const bool voice = below(100) < 60;
    const std::string id = "c-" + std::to_string(next_contact_++);
    run(cmd::StartContact{ContactId{id}, voice ? Channel::Voice : Channel::Chat,
                          QueueId{voice ? (below(3) == 0 ? "sales-q" : "voice-q") : "chat-q"},
                          FlowId{below(100) < 85 ? "recorded" : "unrecorded"},
                          "+1 555 " + std::to_string(1000 + below(9000))});
  }
  void connect() {
    if (queued_.empty()) return;
    const std::string id = below(4) == 0 ? pick(queued_) : queued_.front();
    const std::size_t n = agents_.size() + supervisors_.size();
    const std::size_t from = below(n);
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = (from + k) % n;
      const std::string& a = i < agents_.size() ? agents_[i] : supervisors_[i - agents_.size()];
      const UserState* u = find(host_.state(), UserId{a});
      if (!u || !u->ccp_open || u->status != kStatusAvailable) continue;
      if (contact(id)->channel == Channel::Voice && !u->contacts.empty()) continue;
      if (static_cast<int>(u->contacts.size()) >= u->chat_concurrency) continue;
      run(cmd::ConnectAgent{ContactId{id}, UserId{a}});
      return;
    }
  }
  void message() {
    if (live_.empty()) return;
    const std::string& id = pick(live_);
    const ContactState* c = contact(id);
    if (c->channel != Channel::Chat || c->status != ContactStatus::Connected) return;
    const auto r = below(10);
    if (r < 5) {
      run(cmd::SendMessage{ContactId{id}, Party::customer(), "customer line " + std::to_string(below(1000)),
                           Visibility::Public});
    } else if (r < 9 || c->sessions.empty()) {
      run(cmd::SendMessage{ContactId{id}, Party::of(c->agent), "agent reply", Visibility::Public});
    } else {
      const SupervisionSession& s = c->sessions.front();
      run(cmd::SendMessage{ContactId{id}, Party::of(s.supervisor), "coaching note",
                           below(2) ? Visibility::Internal : Visibility::Public});
    }
  }
  void hold_or_resume() {
    if (live_.empty()) return;
    const std::string& id = pick(live_);
    const ContactState* c = contact(id);
    if (c->status == ContactStatus::Connected) run(cmd::HoldContact{ContactId{id}, c->agent});
    else if (c->status == ContactStatus::OnHold) run(cmd::ResumeContact{ContactId{id}, c->agent});
  }
  void end() {
    if (live_.empty()) return;
    const std::string& id = pick(live_);
    const ContactState* c = contact(id);
    if (c->status != ContactStatus::Connected && c->status != ContactStatus::OnHold) return;
    run(cmd::EndContact{ContactId{id}, below(2) ? Party::customer() : Party::of(c->agent)});
  }
  void wrap_up() {
    if (live_.empty()) return;
    const std::string& id = pick(live_);
    const ContactState* c = contact(id);
    if (c->status == ContactStatus::AfterContactWork) run(cmd::CompleteWrapUp{ContactId{id}, c->agent});
  }
  void abandon() {
    if (!queued_.empty()) run(cmd::AbandonContact{ContactId{pick(queued_)}});
  }
  void supervise() {
    if (supervisors_.empty()) return;
    const std::string& s = pick(supervisors_);
    // Now and then a search of recordings (counted, not drawn: the random sequence stays).
    if (++supervisions_ % 64 == 0)
      run(cmd::AccessRecording{UserId{s}, RecordingAccess::Search, ContactId{}, "+1 555"});
    // And rarer, an API token for the supervisor, every other one revoked by its owner.
    if (supervisions_ % 128 == 0) {
      std::string token = std::to_string(supervisions_ / 128);
      token.insert(0, 12 - token.size(), '0');
      run(cmd::IssueToken{UserId{kAdminUser}, TokenId{token}, UserId{s},
                          host_.state().clock + std::chrono::hours{8}, std::string(64, '0')});
      if (supervisions_ % 256 == 0) run(cmd::RevokeToken{UserId{s}, TokenId{token}});
    }
    const UserState* u = find(host_.state(), UserId{s});
    if (!u) return;
    if (!u->watching.empty() && below(10) < 4) {
      const ContactId watched = u->watching[below(u->watching.size())];
      const ContactState* c = find(host_.state(), watched);
      const SupervisionSession* session = c ? find_session(*c, UserId{s}) : nullptr;
      if (!session) return;
      const auto r = below(3);
      if (r == 0) run(cmd::StopMonitoring{watched, UserId{s}});
      else if (c->channel == Channel::Chat && r == 1)
        run(cmd::JoinConversation{watched, UserId{s}, below(2) ? MessageMode::Public : MessageMode::Internal});
      else
        run(cmd::SetMonitorMode{watched, UserId{s},
                                session->mode == MonitorMode::Silent ? MonitorMode::Barge : MonitorMode::Silent});
      return;
    }
    if (live_.empty()) return;
    run(cmd::MonitorContact{ContactId{pick(live_)}, UserId{s}, below(4) == 0 ? MonitorMode::Barge : MonitorMode::Silent});
  }
  void agent_status() {
    const bool sup = below(5) == 0 && !supervisors_.empty();
    const std::string& a = sup ? pick(supervisors_) : pick(agents_);
    const UserState* u = find(host_.state(), UserId{a});
    if (!u) return;
    if (!u->ccp_open) {
      run(cmd::OpenCcp{UserId{a}});
      run(cmd::SetAgentStatus{UserId{a}, "Available"});
    } else if (sup && below(3) == 0) {
      run(cmd::CloseCcp{UserId{a}});
    } else if (u->status != kStatusAvailable) {
      run(cmd::SetAgentStatus{UserId{a}, std::string(kStatusAvailable)});
    } else if (below(4) == 0) {
      run(cmd::SetAgentStatus{UserId{a}, below(2) ? "Break" : "Training"});
    }
  }
  void admin() {
    const UserId admin{"admin"};
    const auto r = below(4);
    if (r == 0 && !supervisors_.empty()) {
      const bool revoke = below(2) == 0;
      std::vector<ProfileId> ps{ProfileId{"Agent"}};
      if (!revoke) ps.insert(ps.begin(), ProfileId{"CallCenterManager"});
      run(cmd::AssignSecurityProfiles{admin, UserId{pick(supervisors_)}, ps});
    } else if (r == 1) {
      run(cmd::SetInstanceAttribute{admin, InstanceAttribute::EnhancedChatMonitoring,
                                    static_cast<std::int32_t>(below(4) != 0)});
    } else if (r == 2) {
      run(cmd::SetInstanceAttribute{admin, InstanceAttribute::MaxSupervisorsBarged,
                                    below(2) ? std::optional<std::int32_t>{} : std::optional<std::int32_t>{2}});
    } else {
      run(cmd::SetInstanceAttribute{admin, InstanceAttribute::EnhancedContactMonitoring,
                                    static_cast<std::int32_t>(below(4) != 0)});
    }
  }

  Host& host_;
  DayWorkloadOptions o_;
  std::uint64_t rng_;
  std::vector<std::string> agents_, supervisors_;
  std::vector<std::string> queued_, live_;
  std::size_t next_contact_ = 0;
  std::uint64_t supervisions_ = 0;
};

}  // namespace callwatch::testkit
