// GET /v1/agents, /v1/queues, /v1/conversations, /v1/sessions, /v1/contacts/{id},
// /v1/contacts/{id}/transcript, /v1/users/{id}/permissions, /v1/can: the JSON the command
// line's --json prints (projections/json.h), answered from the live read models.
#include <fmt/format.h>

#include "codec/json.h"
#include "codec/utf8.h"
#include "domain/decide.h"
#include "projections/history.h"
#include "projections/json.h"
#include "projections/permissions.h"
#include "server/api_support.h"

namespace callwatch::server {
namespace {

using namespace projections;

Response ok_json(const nlohmann::json& j) { return json_response(200, codec::json_text(j)); }

Response agents(const Caller&, const Request& req, const ReadPoint& at) {
  auto all = flag_param(req, "all");
  if (!all) return all.error();
  std::vector<AgentRow> rows = agents_view(at.model, at.view.now, *all);
  if (auto a = req.param("agent")) std::erase_if(rows, [&](const AgentRow& r) { return r.user != *a; });
  return ok_json(agents_json(at.view, rows));
}

Response queues(const Caller&, const Request& req, const ReadPoint& at) {
  auto rows = queues_view(at.model, at.view.now);
  if (auto q = req.param("queue")) std::erase_if(rows, [&](const QueueRow& r) { return r.queue != *q; });
  if (auto ch = req.param("channel")) {
    auto c = parse_channel(*ch);
    if (!c) return bad_request("channel must be VOICE or CHAT");
    std::erase_if(rows, [&](const QueueRow& r) { return r.channel != *c; });
  }
  return ok_json(queues_json(at.view, rows, at.model.options()));
}

Response conversations(const Caller&, const Request& req, const ReadPoint& at) {
  auto filter = ChangeFilter::from_query(req);
  if (!filter) return filter.error();
  auto rows = conversations_view(at.model, at.view.now);
  std::erase_if(rows, [&](const ConversationRow& r) {
    Change c;
    c.contact = r.contact;
    c.queue = r.queue;
    c.agent = r.agent;
    c.channel = r.channel;
    c.state = r.status;
    return !filter->matches(c);
  });
  return ok_json(conversations_json(at.view, rows));
}

Response sessions(const Caller&, const Request& req, const ReadPoint& at) {
  SessionFilter f;
  f.as_of = at.view.position;
  if (auto v = req.param("contact")) f.contact = std::string(*v);
  if (auto v = req.param("supervisor")) f.supervisor = std::string(*v);
  auto open = flag_param(req, "open");
  if (!open) return open.error();
  f.open_only = *open;
  auto trail = at.live.audit_trail(f);
  if (!trail) return error_response(500, "STORE_FAILED", trail.error().message);
  return ok_json(sessions_json(at.view, trail->sessions, trail->accesses));
}

}  // namespace

void add_read_routes(Router& r, ApiContext& c) {
  auto model_route = [&c](ReadFn fn) {
    return [&c, fn = std::move(fn)](const Request& req, Reply reply) { guarded_read(c, req, std::move(reply), Scope::Model, fn); };
  };
  auto shared_route = [&c](ReadFn fn) {
    return [&c, fn = std::move(fn)](const Request& req, Reply reply) { guarded_read(c, req, std::move(reply), Scope::Shared, fn); };
  };
  auto position_route = [&c](ReadFn fn) {
    return [&c, fn = std::move(fn)](const Request& req, Reply reply) { guarded_read(c, req, std::move(reply), Scope::Position, fn); };
  };
  r.add("GET", "/v1/agents", shared_route(agents));
  r.add("GET", "/v1/queues", shared_route(queues));
  r.add("GET", "/v1/conversations", shared_route(conversations));
  r.add("GET", "/v1/sessions", position_route(sessions));

  const eventstore::EventStore& store = c.live.store();
  auto history = [&store](bool transcript) {
    return [&store, transcript](const Caller&, const Request& req, const ReadPoint& at) -> Response {
      const std::string& id = req.params.at("id");
      auto events = contact_events(store, id, at.view.position);
      if (!events) return error_response(500, "STORE_FAILED", events.error().message);
      if (events->empty())
        return error_response(404, "UNKNOWN_CONTACT", fmt::format("no contact '{}'", codec::make_valid_utf8(id)));
      auto h = build_history(id, *events);
      if (!h) return error_response(404, "UNKNOWN_CONTACT", h.error());
      if (transcript && h->channel != Channel::Chat)
        return error_response(409, "CHANNEL_MISMATCH",
                              fmt::format("contact {} is a call: transcripts are for chats", codec::make_valid_utf8(id)));
      return ok_json(history_json(*h, transcript));
    };
  };
  r.add("GET", "/v1/contacts/{id}", position_route(history(false)));
  r.add("GET", "/v1/contacts/{id}/transcript", position_route(history(true)));

  r.add("GET", "/v1/users/{id}/permissions", model_route([](const Caller&, const Request& req, const ReadPoint& at) {
          const std::string& id = req.params.at("id");
          for (auto& row : user_permissions(at.model))
            if (row.user == id) return ok_json(to_json(row));
          return error_response(404, "UNKNOWN_USER", fmt::format("no user '{}'", codec::make_valid_utf8(id)));
        }));

  r.add("GET", "/v1/can", model_route([&store](const Caller& caller, const Request& req, const ReadPoint& at) -> Response {
          const auto action = req.param("action");
          const auto contact = req.param("contact");
          if (!action || (*action != "monitor" && *action != "barge" && *action != "join"))
            return bad_request("action must be monitor, barge or join");
          if (!contact || contact->empty()) return bad_request("contact is required");
          const ContactId cid{std::string(*contact)};
          std::optional<ContactState> finished;
          if (at.model.find_contact(*contact) == kNone) {
            auto events = contact_events(store, *contact, at.view.position);
            if (!events) return error_response(500, "STORE_FAILED", events.error().message);
            finished = fold_contact(*contact, *events);
          }
          std::optional<Rejection> no;
          MonitorMode mode = *action == "barge" ? MonitorMode::Barge : MonitorMode::Silent;
          if (*action == "join") {
            mode = MonitorMode::Consult;
            const State slice = decision_slice(at.model, caller.user, cid, finished ? &*finished : nullptr);
            auto d = decide(slice, Command{cmd::JoinConversation{cid, caller.user, MessageMode::Internal}});
            if (!d) no = d.error();
          } else {
            no = can_monitor(at.model, caller.user, cid, mode, finished ? &*finished : nullptr);
          }
          nlohmann::json j = can_json(std::string(caller.user.view()), std::string(*contact), mode, no);
          j["action"] = std::string(*action);
          return ok_json(j);
        }));
}

}  // namespace callwatch::server
