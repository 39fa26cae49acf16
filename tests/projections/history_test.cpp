// Contact history and the customer's transcript.
#include <gtest/gtest.h>

#include "world.h"

namespace callwatch::projections::testing {
namespace {

class HistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(10).agent("alice");
    w.at(11).supervisor("sup");
    w.at(20).start("ch", Channel::Chat);
    w.at(26).connect("ch", "alice");
    w.at(30).say("ch", Party::customer(), "my order is late");
    w.at(31).monitor("ch", "sup");
    w.at(35).say("ch", Party::of(UserId{"alice"}), "let me check");
    w.at(40).ok(cmd::JoinConversation{ContactId{"ch"}, UserId{"sup"}, MessageMode::Internal});
    w.at(41).say("ch", Party::of(UserId{"sup"}), "offer a voucher", Visibility::Internal);
    w.at(45).say("ch", Party::of(UserId{"alice"}), "here is a voucher");
    w.at(50).end_by_customer("ch");
    w.at(70).wrap_up("ch", "alice");
  }
  World w;
};

TEST_F(HistoryTest, TimelineAndSummary) {
  auto h = build_history("ch", w.stream("ch"));
  ASSERT_TRUE(h.has_value()) << h.error();
  EXPECT_EQ(h->channel, Channel::Chat);
  EXPECT_EQ(h->status, ContactStatus::Completed);
  EXPECT_EQ(h->flow, "recorded");
  EXPECT_TRUE(h->recorded);
  EXPECT_EQ(h->queue, "chat-q");
  EXPECT_EQ(h->agent, "alice");
  EXPECT_EQ(h->customer, "+1 555 0100");
  EXPECT_EQ(h->initiated_at, at_s(20));
  EXPECT_EQ(h->wait, Duration{6'000});
  EXPECT_EQ(h->talk, Duration{24'000});
  EXPECT_EQ(h->finished_at, at_s(70));
  EXPECT_EQ(h->public_messages, 3u);
  EXPECT_EQ(h->internal_messages, 1u);
  EXPECT_EQ(h->supervision_sessions, 1u);  // the join upgraded the running session
  std::vector<std::string> texts;
  for (const auto& e : h->timeline) texts.push_back(e.text);
  const std::vector<std::string> expected = {
      "initiated: CHAT from +1 555 0100, flow recorded",
      "recording enabled by the flow",
      "queued in chat-q",
      "connected to agent alice",
      "customer: my order is late",
      "sup started monitoring",
      "alice: let me check",
      "sup joined the conversation (messages INTERNAL)",
      "sup (internal): offer a voucher",
      "alice: here is a voucher",
      "sup stopped supervising (CONTACT_ENDED)",
      "ended by customer",
      "wrap-up completed"};
  EXPECT_EQ(texts, expected);
  for (std::size_t i = 1; i < h->timeline.size(); ++i)
    EXPECT_LT(h->timeline[i - 1].position, h->timeline[i].position);
}

TEST_F(HistoryTest, TranscriptShowsWhatTheCustomerSaw) {
  auto h = build_history("ch", w.stream("ch"));
  ASSERT_TRUE(h.has_value());
  std::vector<std::string> texts;
  for (const auto& e : customer_transcript(*h)) texts.push_back(e.text);
  const std::vector<std::string> expected = {
      "customer: my order is late", "alice: let me check",
      "sup joined the conversation (messages INTERNAL)", "alice: here is a voucher"};
  EXPECT_EQ(texts, expected);
}

TEST_F(HistoryTest, AsOfAPositionIsThePrefixOfTheStream) {
  const auto full = w.stream("ch");
  auto h = build_history("ch", w.stream("ch", full[4].position));
  ASSERT_TRUE(h.has_value());
  EXPECT_EQ(h->timeline.size(), 5u);
  EXPECT_EQ(h->status, ContactStatus::Connected);
  EXPECT_FALSE(h->finished_at);
}

TEST(History, HoldsOnACall) {
  World w;
  w.at(1).routing();
  w.at(10).agent("alice");
  w.at(20).start("v", Channel::Voice, "unrecorded");
  w.at(22).connect("v", "alice");
  w.at(30).ok(cmd::HoldContact{ContactId{"v"}, UserId{"alice"}});
  w.at(40).ok(cmd::ResumeContact{ContactId{"v"}, UserId{"alice"}});
  w.at(50).ok(cmd::HoldContact{ContactId{"v"}, UserId{"alice"}});
  w.at(55).end("v", "alice");
  auto h = build_history("v", w.stream("v"));
  ASSERT_TRUE(h.has_value());
  EXPECT_FALSE(h->recorded);
  EXPECT_EQ(h->holds, 2u);
  EXPECT_EQ(h->held, Duration{15'000});
  EXPECT_EQ(h->status, ContactStatus::AfterContactWork);
  EXPECT_EQ(h->timeline.back().text, "ended by alice");
}

TEST(History, Errors) {
  World w;
  w.at(1).routing();
  w.start("a", Channel::Voice);
  w.start("b", Channel::Voice);
  auto none = build_history("zzz", {});
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error(), "unknown contact 'zzz'");
  auto wrong = build_history("a", w.stream("b"));
  ASSERT_FALSE(wrong.has_value());
  EXPECT_NE(wrong.error().find("is not about contact 'a'"), std::string::npos);
}

}  // namespace
}  // namespace callwatch::projections::testing
