// Compile-time wire names of command types, indexed like CommandBody. (Event names live on
// each event type, domain/events.h.)
#pragma once

#include <array>
#include <string_view>

namespace callwatch::detail {

inline constexpr std::array<std::string_view, 24> kCommandNames{
    "CreateSecurityProfile", "CreateUser",     "AssignSecurityProfiles", "SetInstanceAttribute",
    "CreateQueue",           "PublishContactFlow", "OpenCcp",            "CloseCcp",
    "SetAgentStatus",        "StartContact",   "ConnectAgent",           "HoldContact",
    "ResumeContact",         "EndContact",     "CompleteWrapUp",         "AbandonContact",
    "SendMessage",           "MonitorContact", "SetMonitorMode",         "JoinConversation",
    "StopMonitoring",        "AccessRecording",    "IssueToken",         "RevokeToken"};

}  // namespace callwatch::detail
