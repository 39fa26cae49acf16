// Commands <-> JSON (codec/json.h). One parser and one printer per command type; field names
// are documented in docs/commands.md.
#include <fmt/format.h>

#include <array>
#include <type_traits>

#include "codec/json.h"
#include "codec/json_fields.h"
#include "codec/json_writer.h"
#include "codec/time.h"
#include "codec/type_names.h"
#include "codec/utf8.h"

namespace callwatch::codec {
namespace {

using detail::FieldWriter;
using detail::Fields;
using detail::json;
using detail::safe;

// Parsers indexed like CommandBody (and detail::kCommandTypeNames).
using Parser = CommandBody (*)(Fields&);
constexpr std::array<Parser, std::variant_size_v<CommandBody>> kParsers{
    [](Fields& f) -> CommandBody {
      return cmd::CreateSecurityProfile{f.id<UserId>("by"), f.id<ProfileId>("profile"),
                                        f.permissions("permissions")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::CreateUser{f.id<UserId>("by"), f.id<UserId>("user"), f.profiles("profiles"),
                             f.chat_concurrency("chatConcurrency")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::AssignSecurityProfiles{f.id<UserId>("by"), f.id<UserId>("user"),
                                         f.profiles("profiles")};
    },
    [](Fields& f) -> CommandBody {
      cmd::SetInstanceAttribute c{f.id<UserId>("by"), f.attribute("attribute"), std::nullopt};
      c.value = f.attribute_value("value", c.attribute);
      return c;
    },
    [](Fields& f) -> CommandBody {
      return cmd::CreateQueue{f.id<UserId>("by"), f.id<QueueId>("queue"), f.channel("channel")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::PublishContactFlow{f.id<UserId>("by"), f.id<FlowId>("flow"),
                                     f.boolean_or("recording", false)};
    },
    [](Fields& f) -> CommandBody { return cmd::OpenCcp{f.id<UserId>("by")}; },
    [](Fields& f) -> CommandBody { return cmd::CloseCcp{f.id<UserId>("by")}; },
    [](Fields& f) -> CommandBody {
      cmd::SetAgentStatus c{f.id<UserId>("by"), f.string("status")};
      if (f.ok() && c.status.empty()) f.fail("field 'status' must not be empty");
      return c;
    },
    [](Fields& f) -> CommandBody {
      return cmd::StartContact{f.id<ContactId>("contact"), f.channel("channel"),
                               f.id<QueueId>("queue"), f.id<FlowId>("flow"), f.string("customer")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::ConnectAgent{f.id<ContactId>("contact"), f.id<UserId>("agent")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::HoldContact{f.id<ContactId>("contact"), f.id<UserId>("by")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::ResumeContact{f.id<ContactId>("contact"), f.id<UserId>("by")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::EndContact{f.id<ContactId>("contact"), f.party("by")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::CompleteWrapUp{f.id<ContactId>("contact"), f.id<UserId>("by")};
    },
    [](Fields& f) -> CommandBody { return cmd::AbandonContact{f.id<ContactId>("contact")}; },
    [](Fields& f) -> CommandBody {
      return cmd::SendMessage{f.id<ContactId>("contact"), f.party("from"), f.string("text"),
                              f.visibility("visibility", Visibility::Public)};
    },
    [](Fields& f) -> CommandBody {
      return cmd::MonitorContact{f.id<ContactId>("contact"), f.id<UserId>("by"),
                                 f.monitor_mode("mode", MonitorMode::Silent)};
    },
    [](Fields& f) -> CommandBody {  // a toggle needs its target: mode is required
      return cmd::SetMonitorMode{f.id<ContactId>("contact"), f.id<UserId>("by"),
                                 f.monitor_mode("mode", std::nullopt)};
    },
    [](Fields& f) -> CommandBody {
      return cmd::JoinConversation{f.id<ContactId>("contact"), f.id<UserId>("by"),
                                   f.message_mode("messageMode", MessageMode::Internal)};
    },
    [](Fields& f) -> CommandBody {
      return cmd::StopMonitoring{f.id<ContactId>("contact"), f.id<UserId>("by")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::AccessRecording{f.id<UserId>("by"), f.recording_access("access"),
                                  ContactId(f.optional_string("contact").value_or("")),
                                  f.optional_string("search").value_or("")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::IssueToken{f.id<UserId>("by"), f.id<TokenId>("token"), f.id<UserId>("user"),
                             f.timestamp("expiresAt"), f.string("secretSha256")};
    },
    [](Fields& f) -> CommandBody {
      return cmd::RevokeToken{f.id<UserId>("by"), f.id<TokenId>("token")};
    },
};

Rejection invalid(std::string reason) {
  return Rejection{RejectionCode::InvalidCommand, std::move(reason)};
}


// The fields of each command, without "type", "at" and "commandId".
struct Printer {
  FieldWriter w;
  void operator()(const cmd::CreateSecurityProfile& c) const {
    w.put("by", c.by);
    w.put("profile", c.profile);
    w.put("permissions", c.permissions);
  }
  void operator()(const cmd::CreateUser& c) const {
    w.put("by", c.by);
    w.put("user", c.user);
    w.put("profiles", c.profiles);
    w.put("chatConcurrency", c.chat_concurrency);
  }
  void operator()(const cmd::AssignSecurityProfiles& c) const {
    w.put("by", c.by);
    w.put("user", c.user);
    w.put("profiles", c.profiles);
  }
  void operator()(const cmd::SetInstanceAttribute& c) const {
    w.put("by", c.by);
    w.attribute(c.attribute, c.value);
  }
  void operator()(const cmd::CreateQueue& c) const {
    w.put("by", c.by);
    w.put("queue", c.queue);
    w.put("channel", c.channel);
  }
  void operator()(const cmd::PublishContactFlow& c) const {
    w.put("by", c.by);
    w.put("flow", c.flow);
    w.put("recording", c.recording);
  }
  void operator()(const cmd::OpenCcp& c) const { w.put("by", c.by); }
  void operator()(const cmd::CloseCcp& c) const { w.put("by", c.by); }
  void operator()(const cmd::SetAgentStatus& c) const {
    w.put("by", c.by);
    w.put("status", c.status);
  }
  void operator()(const cmd::StartContact& c) const {
    w.put("contact", c.contact);
    w.put("channel", c.channel);
    w.put("queue", c.queue);
    w.put("flow", c.flow);
    w.put("customer", c.customer);
  }
  void operator()(const cmd::ConnectAgent& c) const {
    w.put("contact", c.contact);
    w.put("agent", c.agent);
  }
  void operator()(const cmd::HoldContact& c) const { contact_by(c); }
  void operator()(const cmd::ResumeContact& c) const { contact_by(c); }
  void operator()(const cmd::EndContact& c) const {
    w.put("contact", c.contact);
    w.put("by", c.by);
  }
  void operator()(const cmd::CompleteWrapUp& c) const { contact_by(c); }
  void operator()(const cmd::AbandonContact& c) const { w.put("contact", c.contact); }
  void operator()(const cmd::SendMessage& c) const {
    w.put("contact", c.contact);
    w.put("from", c.from);
    w.put("text", c.text);
    w.put("visibility", c.visibility);
  }
  void operator()(const cmd::MonitorContact& c) const {
    contact_by(c);
    w.put("mode", c.mode);
  }
  void operator()(const cmd::SetMonitorMode& c) const {
    contact_by(c);
    w.put("mode", c.mode);
  }
  void operator()(const cmd::JoinConversation& c) const {
    contact_by(c);
    w.put("messageMode", c.message_mode);
  }
  void operator()(const cmd::StopMonitoring& c) const { contact_by(c); }
  void operator()(const cmd::AccessRecording& c) const {
    w.put("by", c.by);
    w.put("access", c.access);
    if (!c.contact.empty()) w.put("contact", c.contact);
    if (c.access == RecordingAccess::Search) w.put("search", c.search);
  }
  void operator()(const cmd::IssueToken& c) const {
    w.put("by", c.by);
    w.put("token", c.token);
    w.put("user", c.user);
    w.put("expiresAt", c.expires_at);
    w.put("secretSha256", c.secret_sha256);
  }
  void operator()(const cmd::RevokeToken& c) const {
    w.put("by", c.by);
    w.put("token", c.token);
  }

  template <class C>
  void contact_by(const C& c) const {
    w.put("contact", c.contact);
    w.put("by", c.by);
  }
};

}  // namespace

std::expected<Command, Rejection> command_from_json(const json& j) {
  if (!j.is_object())
    return std::unexpected(invalid(fmt::format("a command must be a JSON object, got {}",
                                               j.type_name())));
  const auto type_it = j.find("type");
  if (type_it == j.end() || type_it->is_null())
    return std::unexpected(invalid("missing field 'type'"));
  if (!type_it->is_string())
    return std::unexpected(invalid(
        fmt::format("field 'type' must be a string, got {}", type_it->type_name())));
  const auto& type = type_it->get_ref<const std::string&>();
  const auto index = detail::index_of(detail::kCommandTypeNames, type);
  if (!index)
    return std::unexpected(
        invalid(fmt::format("unknown command type '{}'", detail::printable(type))));

  Fields f(j, detail::Strictness::Command);
  Command command{kParsers[*index](f), f.optional_timestamp("at"), {}};
  if (auto id = f.optional_string("commandId")) {
    if (id->empty()) f.fail("field 'commandId' must not be empty (omit it for no id)");
    f.check_id("commandId", *id);
    command.command_id = std::move(*id);
  }
  if (!f.ok()) return std::unexpected(invalid(f.error()));
  return command;
}

std::expected<Command, Rejection> parse_command(std::string_view line) {
  if (line.size() > kMaxCommandBytes)
    return std::unexpected(invalid(fmt::format(
        "the line is {} bytes long; a command is at most {} bytes", line.size(), kMaxCommandBytes)));
  if (const auto bad = find_invalid_utf8(line)) return std::unexpected(invalid(describe(*bad, line)));
  json j;
  try {
    j = json::parse(line);
  } catch (const json::exception& e) {
    return std::unexpected(invalid("not JSON: " + detail::json_error_text(e)));
  } catch (const std::exception& e) {  // bad_alloc on a line too large to hold its tree
    return std::unexpected(invalid(fmt::format("not parsed: {}", e.what())));
  }
  return command_from_json(j);
}

OrderedJson to_json(const Command& c) {
  OrderedJson j = OrderedJson::object();
  j["type"] = detail::command_type_name(c.body);
  std::visit(Printer{j}, c.body);
  if (c.at) j["at"] = format_timestamp(*c.at);
  if (!c.command_id.empty()) j["commandId"] = safe(c.command_id);
  return j;
}

OrderedJson to_json(const Rejection& r) {
  return OrderedJson{{"ok", false}, {"code", to_string(r.code)}, {"reason", safe(r.reason)}};
}

}  // namespace callwatch::codec
