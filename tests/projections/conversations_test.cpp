// Ongoing conversations view against hand-computed expectations.
#include <gtest/gtest.h>

#include "projections/views.h"
#include "world.h"

namespace callwatch::projections::testing {
namespace {

class ConversationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(10).agent("alice");
    w.at(11).agent("bob");
    w.at(12).supervisor("sup");
  }
  std::vector<ConversationRow> view(double now_s) { return conversations_view(w.model(), at_s(now_s)); }
  World w;
};

TEST_F(ConversationsTest, QueuedContactsAreNotConversationsYet) {
  w.at(20).start("v1", Channel::Voice);
  EXPECT_TRUE(view(21).empty());
}

TEST_F(ConversationsTest, ChatWithMessagesSupervisorsAndWrapUp) {
  w.at(20).start("ch1", Channel::Chat);
  w.at(26).connect("ch1", "alice");
  w.at(30).say("ch1", Party::customer(), "hi");
  w.at(35).say("ch1", Party::of(UserId{"alice"}), "hello");
  w.at(40).ok(cmd::JoinConversation{ContactId{"ch1"}, UserId{"sup"}, MessageMode::Internal});
  w.at(41).say("ch1", Party::of(UserId{"sup"}), "offer the discount", Visibility::Internal);
  {
    auto rows = view(50);
    ASSERT_EQ(rows.size(), 1u);
    const ConversationRow& r = rows[0];
    EXPECT_EQ(r.contact, "ch1");
    EXPECT_EQ(r.channel, Channel::Chat);
    EXPECT_EQ(r.status, ContactStatus::Connected);
    EXPECT_EQ(r.agent, "alice");
    EXPECT_EQ(r.queue, "chat-q");
    EXPECT_EQ(r.customer, "+1 555 0100");
    EXPECT_TRUE(r.recorded);
    EXPECT_EQ(r.wait, Duration{6'000});
    EXPECT_EQ(r.connected_at, at_s(26));
    EXPECT_EQ(r.duration, Duration{24'000});
    EXPECT_EQ(r.public_messages, 2u);
    EXPECT_EQ(r.internal_messages, 1u);
    EXPECT_EQ(r.last_message_at, at_s(41));
    ASSERT_EQ(r.supervisors.size(), 1u);
    EXPECT_EQ(r.supervisors[0].user, "sup");
    EXPECT_EQ(r.supervisors[0].mode, MonitorMode::Consult);
    EXPECT_EQ(r.supervisors[0].message_mode, MessageMode::Internal);
  }
  w.at(60).end_by_customer("ch1");
  {
    auto rows = view(70);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].status, ContactStatus::AfterContactWork);
    EXPECT_EQ(rows[0].status_since, at_s(60));
    EXPECT_EQ(rows[0].duration, Duration{34'000});  // connected until ended
    EXPECT_TRUE(rows[0].supervisors.empty());       // ending stops every session
  }
  w.at(80).wrap_up("ch1", "alice");
  EXPECT_TRUE(view(81).empty());
}

TEST_F(ConversationsTest, HoldsAccumulateAndSortById) {
  w.at(20).start("v2", Channel::Voice);
  w.at(21).start("v1", Channel::Voice);
  w.at(22).connect("v2", "alice");
  w.at(23).connect("v1", "bob");
  w.at(30).ok(cmd::HoldContact{ContactId{"v2"}, UserId{"alice"}});
  w.at(40).ok(cmd::ResumeContact{ContactId{"v2"}, UserId{"alice"}});
  w.at(50).ok(cmd::HoldContact{ContactId{"v2"}, UserId{"alice"}});
  auto rows = view(55);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].contact, "v1");
  EXPECT_EQ(rows[1].contact, "v2");
  EXPECT_EQ(rows[1].status, ContactStatus::OnHold);
  EXPECT_EQ(rows[1].holds, 2u);
  EXPECT_EQ(rows[1].held, Duration{15'000});  // 10 s done + 5 s running
  EXPECT_FALSE(rows[1].last_message_at);
  EXPECT_EQ(rows[0].wait, Duration{2'000});
}

}  // namespace
}  // namespace callwatch::projections::testing
