// docs/openapi.yaml against the live server: every route the server has is documented, and
// every documented (method, path, status) has a probe here that gets exactly that status.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <tuple>

#include "tests/server/fixture.h"

namespace callwatch::testkit {
namespace {

using Key = std::tuple<std::string, std::string, int>;  // method, path pattern, status

struct Probe {
  Probe(std::string t = {}, std::string b = {}, std::string tok = "user:admin", std::string r = {})
      : target(std::move(t)), body(std::move(b)), token(std::move(tok)), raw(std::move(r)) {}
  std::string target;
  std::string body;
  std::string token;  // empty: no Authorization
  std::string raw;    // sent as is instead, when set
};

// Statuses documented but not provokable against a healthy in-process server, and why.
const std::set<Key> kNotProbed = {
    {"GET", "/readyz", 503},  // only while catching up at start or failing: tested nowhere faster than a big store
};

std::map<Key, Probe> probes(const std::string& revocable, const std::string& others) {
  const std::string over_limit =
      "POST /v1/commands HTTP/1.1\r\nHost: x\r\nAuthorization: " + bearer("user:admin") + "\r\nContent-Length: 2000000\r\n\r\n{";
  std::map<Key, Probe> p;
  p[{"GET", "/healthz", 200}] = {"/healthz"};
  p[{"GET", "/readyz", 200}] = {"/readyz"};
  p[{"GET", "/metrics", 200}] = {"/metrics"};
  p[{"GET", "/metrics", 401}] = {"/metrics", "", ""};
  p[{"GET", "/metrics", 403}] = {"/metrics", "", "user:ana"};
  p[{"POST", "/v1/commands", 200}] = {"/v1/commands", R"({"type":"CreateQueue","queue":"New","channel":"VOICE"})"};
  p[{"POST", "/v1/commands", 400}] = {"/v1/commands", "{not json"};
  p[{"POST", "/v1/commands", 401}] = {"/v1/commands", R"({"type":"CreateQueue","queue":"X","channel":"VOICE"})", ""};
  p[{"POST", "/v1/commands", 403}] = {"/v1/commands", R"({"type":"CreateQueue","queue":"X","channel":"VOICE"})", "user:ana"};
  p[{"POST", "/v1/commands", 404}] = {"/v1/commands", R"({"type":"MonitorContact","contact":"nope"})", "user:tom.lead"};
  p[{"POST", "/v1/commands", 405}] = {"/v1/commands"};  // as GET, below
  p[{"POST", "/v1/commands", 409}] = {"/v1/commands", R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})"};
  p[{"POST", "/v1/commands", 413}] = {"", "", "", over_limit};
  for (const char* path : {"/v1/agents", "/v1/queues", "/v1/conversations", "/v1/sessions"}) {
    const std::string s(path);
    p[{"GET", s, 200}] = {s};
    p[{"GET", s, 400}] = {s + "?asOf=never"};
    p[{"GET", s, 401}] = {s, "", ""};
    p[{"GET", s, 403}] = {s, "", "user:ana"};
  }
  p[{"GET", "/v1/agents", 405}] = {"/v1/agents"};  // as DELETE, below
  p[{"GET", "/v1/agents", 504}] = {"/v1/agents?minPosition=999999"};
  p[{"GET", "/v1/queues", 504}] = {"/v1/queues?minPosition=999999"};
  for (const char* path : {"/v1/contacts/{id}", "/v1/contacts/{id}/transcript"}) {
    const std::string s(path);
    const std::string suffix = s.ends_with("transcript") ? "/transcript" : "";
    p[{"GET", s, 200}] = {"/v1/contacts/chat-1" + suffix};
    p[{"GET", s, 401}] = {"/v1/contacts/chat-1" + suffix, "", ""};
    p[{"GET", s, 403}] = {"/v1/contacts/chat-1" + suffix, "", "user:ana"};
    p[{"GET", s, 404}] = {"/v1/contacts/none" + suffix};
  }
  p[{"GET", "/v1/contacts/{id}/transcript", 409}] = {"/v1/contacts/c-1/transcript"};
  p[{"GET", "/v1/users/{id}/permissions", 200}] = {"/v1/users/ana/permissions"};
  p[{"GET", "/v1/users/{id}/permissions", 401}] = {"/v1/users/ana/permissions", "", ""};
  p[{"GET", "/v1/users/{id}/permissions", 403}] = {"/v1/users/ana/permissions", "", "user:ana"};
  p[{"GET", "/v1/users/{id}/permissions", 404}] = {"/v1/users/nobody/permissions"};
  p[{"GET", "/v1/can", 200}] = {"/v1/can?action=monitor&contact=c-1"};
  p[{"GET", "/v1/can", 400}] = {"/v1/can?action=spy&contact=c-1"};
  p[{"GET", "/v1/can", 401}] = {"/v1/can?action=monitor&contact=c-1", "", ""};
  p[{"GET", "/v1/can", 403}] = {"/v1/can?action=monitor&contact=c-1", "", "user:ana"};
  p[{"POST", "/v1/tokens", 201}] = {"/v1/tokens", R"({"user":"bo"})"};
  p[{"POST", "/v1/tokens", 400}] = {"/v1/tokens", R"({"user":"bo","expires":"1y"})"};
  p[{"POST", "/v1/tokens", 401}] = {"/v1/tokens", R"({"user":"bo"})", ""};
  p[{"POST", "/v1/tokens", 403}] = {"/v1/tokens", R"({"user":"bo"})", "user:ana"};
  p[{"POST", "/v1/tokens", 404}] = {"/v1/tokens", R"({"user":"ghost"})"};
  p[{"DELETE", "/v1/tokens/{id}", 200}] = {"/v1/tokens/" + revocable};
  p[{"DELETE", "/v1/tokens/{id}", 401}] = {"/v1/tokens/" + revocable, "", ""};
  p[{"DELETE", "/v1/tokens/{id}", 403}] = {"/v1/tokens/" + others, "", "user:ana"};
  p[{"DELETE", "/v1/tokens/{id}", 404}] = {"/v1/tokens/000000000000"};
  p[{"DELETE", "/v1/tokens/{id}", 409}] = {"/v1/tokens/" + revocable};  // after the 200
  p[{"GET", "/v1/stream", 200}] = {"/v1/stream"};
  p[{"GET", "/v1/stream", 400}] = {"/v1/stream?channel=FAX"};
  p[{"GET", "/v1/stream", 401}] = {"/v1/stream", "", ""};
  p[{"GET", "/v1/stream", 403}] = {"/v1/stream", "", "user:ana"};
  return p;
}

int status_of(const std::string& reply) { return reply.starts_with("HTTP/1.1 ") ? std::atoi(reply.c_str() + 9) : 0; }

int run(std::uint16_t port, const Key& key, const Probe& probe) {
  const auto& [method, pattern, status] = key;
  if (!probe.raw.empty()) {
    int fd = connect_to(port, 3000);
    send_all(fd, probe.raw);
    std::string reply = read_until_close(fd);
    ::close(fd);
    return status_of(reply);
  }
  std::string m = method;
  if (status == 405) m = method == "GET" ? "DELETE" : "GET";
  // (a std::set<Key> is walked in order, so a path's 200 runs before its 409)
  if (m == "GET" && probe.target.starts_with("/v1/stream")) {  // read the head only
    SseReader sse(port, probe.target, probe.token.empty() ? "none" : probe.token);
    if (probe.token.empty()) {
      int fd = connect_to(port, 3000);
      send_all(fd, "GET " + probe.target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      std::string reply = read_until_close(fd);
      ::close(fd);
      return status_of(reply);
    }
    return sse.status();
  }
  HttpClient c(port);
  std::vector<std::pair<std::string, std::string>> headers;
  if (!probe.token.empty()) headers.emplace_back("Authorization", bearer(probe.token));
  if (m == "POST") headers.emplace_back("Content-Type", "application/json");
  return c.request(m, probe.target, probe.body, headers).status;
}

TEST_F(ServerTest, OpenApiMatchesTheLiveServer) {
  contact_center();
  YAML::Node doc;
  try {
    doc = YAML::LoadFile(std::string(CALLWATCH_SOURCE_DIR) + "/docs/openapi.yaml");
  } catch (const std::exception& e) {
    FAIL() << "docs/openapi.yaml: " << e.what();
  }
  ASSERT_TRUE(doc["openapi"]) << "not an OpenAPI document";
  std::set<Key> documented;
  std::set<std::pair<std::string, std::string>> documented_routes;
  for (const auto& path : doc["paths"]) {
    const std::string p = path.first.as<std::string>();
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      for (char& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented_routes.insert({method, p});
      for (const auto& response : op.second["responses"]) documented.insert({method, p, std::stoi(response.first.as<std::string>())});
    }
  }
  for (const auto& route : server_->routes())
    EXPECT_TRUE(documented_routes.contains(route)) << route.first << " " << route.second << " is not in docs/openapi.yaml";
  const std::string revocable = issue_token("bo").substr(3, 12);
  const std::string others = token_aliases()["user:tom.lead"].substr(3, 12);
  const auto table = probes(revocable, others);
  for (const auto& key : documented) {
    const auto& [method, path, status] = key;
    if (kNotProbed.contains(key)) continue;
    auto it = table.find(key);
    if (it == table.end()) {
      ADD_FAILURE() << method << " " << path << " " << status << " is documented but has no probe";
      continue;
    }
    EXPECT_EQ(run(port_, key, it->second), status) << method << " " << path << " (" << it->second.target << ")";
  }
  for (const auto& [key, probe] : table) {
    const auto& [method, path, status] = key;
    EXPECT_TRUE(documented.contains(key)) << method << " " << path << " " << status << " is probed but not documented";
  }
}

}  // namespace
}  // namespace callwatch::testkit
