// Contacts: start, routing to agents, hold, end, wrap-up, abandon.
#include "tests/domain/world.h"

namespace callwatch::testing {
namespace {

class Contacts : public ::testing::Test {
 protected:
  void SetUp() override {
    w.routing();
    w.agent("ana");
  }
  World w;
};

TEST_F(Contacts, StartRunsTheFlowRecordingWhenItHasTheBlock) {
  auto events = w.ok(cmd::StartContact{ContactId{"c1"}, Channel::Voice, QueueId{"voice-q"},
                                       FlowId{"recorded"}, "+1"});
  ASSERT_EQ(events.size(), 3u);
  EXPECT_TRUE(std::holds_alternative<ev::ContactInitiated>(events[0].body));
  EXPECT_TRUE(std::holds_alternative<ev::RecordingEnabled>(events[1].body));
  EXPECT_TRUE(std::holds_alternative<ev::ContactQueued>(events[2].body));
  EXPECT_EQ(find(w.state(), ContactId{"c1"})->status, ContactStatus::Queued);

  events = w.ok(cmd::StartContact{ContactId{"c2"}, Channel::Voice, QueueId{"voice-q"},
                                  FlowId{"unrecorded"}, "+1"});
  EXPECT_EQ(events.size(), 2u);
  EXPECT_FALSE(find(w.state(), ContactId{"c2"})->recorded);
}

TEST_F(Contacts, StartChecksReferencesChannelAndUniqueness) {
  EXPECT_EQ(w.code(cmd::StartContact{ContactId{"c"}, Channel::Voice, QueueId{"nope"}, FlowId{"recorded"}, ""}),
            RejectionCode::UnknownQueue);
  EXPECT_EQ(w.code(cmd::StartContact{ContactId{"c"}, Channel::Voice, QueueId{"voice-q"}, FlowId{"nope"}, ""}),
            RejectionCode::UnknownFlow);
  EXPECT_EQ(w.code(cmd::StartContact{ContactId{"c"}, Channel::Chat, QueueId{"voice-q"}, FlowId{"recorded"}, ""}),
            RejectionCode::ChannelMismatch);
  w.ok(cmd::StartContact{ContactId{"c"}, Channel::Voice, QueueId{"voice-q"}, FlowId{"recorded"}, ""});
  EXPECT_EQ(w.code(cmd::StartContact{ContactId{"c"}, Channel::Voice, QueueId{"voice-q"}, FlowId{"recorded"}, ""}),
            RejectionCode::AlreadyExists);
}

TEST_F(Contacts, FullVoiceLifecycle) {
  w.connected("c1", Channel::Voice, "ana");
  EXPECT_EQ(find(w.state(), UserId{"ana"})->contacts.size(), 1u);
  w.ok(cmd::HoldContact{ContactId{"c1"}, UserId{"ana"}});
  EXPECT_EQ(find(w.state(), ContactId{"c1"})->status, ContactStatus::OnHold);
  EXPECT_EQ(w.code(cmd::HoldContact{ContactId{"c1"}, UserId{"ana"}}), RejectionCode::InvalidTransition);
  w.ok(cmd::ResumeContact{ContactId{"c1"}, UserId{"ana"}});
  w.ok(cmd::EndContact{ContactId{"c1"}, Party::of(UserId{"ana"})});
  EXPECT_EQ(find(w.state(), ContactId{"c1"})->status, ContactStatus::AfterContactWork);
  EXPECT_EQ(w.code(cmd::EndContact{ContactId{"c1"}, Party::customer()}), RejectionCode::InvalidTransition);
  w.ok(cmd::CompleteWrapUp{ContactId{"c1"}, UserId{"ana"}});
  EXPECT_EQ(find(w.state(), ContactId{"c1"})->status, ContactStatus::Completed);
  EXPECT_TRUE(find(w.state(), UserId{"ana"})->contacts.empty());
}

TEST_F(Contacts, OnlyTheContactsAgentHandlesIt) {
  w.agent("bo");
  w.connected("c1", Channel::Voice, "ana");
  EXPECT_EQ(w.code(cmd::HoldContact{ContactId{"c1"}, UserId{"bo"}}), RejectionCode::NotContactAgent);
  EXPECT_EQ(w.code(cmd::EndContact{ContactId{"c1"}, Party::of(UserId{"bo"})}), RejectionCode::NotContactAgent);
  EXPECT_EQ(w.code(cmd::HoldContact{ContactId{"zz"}, UserId{"ana"}}), RejectionCode::UnknownContact);
  w.ok(cmd::EndContact{ContactId{"c1"}, Party::customer()});  // the customer hangs up
}

TEST_F(Contacts, ChatsAreNotHeld) {
  w.connected("chat1", Channel::Chat, "ana");
  EXPECT_EQ(w.code(cmd::HoldContact{ContactId{"chat1"}, UserId{"ana"}}), RejectionCode::ChannelMismatch);
}

TEST_F(Contacts, RoutingNeedsAnAvailableAgentWithCapacity) {
  w.user("off", {"Agent"});
  w.ok(cmd::StartContact{ContactId{"c1"}, Channel::Voice, QueueId{"voice-q"}, FlowId{"recorded"}, ""});
  EXPECT_EQ(w.code(cmd::ConnectAgent{ContactId{"c1"}, UserId{"off"}}), RejectionCode::AgentUnavailable);
  EXPECT_EQ(w.code(cmd::ConnectAgent{ContactId{"c1"}, UserId{"nobody"}}), RejectionCode::UnknownUser);
  w.ok(cmd::ConnectAgent{ContactId{"c1"}, UserId{"ana"}});
  EXPECT_EQ(w.code(cmd::ConnectAgent{ContactId{"c1"}, UserId{"ana"}}), RejectionCode::InvalidTransition);
  // One call at a time, even in wrap-up.
  w.ok(cmd::StartContact{ContactId{"c2"}, Channel::Voice, QueueId{"voice-q"}, FlowId{"recorded"}, ""});
  EXPECT_EQ(w.code(cmd::ConnectAgent{ContactId{"c2"}, UserId{"ana"}}), RejectionCode::AgentUnavailable);
  w.ok(cmd::EndContact{ContactId{"c1"}, Party::customer()});
  EXPECT_EQ(w.code(cmd::ConnectAgent{ContactId{"c2"}, UserId{"ana"}}), RejectionCode::AgentUnavailable);
  w.ok(cmd::CompleteWrapUp{ContactId{"c1"}, UserId{"ana"}});
  w.ok(cmd::ConnectAgent{ContactId{"c2"}, UserId{"ana"}});
}

TEST_F(Contacts, AnAgentHoldsSeveralChatsUpToTheirConcurrency) {
  w.agent("two", 2);
  w.connected("k1", Channel::Chat, "two");
  w.connected("k2", Channel::Chat, "two");
  w.ok(cmd::StartContact{ContactId{"k3"}, Channel::Chat, QueueId{"chat-q"}, FlowId{"recorded"}, ""});
  EXPECT_EQ(w.code(cmd::ConnectAgent{ContactId{"k3"}, UserId{"two"}}), RejectionCode::AgentUnavailable);
  EXPECT_EQ(find(w.state(), UserId{"two"})->contacts.size(), 2u);
}

TEST_F(Contacts, AbandonOnlyFromTheQueue) {
  w.ok(cmd::StartContact{ContactId{"c1"}, Channel::Voice, QueueId{"voice-q"}, FlowId{"recorded"}, ""});
  w.ok(cmd::AbandonContact{ContactId{"c1"}});
  EXPECT_EQ(find(w.state(), ContactId{"c1"})->status, ContactStatus::Abandoned);
  EXPECT_EQ(w.code(cmd::AbandonContact{ContactId{"c1"}}), RejectionCode::InvalidTransition);
  EXPECT_EQ(w.code(cmd::ConnectAgent{ContactId{"c1"}, UserId{"ana"}}), RejectionCode::InvalidTransition);
}

TEST_F(Contacts, AgentWithLiveContactsCannotCloseTheCcp) {
  w.connected("c1", Channel::Voice, "ana");
  EXPECT_EQ(w.code(cmd::CloseCcp{UserId{"ana"}}), RejectionCode::InvalidTransition);
}

}  // namespace
}  // namespace callwatch::testing
