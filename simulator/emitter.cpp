#include "simulator/emitter.h"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "simulator/rng.h"

namespace callwatch::sim {
namespace {

constexpr std::string_view kAdmin = kAdminUser;
constexpr std::string_view kListenOnlyProfile = "SupervisorListenOnly";

constexpr std::array<std::string_view, 8> kCustomerLines{
    "Hi, I have a question about my order.",
    "My delivery hasn't arrived yet.",
    "Can I change the shipping address?",
    "I was charged twice for the same item.",
    "The order number is in my confirmation email.",
    "Yes, that's right.",
    "OK, thanks. How long will that take?",
    "Great, that solves it. Thank you!"};
constexpr std::array<std::string_view, 8> kAgentLines{
    "Hello, thanks for contacting us. How can I help?",
    "Let me look that up for you.",
    "Could you confirm the order number, please?",
    "Thanks, I can see the order here.",
    "I've updated it; you'll get a confirmation email shortly.",
    "Is there anything else I can help with?",
    "One moment while I check with the warehouse.",
    "You're welcome, have a nice day!"};
constexpr std::string_view kAreYouThere = "Are you still there?";
constexpr std::array<std::string_view, 4> kSupervisorLines{
    "Offer the goodwill voucher on this one.",
    "Check the refund policy section 4 before confirming.",
    "You can escalate this to tier 2 if needed.",
    "Good handling, keep going."};

std::string_view pick(std::span<const std::string_view> lines, std::uint64_t key, std::uint32_t n) {
  return lines[mix64(key + n * kGolden) % lines.size()];
}

}  // namespace

Emitter::Emitter(const Scenario& s, CommandSink& sink, std::size_t batch)
    : s_(s), sink_(sink), batch_(batch == 0 ? 1 : batch) {
  pending_.reserve(batch_);
  expected_.reserve(batch_);
}

ContactId Emitter::contact_id(const Action& a) const {
  const std::string& q = s_.queues[a.queue].name;
  std::string id;
  id.reserve(q.size() + 12);
  id.append(q);
  id.push_back('-');
  fmt::format_int n(a.ordinal);
  id.append(n.data(), n.size());
  return ContactId{std::move(id)};
}

Command Emitter::build(const Action& a) {
  const UserId admin{kAdmin};
  auto user = [&](std::uint32_t i) { return UserId{model_->users()[i].name}; };
  auto party = [&]() {
    return a.party == Who::Customer ? callwatch::Party::customer() : callwatch::Party::of(user(a.user));
  };
  CommandBody body;
  switch (a.kind) {
    case ActionKind::CreateListenOnlyProfile:
      body = cmd::CreateSecurityProfile{
          admin, ProfileId{kListenOnlyProfile},
          PermissionSet{Permission::RealTimeContactMonitoring, Permission::AccessMetrics}};
      break;
    case ActionKind::PublishFlow:
      body = cmd::PublishContactFlow{admin, FlowId{s_.flows[a.flow].name}, s_.flows[a.flow].recording};
      break;
    case ActionKind::CreateQueue:
      body = cmd::CreateQueue{admin, QueueId{s_.queues[a.queue].name}, s_.queues[a.queue].channel};
      break;
    case ActionKind::CreateUser: {
      const UserInfo& u = model_->users()[a.user];
      std::vector<ProfileId> profiles{ProfileId{kAgentProfile}};
      if (u.supervisor)
        profiles.emplace_back(u.can_barge ? kCallCenterManagerProfile : kListenOnlyProfile);
      body = cmd::CreateUser{admin, UserId{u.name}, std::move(profiles), u.chat_concurrency};
      break;
    }
    case ActionKind::OpenCcp:
      body = cmd::OpenCcp{user(a.user)};
      break;
    case ActionKind::SetStatus:
      body = cmd::SetAgentStatus{user(a.user), model_->status_names()[a.number]};
      break;
    case ActionKind::CloseCcp:
      body = cmd::CloseCcp{user(a.user)};
      break;
    case ActionKind::StartContact: {
      const QueueSpec& q = s_.queues[a.queue];
      std::string customer =
          q.channel == Channel::Voice
              ? fmt::format("+1555{:07d}", a.contact_key % 10'000'000)
              : fmt::format("visitor-{:06x}", a.contact_key & 0xFFFFFF);
      body = cmd::StartContact{contact_id(a), q.channel, QueueId{q.name}, FlowId{s_.flows[a.flow].name},
                               std::move(customer)};
      break;
    }
    case ActionKind::ConnectAgent:
      body = cmd::ConnectAgent{contact_id(a), user(a.user)};
      break;
    case ActionKind::Hold:
      body = cmd::HoldContact{contact_id(a), user(a.user)};
      break;
    case ActionKind::Resume:
      body = cmd::ResumeContact{contact_id(a), user(a.user)};
      break;
    case ActionKind::End:
      body = cmd::EndContact{contact_id(a), party()};
      break;
    case ActionKind::CompleteWrapUp:
      body = cmd::CompleteWrapUp{contact_id(a), user(a.user)};
      break;
    case ActionKind::Abandon:
      body = cmd::AbandonContact{contact_id(a)};
      break;
    case ActionKind::Message: {
      std::string_view text;
      Visibility visibility = Visibility::Public;
      switch (a.party) {
        case Who::Customer:
          text = pick(kCustomerLines, a.contact_key, a.number);
          break;
        case Who::Agent:
          text = a.number == kAreYouThereMessage ? kAreYouThere
                 : a.number == 1                 ? kAgentLines[0]
                                                 : pick(kAgentLines, a.contact_key, a.number);
          break;
        case Who::Supervisor:
          text = pick(kSupervisorLines, a.contact_key, a.number);
          visibility = Visibility::Internal;  // joined in consult mode, INTERNAL messages
          break;
      }
      body = cmd::SendMessage{contact_id(a), party(), std::string(text), visibility};
      break;
    }
    case ActionKind::Monitor:
      body = cmd::MonitorContact{contact_id(a), user(a.user), MonitorMode::Silent};
      break;
    case ActionKind::Barge:
      body = cmd::SetMonitorMode{contact_id(a), user(a.user), MonitorMode::Barge};
      break;
    case ActionKind::Join:
      body = cmd::JoinConversation{contact_id(a), user(a.user), MessageMode::Internal};
      break;
    case ActionKind::StopMonitoring:
      body = cmd::StopMonitoring{contact_id(a), user(a.user)};
      break;
  }
  fmt::format_int id(next_id_++);
  std::string command_id = "sim-";
  command_id.append(id.data(), id.size());
  return Command{std::move(body), s_.start + Duration{a.at}, std::move(command_id)};
}

void Emitter::on(const Action& a) {
  Command c = build(a);
  if (a.expected) {
    // A planned refusal goes alone, after everything before it.
    flush();
    record(c, a.expected, sink_.submit(c));
    return;
  }
  if (batch_ == 1) {
    record(c, std::nullopt, sink_.submit(c));
    return;
  }
  pending_.push_back(std::move(c));
  expected_.push_back(std::nullopt);
  if (pending_.size() >= batch_) flush();
}

void Emitter::flush() {
  if (pending_.empty()) return;
  if (pending_.size() == 1) {
    record(pending_[0], expected_[0], sink_.submit(pending_[0]));
  } else {
    sink_.submit_all(pending_, results_);
    for (std::size_t i = 0; i < pending_.size(); ++i) record(pending_[i], expected_[i], results_[i]);
  }
  pending_.clear();
  expected_.clear();
}

void Emitter::record(const Command& c, std::optional<RejectionCode> expected, const Decision& d) {
  stats_.commands += 1;
  std::string problem;
  if (d) {
    stats_.accepted += 1;
    stats_.events += d->size();
    for (const Event& e : *d) stats_.digest.add(e);
    if (expected) problem = fmt::format("expected {}, but it was accepted", to_string(*expected));
  } else {
    stats_.rejections[static_cast<std::size_t>(d.error().code)] += 1;
    if (!expected || *expected != d.error().code)
      problem = fmt::format("expected {}, got {}: {}", expected ? to_string(*expected) : "acceptance",
                            to_string(d.error().code), d.error().reason);
  }
  if (problem.empty()) return;
  stats_.divergences += 1;
  if (stats_.divergence_examples.size() < 5)
    stats_.divergence_examples.push_back(
        fmt::format("{} {}: {}", c.command_id, type_name(c.body), problem));
}

}  // namespace callwatch::sim
