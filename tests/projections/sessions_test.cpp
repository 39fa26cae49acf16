// The audit trail of supervision sessions.
#include <gtest/gtest.h>

#include "world.h"

namespace callwatch::projections::testing {
namespace {

class SessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(10).agent("alice");
    w.at(11).supervisor("sup");
    w.at(12).supervisor("boss");
    w.at(20).start("c1", Channel::Voice);
    w.at(25).connect("c1", "alice");
  }
  World w;
};

TEST_F(SessionsTest, StartModeChangesAndEndReason) {
  w.at(40).monitor("c1", "sup");
  const Position started = w.last_position();
  w.at(50).ok(cmd::SetMonitorMode{ContactId{"c1"}, UserId{"sup"}, MonitorMode::Barge});
  const Position toggled = w.last_position();
  w.at(55).ok(cmd::SetMonitorMode{ContactId{"c1"}, UserId{"sup"}, MonitorMode::Silent});
  w.at(60).end("c1", "alice");
  auto all = read_sessions(w.sessions_sink());
  ASSERT_EQ(all.size(), 1u);
  const SessionRecord& s = all[0];
  EXPECT_EQ(s.started_position, started);
  EXPECT_EQ(s.contact, "c1");
  EXPECT_EQ(s.supervisor, "sup");
  EXPECT_EQ(s.agent, "alice");
  EXPECT_EQ(s.channel, Channel::Voice);
  EXPECT_EQ(s.started_at, at_s(40));
  EXPECT_EQ(s.mode, MonitorMode::Silent);
  ASSERT_EQ(s.changes.size(), 2u);
  EXPECT_EQ(s.changes[0].position, toggled);
  EXPECT_EQ(s.changes[0].at, at_s(50));
  EXPECT_EQ(s.changes[0].mode, MonitorMode::Barge);
  EXPECT_EQ(s.changes[1].mode, MonitorMode::Silent);
  EXPECT_EQ(s.ended_at, at_s(60));
  EXPECT_EQ(s.end_reason, StopReason::ContactEnded);

  // As of the toggle: running, one change seen.
  SessionFilter f;
  f.as_of = toggled;
  auto then = read_sessions(w.sessions_sink(), f);
  ASSERT_EQ(then.size(), 1u);
  EXPECT_EQ(then[0].changes.size(), 1u);
  EXPECT_FALSE(then[0].ended_at);
  f.as_of = started - 1;
  EXPECT_TRUE(read_sessions(w.sessions_sink(), f).empty());
}

TEST_F(SessionsTest, EveryEndReasonAndFilters) {
  w.at(29).agent("bob");
  w.at(30).start("c2", Channel::Chat);
  w.at(31).connect("c2", "bob");
  w.at(40).monitor("c1", "sup");
  w.at(41).monitor("c2", "boss");
  w.at(42).monitor("c2", "sup");
  w.at(43).ok(cmd::JoinConversation{ContactId{"c2"}, UserId{"sup"}, MessageMode::Public});
  w.at(50).ok(cmd::StopMonitoring{ContactId{"c2"}, UserId{"boss"}});
  const Position before_revocation = w.last_position();
  w.at(51).ok(cmd::AssignSecurityProfiles{UserId{"admin"}, UserId{"sup"}, {ProfileId{"Agent"}}});
  w.at(52).monitor("c1", "boss");
  w.at(53).ok(cmd::CloseCcp{UserId{"boss"}});

  auto all = read_sessions(w.sessions_sink());
  ASSERT_EQ(all.size(), 4u);
  // In start order.
  EXPECT_EQ(all[0].contact, "c1");
  EXPECT_EQ(all[0].supervisor, "sup");
  EXPECT_EQ(all[0].end_reason, StopReason::PermissionRevoked);
  EXPECT_EQ(all[1].supervisor, "boss");
  EXPECT_EQ(all[1].end_reason, StopReason::Requested);
  EXPECT_EQ(all[2].contact, "c2");
  EXPECT_EQ(all[2].supervisor, "sup");
  ASSERT_EQ(all[2].changes.size(), 1u);
  EXPECT_EQ(all[2].changes[0].mode, MonitorMode::Consult);
  EXPECT_EQ(all[2].changes[0].message_mode, MessageMode::Public);
  EXPECT_EQ(all[2].end_reason, StopReason::PermissionRevoked);
  EXPECT_EQ(all[3].end_reason, StopReason::CcpClosed);

  SessionFilter by_sup;
  by_sup.supervisor = "sup";
  EXPECT_EQ(read_sessions(w.sessions_sink(), by_sup).size(), 2u);
  SessionFilter by_contact;
  by_contact.contact = "c2";
  EXPECT_EQ(read_sessions(w.sessions_sink(), by_contact).size(), 2u);
  SessionFilter open;
  open.open_only = true;
  EXPECT_TRUE(read_sessions(w.sessions_sink(), open).empty());
  open.as_of = before_revocation;
  EXPECT_EQ(read_sessions(w.sessions_sink(), open).size(), 2u);
}

TEST(SessionAssembler, RejectsWhatIsNotARecord) {
  SessionAssembler a;
  EXPECT_FALSE(a.add("abc", "H").has_value());
  EXPECT_FALSE(a.add(std::string(8, '\0'), "Hgarbage").has_value());
  SessionAssembler b;
  auto orphan = b.add(std::string(16, '\0'), "S");
  ASSERT_FALSE(orphan.has_value());
  EXPECT_NE(orphan.error().find("without its session header"), std::string::npos);
}

}  // namespace
}  // namespace callwatch::projections::testing
