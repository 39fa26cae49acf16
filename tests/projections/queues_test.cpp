// Queues view against hand-computed expectations.
#include <gtest/gtest.h>

#include "projections/views.h"
#include "world.h"

namespace callwatch::projections::testing {
namespace {

QueueRow row(const std::vector<QueueRow>& rows, const std::string& queue) {
  for (const auto& r : rows)
    if (r.queue == queue) return r;
  ADD_FAILURE() << "no row for " << queue;
  return {};
}

class QueuesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(10).agent("alice");
    w.at(11).agent("bob", 2);
    w.at(12).supervisor("sup");
  }
  std::vector<QueueRow> view(double now_s) { return queues_view(w.model(), at_s(now_s)); }
  World w;
};

TEST_F(QueuesTest, EmptyQueuesAreListedWithNoFigures) {
  auto rows = view(20);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].queue, "chat-q");
  EXPECT_EQ(rows[1].queue, "voice-q");
  const QueueRow v = rows[1];
  EXPECT_EQ(v.channel, Channel::Voice);
  EXPECT_EQ(v.in_queue, 0u);
  EXPECT_FALSE(v.oldest_age);
  EXPECT_EQ(v.agents_online, 3u);
  EXPECT_EQ(v.agents_available, 3u);
  EXPECT_EQ(v.today.handled, 0u);
  EXPECT_FALSE(v.today.average_speed_of_answer);
  EXPECT_FALSE(v.today.service_level);
}

TEST_F(QueuesTest, WaitingLineHandledAbandonedSpeedOfAnswerAndServiceLevel) {
  w.at(100).start("v1", Channel::Voice);
  w.at(110).start("v2", Channel::Voice);
  w.at(112).start("v3", Channel::Voice);
  {
    const QueueRow q = row(view(120), "voice-q");
    EXPECT_EQ(q.in_queue, 3u);
    EXPECT_EQ(q.oldest_contact, "v1");
    EXPECT_EQ(q.oldest_age, Duration{20'000});
  }
  w.at(115).connect("v1", "alice");  // waited 15 s: within 20 s
  {
    const QueueRow q = row(view(120), "voice-q");
    EXPECT_EQ(q.in_queue, 2u);
    EXPECT_EQ(q.oldest_contact, "v2");
    EXPECT_EQ(q.oldest_age, Duration{10'000});
    EXPECT_EQ(q.agents_on_contact, 1u);
    EXPECT_EQ(q.agents_available, 2u);  // bob and sup
  }
  w.at(140).connect("v2", "bob");  // waited 30 s
  w.at(150).ok(cmd::AbandonContact{ContactId{"v3"}});
  {
    const QueueRow q = row(view(160), "voice-q");
    EXPECT_EQ(q.in_queue, 0u);
    EXPECT_FALSE(q.oldest_contact);
    EXPECT_EQ(q.today.handled, 2u);
    EXPECT_EQ(q.today.abandoned, 1u);
    EXPECT_EQ(q.today.average_speed_of_answer, Duration{22'500});
    ASSERT_TRUE(q.today.service_level);
    EXPECT_DOUBLE_EQ(*q.today.service_level, 1.0 / 3.0);
    EXPECT_EQ(q.window.handled, 2u);
    EXPECT_EQ(q.window.abandoned, 1u);
    EXPECT_EQ(q.agents_on_contact, 2u);
    EXPECT_EQ(q.agents_after_contact_work, 0u);
    EXPECT_EQ(q.agents_available, 1u);
    const QueueRow c = row(view(160), "chat-q");
    EXPECT_EQ(c.today.handled, 0u);
    EXPECT_EQ(c.agents_on_contact, 0u);
    EXPECT_EQ(c.agents_available, 1u);  // sup: alice and bob are on calls
  }
  w.at(170).end("v1", "alice");
  {
    const QueueRow q = row(view(171), "voice-q");
    EXPECT_EQ(q.agents_on_contact, 1u);
    EXPECT_EQ(q.agents_after_contact_work, 1u);
  }
  // The window slides past the figures; the day keeps them.
  const QueueRow later = row(queues_view(w.model(), at_s(171) + std::chrono::minutes{20}), "voice-q");
  EXPECT_EQ(later.window.handled, 0u);
  EXPECT_EQ(later.window.abandoned, 0u);
  EXPECT_FALSE(later.window.service_level);
  EXPECT_EQ(later.today.handled, 2u);
  const QueueRow tomorrow = row(queues_view(w.model(), at_s(171) + std::chrono::hours{24}), "voice-q");
  EXPECT_EQ(tomorrow.today.handled, 0u);
}

TEST_F(QueuesTest, WindowKeepsOnlyTheLastMinutes) {
  ModelOptions o;
  o.window = std::chrono::minutes{5};
  o.window_bucket = std::chrono::minutes{1};
  World x(o);
  x.at(1).routing();
  x.at(2).agent("alice");
  x.at(0).after(std::chrono::minutes{10});  // somewhere in the middle of a minute bucket
  const Timestamp base = x.now();
  x.start("v1", Channel::Voice);
  x.after(5s).connect("v1", "alice");
  x.after(5s).end("v1", "alice");
  x.after(5s).wrap_up("v1", "alice");
  x.after(std::chrono::minutes{3}).start("v2", Channel::Voice);
  x.after(25s).connect("v2", "alice");  // out of service level
  const QueueRow both = row(queues_view(x.model(), x.now()), "voice-q");
  EXPECT_EQ(both.window.handled, 2u);
  EXPECT_DOUBLE_EQ(*both.window.service_level, 0.5);
  // Six minutes after the first answer, its bucket has left the 5-minute window.
  const QueueRow one = row(queues_view(x.model(), base + std::chrono::minutes{6} + 5s), "voice-q");
  EXPECT_EQ(one.window.handled, 1u);
  EXPECT_DOUBLE_EQ(*one.window.service_level, 0.0);
  EXPECT_EQ(one.window.average_speed_of_answer, Duration{25'000});
  EXPECT_EQ(one.today.handled, 2u);
}

TEST_F(QueuesTest, ChatAvailabilityFollowsChatConcurrency) {
  w.at(20).start("c1", Channel::Chat);
  w.at(21).start("c2", Channel::Chat);
  w.at(22).connect("c1", "bob");
  EXPECT_EQ(row(view(23), "chat-q").agents_available, 3u);  // bob has 1 of 2 chats
  EXPECT_EQ(row(view(23), "voice-q").agents_available, 2u);  // but no call while chatting
  w.at(24).connect("c2", "bob");
  EXPECT_EQ(row(view(25), "chat-q").agents_available, 2u);
  EXPECT_EQ(row(view(25), "chat-q").agents_on_contact, 1u);  // one agent, two chats
  w.at(26).status("alice", "Lunch");
  EXPECT_EQ(row(view(27), "chat-q").agents_available, 1u);
  EXPECT_EQ(row(view(27), "chat-q").agents_online, 3u);
}

}  // namespace
}  // namespace callwatch::projections::testing
