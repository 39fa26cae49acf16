// Every supervision rule with an accepted and a rejected case, the limits per channel and
// the order in which rules are reported.
#include <fmt/format.h>

#include <string>

#include "tests/domain/world.h"

namespace callwatch::testing {
namespace {

// Supervisor "s<i>". Built with fmt, not sup(i): at -O3 GCC 12 inlines that
// operator+ and reports a false -Wrestrict inside libstdc++ (GCC bug 105329).
std::string sup(int i) { return fmt::format("s{}", i); }

class Supervision : public ::testing::Test {
 protected:
  void SetUp() override {
    w.routing();
    w.agent("ana");
    w.agent("bo");
    w.supervisor("sue");
    w.connected("call", Channel::Voice, "ana");
    w.connected("chat", Channel::Chat, "bo");
  }
  World w;
};

TEST_F(Supervision, SupervisorMonitorsACallSilently) {
  auto events = w.ok(monitor("call", "sue"));
  ASSERT_EQ(events.size(), 1u);
  const auto& started = std::get<ev::MonitoringStarted>(events[0].body);
  EXPECT_EQ(started.supervisor, UserId{"sue"});
  EXPECT_EQ(started.mode, MonitorMode::Silent);
  EXPECT_EQ(find(w.state(), UserId{"sue"})->watching.size(), 1u);
}

TEST_F(Supervision, PermissionDeniedWithoutMonitoringOrBargePermission) {
  EXPECT_EQ(w.code(monitor("call", "bo")), RejectionCode::PermissionDenied);  // an agent
  w.ok(cmd::CreateSecurityProfile{UserId{"admin"}, ProfileId{"ListenOnly"},
                                  {Permission::RealTimeContactMonitoring}});
  w.user("lu", {"ListenOnly", "Agent"});
  w.available("lu");
  EXPECT_EQ(w.code(barge("call", "lu")), RejectionCode::PermissionDenied);
  w.ok(monitor("call", "lu"));
  EXPECT_EQ(w.code(cmd::SetMonitorMode{ContactId{"call"}, UserId{"lu"}, MonitorMode::Barge}),
            RejectionCode::PermissionDenied);
}

TEST_F(Supervision, CcpMustBeOpenAndNotOffline) {
  w.user("sam", {"CallCenterManager", "Agent"});
  EXPECT_EQ(w.code(monitor("call", "sam")), RejectionCode::CcpNotOpen);
  w.ok(cmd::OpenCcp{UserId{"sam"}});
  EXPECT_EQ(w.code(monitor("call", "sam")), RejectionCode::CcpNotOpen);  // Offline
  w.ok(cmd::SetAgentStatus{UserId{"sam"}, "Training"});                  // custom status is fine
  w.ok(monitor("call", "sam"));
}

TEST_F(Supervision, RecordingMustBeEnabledByTheFlow) {
  w.agent("cy");
  w.connected("c-17", Channel::Voice, "cy", "unrecorded");
  EXPECT_EQ(w.reason(monitor("c-17", "sue")),
            "contact c-17 is not recorded: flow 'unrecorded' has no Set call recording block");
  EXPECT_EQ(w.code(monitor("c-17", "sue")), RejectionCode::RecordingDisabled);
}

TEST_F(Supervision, BargeNeedsEnhancedMonitoringOfItsChannel) {
  w.attribute(InstanceAttribute::EnhancedContactMonitoring, 0);
  EXPECT_EQ(w.code(barge("call", "sue")), RejectionCode::EnhancedMonitoringDisabled);
  w.ok(barge("chat", "sue"));  // chat keeps its own switch
  w.ok(monitor("call", "sue"));  // listening still works
  w.attribute(InstanceAttribute::EnhancedChatMonitoring, 0);
  w.supervisor("sid");
  EXPECT_EQ(w.code(barge("chat", "sid")), RejectionCode::EnhancedMonitoringDisabled);
  EXPECT_EQ(w.code(cmd::JoinConversation{ContactId{"chat"}, UserId{"sid"}, MessageMode::Internal}),
            RejectionCode::EnhancedMonitoringDisabled);
}

TEST_F(Supervision, OnlyLiveConversations) {
  w.ok(cmd::StartContact{ContactId{"queued"}, Channel::Voice, QueueId{"voice-q"}, FlowId{"recorded"}, ""});
  EXPECT_EQ(w.code(monitor("queued", "sue")), RejectionCode::ContactNotActive);
  // A call on hold can be monitored; a call in wrap-up cannot.
  w.ok(cmd::HoldContact{ContactId{"call"}, UserId{"ana"}});
  w.ok(monitor("call", "sue"));
  w.ok(cmd::StopMonitoring{ContactId{"call"}, UserId{"sue"}});
  w.ok(cmd::ResumeContact{ContactId{"call"}, UserId{"ana"}});
  w.ok(cmd::EndContact{ContactId{"call"}, Party::customer()});
  EXPECT_EQ(w.code(monitor("call", "sue")), RejectionCode::ContactNotActive);
  // A chat in wrap-up can still be read; completed, never.
  w.ok(cmd::EndContact{ContactId{"chat"}, Party::of(UserId{"bo"})});
  w.ok(monitor("chat", "sue"));
  w.ok(cmd::CompleteWrapUp{ContactId{"chat"}, UserId{"bo"}});
  EXPECT_EQ(w.code(monitor("chat", "sue")), RejectionCode::ContactNotActive);
}

TEST_F(Supervision, NobodyMonitorsTheirOwnContact) {
  w.supervisor("lead");
  w.connected("mine", Channel::Voice, "lead");
  EXPECT_EQ(w.code(monitor("mine", "lead")), RejectionCode::OwnContact);
  w.ok(monitor("mine", "sue"));
}

TEST_F(Supervision, VoiceWithEnhancedMonitoringAdmitsTwoOneOfThemBarging) {
  w.supervisor("s2");
  w.supervisor("s3");
  w.ok(monitor("call", "sue"));
  w.ok(barge("call", "s2"));
  EXPECT_EQ(w.code(monitor("call", "s3")), RejectionCode::MonitorLimitReached);
}

TEST_F(Supervision, VoiceWithoutEnhancedMonitoringAdmitsFiveListeners) {
  w.attribute(InstanceAttribute::EnhancedContactMonitoring, 0);
  for (int i = 0; i < 5; ++i) {
    w.supervisor(sup(i));
    w.ok(monitor("call", sup(i)));
  }
  w.supervisor("s5");
  EXPECT_EQ(w.code(monitor("call", "s5")), RejectionCode::MonitorLimitReached);
}

TEST_F(Supervision, ChatAdmitsFiveSupervisorsOnlyOneBarging) {
  for (int i = 0; i < 5; ++i) w.supervisor(sup(i));
  w.ok(barge("chat", "s0"));
  EXPECT_EQ(w.code(barge("chat", "s1")), RejectionCode::BargeLimitReached);
  // A public consult speaks to the customer, so it counts as barging.
  EXPECT_EQ(w.code(cmd::JoinConversation{ContactId{"chat"}, UserId{"s1"}, MessageMode::Public}),
            RejectionCode::BargeLimitReached);
  w.ok(cmd::JoinConversation{ContactId{"chat"}, UserId{"s1"}, MessageMode::Internal});
  for (int i = 2; i < 5; ++i) w.ok(monitor("chat", sup(i)));
  w.supervisor("s5");
  EXPECT_EQ(w.code(monitor("chat", "s5")), RejectionCode::MonitorLimitReached);
}

TEST_F(Supervision, AttributesOverrideTheLimitsForEveryChannel) {
  w.attribute(InstanceAttribute::MaxSupervisorsPerContact, 3);
  w.attribute(InstanceAttribute::MaxSupervisorsBarged, 2);
  for (int i = 0; i < 4; ++i) w.supervisor(sup(i));
  w.ok(barge("call", "s0"));
  w.ok(barge("call", "s1"));
  EXPECT_EQ(w.code(barge("call", "s2")), RejectionCode::BargeLimitReached);
  w.ok(monitor("call", "s2"));
  EXPECT_EQ(w.code(monitor("call", "s3")), RejectionCode::MonitorLimitReached);
  w.ok(monitor("chat", "s0"));
  w.ok(monitor("chat", "s1"));
  w.ok(monitor("chat", "s2"));
  EXPECT_EQ(w.code(monitor("chat", "s3")), RejectionCode::MonitorLimitReached);
}

TEST_F(Supervision, StartsTogglesAndStopsMustMatchTheSession) {
  EXPECT_EQ(w.code(cmd::StopMonitoring{ContactId{"call"}, UserId{"sue"}}), RejectionCode::NotMonitoring);
  EXPECT_EQ(w.code(cmd::SetMonitorMode{ContactId{"call"}, UserId{"sue"}, MonitorMode::Barge}),
            RejectionCode::NotMonitoring);
  w.ok(monitor("call", "sue"));
  EXPECT_EQ(w.code(monitor("call", "sue")), RejectionCode::AlreadyMonitoring);
  EXPECT_EQ(w.code(cmd::SetMonitorMode{ContactId{"call"}, UserId{"sue"}, MonitorMode::Silent}),
            RejectionCode::AlreadyMonitoring);
  auto toggled = w.ok(cmd::SetMonitorMode{ContactId{"call"}, UserId{"sue"}, MonitorMode::Barge});
  EXPECT_EQ(std::get<ev::MonitorModeChanged>(toggled.at(0).body).mode, MonitorMode::Barge);
  w.ok(cmd::SetMonitorMode{ContactId{"call"}, UserId{"sue"}, MonitorMode::Silent});
  auto stopped = w.ok(cmd::StopMonitoring{ContactId{"call"}, UserId{"sue"}});
  EXPECT_EQ(std::get<ev::MonitoringStopped>(stopped.at(0).body).reason, StopReason::Requested);
  EXPECT_TRUE(find(w.state(), ContactId{"call"})->sessions.empty());
}

TEST_F(Supervision, OneCallAtATimeSeveralChats) {
  w.agent("cy");
  w.connected("call2", Channel::Voice, "cy");
  w.ok(monitor("call", "sue"));
  EXPECT_EQ(w.code(monitor("call2", "sue")), RejectionCode::AlreadyMonitoring);
  w.ok(monitor("chat", "sue"));
  w.agent("dee");
  w.connected("chat2", Channel::Chat, "dee");
  w.connected("chat3", Channel::Chat, "dee");
  w.connected("chat4", Channel::Chat, "dee");
  w.ok(monitor("chat2", "sue"));
  w.ok(monitor("chat3", "sue"));
  // Their chat concurrency (3) bounds how many chats they watch.
  EXPECT_EQ(w.code(monitor("chat4", "sue")), RejectionCode::MonitorLimitReached);
}

TEST_F(Supervision, JoinIsForChatsAndUpgradesASilentSession) {
  EXPECT_EQ(w.code(cmd::JoinConversation{ContactId{"call"}, UserId{"sue"}, MessageMode::Internal}),
            RejectionCode::ChannelMismatch);
  w.ok(monitor("chat", "sue"));
  auto joined = w.ok(cmd::JoinConversation{ContactId{"chat"}, UserId{"sue"}, MessageMode::Internal});
  EXPECT_EQ(std::get<ev::ConversationJoined>(joined.at(0).body).message_mode, MessageMode::Internal);
  EXPECT_EQ(find_session(*find(w.state(), ContactId{"chat"}), UserId{"sue"})->mode, MonitorMode::Consult);
  EXPECT_EQ(w.code(cmd::JoinConversation{ContactId{"chat"}, UserId{"sue"}, MessageMode::Public}),
            RejectionCode::AlreadyMonitoring);
}

TEST_F(Supervision, RulesAreReportedInTheTablesOrder) {
  w.agent("cy");
  w.connected("unrec", Channel::Voice, "cy", "unrecorded");
  w.user("closed-mgr", {"CallCenterManager", "Agent"});
  w.user("plain", {"Agent"});
  // Unknown references come first.
  EXPECT_EQ(w.code(monitor("nope", "nobody")), RejectionCode::UnknownContact);
  EXPECT_EQ(w.code(monitor("unrec", "nobody")), RejectionCode::UnknownUser);
  // No permission and no CCP: permission first.
  EXPECT_EQ(w.code(monitor("unrec", "plain")), RejectionCode::PermissionDenied);
  // CCP closed and not recorded: CCP first.
  EXPECT_EQ(w.code(monitor("unrec", "closed-mgr")), RejectionCode::CcpNotOpen);
  // Not recorded and barge on a non-enhanced call: recording first.
  w.attribute(InstanceAttribute::EnhancedContactMonitoring, 0);
  EXPECT_EQ(w.code(barge("unrec", "sue")), RejectionCode::RecordingDisabled);
  // Enhanced off and own contact: enhanced first.
  w.supervisor("lead");
  w.connected("own", Channel::Voice, "lead");
  EXPECT_EQ(w.code(barge("own", "lead")), RejectionCode::EnhancedMonitoringDisabled);
  w.attribute(InstanceAttribute::EnhancedContactMonitoring, 1);
  // Own contact and limit reached: own contact first.
  w.supervisor("x1");
  w.supervisor("x2");
  w.ok(monitor("own", "x1"));
  w.ok(monitor("own", "x2"));
  EXPECT_EQ(w.code(monitor("own", "lead")), RejectionCode::OwnContact);
}

TEST_F(Supervision, CheckMonitorAnswersExactlyAsDecide) {
  EXPECT_EQ(check_monitor(w.state(), UserId{"sue"}, ContactId{"call"}, MonitorMode::Silent), std::nullopt);
  auto no = check_monitor(w.state(), UserId{"bo"}, ContactId{"call"}, MonitorMode::Silent);
  ASSERT_TRUE(no.has_value());
  EXPECT_EQ(no->code, RejectionCode::PermissionDenied);
  EXPECT_EQ(no->reason, w.reason(monitor("call", "bo")));
}

TEST_F(Supervision, ConsultModeIsOnlyReachedThroughJoin) {
  EXPECT_EQ(w.code(cmd::MonitorContact{ContactId{"chat"}, UserId{"sue"}, MonitorMode::Consult}),
            RejectionCode::InvalidCommand);
}

}  // namespace
}  // namespace callwatch::testing
