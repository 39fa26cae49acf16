// IssueToken / RevokeToken: who may issue and revoke API tokens, the precise rejections, and
// the facts they leave (docs/rules.md, "API tokens").
#include "tests/domain/world.h"

namespace callwatch::testing {
namespace {

const std::string kHash(64, 'a');
const Timestamp kFarFuture = t0() + std::chrono::hours{24 * 365};

cmd::IssueToken issue(const std::string& by, const std::string& token, const std::string& user,
                      Timestamp expires = kFarFuture, std::string hash = kHash) {
  return cmd::IssueToken{UserId{by}, TokenId{token}, UserId{user}, expires, std::move(hash)};
}
cmd::RevokeToken revoke(const std::string& by, const std::string& token) {
  return cmd::RevokeToken{UserId{by}, TokenId{token}};
}

TEST(TokenRules, IssuingNeedsManageUsersAndAKnownUser) {
  World w;
  w.agent("alice");
  w.supervisor("sup");  // CallCenterManager: holds ManageUsers
  EXPECT_EQ(w.code(issue("alice", "0123456789ab", "alice")), RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(issue("ghost", "0123456789ab", "alice")), RejectionCode::UnknownUser);
  EXPECT_EQ(w.code(issue("admin", "0123456789ab", "ghost")), RejectionCode::UnknownUser);

  auto issued = w.ok(issue("sup", "0123456789ab", "alice"));
  ASSERT_EQ(issued.size(), 1u);
  EXPECT_EQ(issued[0].body, EventBody(ev::TokenIssued{UserId{"sup"}, TokenId{"0123456789ab"},
                                                      UserId{"alice"}, kFarFuture, kHash}));
  EXPECT_EQ(stream_of(issued[0].body), "user-alice");
  EXPECT_EQ(w.code(issue("admin", "0123456789ab", "sup")), RejectionCode::AlreadyExists);
}

TEST(TokenRules, MalformedIssuesAreInvalidCommands) {
  World w;
  w.agent("alice");
  EXPECT_EQ(w.code(issue("admin", "0123456789AB", "alice")), RejectionCode::InvalidCommand);
  EXPECT_EQ(w.code(issue("admin", "0123456789a", "alice")), RejectionCode::InvalidCommand);
  EXPECT_EQ(w.code(issue("admin", "0123456789ab", "alice", kFarFuture, std::string(63, 'a'))),
            RejectionCode::InvalidCommand);
  EXPECT_EQ(w.code(issue("admin", "0123456789ab", "alice", kFarFuture, std::string(64, 'g'))),
            RejectionCode::InvalidCommand);
  EXPECT_EQ(w.code(issue("admin", "0123456789ab", "alice", t0())), RejectionCode::InvalidCommand);
}

TEST(TokenRules, OwnTokenOrManageUsersRevokesOnce) {
  World w;
  w.agent("alice");
  w.agent("bob");
  w.ok(issue("admin", "aaaaaaaaaaaa", "alice"));
  w.ok(issue("admin", "bbbbbbbbbbbb", "alice"));
  EXPECT_EQ(w.code(revoke("bob", "aaaaaaaaaaaa")), RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(revoke("ghost", "aaaaaaaaaaaa")), RejectionCode::UnknownUser);
  EXPECT_EQ(w.code(revoke("alice", "cccccccccccc")), RejectionCode::UnknownToken);

  auto own = w.ok(revoke("alice", "aaaaaaaaaaaa"));
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].body, EventBody(ev::TokenRevoked{UserId{"alice"}, TokenId{"aaaaaaaaaaaa"},
                                                    UserId{"alice"}}));
  EXPECT_EQ(stream_of(own[0].body), "user-alice");
  EXPECT_EQ(w.code(revoke("alice", "aaaaaaaaaaaa")), RejectionCode::TokenAlreadyRevoked);
  EXPECT_EQ(w.code(revoke("admin", "aaaaaaaaaaaa")), RejectionCode::TokenAlreadyRevoked);

  auto by_admin = w.ok(revoke("admin", "bbbbbbbbbbbb"));
  ASSERT_EQ(by_admin.size(), 1u);
  EXPECT_EQ(by_admin[0].body, EventBody(ev::TokenRevoked{UserId{"admin"}, TokenId{"bbbbbbbbbbbb"},
                                                         UserId{"alice"}}));
}

}  // namespace
}  // namespace callwatch::testing
