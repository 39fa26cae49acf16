// The small enumerations of the supervision domain, with their wire names.
// Wire names (to_string / parse_*) are what JSON, Cap'n Proto and the command line use;
// they are part of the stable interface and never change meaning.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace callwatch {

enum class Channel : std::uint8_t { Voice, Chat };  // "VOICE", "CHAT"

// initiated -> queued -> connected (<-> on hold, voice only) -> after-contact work -> completed;
// or queued -> abandoned.
enum class ContactStatus : std::uint8_t {
  Initiated,
  Queued,
  Connected,
  OnHold,
  AfterContactWork,  // wrap-up; for chats, "Wrap-up"
  Completed,
  Abandoned,
};

// How a supervisor takes part in a conversation.
enum class MonitorMode : std::uint8_t {
  Silent,   // listens to a call or reads a chat; neither party knows   ("SILENT")
  Barge,    // talks to / writes to agent and customer                 ("BARGE")
  Consult,  // joined a chat in consult mode (JoinConversation)        ("CONSULT")
};

// Who sees a supervisor's messages after JoinConversation.
enum class MessageMode : std::uint8_t { Internal, Public };  // "INTERNAL" (default), "PUBLIC"

// Who sees a chat message. Internal messages never reach the customer's transcript.
enum class Visibility : std::uint8_t { Public, Internal };

// Why a supervision session ended.
enum class StopReason : std::uint8_t {
  Requested,          // the supervisor stopped       ("REQUESTED")
  ContactEnded,       // the conversation ended       ("CONTACT_ENDED")
  CcpClosed,          // the supervisor closed the CCP ("CCP_CLOSED")
  PermissionRevoked,  // their profiles no longer allow this mode ("PERMISSION_REVOKED")
};

enum class InstanceAttribute : std::uint8_t {
  EnhancedContactMonitoring,  // voice: multi-party calls and barge; boolean, on by default
  EnhancedChatMonitoring,     // chat barge; boolean, on by default
  MaxSupervisorsPerContact,   // integer; overrides the per-channel monitor limit when set
  MaxSupervisorsBarged,       // integer; overrides the barge limit (1) when set
};

// What a supervisor did with recorded conversations (AccessRecording, RecordingAccessed).
enum class RecordingAccess : std::uint8_t {
  Search,    // searched completed contacts       ("SEARCH")
  Listen,    // listened to / read a recording    ("LISTEN")
  Download,  // downloaded a recording/transcript ("DOWNLOAD")
};

[[nodiscard]] std::string_view to_string(Channel);
[[nodiscard]] std::string_view to_string(ContactStatus);
[[nodiscard]] std::string_view to_string(MonitorMode);
[[nodiscard]] std::string_view to_string(MessageMode);
[[nodiscard]] std::string_view to_string(Visibility);
[[nodiscard]] std::string_view to_string(StopReason);
[[nodiscard]] std::string_view to_string(InstanceAttribute);
[[nodiscard]] std::string_view to_string(RecordingAccess);

[[nodiscard]] std::optional<Channel> parse_channel(std::string_view);
[[nodiscard]] std::optional<ContactStatus> parse_contact_status(std::string_view);
[[nodiscard]] std::optional<MonitorMode> parse_monitor_mode(std::string_view);
[[nodiscard]] std::optional<MessageMode> parse_message_mode(std::string_view);
[[nodiscard]] std::optional<Visibility> parse_visibility(std::string_view);
[[nodiscard]] std::optional<StopReason> parse_stop_reason(std::string_view);
[[nodiscard]] std::optional<InstanceAttribute> parse_instance_attribute(std::string_view);
[[nodiscard]] std::optional<RecordingAccess> parse_recording_access(std::string_view);

// Boolean attributes take true/false; the MAX_* ones take a positive integer (or unset).
[[nodiscard]] constexpr bool is_boolean(InstanceAttribute a) {
  return a == InstanceAttribute::EnhancedContactMonitoring ||
         a == InstanceAttribute::EnhancedChatMonitoring;
}

// Agent status names with a fixed meaning; any other name is a custom status (Break, Training).
inline constexpr std::string_view kStatusOffline = "Offline";
inline constexpr std::string_view kStatusAvailable = "Available";

}  // namespace callwatch
