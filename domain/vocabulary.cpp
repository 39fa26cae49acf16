#include "domain/vocabulary.h"

#include <array>

namespace callwatch {
namespace {

template <class E, std::size_t N>
std::optional<E> parse_from(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

constexpr std::array<std::string_view, 2> kChannel{"VOICE", "CHAT"};
constexpr std::array<std::string_view, 7> kContactStatus{
    "INITIATED", "QUEUED", "CONNECTED", "ON_HOLD", "AFTER_CONTACT_WORK", "COMPLETED", "ABANDONED"};
constexpr std::array<std::string_view, 3> kMonitorMode{"SILENT", "BARGE", "CONSULT"};
constexpr std::array<std::string_view, 2> kMessageMode{"INTERNAL", "PUBLIC"};
constexpr std::array<std::string_view, 2> kVisibility{"PUBLIC", "INTERNAL"};
constexpr std::array<std::string_view, 4> kStopReason{"REQUESTED", "CONTACT_ENDED", "CCP_CLOSED",
                                                      "PERMISSION_REVOKED"};
constexpr std::array<std::string_view, 4> kAttribute{
    "ENHANCED_CONTACT_MONITORING", "ENHANCED_CHAT_MONITORING", "MAX_SUPERVISORS_PER_CONTACT",
    "MAX_SUPERVISORS_BARGED"};
constexpr std::array<std::string_view, 3> kRecordingAccess{"SEARCH", "LISTEN", "DOWNLOAD"};

}  // namespace

std::string_view to_string(Channel v) { return kChannel[static_cast<std::size_t>(v)]; }
std::string_view to_string(ContactStatus v) { return kContactStatus[static_cast<std::size_t>(v)]; }
std::string_view to_string(MonitorMode v) { return kMonitorMode[static_cast<std::size_t>(v)]; }
std::string_view to_string(MessageMode v) { return kMessageMode[static_cast<std::size_t>(v)]; }
std::string_view to_string(Visibility v) { return kVisibility[static_cast<std::size_t>(v)]; }
std::string_view to_string(StopReason v) { return kStopReason[static_cast<std::size_t>(v)]; }
std::string_view to_string(InstanceAttribute v) { return kAttribute[static_cast<std::size_t>(v)]; }
std::string_view to_string(RecordingAccess v) {
  return kRecordingAccess[static_cast<std::size_t>(v)];
}
std::optional<RecordingAccess> parse_recording_access(std::string_view s) {
  return parse_from<RecordingAccess>(kRecordingAccess, s);
}

std::optional<Channel> parse_channel(std::string_view s) { return parse_from<Channel>(kChannel, s); }
std::optional<ContactStatus> parse_contact_status(std::string_view s) {
  return parse_from<ContactStatus>(kContactStatus, s);
}
std::optional<MonitorMode> parse_monitor_mode(std::string_view s) {
  return parse_from<MonitorMode>(kMonitorMode, s);
}
std::optional<MessageMode> parse_message_mode(std::string_view s) {
  return parse_from<MessageMode>(kMessageMode, s);
}
std::optional<Visibility> parse_visibility(std::string_view s) {
  return parse_from<Visibility>(kVisibility, s);
}
std::optional<StopReason> parse_stop_reason(std::string_view s) {
  return parse_from<StopReason>(kStopReason, s);
}
std::optional<InstanceAttribute> parse_instance_attribute(std::string_view s) {
  return parse_from<InstanceAttribute>(kAttribute, s);
}

}  // namespace callwatch
