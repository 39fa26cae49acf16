// Sessions that end by themselves, and what the customer of a chat gets to see.
#include "tests/domain/world.h"

namespace callwatch::testing {
namespace {

class Stops : public ::testing::Test {
 protected:
  void SetUp() override {
    w.routing();
    w.agent("ana");
    w.agent("bo");
    w.supervisor("sue");
    w.supervisor("sid");
    w.connected("call", Channel::Voice, "ana");
    w.connected("chat", Channel::Chat, "bo");
  }
  World w;
};

TEST_F(Stops, EndingTheContactEndsEverySessionOnIt) {
  w.ok(monitor("chat", "sue"));
  w.ok(barge("chat", "sid"));
  auto events = w.ok(cmd::EndContact{ContactId{"chat"}, Party::of(UserId{"bo"})});
  auto stops = events_of<ev::MonitoringStopped>(events);
  ASSERT_EQ(stops.size(), 2u);
  for (const auto& s : stops) EXPECT_EQ(s.reason, StopReason::ContactEnded);
  EXPECT_TRUE(std::holds_alternative<ev::ContactEnded>(events.back().body))
      << "sessions end before the contact's end is recorded";
  EXPECT_TRUE(find(w.state(), UserId{"sue"})->watching.empty());
  EXPECT_TRUE(find(w.state(), ContactId{"chat"})->sessions.empty());
}

TEST_F(Stops, ACustomerHangingUpEndsSessionsToo) {
  w.ok(monitor("call", "sue"));
  auto stops = events_of<ev::MonitoringStopped>(w.ok(cmd::EndContact{ContactId{"call"}, Party::customer()}));
  ASSERT_EQ(stops.size(), 1u);
  EXPECT_EQ(stops[0].reason, StopReason::ContactEnded);
}

TEST_F(Stops, ClosingTheCcpEndsTheSupervisorsSessions) {
  w.ok(monitor("call", "sue"));
  w.ok(monitor("chat", "sue"));
  auto events = w.ok(cmd::CloseCcp{UserId{"sue"}});
  auto stops = events_of<ev::MonitoringStopped>(events);
  ASSERT_EQ(stops.size(), 2u);
  for (const auto& s : stops) EXPECT_EQ(s.reason, StopReason::CcpClosed);
  EXPECT_TRUE(find(w.state(), ContactId{"call"})->sessions.empty());
  EXPECT_FALSE(find(w.state(), UserId{"sue"})->ccp_open);
}

TEST_F(Stops, LosingThePermissionEndsTheSessionsItNoLongerAllows) {
  w.ok(barge("call", "sue"));
  w.ok(monitor("chat", "sid"));
  w.ok(cmd::CreateSecurityProfile{UserId{"admin"}, ProfileId{"ListenOnly"},
                                  {Permission::RealTimeContactMonitoring}});
  // sue keeps listening rights but loses barge: her barge session ends.
  auto events = w.ok(cmd::AssignSecurityProfiles{UserId{"admin"}, UserId{"sue"},
                                                 {ProfileId{"ListenOnly"}, ProfileId{"Agent"}}});
  auto stops = events_of<ev::MonitoringStopped>(events);
  ASSERT_EQ(stops.size(), 1u);
  EXPECT_EQ(stops[0].reason, StopReason::PermissionRevoked);
  // sid keeps a listen-only profile: a silent session survives.
  events = w.ok(cmd::AssignSecurityProfiles{UserId{"admin"}, UserId{"sid"},
                                            {ProfileId{"ListenOnly"}, ProfileId{"Agent"}}});
  EXPECT_TRUE(events_of<ev::MonitoringStopped>(events).empty());
}

TEST_F(Stops, InternalMessagesNeverReachTheCustomersTranscript) {
  w.ok(monitor("chat", "sid"));  // silent: the customer is not told
  w.ok(cmd::SendMessage{ContactId{"chat"}, Party::customer(), "hi, my order is late", Visibility::Public});
  w.ok(cmd::JoinConversation{ContactId{"chat"}, UserId{"sue"}, MessageMode::Internal});
  w.ok(cmd::SendMessage{ContactId{"chat"}, Party::of(UserId{"sue"}), "offer the voucher", Visibility::Internal});
  w.ok(cmd::SendMessage{ContactId{"chat"}, Party::of(UserId{"bo"}), "here is a voucher", Visibility::Public});
  w.ok(cmd::SendMessage{ContactId{"chat"}, Party::of(UserId{"bo"}), "note: VIP", Visibility::Internal});
  // A supervisor in INTERNAL message mode cannot write to the customer; a silent one not at all.
  EXPECT_EQ(w.code(cmd::SendMessage{ContactId{"chat"}, Party::of(UserId{"sue"}), "x", Visibility::Public}),
            RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(cmd::SendMessage{ContactId{"chat"}, Party::of(UserId{"sid"}), "x", Visibility::Internal}),
            RejectionCode::NotParticipant);
  EXPECT_EQ(w.code(cmd::SendMessage{ContactId{"chat"}, Party::customer(), "x", Visibility::Internal}),
            RejectionCode::InvalidCommand);
  EXPECT_EQ(w.code(cmd::SendMessage{ContactId{"call"}, Party::customer(), "x", Visibility::Public}),
            RejectionCode::ChannelMismatch);

  std::vector<std::string> transcript;
  for (const auto& e : w.log()) {
    if (!visible_to_customer(e.body)) continue;
    if (const auto* m = std::get_if<ev::MessageSent>(&e.body)) transcript.push_back(m->text);
    if (std::holds_alternative<ev::ConversationJoined>(e.body)) transcript.push_back("<supervisor joined>");
  }
  EXPECT_EQ(transcript, (std::vector<std::string>{"hi, my order is late", "<supervisor joined>",
                                                  "here is a voucher"}));
}

TEST_F(Stops, BargeIntoAChatIsAnnouncedSilentMonitoringIsNot) {
  auto silent = w.ok(monitor("chat", "sid"));
  EXPECT_FALSE(visible_to_customer(silent.at(0).body));
  auto barged = w.ok(barge("chat", "sue"));
  EXPECT_TRUE(visible_to_customer(barged.at(0).body));
}

TEST(Streams, EveryEventNamesTheThingItIsAbout) {
  EXPECT_EQ(stream_of(ev::MonitoringStarted{ContactId{"c1"}, UserId{"s"}, MonitorMode::Silent}), "contact-c1");
  EXPECT_EQ(stream_of(ev::CcpOpened{UserId{"ana"}}), "user-ana");
  EXPECT_EQ(stream_of(ev::QueueCreated{UserId{"a"}, QueueId{"q"}, Channel::Voice}), "queue-q");
  EXPECT_EQ(stream_of(ev::ContactFlowPublished{UserId{"a"}, FlowId{"f"}, true}), "flow-f");
  EXPECT_EQ(stream_of(ev::SecurityProfileCreated{UserId{"a"}, ProfileId{"p"}, {}}), "profile-p");
  EXPECT_EQ(stream_of(ev::InstanceAttributeSet{UserId{"a"}, InstanceAttribute::MaxSupervisorsBarged, 2}),
            "instance");
  EXPECT_EQ(type_name(EventBody{ev::MonitorModeChanged{}}), "MonitorModeChanged");
}

}  // namespace
}  // namespace callwatch::testing
