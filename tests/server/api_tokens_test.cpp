// POST /v1/tokens and DELETE /v1/tokens/{id} on the live server: issuing needs ManageUsers,
// a new token works at once, a revoked one fails at once (401 TOKEN_REVOKED), commands cannot
// carry a token of the client's making.
#include <gtest/gtest.h>

#include "tests/server/fixture.h"

namespace callwatch::testkit {
namespace {

TEST_F(ServerTest, IssuedTokenWorksAndRevocationTakesEffectAtOnce) {
  contact_center();
  auto issued = client_->post("/v1/tokens", R"({"user":"tom.lead","expires":"30m"})");
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto j = json_of(issued);
  const std::string token = j["token"], id = j["id"];
  EXPECT_EQ(j["user"], "tom.lead");
  EXPECT_TRUE(token.starts_with("cw_" + id + "_"));
  HttpClient c(port_);
  EXPECT_EQ(c.get("/v1/agents", token).status, 200);  // at once, no waiting

  auto revoked = c.request("DELETE", "/v1/tokens/" + id, {}, {{"Authorization", bearer("user:admin")}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  auto after = c.get("/v1/agents", token);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(json_of(after)["code"], "TOKEN_REVOKED");
  EXPECT_FALSE(after.header("www-authenticate").empty());
  EXPECT_EQ(c.post("/v1/commands", R"({"type":"StopMonitoring","contact":"c-1"})", token).status, 401);

  // Revoking again, or a token that never was.
  EXPECT_EQ(c.request("DELETE", "/v1/tokens/" + id, {}, {{"Authorization", bearer("user:admin")}}).status, 409);
  EXPECT_EQ(c.request("DELETE", "/v1/tokens/000000000000", {}, {{"Authorization", bearer("user:admin")}}).status, 404);
  EXPECT_EQ(c.request("DELETE", "/v1/tokens/nothex", {}, {{"Authorization", bearer("user:admin")}}).status, 404);
}

TEST_F(ServerTest, IssuingNeedsManageUsersAndAKnownUser) {
  contact_center();
  auto denied = client_->post("/v1/tokens", R"({"user":"bo"})", "user:ana");
  EXPECT_EQ(denied.status, 403) << denied.body;
  EXPECT_EQ(client_->post("/v1/tokens", R"({"user":"ghost"})").status, 404);
  EXPECT_EQ(client_->post("/v1/tokens", R"({"user":"bo","expires":"forever"})").status, 400);
  EXPECT_EQ(client_->post("/v1/tokens", "[1]").status, 400);
  EXPECT_EQ(client_->post("/v1/tokens", R"({"user":"bo"})", "").status, 401);
  // A token's secret is never a client's choice.
  auto forged = client_->post("/v1/commands",
                              R"({"type":"IssueToken","token":"aaaaaaaaaaaa","user":"admin","expiresAt":"2099-01-01T00:00:00Z",)"
                              R"("secretSha256":"0000000000000000000000000000000000000000000000000000000000000000"})");
  EXPECT_EQ(forged.status, 400) << forged.body;
}

TEST_F(ServerTest, AnAgentRevokesTheirOwnToken) {
  contact_center();
  const std::string mine = token_aliases()["user:ana"];
  const std::string id = mine.substr(3, 12);
  HttpClient c(port_);
  EXPECT_EQ(c.request("DELETE", "/v1/tokens/" + id, {}, {{"Authorization", "Bearer " + mine}}).status, 200);
  EXPECT_EQ(c.get("/v1/can?action=monitor&contact=c-1", mine).status, 401);
}

}  // namespace
}  // namespace callwatch::testkit
