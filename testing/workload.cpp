#include "testing/workload.h"

#include <fmt/format.h>

namespace callwatch::testkit {

Workload::Workload(Config config)
    : config_(std::move(config)), rng_(config_.seed), clock_(config_.start) {
  for (int i = 0; i < config_.agents; ++i) free_agents_.push_back(i);
  for (int i = 0; i < config_.supervisors; ++i) free_supervisors_.push_back(i);
}

UserId Workload::agent(int i) const { return UserId{fmt::format("agent-{}", i)}; }
UserId Workload::supervisor(int i) const { return UserId{fmt::format("sup-{}", i)}; }

Command Workload::make(CommandBody body) {
  clock_ += std::chrono::milliseconds{1 + roll(1500)};
  return Command{std::move(body), clock_, fmt::format("{}{}", config_.id_prefix, ++sequence_)};
}

std::vector<Command> Workload::setup() {
  const UserId admin{"admin"};
  std::vector<Command> out;
  out.push_back(make(cmd::CreateQueue{admin, QueueId{"voice"}, Channel::Voice}));
  out.push_back(make(cmd::CreateQueue{admin, QueueId{"chat"}, Channel::Chat}));
  out.push_back(make(cmd::PublishContactFlow{admin, FlowId{"main"}, true}));
  for (int i = 0; i < config_.agents; ++i)
    out.push_back(make(cmd::CreateUser{admin, agent(i), {ProfileId{"Agent"}}, 3}));
  for (int i = 0; i < config_.supervisors; ++i)
    out.push_back(make(cmd::CreateUser{admin, supervisor(i),
                                       {ProfileId{"CallCenterManager"}, ProfileId{"Agent"}}, 3}));
  for (int i = 0; i < config_.agents; ++i) {
    out.push_back(make(cmd::OpenCcp{agent(i)}));
    out.push_back(make(cmd::SetAgentStatus{agent(i), "Available"}));
  }
  for (int i = 0; i < config_.supervisors; ++i) {
    out.push_back(make(cmd::OpenCcp{supervisor(i)}));
    out.push_back(make(cmd::SetAgentStatus{supervisor(i), "Available"}));
  }
  return out;
}

Command Workload::next() {
  for (;;) {
    // Start a contact when an agent is free (and now and then even when others are busy).
    if (!free_agents_.empty() && (active_.empty() || roll(3) == 0)) {
      Active a;
      a.contact = ContactId{fmt::format("c-{}", ++contacts_)};
      a.channel = roll(2) ? Channel::Voice : Channel::Chat;
      a.agent = free_agents_.front();
      free_agents_.pop_front();
      a.messages = a.channel == Channel::Chat ? 2 + static_cast<int>(roll(5)) : 0;
      a.step = 1;
      Command c = make(cmd::StartContact{a.contact, a.channel,
                                         QueueId{a.channel == Channel::Voice ? "voice" : "chat"},
                                         FlowId{"main"}, fmt::format("+1555{:07}", contacts_)});
      active_.push_back(std::move(a));
      return c;
    }
    std::size_t i = roll(active_.size());
    Active& a = active_[i];
    const bool voice = a.channel == Channel::Voice;
    switch (a.step++) {
      case 1:
        return make(cmd::ConnectAgent{a.contact, agent(a.agent)});
      case 2:
        if (!free_supervisors_.empty() && roll(3) == 0) {
          a.supervisor = free_supervisors_.front();
          free_supervisors_.pop_front();
          return make(cmd::MonitorContact{a.contact, supervisor(a.supervisor),
                                          roll(4) == 0 ? MonitorMode::Barge : MonitorMode::Silent});
        }
        continue;
      case 3:
        if (voice && roll(3) == 0) return make(cmd::HoldContact{a.contact, agent(a.agent)});
        a.step = 5;
        continue;
      case 4:
        return make(cmd::ResumeContact{a.contact, agent(a.agent)});
      case 5:
        if (a.messages > 0) {
          --a.messages;
          a.step = 5;
          bool customer = roll(2) == 0;
          return make(cmd::SendMessage{a.contact,
                                       customer ? Party::customer() : Party::of(agent(a.agent)),
                                       customer ? "Hello, I have a question about my order"
                                                : "Thanks for waiting, let me check that for you",
                                       Visibility::Public});
        }
        return make(cmd::EndContact{a.contact, voice ? Party::of(agent(a.agent)) : Party::customer()});
      default: {
        Command c = make(cmd::CompleteWrapUp{a.contact, agent(a.agent)});
        free_agents_.push_back(a.agent);
        if (a.supervisor >= 0) free_supervisors_.push_back(a.supervisor);
        active_[i] = std::move(active_.back());
        active_.pop_back();
        return c;
      }
    }
  }
}

}  // namespace callwatch::testkit
