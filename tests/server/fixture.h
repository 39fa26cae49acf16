// A callwatch server in this process, on an ephemeral loopback port over a temporary store,
// and the commands that set up a small contact center through it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "server/server.h"
#include "testing/temp_dir.h"
#include "tests/server/http_client.h"

namespace callwatch::testkit {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void TearDown() override {
    if (server_) server_->stop();
  }

  virtual void configure(server::ServerOptions&) {}

  void start() {
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

  TempDir dir_;
  std::unique_ptr<server::CallwatchServer> server_;
  std::uint16_t port_ = 0;
  std::unique_ptr<HttpClient> client_;
};

inline nlohmann::json json_of(const HttpReply& r) { return nlohmann::json::parse(r.body, nullptr, false); }

}  // namespace callwatch::testkit
