// Amazon Connect records for the tests, written from the field lists of
// ../shared/reference/amazon-connect.md (agent event stream, contact events, contact records).
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace callwatch::connectors::connect_test {

using nlohmann::json;

inline const std::string kInstance = "arn:aws:connect:eu-west-1:111122223333:instance/i-1";
inline std::string queue_arn(const std::string& q) { return kInstance + "/queue/" + q; }
inline std::string agent_arn(const std::string& a) { return kInstance + "/agent/" + a; }

inline json agent_contact(const std::string& id, const std::string& state, const std::string& method = "INBOUND",
                          const std::string& initial = "", const std::string& channel = "VOICE") {
  json c = {{"ContactId", id},
            {"InitialContactId", initial.empty() ? id : initial},
            {"Channel", channel},
            {"InitiationMethod", method},
            {"State", state},
            {"StateStartTimestamp", "2026-12-01T09:00:00.000Z"},
            {"QueueTimestamp", "2026-12-01T09:00:00.000Z"}};
  if (method != "MONITOR") c["Queue"] = {{"ARN", queue_arn("q-sales")}, {"Name", "Sales"}};
  return c;
}

// One agent event stream record. `contacts` null: a snapshot without a Contacts list.
inline std::string agent_event(const std::string& id, const std::string& type, const std::string& at,
                               const std::string& user, const std::string& status = "Available",
                               json contacts = json::array()) {
  json snapshot = {
      {"AgentStatus", {{"ARN", kInstance + "/agent-state/s-1"}, {"Name", status}, {"StartTimestamp", at}, {"Type", "ROUTABLE"}}},
      {"Configuration",
       {{"FirstName", user},
        {"LastName", "Tester"},
        {"Username", user},
        {"AgentHierarchyGroups", nullptr},
        {"RoutingProfile",
         {{"ARN", kInstance + "/routing-profile/rp-1"},
          {"Name", "Basic"},
          {"InboundQueues", json::array({{{"ARN", queue_arn("q-sales")}, {"Name", "Sales"}, {"Channels", {"VOICE"}}}})},
          {"DefaultOutboundQueue", {{"ARN", queue_arn("q-sales")}, {"Name", "Sales"}}},
          {"Concurrency", json::array({{{"Channel", "VOICE"}, {"AvailableSlots", 1}, {"MaximumSlots", 1}},
                                       {{"Channel", "CHAT"}, {"AvailableSlots", 2}, {"MaximumSlots", 2}}})}}}}},
      {"Contacts", contacts}};
  if (contacts.is_null()) snapshot.erase("Contacts");
  json r = {{"AWSAccountId", "111122223333"},
            {"AgentARN", agent_arn("id-" + user)},
            {"InstanceARN", kInstance},
            {"EventId", id},
            {"EventTimestamp", at},
            {"EventType", type},
            {"Version", "2019-05-25"},
            {"CurrentAgentSnapshot", snapshot},
            {"PreviousAgentSnapshot", nullptr}};
  return r.dump();
}

// One EventBridge contact event.
inline std::string contact_event(const std::string& id, const std::string& type, const std::string& at,
                                 const std::string& contact, const std::string& agent = "",
                                 const std::string& method = "INBOUND", const std::string& related = "") {
  json detail = {{"eventType", type},
                 {"contactId", contact},
                 {"initialContactId", contact},
                 {"channel", "VOICE"},
                 {"instanceArn", kInstance},
                 {"initiationMethod", method},
                 {"initiationTimestamp", "2026-12-01T10:00:00.000Z"}};
  if (!related.empty()) detail["relatedContactId"] = related;
  if (type != "INITIATED" && method != "MONITOR")
    detail["queueInfo"] = {{"queueArn", queue_arn("q-sales")}, {"queueType", "STANDARD"},
                           {"enqueueTimestamp", "2026-12-01T10:00:05.000Z"}};
  if (!agent.empty())
    detail["agentInfo"] = {{"agentArn", agent_arn(agent)}, {"connectedToAgentTimestamp", "2026-12-01T10:00:30.000Z"}};
  if (type == "DISCONNECTED") {
    detail["disconnectTimestamp"] = "2026-12-01T10:05:00.000Z";
    detail["disconnectReason"] = "CUSTOMER_DISCONNECT";
  }
  json r = {{"version", "0"},         {"id", id},           {"detail-type", "Amazon Connect Contact Event"},
            {"source", "aws.connect"}, {"account", "111122223333"}, {"time", at},
            {"region", "eu-west-1"},   {"resources", {kInstance}}, {"detail", detail}};
  return r.dump();
}

struct Period {
  std::string state, start, end;
};

// One contact record. `periods`: the supervisor's StateTransitions (MONITOR records).
inline std::string contact_record(const std::string& contact, const std::string& updated, const std::string& agent,
                                  bool recorded, const std::string& method = "INBOUND",
                                  const std::string& related = "", const std::vector<Period>& periods = {}) {
  json agent_j = {{"ARN", agent_arn("id-" + agent)},
                  {"Username", agent},
                  {"ConnectedToAgentTimestamp", "2026-12-01T11:00:30Z"},
                  {"AfterContactWorkStartTimestamp", "2026-12-01T11:10:00Z"},
                  {"AfterContactWorkEndTimestamp", "2026-12-01T11:11:00Z"},
                  {"HierarchyGroups", nullptr}};
  if (!periods.empty()) {
    json ts = json::array();
    for (const auto& p : periods) ts.push_back({{"State", p.state}, {"StateStartTimestamp", p.start}, {"StateEndTimestamp", p.end}});
    agent_j["StateTransitions"] = ts;
  }
  json r = {{"AWSAccountId", "111122223333"},
            {"AWSContactTraceRecordFormatVersion", "2017-03-10"},
            {"Agent", agent_j},
            {"Channel", "VOICE"},
            {"ContactId", contact},
            {"InitialContactId", contact},
            {"InitiationMethod", method},
            {"InitiationTimestamp", "2026-12-01T11:00:00Z"},
            {"DisconnectTimestamp", "2026-12-01T11:10:00Z"},
            {"DisconnectReason", "CUSTOMER_DISCONNECT"},
            {"LastUpdateTimestamp", updated},
            {"InstanceARN", kInstance},
            {"Recordings", recorded ? json::array({{{"Location", "s3://rec/" + contact + ".wav"}, {"MediaStreamType", "AUDIO"}}})
                                    : json::array()}};
  if (!related.empty()) r["RelatedContactId"] = related;
  if (method != "MONITOR")
    r["Queue"] = {{"ARN", queue_arn("q-sales")}, {"Name", "Sales"}, {"EnqueueTimestamp", "2026-12-01T11:00:05Z"},
                  {"DequeueTimestamp", "2026-12-01T11:00:30Z"}, {"Duration", 25}};
  return r.dump();
}

}  // namespace callwatch::connectors::connect_test
