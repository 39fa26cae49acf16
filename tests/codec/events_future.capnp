# What a newer callwatch might write: the same envelope with one more event type, one more
# StopReason and one more envelope field. Tests forge records with it to check that this
# build reads what it can and refuses the rest with a precise error.
@0xc40a9957a26310ac;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("callwatch::codec::future");

using Ev = import "/codec/events.capnp";

enum StopReasonV2 {
  requested @0;
  contactEnded @1;
  ccpClosed @2;
  permissionRevoked @3;
  supervisorTimedOut @4;
}

struct MonitoringStoppedV2 {
  contact @0 :Text;
  supervisor @1 :Text;
  reason @2 :StopReasonV2;
}

struct PartyV2 {
  union {
    customer @0 :Void;
    user @1 :Text;
    bot @2 :Text;
  }
}

struct ContactEndedV2 {
  contact @0 :Text;
  by @1 :PartyV2;
}

struct SupervisorWhispered {
  contact @0 :Text;
  supervisor @1 :Text;
  text @2 :Text;
}

struct Envelope {
  schemaVersion @0 :UInt32;
  eventId @1 :Text;
  stream @2 :Text;
  type @3 :Text;
  atMs @4 :Int64;

  body :union {
    securityProfileCreated @5 :Ev.SecurityProfileCreated;
    userCreated @6 :Ev.UserCreated;
    securityProfilesAssigned @7 :Ev.SecurityProfilesAssigned;
    instanceAttributeSet @8 :Ev.InstanceAttributeSet;
    queueCreated @9 :Ev.QueueCreated;
    contactFlowPublished @10 :Ev.ContactFlowPublished;
    ccpOpened @11 :Ev.CcpOpened;
    ccpClosed @12 :Ev.CcpClosed;
    agentStatusChanged @13 :Ev.AgentStatusChanged;
    contactInitiated @14 :Ev.ContactInitiated;
    recordingEnabled @15 :Ev.RecordingEnabled;
    contactQueued @16 :Ev.ContactQueued;
    agentConnected @17 :Ev.AgentConnected;
    contactHeld @18 :Ev.ContactHeld;
    contactResumed @19 :Ev.ContactResumed;
    contactEnded @20 :ContactEndedV2;
    wrapUpCompleted @21 :Ev.WrapUpCompleted;
    contactAbandoned @22 :Ev.ContactAbandoned;
    messageSent @23 :Ev.MessageSent;
    monitoringStarted @24 :Ev.MonitoringStarted;
    monitorModeChanged @25 :Ev.MonitorModeChanged;
    conversationJoined @26 :Ev.ConversationJoined;
    monitoringStopped @27 :MonitoringStoppedV2;
    recordingAccessed @28 :Ev.RecordingAccessed;
    tokenIssued @29 :Ev.TokenIssued;
    tokenRevoked @30 :Ev.TokenRevoked;
    findingRecorded @31 :Ev.FindingRecorded;
    supervisorWhispered @32 :SupervisorWhispered;
  }

  traceId @33 :Text;  # a new envelope field: old readers ignore it
}
