# The event log's record format: one Envelope per event, a single-segment, unpacked
# Cap'n Proto message. See docs/event-format.md for the framing and the versioning rules.
#
# Evolution rules (this file is a stored format, not just an API):
#   - add fields and union members at the end, with the next free ordinal;
#   - never renumber, retype, reuse or remove an ordinal (rename is fine: names are not stored);
#   - new enum values only at the end; readers reject values they do not know.
# Wire names of enums (docs, JSON) live in domain/vocabulary.h; the ordinals here are separate
# and only ever grow.
@0x995ce8aca0b25ee8;

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("callwatch::codec::wire");

enum Channel {
  voice @0;
  chat @1;
}

enum MonitorMode {
  silent @0;
  barge @1;
  consult @2;
}

enum MessageMode {
  internal @0;
  public @1;
}

enum Visibility {
  public @0;
  internal @1;
}

enum StopReason {
  requested @0;
  contactEnded @1;
  ccpClosed @2;
  permissionRevoked @3;
}

enum InstanceAttribute {
  enhancedContactMonitoring @0;
  enhancedChatMonitoring @1;
  maxSupervisorsPerContact @2;
  maxSupervisorsBarged @3;
}

enum Permission {
  accessCcp @0;
  makeOutboundCalls @1;
  realTimeContactMonitoring @2;
  realTimeContactBargeIn @3;
  accessMetrics @4;
  recordedConversationsAccess @5;
  recordedConversationsDownload @6;
  manageUsers @7;
  editSecurityProfiles @8;
  manageRouting @9;
  editInstance @10;
}

enum RecordingAccess {
  search @0;
  listen @1;
  download @2;
}

# Who spoke or hung up.
struct Party {
  union {
    customer @0 :Void;
    user @1 :Text;
  }
}

struct SecurityProfileCreated {
  by @0 :Text;
  profile @1 :Text;
  permissions @2 :List(Permission);
}

struct UserCreated {
  by @0 :Text;
  user @1 :Text;
  profiles @2 :List(Text);
  chatConcurrency @3 :Int32;
}

struct SecurityProfilesAssigned {
  by @0 :Text;
  user @1 :Text;
  profiles @2 :List(Text);
}

struct InstanceAttributeSet {
  by @0 :Text;
  attribute @1 :InstanceAttribute;
  # Boolean attributes: 0 or 1. MAX_* attributes: a positive limit, or unset.
  value :union {
    none @2 :Void;
    some @3 :Int32;
  }
}

struct QueueCreated {
  by @0 :Text;
  queue @1 :Text;
  channel @2 :Channel;
}

struct ContactFlowPublished {
  by @0 :Text;
  flow @1 :Text;
  recording @2 :Bool;
}

struct CcpOpened {
  user @0 :Text;
}

struct CcpClosed {
  user @0 :Text;
}

struct AgentStatusChanged {
  user @0 :Text;
  status @1 :Text;
}

struct ContactInitiated {
  contact @0 :Text;
  channel @1 :Channel;
  flow @2 :Text;
  customer @3 :Text;
}

struct RecordingEnabled {
  contact @0 :Text;
}

struct ContactQueued {
  contact @0 :Text;
  queue @1 :Text;
}

struct AgentConnected {
  contact @0 :Text;
  agent @1 :Text;
}

struct ContactHeld {
  contact @0 :Text;
}

struct ContactResumed {
  contact @0 :Text;
}

struct ContactEnded {
  contact @0 :Text;
  by @1 :Party;
}

struct WrapUpCompleted {
  contact @0 :Text;
}

struct ContactAbandoned {
  contact @0 :Text;
}

struct MessageSent {
  contact @0 :Text;
  from @1 :Party;
  text @2 :Text;
  visibility @3 :Visibility;
}

struct MonitoringStarted {
  contact @0 :Text;
  supervisor @1 :Text;
  mode @2 :MonitorMode;
}

struct MonitorModeChanged {
  contact @0 :Text;
  supervisor @1 :Text;
  mode @2 :MonitorMode;
}

struct ConversationJoined {
  contact @0 :Text;
  supervisor @1 :Text;
  messageMode @2 :MessageMode;
}

struct MonitoringStopped {
  contact @0 :Text;
  supervisor @1 :Text;
  reason @2 :StopReason;
}

struct RecordingAccessed {
  by @0 :Text;
  access @1 :RecordingAccess;
  contact @2 :Text;
  search @3 :Text;
}

# API tokens: only the secret's SHA-256 is ever written (issue 12).
struct TokenIssued {
  by @0 :Text;
  token @1 :Text;
  user @2 :Text;
  expiresAtMs @3 :Int64;     # milliseconds since the Unix epoch, UTC
  secretSha256 @4 :Text;     # 64 lowercase hex digits
}

struct TokenRevoked {
  by @0 :Text;
  token @1 :Text;
  user @2 :Text;
}

# An audit finding on a fact from outside (Amazon Connect): the rule it breaks. Ordinal @31 (the
# `connect` range is @31..@39).
struct FindingRecorded {
  contact @0 :Text;
  user @1 :Text;
  rule @2 :Text;
  reason @3 :Text;
  event @4 :Text;
}

# The record. Header fields (@0..@4) are frozen forever: any reader, of any version, can read
# them without understanding the body (decode_header).
struct Envelope {
  schemaVersion @0 :UInt32;  # 0 never appears in a valid record
  eventId @1 :Text;
  stream @2 :Text;           # "contact-c-1", "user-alice", "instance", ...
  type @3 :Text;             # the body's wire name, e.g. "MonitoringStarted"
  atMs @4 :Int64;            # milliseconds since the Unix epoch, UTC

  body :union {
    securityProfileCreated @5 :SecurityProfileCreated;
    userCreated @6 :UserCreated;
    securityProfilesAssigned @7 :SecurityProfilesAssigned;
    instanceAttributeSet @8 :InstanceAttributeSet;
    queueCreated @9 :QueueCreated;
    contactFlowPublished @10 :ContactFlowPublished;
    ccpOpened @11 :CcpOpened;
    ccpClosed @12 :CcpClosed;
    agentStatusChanged @13 :AgentStatusChanged;
    contactInitiated @14 :ContactInitiated;
    recordingEnabled @15 :RecordingEnabled;
    contactQueued @16 :ContactQueued;
    agentConnected @17 :AgentConnected;
    contactHeld @18 :ContactHeld;
    contactResumed @19 :ContactResumed;
    contactEnded @20 :ContactEnded;
    wrapUpCompleted @21 :WrapUpCompleted;
    contactAbandoned @22 :ContactAbandoned;
    messageSent @23 :MessageSent;
    monitoringStarted @24 :MonitoringStarted;
    monitorModeChanged @25 :MonitorModeChanged;
    conversationJoined @26 :ConversationJoined;
    monitoringStopped @27 :MonitoringStopped;
    recordingAccessed @28 :RecordingAccessed;
    tokenIssued @29 :TokenIssued;
    tokenRevoked @30 :TokenRevoked;
    findingRecorded @31 :FindingRecorded;
  }
}
