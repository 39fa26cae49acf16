// Compile-time wire names of command and event types, indexed like their variants.
#pragma once

#include <array>
#include <string_view>

namespace callwatch::detail {

inline constexpr std::array<std::string_view, 21> kCommandNames{
    "CreateSecurityProfile", "CreateUser",     "AssignSecurityProfiles", "SetInstanceAttribute",
    "CreateQueue",           "PublishContactFlow", "OpenCcp",            "CloseCcp",
    "SetAgentStatus",        "StartContact",   "ConnectAgent",           "HoldContact",
    "ResumeContact",         "EndContact",     "CompleteWrapUp",         "AbandonContact",
    "SendMessage",           "MonitorContact", "SetMonitorMode",         "JoinConversation",
    "StopMonitoring"};

inline constexpr std::array<std::string_view, 23> kEventNames{
    "SecurityProfileCreated", "UserCreated",       "SecurityProfilesAssigned",
    "InstanceAttributeSet",   "QueueCreated",      "ContactFlowPublished",
    "CcpOpened",              "CcpClosed",         "AgentStatusChanged",
    "ContactInitiated",       "RecordingEnabled",  "ContactQueued",
    "AgentConnected",         "ContactHeld",       "ContactResumed",
    "ContactEnded",           "WrapUpCompleted",   "ContactAbandoned",
    "MessageSent",            "MonitoringStarted", "BargeToggled",
    "ConversationJoined",     "MonitoringStopped"};

}  // namespace callwatch::detail
