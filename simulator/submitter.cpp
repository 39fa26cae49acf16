#include "simulator/submitter.h"

#include <fmt/format.h>

#include <algorithm>
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

// "+1555" and seven digits for a caller, "visitor-" and six hex digits for a chat.
std::string customer_name(Channel channel, std::uint64_t key) {
  if (channel == Channel::Voice) {
    char number[12] = {'+', '1', '5', '5', '5'};
    std::uint64_t n = key % 10'000'000;
    for (int i = 11; i >= 5; --i, n /= 10) number[i] = static_cast<char>('0' + n % 10);
    return std::string(number, sizeof number);
  }
  char visitor[14] = {'v', 'i', 's', 'i', 't', 'o', 'r', '-'};
  std::uint64_t n = key & 0xFFFFFF;
  for (int i = 13; i >= 8; --i, n >>= 4) visitor[i] = "0123456789abcdef"[n & 0xF];
  return std::string(visitor, sizeof visitor);
}

}  // namespace

Submitter::Submitter(const Scenario& s, CommandSink& sink, std::size_t batch, bool background_writer)
    : s_(s), sink_(sink), batch_(batch == 0 ? 1 : batch), background_(background_writer) {
  for (const auto& q : s_.queues) queue_ids_.emplace_back(q.name);
  for (const auto& f : s_.flows) flow_ids_.emplace_back(f.name);
  pending_.reserve(batch_);
  expected_.reserve(batch_);
  if (background_) writer_ = std::thread([this] { writer_loop(); });
}

Submitter::~Submitter() { finish(); }

// "<queue>-<ordinal>". Each contact is named by several commands over its life, so the
// last few thousand ids made are kept (direct-mapped by ordinal and queue): a hit copies
// 32 bytes instead of formatting and hashing again.
const ContactId& Submitter::contact_id(const Action& a) {
  ContactIdSlot& slot = contact_ids_[(a.ordinal * kContactIdWays + a.queue) % contact_ids_.size()];
  if (slot.ordinal != a.ordinal || slot.queue != a.queue) {
    slot.id = make_contact_id(a);
    slot.ordinal = a.ordinal;
    slot.queue = a.queue;
  }
  return slot.id;
}

// Formatted on the stack: the id stores it inline when it is short.
ContactId Submitter::make_contact_id(const Action& a) const {
  const std::string& q = s_.queues[a.queue].name;
  const fmt::format_int n(a.ordinal);
  char buf[64];
  if (q.size() + 1 + n.size() > sizeof buf) return ContactId{fmt::format("{}-{}", q, n.c_str())};
  char* p = std::copy(q.begin(), q.end(), buf);
  *p++ = '-';
  p = std::copy(n.data(), n.data() + n.size(), p);
  return ContactId{std::string_view(buf, static_cast<std::size_t>(p - buf))};
}

// Users, queues and flows are named by many commands: their ids (and hashes) are made once.
const UserId& Submitter::user_id(std::uint32_t i) {
  const auto& users = model_->users();
  while (user_ids_.size() <= i) user_ids_.emplace_back(users[user_ids_.size()].name);
  return user_ids_[i];
}

// Builds in place: every string is moved once, into its place in `out`.
void Submitter::build(const Action& a, Command& out) {
  auto admin = [] { return UserId{kAdmin}; };  // set-up commands only
  auto user = [&](std::uint32_t i) { return user_id(i); };
  auto party = [&]() {
    return a.party == Who::Customer ? callwatch::Party::customer() : callwatch::Party::of(user(a.user));
  };
  CommandBody& body = out.body;
  switch (a.kind) {
    case ActionKind::CreateListenOnlyProfile:
      body.emplace<cmd::CreateSecurityProfile>(
          admin(), ProfileId{kListenOnlyProfile},
          PermissionSet{Permission::RealTimeContactMonitoring, Permission::AccessMetrics});
      break;
    case ActionKind::PublishFlow:
      body.emplace<cmd::PublishContactFlow>(admin(), flow_ids_[a.flow], s_.flows[a.flow].recording);
      break;
    case ActionKind::CreateQueue:
      body.emplace<cmd::CreateQueue>(admin(), queue_ids_[a.queue], s_.queues[a.queue].channel);
      break;
    case ActionKind::CreateUser: {
      const UserInfo& u = model_->users()[a.user];
      std::vector<ProfileId> profiles{ProfileId{kAgentProfile}};
      if (u.supervisor)
        profiles.emplace_back(u.can_barge ? kCallCenterManagerProfile : kListenOnlyProfile);
      body.emplace<cmd::CreateUser>(admin(), user_id(a.user), std::move(profiles), u.chat_concurrency);
      break;
    }
    case ActionKind::OpenCcp:
      body.emplace<cmd::OpenCcp>(user(a.user));
      break;
    case ActionKind::SetStatus:
      body.emplace<cmd::SetAgentStatus>(user(a.user), model_->status_names()[a.number]);
      break;
    case ActionKind::CloseCcp:
      body.emplace<cmd::CloseCcp>(user(a.user));
      break;
    case ActionKind::StartContact: {
      const QueueSpec& q = s_.queues[a.queue];
      body.emplace<cmd::StartContact>(contact_id(a), q.channel, queue_ids_[a.queue], flow_ids_[a.flow],
                                      customer_name(q.channel, a.contact_key));
      break;
    }
    case ActionKind::ConnectAgent:
      body.emplace<cmd::ConnectAgent>(contact_id(a), user(a.user));
      break;
    case ActionKind::Hold:
      body.emplace<cmd::HoldContact>(contact_id(a), user(a.user));
      break;
    case ActionKind::Resume:
      body.emplace<cmd::ResumeContact>(contact_id(a), user(a.user));
      break;
    case ActionKind::End:
      body.emplace<cmd::EndContact>(contact_id(a), party());
      break;
    case ActionKind::CompleteWrapUp:
      body.emplace<cmd::CompleteWrapUp>(contact_id(a), user(a.user));
      break;
    case ActionKind::Abandon:
      body.emplace<cmd::AbandonContact>(contact_id(a));
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
      body.emplace<cmd::SendMessage>(contact_id(a), party(), std::string(text), visibility);
      break;
    }
    case ActionKind::Monitor:
      body.emplace<cmd::MonitorContact>(contact_id(a), user(a.user), MonitorMode::Silent);
      break;
    case ActionKind::Barge:
      body.emplace<cmd::SetMonitorMode>(contact_id(a), user(a.user), MonitorMode::Barge);
      break;
    case ActionKind::Join:
      body.emplace<cmd::JoinConversation>(contact_id(a), user(a.user), MessageMode::Internal);
      break;
    case ActionKind::StopMonitoring:
      body.emplace<cmd::StopMonitoring>(contact_id(a), user(a.user));
      break;
  }
  const fmt::format_int id(next_id_++);
  out.command_id.assign("sim-");
  out.command_id.append(id.data(), id.size());
  out.at = s_.start + Duration{a.at};
}

void Submitter::on(const Action& a) {
  if (a.expected) {
    // A planned refusal goes alone, after everything before it.
    flush();
    Job job;
    build(a, job.commands.emplace_back());
    job.expected.push_back(a.expected);
    hand_over(std::move(job));
    return;
  }
  if (batch_ == 1 && !background_) {
    build(a, single_);
    sink_.submit_all(std::span(&single_, 1), results_);  // reuses results_'s buffers
    record(single_, std::nullopt, results_[0]);
    if (sink_.failure()) failed_ = true;
    return;
  }
  build(a, pending_.emplace_back());
  expected_.push_back(std::nullopt);
  if (pending_.size() >= batch_) flush();
}

void Submitter::flush() {
  if (pending_.empty()) return;
  Job job{std::move(pending_), std::move(expected_)};
  Job spare;
  if (background_) {
    std::lock_guard l(mu_);
    if (!spare_.empty()) {
      spare = std::move(spare_.back());
      spare_.pop_back();
    }
  }
  pending_ = std::move(spare.commands);
  expected_ = std::move(spare.expected);
  pending_.clear();
  expected_.clear();
  pending_.reserve(batch_);
  expected_.reserve(batch_);
  hand_over(std::move(job));
}

namespace {

// The writer, about to wait for the next batch, spins this long first. In memory the two
// threads hand batches back and forth every few tens of microseconds; on a virtual machine
// a thread that sleeps leaves its vCPU halted, and waking it costs about as much as
// deciding a batch.
constexpr auto kSpin = std::chrono::microseconds{100};

template <class Ready>
void spin_until(Ready ready) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  while (!ready() && std::chrono::steady_clock::now() < until) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
}

}  // namespace

void Submitter::hand_over(Job job) {
  if (!background_) return process(job);
  // No spinning here: when the writer is the slower side (a store), the model would spin at
  // every batch and take the core RocksDB's own threads need.
  std::unique_lock l(mu_);
  cv_.wait(l, [&] { return queue_.size() < kMaxQueued; });  // backpressure: the model stays close
  queue_.push_back(std::move(job));
  queued_.store(queue_.size(), std::memory_order_release);
  cv_.notify_all();
}

void Submitter::process(const Job& job) {
  if (job.commands.size() == 1) {
    record(job.commands[0], job.expected[0], sink_.submit(job.commands[0]));
  } else {
    sink_.submit_all(job.commands, results_);
    for (std::size_t i = 0; i < job.commands.size(); ++i) record(job.commands[i], job.expected[i], results_[i]);
  }
  if (sink_.failure()) failed_ = true;
}

void Submitter::writer_loop() {
  for (;;) {
    Job job;
    spin_until([&] { return queued_.load(std::memory_order_acquire) > 0 || closing_.load(); });
    {
      std::unique_lock l(mu_);
      cv_.wait(l, [&] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing, and everything was written
      job = std::move(queue_.front());
      queue_.pop_front();
      queued_.store(queue_.size(), std::memory_order_release);
      cv_.notify_all();
    }
    process(job);
    std::lock_guard l(mu_);
    if (job.commands.size() > 1) spare_.push_back(std::move(job));
  }
}

void Submitter::finish() {
  if (finished_) return;
  flush();
  finished_ = true;
  if (!background_) return;
  {
    std::lock_guard l(mu_);
    closing_ = true;
  }
  cv_.notify_all();
  writer_.join();
}

void Submitter::record(const Command& c, std::optional<RejectionCode> expected, const Decision& d) {
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
