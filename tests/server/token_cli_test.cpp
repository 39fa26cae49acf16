// `callwatch token` over a temporary store: issue, list, revoke, the usage errors, and the
// secret nowhere in the store (neither in its files' bytes nor in the log read as JSON).
#include <gtest/gtest.h>

#include <filesystem>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "eventstore/event_store.h"
#include "projections/tokens.h"
#include "server/auth.h"
#include "server/token_secret.h"
#include "tests/app/run_process.h"

namespace callwatch::testing {
namespace {

namespace fs = std::filesystem;

class TokenCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/cw-token-" + std::to_string(::getpid());
    fs::remove_all(dir_);
    const std::string users =
        R"({"type":"CreateUser","by":"admin","user":"alice","profiles":["Agent"]})" "\n";
    ASSERT_EQ(run_callwatch("apply --data '" + dir_ + "' --fail-on-reject", users).exit_code, 0);
  }
  void TearDown() override { fs::remove_all(dir_); }
  ProcessResult token(const std::string& args) { return run_callwatch("token --data '" + dir_ + "' " + args); }

  std::string dir_;
};

TEST_F(TokenCli, IssueListRevoke) {
  auto issued = token("alice --expires 30m");
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  ASSERT_EQ(issued.lines().size(), 1u) << issued.out;
  const std::string text = issued.lines()[0];
  auto parts = server::split_token(text);
  ASSERT_TRUE(parts.has_value()) << text;
  const std::string id(parts->id), secret(parts->secret);

  auto listed = token("--list");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_NE(listed.out.find(id), std::string::npos) << listed.out;
  EXPECT_NE(listed.out.find("alice"), std::string::npos);
  EXPECT_NE(listed.out.find("active"), std::string::npos);
  EXPECT_EQ(listed.out.find(secret), std::string::npos);

  {  // the token authenticates alice against the store's tokens, and the secret is not there
    eventstore::Options options;
    options.create_if_missing = false;
    options.read_only = true;
    auto store = eventstore::EventStore::open(dir_, options);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    projections::TokenTable tokens;
    ASSERT_TRUE(projections::load_tokens(**store, tokens).has_value());
    auto who = server::authenticate("Bearer " + text, tokens,
                                    std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
    ASSERT_TRUE(who.has_value()) << who.error().code;
    EXPECT_EQ(who->user, UserId{"alice"});
    std::string log_json;
    int token_events = 0;
    auto cursor = (*store)->read_all(1);
    ASSERT_TRUE(cursor.has_value());
    for (; cursor->valid(); cursor->next()) {
      auto e = codec::decode_event(cursor->event().data);
      ASSERT_TRUE(e.has_value());
      if (std::holds_alternative<ev::TokenIssued>(e->event.body)) ++token_events;
      log_json += codec::json_text(codec::to_json(e->event));
    }
    EXPECT_EQ(token_events, 1);
    EXPECT_NE(log_json.find(server::sha256_hex(secret)), std::string::npos);
    EXPECT_EQ(log_json.find(secret), std::string::npos);
  }
  for (auto& f : fs::recursive_directory_iterator(dir_)) {
    if (f.is_regular_file()) {
      EXPECT_EQ(slurp(f.path().string()).find(secret), std::string::npos) << f.path();
    }
  }

  EXPECT_EQ(token("--revoke " + id).exit_code, 0);
  EXPECT_NE(token("--list").out.find("revoked"), std::string::npos);
  auto again = token("--revoke " + id);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("TOKEN_ALREADY_REVOKED"), std::string::npos) << again.err;
  auto unknown = token("--revoke 000000000000");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("UNKNOWN_TOKEN"), std::string::npos) << unknown.err;
}

TEST_F(TokenCli, RejectionsAndUsageErrors) {
  auto ghost = token("ghost");
  EXPECT_EQ(ghost.exit_code, 1);
  EXPECT_NE(ghost.err.find("UNKNOWN_USER"), std::string::npos) << ghost.err;
  auto denied = token("alice --by alice");  // an agent may not issue tokens
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_NE(denied.err.find("PERMISSION_DENIED"), std::string::npos) << denied.err;
  for (const char* bad : {"alice --expires 8", "alice --expires 0h", "alice --expires 1h30m",
                          "alice --expires 99999999999999999999d", "alice --expires \"$(printf '\\377')h\"",
                          "", "alice --list", "--list --revoke 000000000000",
                          "--revoke 000000000000 --expires 8h"})
    EXPECT_EQ(token(bad).exit_code, 2) << bad;
  EXPECT_EQ(token("--list").lines().size(), 1u);  // the header only: nothing was issued
  auto none = run_callwatch("token --data '" + dir_ + "-missing' alice");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_FALSE(fs::exists(dir_ + "-missing"));
}

}  // namespace
}  // namespace callwatch::testing
