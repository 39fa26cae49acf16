// The API's routes and statuses over real sockets: reads, commands, read-your-writes, asOf,
// authentication and authorization, the rejection -> status table.
#include <gtest/gtest.h>

#include "server/rejection_status.h"
#include "tests/server/fixture.h"

namespace callwatch::testkit {
namespace {

using nlohmann::json;

TEST_F(ServerTest, HealthAndReadiness) {
  auto h = client_->request("GET", "/healthz");
  EXPECT_EQ(h.status, 200);
  auto r = client_->request("GET", "/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json_of(r)["status"], "ready");
  EXPECT_FALSE(r.header("x-callwatch-position").empty());
}

TEST_F(ServerTest, UnknownRouteIs404AndWrongMethodIs405WithAllow) {
  auto r = client_->get("/v1/nothing");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(json_of(r)["code"], "NOT_FOUND");
  auto m = client_->request("DELETE", "/v1/agents", {}, {{"Authorization", bearer("user:admin")}});
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.header("allow"), "GET");
  auto p = client_->request("GET", "/v1/commands", {}, {{"Authorization", bearer("user:admin")}});
  EXPECT_EQ(p.status, 405);
  EXPECT_EQ(p.header("allow"), "POST");
}

TEST_F(ServerTest, EveryV1RouteNeedsAToken) {
  for (const char* path : {"/v1/agents", "/v1/queues", "/v1/conversations", "/v1/sessions", "/v1/contacts/c-1",
                           "/v1/contacts/c-1/transcript", "/v1/users/admin/permissions", "/v1/can?action=monitor&contact=c",
                           "/v1/stream", "/metrics"}) {
    auto r = client_->request("GET", path);
    EXPECT_EQ(r.status, 401) << path;
    EXPECT_NE(r.header("www-authenticate").find("Bearer"), std::string::npos) << path;
    auto bad = client_->request("GET", path, {}, {{"Authorization", "Bearer nonsense"}});
    EXPECT_EQ(bad.status, 401) << path;
  }
  auto c = client_->request("POST", "/v1/commands", R"({"type":"CreateQueue","queue":"Q","channel":"VOICE"})");
  EXPECT_EQ(c.status, 401);
}

TEST_F(ServerTest, ReadsNeedAccessMetrics) {
  contact_center();
  for (const char* path : {"/v1/agents", "/v1/queues", "/v1/conversations", "/v1/sessions", "/v1/stream", "/metrics"}) {
    auto r = client_->get(path, "user:ana");  // Agent: no AccessMetrics
    EXPECT_EQ(r.status, 403) << path;
    EXPECT_EQ(json_of(r)["code"], "PERMISSION_DENIED") << path;
  }
  EXPECT_EQ(client_->get("/v1/agents", "user:tom.lead").status, 200);
}

TEST_F(ServerTest, CommandAcceptedReturnsEventsAndPosition) {
  auto r = client_->post("/v1/commands", R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})");
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = json_of(r);
  EXPECT_EQ(j["ok"], true);
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["type"], "QueueCreated");
  EXPECT_EQ(j["events"][0]["by"], "admin");  // the token's user
  EXPECT_EQ(r.header("x-callwatch-position"), "6");  // after the genesis's four events and the token
}

TEST_F(ServerTest, RejectionsMapToStatuses) {
  contact_center();
  // 409: state conflicts.
  auto dup = command(R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})", 409);
  EXPECT_EQ(dup["code"], "ALREADY_EXISTS");
  command(R"({"type":"MonitorContact","contact":"c-1"})", 200, "user:tom.lead");
  auto again = command(R"({"type":"MonitorContact","contact":"c-1"})", 409, "user:tom.lead");
  EXPECT_EQ(again["code"], "ALREADY_MONITORING");
  // 404: unknown references.
  EXPECT_EQ(command(R"({"type":"CreateUser","user":"x","profiles":["Nope"]})", 404)["code"], "UNKNOWN_PROFILE");
  EXPECT_EQ(command(R"({"type":"MonitorContact","contact":"c-404"})", 404, "user:tom.lead")["code"], "UNKNOWN_CONTACT");
  // 403: the domain says no.
  EXPECT_EQ(command(R"({"type":"CreateQueue","queue":"Q2","channel":"VOICE"})", 403, "user:ana")["code"],
            "PERMISSION_DENIED");
  // 400: malformed.
  EXPECT_EQ(command(R"({"type":"CreateQueue","queue":"Q3","channel":"FAX"})", 400)["code"], "INVALID_COMMAND");
  EXPECT_EQ(command(R"({"type":"CreateQueue","queue":7,"channel":"VOICE"})", 400)["code"], "INVALID_COMMAND");
  EXPECT_EQ(command(R"({"type":"CreateQueue",)", 400)["code"], "INVALID_COMMAND");
  EXPECT_EQ(command("[]", 400)["code"], "INVALID_COMMAND");
  EXPECT_EQ(command("\"text\"", 400)["code"], "INVALID_COMMAND");
  auto utf8 = command("{\"type\":\"CreateQueue\",\"queue\":\"Q\xff\",\"channel\":\"VOICE\"}", 400);
  EXPECT_EQ(utf8["code"], "INVALID_COMMAND");
  EXPECT_NE(utf8["reason"].get<std::string>().find("UTF-8"), std::string::npos);
}

TEST(RejectionStatus, EveryCodeIsMappedDeliberately) {
  for (int i = 0; i <= static_cast<int>(RejectionCode::TokenAlreadyRevoked); ++i) {
    const auto code = static_cast<RejectionCode>(i);
    const int s = server::http_status(code);
    EXPECT_TRUE(s == 400 || s == 403 || s == 404 || s == 409) << to_string(code);
    if (to_string(code).starts_with("UNKNOWN_")) {
      EXPECT_EQ(s, 404) << to_string(code);
    }
  }
  EXPECT_EQ(server::http_status(RejectionCode::InvalidCommand), 400);
  EXPECT_EQ(server::http_status(RejectionCode::PermissionDenied), 403);
  EXPECT_EQ(server::http_status(RejectionCode::MonitorLimitReached), 409);
}

TEST_F(ServerTest, ABodyNamingAnotherUserIs403AndWritesNothing) {
  contact_center();
  const auto before = client_->get("/v1/agents").header("x-callwatch-position");
  auto r = command(R"({"type":"MonitorContact","contact":"c-1","by":"admin"})", 403, "user:tom.lead");
  EXPECT_EQ(r["code"], "PERMISSION_DENIED");
  auto m = command(R"({"type":"SendMessage","contact":"chat-1","from":"tom.lead","text":"x"})", 403, "user:bo");
  EXPECT_EQ(m["code"], "PERMISSION_DENIED");
  // Naming oneself, and the customer where a command takes one, are fine.
  command(R"({"type":"MonitorContact","contact":"c-1","by":"tom.lead"})", 200, "user:tom.lead");
  command(R"({"type":"SendMessage","contact":"chat-1","from":"customer","text":"still there?"})", 200, "user:bo");
  EXPECT_NE(client_->get("/v1/agents").header("x-callwatch-position"), before);
}

TEST_F(ServerTest, BatchIsAllOrNothingBeforeItRuns) {
  const auto before = client_->get("/v1/queues").header("x-callwatch-position");
  auto bad = command(R"([{"type":"CreateQueue","queue":"A","channel":"VOICE"},{"type":"CreateQueue","queue":"B"}])", 400);
  EXPECT_NE(bad["reason"].get<std::string>().find("item 1"), std::string::npos);
  EXPECT_EQ(client_->get("/v1/queues").header("x-callwatch-position"), before);
  auto ok = command(R"([{"type":"CreateQueue","queue":"A","channel":"VOICE"},{"type":"CreateQueue","queue":"A","channel":"VOICE"}])");
  ASSERT_EQ(ok["results"].size(), 2u);
  EXPECT_EQ(ok["results"][0]["ok"], true);
  EXPECT_EQ(ok["results"][1]["code"], "ALREADY_EXISTS");
}

TEST_F(ServerTest, IdempotencyKeyIsTheCommandId) {
  const std::string body = R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})";
  auto first = client_->post("/v1/commands", body, "user:admin", {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(first.status, 200) << first.body;
  auto retry = client_->post("/v1/commands", body, "user:admin", {{"Idempotency-Key", "k-1"}});
  ASSERT_EQ(retry.status, 200) << retry.body;  // the original events, not ALREADY_EXISTS
  EXPECT_EQ(json_of(first)["events"], json_of(retry)["events"]);
  EXPECT_EQ(retry.header("x-callwatch-position"), first.header("x-callwatch-position"));
  auto differ = client_->post("/v1/commands", R"({"type":"CreateQueue","queue":"S","channel":"VOICE","commandId":"other"})",
                              "user:admin", {{"Idempotency-Key", "k-2"}});
  EXPECT_EQ(differ.status, 400);
}

TEST_F(ServerTest, ReadYourWrites) {
  for (int i = 0; i < 20; ++i) {
    auto w = client_->post("/v1/commands",
                           R"({"type":"CreateQueue","queue":"Q)" + std::to_string(i) + R"(","channel":"VOICE"})");
    ASSERT_EQ(w.status, 200);
    auto r = client_->get("/v1/queues?minPosition=" + w.header("x-callwatch-position"));
    ASSERT_EQ(r.status, 200);
    EXPECT_GE(std::stoul(r.header("x-callwatch-position")), std::stoul(w.header("x-callwatch-position")));
    bool found = false;
    const auto body = json_of(r);
    for (auto& q : body["queues"]) found = found || q["queue"] == "Q" + std::to_string(i);
    EXPECT_TRUE(found) << i << " " << r.body;
  }
  auto never = client_->get("/v1/queues?minPosition=999999");
  EXPECT_EQ(never.status, 504);
  EXPECT_EQ(json_of(never)["code"], "POSITION_NOT_REACHED");
  EXPECT_EQ(client_->get("/v1/queues?minPosition=-1").status, 400);
}

TEST_F(ServerTest, AsOfAnswersFromThePast) {
  command(R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})");
  auto past = client_->get("/v1/queues?asOf=4");
  ASSERT_EQ(past.status, 200);
  EXPECT_EQ(json_of(past)["queues"].size(), 0u);
  EXPECT_EQ(past.header("x-callwatch-position"), "4");
  auto now = client_->get("/v1/queues?minPosition=6");
  EXPECT_EQ(json_of(now)["queues"].size(), 1u);
  EXPECT_EQ(client_->get("/v1/queues?asOf=yesterday").status, 400);
  EXPECT_EQ(client_->get("/v1/agents?asOf=2000-01-01T00:00:00Z").status, 200);
}

TEST_F(ServerTest, ReadModelsAnswerAsTheCommandLinePrintsThem) {
  contact_center();
  command(R"({"type":"MonitorContact","contact":"c-1","mode":"BARGE"})", 200, "user:tom.lead");
  const std::string at = "?minPosition=" + client_->get("/readyz").header("x-callwatch-position");
  auto agents = json_of(client_->get("/v1/agents" + at));
  ASSERT_TRUE(agents.contains("agents")) << agents;
  EXPECT_TRUE(agents.contains("asOf"));
  auto conv = json_of(client_->get("/v1/conversations" + at));
  EXPECT_EQ(conv["conversations"].size(), 2u);
  auto voice = json_of(client_->get("/v1/conversations?channel=VOICE&agent=ana"));
  ASSERT_EQ(voice["conversations"].size(), 1u);
  EXPECT_EQ(voice["conversations"][0]["contact"], "c-1");
  EXPECT_EQ(json_of(client_->get("/v1/conversations?queue=Support&agent=bo"))["conversations"].size(), 1u);
  EXPECT_EQ(json_of(client_->get("/v1/conversations?agent=nobody"))["conversations"].size(), 0u);
  EXPECT_EQ(client_->get("/v1/conversations?channel=FAX").status, 400);
  auto sessions = json_of(client_->get("/v1/sessions?supervisor=tom.lead"));
  ASSERT_EQ(sessions["sessions"].size(), 1u);
  EXPECT_EQ(sessions["sessions"][0]["contact"], "c-1");

  auto history = client_->get("/v1/contacts/c-1");
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(json_of(history)["contact"], "c-1");
  EXPECT_EQ(client_->get("/v1/contacts/nope").status, 404);
  auto transcript = client_->get("/v1/contacts/chat-1/transcript");
  ASSERT_EQ(transcript.status, 200) << transcript.body;
  EXPECT_EQ(client_->get("/v1/contacts/c-1/transcript").status, 409);

  auto perms = client_->get("/v1/users/ana/permissions");
  ASSERT_EQ(perms.status, 200);
  EXPECT_EQ(json_of(perms)["user"], "ana");
  EXPECT_EQ(client_->get("/v1/users/nobody/permissions").status, 404);

  // The caller's own answer.
  auto can = json_of(client_->get("/v1/can?action=monitor&contact=chat-1", "user:tom.lead"));
  EXPECT_EQ(can["user"], "tom.lead");
  EXPECT_EQ(can["allowed"], true) << can;
  auto cannot = json_of(client_->get("/v1/can?action=barge&contact=c-1", "user:tom.lead"));
  EXPECT_EQ(cannot["allowed"], false);
  EXPECT_EQ(cannot["code"], "ALREADY_MONITORING");
  EXPECT_EQ(client_->get("/v1/can?action=listen&contact=c-1").status, 400);
  EXPECT_EQ(client_->get("/v1/can?action=monitor").status, 400);
}

TEST_F(ServerTest, MetricsCountRequestsAndEvents) {
  command(R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})");
  client_->get("/v1/nothing");
  auto m = client_->get("/metrics");
  ASSERT_EQ(m.status, 200);
  EXPECT_NE(m.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(m.body.find("callwatch_http_requests_total{route=\"/v1/commands\",status=\"200\"} 1"), std::string::npos) << m.body;
  EXPECT_NE(m.body.find("callwatch_http_requests_total{route=\"unmatched\",status=\"404\"} 1"), std::string::npos);
  EXPECT_NE(m.body.find("callwatch_events_appended_total 1"), std::string::npos);
  EXPECT_NE(m.body.find("callwatch_append_duration_seconds_count 1"), std::string::npos);
  EXPECT_NE(m.body.find("callwatch_projection_lag_events"), std::string::npos);
  EXPECT_NE(m.body.find("callwatch_live_feed_clients 0"), std::string::npos);
}

}  // namespace
}  // namespace callwatch::testkit
