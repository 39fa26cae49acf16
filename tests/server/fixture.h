// A callwatch server in this process, on an ephemeral loopback port over a temporary store,
// and the commands that set up a small contact center through it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/engine.h"
#include "server/server.h"
#include "server/token_secret.h"
#include "testing/temp_dir.h"
#include "tests/server/http_client.h"

namespace callwatch::testkit {

// Issues a token for `user` on a store no server holds, as `callwatch token` does (creating
// the store when there is none): how a first token exists. Empty on failure.
inline std::string issue_token_offline(const std::string& dir, const std::string& user) {
  engine::EngineOptions o;
  o.data_dir = dir;
  auto e = engine::Engine::open(std::move(o));
  if (!e) return {};
  auto t = server::make_token();
  if (!t) return {};
  const Timestamp at = std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  auto out = (*e)->execute(Command{cmd::IssueToken{UserId("admin"), TokenId(t->id), UserId(user),
                                                   at + Duration{3'600'000}, t->secret_sha256},
                                   at});
  if (!out || !*out) return {};
  return t->text;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void TearDown() override {
    if (server_) server_->stop();
  }

  virtual void configure(server::ServerOptions&) {}

  void start() {
    token_aliases().clear();
    const std::string admin = issue_token_offline(dir_.sub("store"), "admin");
    ASSERT_FALSE(admin.empty());
    token_aliases()["user:admin"] = admin;
    server::ServerOptions o;
    o.data_dir = dir_.sub("store");
    o.http.port = 0;
    o.http.read_timeout = std::chrono::milliseconds{400};
    o.max_wait = std::chrono::milliseconds{300};
    o.drain_grace = std::chrono::milliseconds{2000};
    configure(o);
    auto s = server::CallwatchServer::start(o);
    ASSERT_TRUE(s.has_value()) << s.error();
    server_ = std::move(*s);
    port_ = server_->port();
    client_ = std::make_unique<HttpClient>(port_);
    // Ready once the read models have caught up.
    for (int i = 0; i < 500 && client_->get("/readyz").status != 200; ++i) ::usleep(10'000);
  }

  // POST one command (as admin unless told), expecting `status`; the reply's JSON.
  nlohmann::json command(const std::string& body, int status = 200, const std::string& token = "user:admin") {
    auto r = client_->post("/v1/commands", body, token);
    EXPECT_EQ(r.status, status) << body << " -> " << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  // A voice queue and a chat queue, a recorded flow, agents ana and bo (Agent) and tom.lead
  // (Agent + a TeamLead profile that monitors and barges and reads metrics), all available,
  // a call c-1 to ana in Sales and a chat chat-1 to bo in Support.
  void contact_center() {
    command(R"({"type":"CreateSecurityProfile","profile":"TeamLead","permissions":["BasicAgentAccess","ManagerListenIn","ManagerBargeIn","AccessMetrics"]})");
    command(R"({"type":"CreateQueue","queue":"Sales","channel":"VOICE"})");
    command(R"({"type":"CreateQueue","queue":"Support","channel":"CHAT"})");
    command(R"({"type":"PublishContactFlow","flow":"main","recording":true})");
    command(R"({"type":"CreateUser","user":"ana","profiles":["Agent"]})");
    command(R"({"type":"CreateUser","user":"bo","profiles":["Agent"]})");
    command(R"({"type":"CreateUser","user":"tom.lead","profiles":["Agent","TeamLead"]})");
    for (const char* u : {"ana", "bo", "tom.lead"}) issue_token(u);
    for (const char* u : {"ana", "bo", "tom.lead"}) {
      command(std::string(R"({"type":"OpenCcp"})"), 200, std::string("user:") + u);
      command(std::string(R"({"type":"SetAgentStatus","status":"Available"})"), 200, std::string("user:") + u);
    }
    command(R"({"type":"StartContact","contact":"c-1","channel":"VOICE","queue":"Sales","flow":"main","customer":"+44 1"})");
    command(R"({"type":"ConnectAgent","contact":"c-1","agent":"ana"})");
    command(R"({"type":"StartContact","contact":"chat-1","channel":"CHAT","queue":"Support","flow":"main","customer":"Bo"})");
    command(R"({"type":"ConnectAgent","contact":"chat-1","agent":"bo"})");
    command(R"({"type":"SendMessage","contact":"chat-1","from":"customer","text":"Hi"})");
  }

  // A token for `user` through POST /v1/tokens (as admin); "user:<user>" names it in requests.
  std::string issue_token(const std::string& user) {
    auto r = client_->post("/v1/tokens", R"({"user":")" + user + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (!j.is_object() || !j.contains("token")) return {};
    token_aliases()["user:" + user] = j["token"].get<std::string>();
    return token_aliases()["user:" + user];
  }

  TempDir dir_;
  std::unique_ptr<server::CallwatchServer> server_;
  std::uint16_t port_ = 0;
  std::unique_ptr<HttpClient> client_;
};

inline nlohmann::json json_of(const HttpReply& r) { return nlohmann::json::parse(r.body, nullptr, false); }

}  // namespace callwatch::testkit
