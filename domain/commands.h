// Commands: what someone asks callwatch to do. Imperative names; decide() turns an accepted
// command into events or rejects it (see rules.md for every rule and its rejection code).
//
// `by` is always the acting user. Routing actions (StartContact, ConnectAgent,
// AbandonContact) come from the telephony / routing side and carry no acting user.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/ids.h"
#include "domain/permissions.h"
#include "domain/time.h"
#include "domain/vocabulary.h"

namespace callwatch {

inline constexpr int kDefaultChatConcurrency = 3;
inline constexpr int kMaxChatConcurrency = 10;

namespace cmd {

struct CreateSecurityProfile {
  UserId by;
  ProfileId profile;
  PermissionSet permissions;
  friend bool operator==(const CreateSecurityProfile&, const CreateSecurityProfile&) = default;
};
struct CreateUser {
  UserId by;
  UserId user;
  std::vector<ProfileId> profiles;             // at least one
  int chat_concurrency = kDefaultChatConcurrency;  // 1..10 simultaneous chats
  friend bool operator==(const CreateUser&, const CreateUser&) = default;
};
struct AssignSecurityProfiles {  // replaces the user's profiles
  UserId by;
  UserId user;
  std::vector<ProfileId> profiles;
  friend bool operator==(const AssignSecurityProfiles&, const AssignSecurityProfiles&) = default;
};
struct SetInstanceAttribute {
  UserId by;
  InstanceAttribute attribute;
  // Boolean attributes: 0 or 1. MAX_* attributes: a positive limit, or nullopt to unset.
  std::optional<std::int32_t> value;
  friend bool operator==(const SetInstanceAttribute&, const SetInstanceAttribute&) = default;
};
struct CreateQueue {
  UserId by;
  QueueId queue;
  Channel channel;
  friend bool operator==(const CreateQueue&, const CreateQueue&) = default;
};
struct PublishContactFlow {  // publishing again replaces the flow for contacts started later
  UserId by;
  FlowId flow;
  bool recording = false;  // the flow contains a "Set call recording" block
  friend bool operator==(const PublishContactFlow&, const PublishContactFlow&) = default;
};
struct OpenCcp {
  UserId by;
  friend bool operator==(const OpenCcp&, const OpenCcp&) = default;
};
struct CloseCcp {
  UserId by;
  friend bool operator==(const CloseCcp&, const CloseCcp&) = default;
};
struct SetAgentStatus {
  UserId by;
  std::string status;  // "Available", "Offline" or a custom status ("Break", "Training")
  friend bool operator==(const SetAgentStatus&, const SetAgentStatus&) = default;
};
struct StartContact {
  ContactId contact;
  Channel channel;
  QueueId queue;
  FlowId flow;
  std::string customer;  // the customer's name or number, as the contact record shows it
  friend bool operator==(const StartContact&, const StartContact&) = default;
};
struct ConnectAgent {
  ContactId contact;
  UserId agent;
  friend bool operator==(const ConnectAgent&, const ConnectAgent&) = default;
};
struct HoldContact {
  ContactId contact;
  UserId by;
  friend bool operator==(const HoldContact&, const HoldContact&) = default;
};
struct ResumeContact {
  ContactId contact;
  UserId by;
  friend bool operator==(const ResumeContact&, const ResumeContact&) = default;
};
struct EndContact {
  ContactId contact;
  Party by;  // the contact's agent, or the customer
  friend bool operator==(const EndContact&, const EndContact&) = default;
};
struct CompleteWrapUp {
  ContactId contact;
  UserId by;
  friend bool operator==(const CompleteWrapUp&, const CompleteWrapUp&) = default;
};
struct AbandonContact {
  ContactId contact;
  friend bool operator==(const AbandonContact&, const AbandonContact&) = default;
};
struct SendMessage {
  ContactId contact;
  Party from;
  std::string text;
  Visibility visibility = Visibility::Public;
  friend bool operator==(const SendMessage&, const SendMessage&) = default;
};
struct MonitorContact {
  ContactId contact;
  UserId by;
  MonitorMode mode = MonitorMode::Silent;  // Silent or Barge
  friend bool operator==(const MonitorContact&, const MonitorContact&) = default;
};
struct SetMonitorMode {  // toggle monitor <-> barge within a running session
  ContactId contact;
  UserId by;
  MonitorMode mode = MonitorMode::Silent;  // Silent or Barge
  friend bool operator==(const SetMonitorMode&, const SetMonitorMode&) = default;
};
struct JoinConversation {  // chats: join in consult mode
  ContactId contact;
  UserId by;
  MessageMode message_mode = MessageMode::Internal;
  friend bool operator==(const JoinConversation&, const JoinConversation&) = default;
};
struct StopMonitoring {
  ContactId contact;
  UserId by;
  friend bool operator==(const StopMonitoring&, const StopMonitoring&) = default;
};

// A supervisor searches completed contacts (SEARCH: `search` is the query, no contact) or
// listens to / downloads one contact's recording (LISTEN, DOWNLOAD: `contact`). Needs
// RecordedConversationsAccess (search, listen) or RecordedConversationsDownload (download).
struct AccessRecording {
  UserId by;
  RecordingAccess access = RecordingAccess::Listen;
  ContactId contact;
  std::string search;
  friend bool operator==(const AccessRecording&, const AccessRecording&) = default;
};

// API tokens (issue 12). The caller makes the secret (random, outside the pure domain) and
// sends only its SHA-256: the secret never enters a command, an event or the log. Needs
// ManageUsers; a user may also revoke their own token. See docs/rules.md, "API tokens".
struct IssueToken {
  UserId by;
  TokenId token;              // 12 lowercase hex digits (is_token_id)
  UserId user;                // whom the token authenticates
  Timestamp expires_at{};     // after the command's time
  std::string secret_sha256;  // SHA-256 of the secret, 64 lowercase hex digits
  friend bool operator==(const IssueToken&, const IssueToken&) = default;
};
struct RevokeToken {
  UserId by;
  TokenId token;
  friend bool operator==(const RevokeToken&, const RevokeToken&) = default;
};

// The shapes decide() accepts (codec-independent, so the token code and decide agree).
inline constexpr std::size_t kTokenIdLength = 12;
inline constexpr std::size_t kSecretSha256Length = 64;
[[nodiscard]] bool is_lower_hex(std::string_view s, std::size_t length);
[[nodiscard]] inline bool is_token_id(std::string_view s) { return is_lower_hex(s, kTokenIdLength); }

}  // namespace cmd

using CommandBody =
    std::variant<cmd::CreateSecurityProfile, cmd::CreateUser, cmd::AssignSecurityProfiles,
                 cmd::SetInstanceAttribute, cmd::CreateQueue, cmd::PublishContactFlow,
                 cmd::OpenCcp, cmd::CloseCcp, cmd::SetAgentStatus, cmd::StartContact,
                 cmd::ConnectAgent, cmd::HoldContact, cmd::ResumeContact, cmd::EndContact,
                 cmd::CompleteWrapUp, cmd::AbandonContact, cmd::SendMessage, cmd::MonitorContact,
                 cmd::SetMonitorMode, cmd::JoinConversation, cmd::StopMonitoring,
                 cmd::AccessRecording, cmd::IssueToken, cmd::RevokeToken>;

struct Command {
  Command();  // user-provided (below): `vector::emplace_back()` must not zero-fill first
  explicit Command(CommandBody b, std::optional<Timestamp> when = std::nullopt, std::string id = {})
      : body(std::move(b)), at(when), command_id(std::move(id)) {}

  CommandBody body;
  // When it happened. The engine stamps commands that come without one; decide() uses the
  // state's clock if it is still missing, so decide stays pure.
  std::optional<Timestamp> at;
  // Caller-chosen idempotency key: retrying a command with the same id never writes twice.
  std::string command_id;
  friend bool operator==(const Command&, const Command&) = default;
};
inline Command::Command() = default;

// The command's wire name ("MonitorContact").
[[nodiscard]] std::string_view type_name(const CommandBody&);

}  // namespace callwatch
