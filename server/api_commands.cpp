// POST /v1/commands: one command (a JSON object, exactly as docs/commands.md and `callwatch
// apply` take it) or a batch (a JSON array of them), executed by the engine writer, acting
// as the token's user.
//
// The acting user: a command's `by` (SendMessage's `from`) is the caller when absent; a body
// naming another user is 403 PERMISSION_DENIED ("customer" stays allowed where the command
// takes it). Commands with no acting user (StartContact, ConnectAgent, AbandonContact: the
// routing side) are accepted from any authenticated caller.
// Idempotency-Key: the commandId of a single command (a different commandId in the body is
// 400); in a batch, item i without its own commandId gets "<key>/<i>".
// A batch is parsed and authorized whole before anything runs: one bad item answers 400/403
// naming it and nothing is written. Executed, it answers 200 with one result per item (as
// `apply` prints them); a single command answers 200 with its events or the rejection's
// status (rejection_status.h) with {code, reason}. The reply comes after the events are
// durable, with X-Callwatch-Position = the log's head after them (?minPosition= on a read).
#include <fmt/format.h>

#include "codec/json.h"
#include "codec/utf8.h"
#include "server/api_support.h"
#include "server/rejection_status.h"

namespace callwatch::server {
namespace {

constexpr std::size_t kMaxBatch = 1000;

Response invalid(std::string_view reason) { return error_response(400, "INVALID_COMMAND", reason); }

// The acting user the command names, if it names one (nullopt: none, or the customer).
std::optional<std::string_view> acting_user(const Command& c) {
  return std::visit(
      [](const auto& b) -> std::optional<std::string_view> {
        if constexpr (requires { b.by; }) {
          if constexpr (std::is_same_v<std::decay_t<decltype(b.by)>, Party>) {
            if (b.by.is_customer()) return std::nullopt;
            return b.by.user.view();
          } else {
            return b.by.view();
          }
        } else if constexpr (requires { b.from; }) {
          if (b.from.is_customer()) return std::nullopt;
          return b.from.user.view();
        } else {
          return std::nullopt;
        }
      },
      c.body);
}

// One item: defaults its acting user to the caller, parses, checks the acting user.
[[nodiscard]] std::expected<Command, Response> parse_item(nlohmann::json item, const Caller& caller, std::string_view where,
                                            std::optional<std::string> command_id) {
  if (!item.is_object()) return std::unexpected(invalid(fmt::format("{}a command must be a JSON object", where)));
  const std::string user(caller.user.view());
  if (!item.contains("by") || item["by"].is_null()) item["by"] = user;
  const auto type = item.find("type");
  if (type != item.end() && type->is_string() && *type == "SendMessage" && (!item.contains("from") || item["from"].is_null()))
    item["from"] = user;
  if (command_id) {
    const auto id = item.find("commandId");
    if (id != item.end() && !id->is_null() && !(id->is_string() && *id == *command_id))
      return std::unexpected(invalid(fmt::format("{}commandId differs from the Idempotency-Key header", where)));
    item["commandId"] = *command_id;
  }
  auto command = codec::command_from_json(item);
  if (!command) return std::unexpected(invalid(fmt::format("{}{}", where, command.error().reason)));
  // A token's secret is the server's to draw (POST /v1/tokens), never a client's choice.
  if (std::holds_alternative<cmd::IssueToken>(command->body) || std::holds_alternative<cmd::RevokeToken>(command->body))
    return std::unexpected(invalid(fmt::format("{}tokens are issued with POST /v1/tokens and revoked with DELETE /v1/tokens/{{id}}", where)));
  if (auto by = acting_user(*command); by && *by != caller.user.view())
    return std::unexpected(error_response(
        403, "PERMISSION_DENIED",
        fmt::format("{}the command acts as '{}', but the token is {}'s: a token acts only as its own user", where,
                    codec::make_valid_utf8(codec::utf8_prefix(*by, 64)), user)));
  return std::move(*command);
}

void post_commands(ApiContext& c, const Request& req, Reply reply) {
  auto caller = authenticate_request(req, c.live);
  if (!caller) return reply(std::move(caller.error()));
  if (auto bad = codec::find_invalid_utf8(req.body)) return reply(invalid("body: " + codec::describe(*bad, req.body)));
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return reply(invalid("the body is not JSON"));
  std::optional<std::string> key;
  if (auto k = req.header("idempotency-key")) {
    if (k->empty() || k->size() > codec::kMaxIdBytes)
      return reply(invalid(fmt::format("Idempotency-Key must be 1 to {} bytes", codec::kMaxIdBytes)));
    key = std::string(*k);
  }
  const bool batch = body.is_array();
  std::vector<Command> commands;
  if (batch) {
    if (body.empty()) return reply(invalid("an empty batch"));
    if (body.size() > kMaxBatch) return reply(invalid(fmt::format("a batch holds at most {} commands", kMaxBatch)));
    for (std::size_t i = 0; i < body.size(); ++i) {
      std::optional<std::string> id;
      if (key && !(body[i].is_object() && body[i].contains("commandId") && !body[i]["commandId"].is_null()))
        id = fmt::format("{}/{}", *key, i);
      auto cmd = parse_item(std::move(body[i]), *caller, fmt::format("item {}: ", i), id);
      if (!cmd) return reply(std::move(cmd.error()));
      commands.push_back(std::move(*cmd));
    }
  } else {
    auto cmd = parse_item(std::move(body), *caller, "", key);
    if (!cmd) return reply(std::move(cmd.error()));
    commands.push_back(std::move(*cmd));
  }
  const bool queued = c.writer.submit(std::move(commands), [reply, batch](CommandWriter::Done d) {
    if (!d.outcomes) return reply(error_response(503, "STORE_FAILED", "the store failed: " + d.outcomes.error().message));
    Response r;
    if (batch) {
      codec::OrderedJson results = codec::OrderedJson::array();
      for (const auto& o : *d.outcomes) results.push_back(o ? codec::accepted_json(*o) : codec::to_json(o.error()));
      codec::OrderedJson j;
      j["results"] = std::move(results);
      r = json_response(200, codec::json_text(j));
    } else {
      const auto& o = d.outcomes->front();
      r = o ? json_response(200, codec::json_text(codec::accepted_json(*o)))
            : json_response(http_status(o.error().code), codec::json_text(codec::to_json(o.error())));
    }
    r.with_header("X-Callwatch-Position", std::to_string(d.position));
    reply(std::move(r));
  });
  if (!queued) reply(error_response(503, "SHUTTING_DOWN", "the server is stopping"));
}

}  // namespace

void add_command_routes(Router& r, ApiContext& c) {
  r.add("POST", "/v1/commands", [&c](const Request& req, Reply reply) { post_commands(c, req, std::move(reply)); });
}

}  // namespace callwatch::server
