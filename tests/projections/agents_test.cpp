// Agents view against hand-computed expectations.
#include <gtest/gtest.h>

#include "projections/views.h"
#include "world.h"

namespace callwatch::projections::testing {
namespace {

// By value: tests call it on temporaries.
AgentRow row(const std::vector<AgentRow>& rows, const std::string& user) {
  for (const auto& r : rows)
    if (r.user == user) return r;
  ADD_FAILURE() << "no row for " << user;
  return {};
}

bool has_row(const std::vector<AgentRow>& rows, const std::string& user) {
  for (const auto& r : rows)
    if (r.user == user) return true;
  return false;
}

class AgentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(10).agent("alice");
    w.at(11).agent("bob");
    w.at(12).supervisor("sup");
  }
  std::vector<AgentRow> view(double now_s, bool all = false) {
    return agents_view(w.model(), at_s(now_s), all);
  }
  World w;
};

TEST_F(AgentsTest, LoggedInAgentsAreListedSortedAndAdminOnlyWithAll) {
  auto rows = view(13);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].user, "alice");
  EXPECT_EQ(rows[1].user, "bob");
  EXPECT_EQ(rows[2].user, "sup");
  EXPECT_FALSE(has_row(rows, "admin"));
  EXPECT_TRUE(has_row(view(13, true), "admin"));
  const AgentRow a = row(rows, "alice");
  EXPECT_EQ(a.status, "Available");
  EXPECT_EQ(a.activity, Activity::Available);
  EXPECT_EQ(a.activity_name, "Available");
  EXPECT_EQ(a.activity_since, at_s(10));
  EXPECT_TRUE(a.ccp_open);
}

TEST_F(AgentsTest, OpeningTheCcpShowsOfflineUntilAStatusIsSet) {
  w.at(20).user("carol", {"Agent"});
  w.at(21).open("carol");
  const AgentRow c = row(view(22), "carol");
  EXPECT_EQ(c.status, "Offline");
  EXPECT_EQ(c.activity, Activity::Offline);
  EXPECT_TRUE(c.ccp_open);
  w.at(25).status("carol", "Training");
  const AgentRow c2 = row(view(26), "carol");
  EXPECT_EQ(c2.activity, Activity::Custom);
  EXPECT_EQ(c2.activity_name, "Training");
  EXPECT_EQ(c2.activity_since, at_s(25));
  EXPECT_EQ(c2.status_since, at_s(25));
  w.at(30).ok(cmd::CloseCcp{UserId{"carol"}});
  EXPECT_FALSE(has_row(view(31), "carol"));
  EXPECT_FALSE(row(view(31, true), "carol").ccp_open);
}

TEST_F(AgentsTest, VoiceContactLifecycleMovesActivityAndTimes) {
  w.at(20).start("c1", Channel::Voice);
  w.at(25).connect("c1", "alice");
  {
    const AgentRow a = row(view(30), "alice");
    EXPECT_EQ(a.activity, Activity::OnContact);
    EXPECT_EQ(a.activity_name, "On contact");
    EXPECT_EQ(a.activity_since, at_s(25));
    EXPECT_EQ(a.status, "Available");  // status stays; activity says what they do
    EXPECT_EQ(a.contacts_by_channel[0], 1u);
    EXPECT_EQ(a.handled_today[0], 1u);
    ASSERT_EQ(a.contacts.size(), 1u);
    EXPECT_EQ(a.contacts[0].contact, "c1");
    EXPECT_EQ(a.contacts[0].state, ContactStatus::Connected);
    EXPECT_EQ(a.contacts[0].state_since, at_s(25));
    EXPECT_EQ(a.contacts[0].queue, "voice-q");
    EXPECT_TRUE(a.contacts[0].supervisors.empty());
  }
  w.at(40).monitor("c1", "sup");
  {
    auto rows = view(41);
    const AgentRow s = row(rows, "sup");
    EXPECT_EQ(s.activity, Activity::Monitoring);
    EXPECT_EQ(s.activity_since, at_s(40));
    ASSERT_EQ(s.watching.size(), 1u);
    EXPECT_EQ(s.watching[0].contact, "c1");
    EXPECT_EQ(s.watching[0].agent, "alice");
    EXPECT_EQ(s.watching[0].mode, MonitorMode::Silent);
    const AgentRow a = row(rows, "alice");
    EXPECT_EQ(a.activity, Activity::OnContact);  // the monitored agent stays On contact
    EXPECT_EQ(a.activity_since, at_s(25));
    ASSERT_EQ(a.contacts[0].supervisors.size(), 1u);
    EXPECT_EQ(a.contacts[0].supervisors[0].user, "sup");
    EXPECT_EQ(a.contacts[0].supervisors[0].mode, MonitorMode::Silent);
  }
  w.at(50).ok(cmd::SetMonitorMode{ContactId{"c1"}, UserId{"sup"}, MonitorMode::Barge});
  {
    auto rows = view(51);
    EXPECT_EQ(row(rows, "sup").activity, Activity::Barging);
    EXPECT_EQ(row(rows, "sup").activity_since, at_s(50));
    EXPECT_EQ(row(rows, "alice").contacts[0].supervisors[0].mode, MonitorMode::Barge);
    EXPECT_EQ(row(rows, "alice").contacts[0].supervisors[0].since, at_s(40));
    EXPECT_EQ(row(rows, "alice").contacts[0].supervisors[0].mode_since, at_s(50));
  }
  w.at(55).ok(cmd::HoldContact{ContactId{"c1"}, UserId{"alice"}});
  EXPECT_EQ(row(view(56), "alice").activity, Activity::OnContact);  // on hold is on contact
  EXPECT_EQ(row(view(56), "alice").activity_since, at_s(25));
  EXPECT_EQ(row(view(56), "alice").contacts[0].state, ContactStatus::OnHold);
  w.at(58).ok(cmd::ResumeContact{ContactId{"c1"}, UserId{"alice"}});
  w.at(60).end("c1", "alice");  // stops sup's session
  {
    auto rows = view(61);
    EXPECT_EQ(row(rows, "alice").activity, Activity::AfterContactWork);
    EXPECT_EQ(row(rows, "alice").activity_name, "After contact work");
    EXPECT_EQ(row(rows, "alice").activity_since, at_s(60));
    EXPECT_EQ(row(rows, "sup").activity, Activity::Available);
    EXPECT_EQ(row(rows, "sup").activity_since, at_s(60));
    EXPECT_TRUE(row(rows, "sup").watching.empty());
  }
  w.at(90).wrap_up("c1", "alice");
  {
    const AgentRow a = row(view(91), "alice");
    EXPECT_EQ(a.activity, Activity::Available);
    EXPECT_EQ(a.activity_since, at_s(90));
    EXPECT_TRUE(a.contacts.empty());
    EXPECT_EQ(a.handled_today[0], 1u);
  }
}

TEST_F(AgentsTest, SeveralChatsTheMostSignificantActivityWins) {
  w.at(20).status("bob", "Break");
  EXPECT_EQ(row(view(21), "bob").activity_name, "Break");
  w.at(30).status("bob", "Available");
  w.at(31).start("ch1", Channel::Chat);
  w.at(32).start("ch2", Channel::Chat);
  w.at(40).connect("ch1", "bob");
  w.at(45).connect("ch2", "bob");
  {
    const AgentRow b = row(view(46), "bob");
    EXPECT_EQ(b.activity, Activity::OnContact);
    EXPECT_EQ(b.activity_since, at_s(40));
    EXPECT_EQ(b.contacts_by_channel[1], 2u);
    EXPECT_EQ(b.handled_today[1], 2u);
    ASSERT_EQ(b.contacts.size(), 2u);
    EXPECT_EQ(b.contacts[0].contact, "ch1");
    EXPECT_EQ(b.contacts[1].contact, "ch2");
  }
  w.at(50).end_by_customer("ch1");  // one chat in wrap-up, one still connected: On contact
  {
    const AgentRow b = row(view(51), "bob");
    EXPECT_EQ(b.activity, Activity::OnContact);
    EXPECT_EQ(b.activity_since, at_s(40));
    EXPECT_EQ(b.contacts[0].state, ContactStatus::AfterContactWork);
  }
  w.at(60).end("ch2", "bob");
  EXPECT_EQ(row(view(61), "bob").activity, Activity::AfterContactWork);
  EXPECT_EQ(row(view(61), "bob").activity_since, at_s(60));
  w.at(70).wrap_up("ch1", "bob");
  EXPECT_EQ(row(view(71), "bob").activity, Activity::AfterContactWork);  // ch2 still wrapping up
  EXPECT_EQ(row(view(71), "bob").activity_since, at_s(60));
  w.at(80).wrap_up("ch2", "bob");
  EXPECT_EQ(row(view(81), "bob").activity, Activity::Available);
}

TEST_F(AgentsTest, ConsultJoinShowsMonitoringOrBargingByMessageMode) {
  w.at(20).start("ch1", Channel::Chat);
  w.at(21).connect("ch1", "alice");
  w.at(22).ok(cmd::JoinConversation{ContactId{"ch1"}, UserId{"sup"}, MessageMode::Internal});
  EXPECT_EQ(row(view(23), "sup").activity, Activity::Monitoring);
  EXPECT_EQ(row(view(23), "sup").watching[0].mode, MonitorMode::Consult);
  w.at(25).ok(cmd::StopMonitoring{ContactId{"ch1"}, UserId{"sup"}});
  EXPECT_EQ(row(view(26), "sup").activity, Activity::Available);
  w.at(30).ok(cmd::JoinConversation{ContactId{"ch1"}, UserId{"sup"}, MessageMode::Public});
  EXPECT_EQ(row(view(31), "sup").activity, Activity::Barging);
  EXPECT_EQ(row(view(31), "sup").activity_since, at_s(30));
}

TEST_F(AgentsTest, HandledTodayResetsOnTheNextUtcDay) {
  w.at(20).start("c1", Channel::Voice);
  w.at(21).connect("c1", "alice");
  EXPECT_EQ(row(view(22), "alice").handled_today[0], 1u);
  // Durations and "today" are measured to the view's now.
  EXPECT_EQ(agents_view(w.model(), at_s(22) + std::chrono::hours{24}, false)[0].handled_today[0], 0u);
}

TEST_F(AgentsTest, SupervisorWithOwnContactIsOnContact) {
  w.at(20).start("c1", Channel::Chat);
  w.at(21).connect("c1", "alice");
  w.at(22).start("c2", Channel::Chat);
  w.at(23).connect("c2", "sup");
  w.at(24).monitor("c1", "sup");
  EXPECT_EQ(row(view(25), "sup").activity, Activity::OnContact);
  w.at(30).end("c2", "sup");
  // Own wrap-up ranks under a running session.
  EXPECT_EQ(row(view(31), "sup").activity, Activity::Monitoring);
  EXPECT_EQ(row(view(31), "sup").activity_since, at_s(30));
}

}  // namespace
}  // namespace callwatch::projections::testing
