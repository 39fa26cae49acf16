// Human output of the read models: aligned tables, as the command line prints them.
// Not a stable format (scripts use --json, json.h); durations read like "1m05s".
#pragma once

#include <span>
#include <string>
#include <vector>

#include "projections/history.h"
#include "projections/permissions.h"
#include "projections/sessions.h"
#include "projections/views.h"

namespace callwatch::projections {

// Columns padded to their widest cell, two spaces apart; no trailing spaces.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  [[nodiscard]] std::string render() const;
  [[nodiscard]] bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// "45s", "1m05s", "2h03m", "3d04h"; negative durations print as "0s".
[[nodiscard]] std::string format_duration(Duration);

[[nodiscard]] std::string render_view_point(const ViewPoint&);
[[nodiscard]] std::string render_agents(const ViewPoint&, std::span<const AgentRow>);
[[nodiscard]] std::string render_queues(const ViewPoint&, std::span<const QueueRow>, const ModelOptions&);
[[nodiscard]] std::string render_conversations(const ViewPoint&, std::span<const ConversationRow>);
// The sessions, then the recording accesses (when there are any).
[[nodiscard]] std::string render_sessions(const ViewPoint&, std::span<const SessionRecord>,
                                          std::span<const AccessRecord> accesses = {});
[[nodiscard]] std::string render_history(const ContactHistory&, bool transcript);
[[nodiscard]] std::string render_user_permissions(std::span<const UserPermissionsRow>);
[[nodiscard]] std::string render_permission_holders(std::span<const PermissionHoldersRow>);

}  // namespace callwatch::projections
