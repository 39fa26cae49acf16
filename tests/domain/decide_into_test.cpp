// decide_into(): the allocation-free form of decide() must give the same answers, leave the
// caller's buffer holding exactly the decision's events, and empty it on a rejection.
#include <set>

#include "tests/domain/world.h"

namespace callwatch::testing {
namespace {

// A short day of one contact with a supervisor, then commands that are refused.
std::vector<CommandBody> script() {
  const UserId admin{"admin"}, ana{"ana"}, sam{"sam"};
  const ContactId c{"c1"};
  return {
      cmd::CreateQueue{admin, QueueId{"voice-q"}, Channel::Voice},
      cmd::PublishContactFlow{admin, FlowId{"recorded"}, true},
      cmd::CreateUser{admin, ana, {ProfileId{"Agent"}}, 3},
      cmd::CreateUser{admin, sam, {ProfileId{"CallCenterManager"}, ProfileId{"Agent"}}, 3},
      cmd::OpenCcp{ana},
      cmd::SetAgentStatus{ana, "Available"},
      cmd::OpenCcp{sam},
      cmd::SetAgentStatus{sam, "Available"},
      cmd::StartContact{c, Channel::Voice, QueueId{"voice-q"}, FlowId{"recorded"}, "+1"},
      cmd::ConnectAgent{c, ana},
      cmd::MonitorContact{c, sam, MonitorMode::Silent},
      cmd::SetMonitorMode{c, sam, MonitorMode::Barge},
      cmd::MonitorContact{c, ana, MonitorMode::Silent},  // refused: an agent may not monitor
      cmd::EndContact{c, Party::customer()},               // also stops sam's session
      cmd::EndContact{c, Party::customer()},               // refused: already ended
      cmd::CompleteWrapUp{c, ana},
      cmd::ConnectAgent{ContactId{"nope"}, ana},  // refused: unknown contact
  };
}

TEST(DecideInto, AnswersAsDecideDoesAndReusesOneBuffer) {
  State state;
  for (const auto& e : instance_genesis(t0())) evolve(state, e);
  std::vector<Event> buffer;
  buffer.push_back(Event{t0(), ev::CcpOpened{UserId{"stale"}}});  // must not survive
  int refused = 0;
  Timestamp at = t0();
  for (auto& body : script()) {
    at += std::chrono::seconds{1};
    const Command command{body, at, {}};
    const Decision expected = decide(state, command);
    const auto outcome = decide_into(state, command, buffer);
    ASSERT_EQ(expected.has_value(), outcome.has_value()) << type_name(body);
    if (!expected) {
      ++refused;
      EXPECT_EQ(outcome.error().code, expected.error().code) << type_name(body);
      EXPECT_EQ(outcome.error().reason, expected.error().reason);
      EXPECT_TRUE(buffer.empty()) << "a refused command leaves events behind";
      continue;
    }
    EXPECT_EQ(buffer, *expected) << type_name(body);
    for (const auto& e : buffer) evolve(state, e);
  }
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(find(state, ContactId{"c1"})->status, ContactStatus::Completed);
  EXPECT_TRUE(find(state, UserId{"sam"})->watching.empty());
}

TEST(HashId, EqualIdsHashEquallyAndShortIdsSpread) {
  EXPECT_EQ(std::hash<ContactId>{}(ContactId{"support-104233"}),
            std::hash<ContactId>{}(ContactId{std::string("support-") + "104233"}));
  // Every length from empty to three words, and ids that differ in one byte anywhere.
  std::set<std::size_t> seen;
  std::string id;
  for (int len = 0; len <= 24; ++len, id.push_back('a'))
    for (std::size_t pos = 0; pos <= id.size(); ++pos) {
      std::string v = id;
      if (pos < v.size()) v[pos] = 'b';
      seen.insert(hash_id(v));
    }
  // Distinct strings: (len 0: 1) + sum over len of len variants + the all-'a' one.
  std::set<std::string> distinct;
  id.clear();
  for (int len = 0; len <= 24; ++len, id.push_back('a'))
    for (std::size_t pos = 0; pos <= id.size(); ++pos) {
      std::string v = id;
      if (pos < v.size()) v[pos] = 'b';
      distinct.insert(v);
    }
  EXPECT_EQ(seen.size(), distinct.size());
  // Id equality (three words for inline ids) agrees with std::string's at every length and every position.
  for (const auto& x : distinct)
    for (const auto& y : distinct) ASSERT_EQ(ContactId{x} == ContactId{y}, x == y) << x << " / " << y;
  // Sequential contact ids use the low bits of the hash (bucket index) evenly.
  std::vector<int> buckets(64);
  for (int i = 0; i < 64'000; ++i) buckets[hash_id("support-" + std::to_string(i)) % 64] += 1;
  for (int b : buckets) EXPECT_NEAR(b, 1000, 200);
}

}  // namespace
}  // namespace callwatch::testing
