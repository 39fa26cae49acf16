// authenticate(): every way a request's Authorization header can fail has its own code,
// a good token names its user, and revocation and expiry take effect at once.
#include <gtest/gtest.h>

#include "server/auth.h"
#include "server/token_secret.h"

namespace callwatch::server {
namespace {

const Timestamp kT0{Duration{1'800'000'000'000}};
const Timestamp kExpiry = kT0 + std::chrono::hours{8};

class Auth : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = make_token();
    ASSERT_TRUE(t.has_value());
    token_ = *t;
    tokens_.apply(7, Event{kT0, ev::TokenIssued{UserId{"admin"}, TokenId{token_.id},
                                                UserId{"alice"}, kExpiry, token_.secret_sha256}});
  }
  std::string code(std::string_view header, Timestamp now = kT0) {
    auto r = authenticate(header, tokens_, now);
    if (r) return "OK";
    EXPECT_EQ(r.error().reason.find(std::string(split_token(token_.text)->secret)),
              std::string::npos);
    return r.error().code;
  }
  std::string bearer() const { return "Bearer " + token_.text; }

  NewToken token_;
  projections::TokenTable tokens_;
};

TEST_F(Auth, AGoodTokenNamesItsUser) {
  auto who = authenticate(bearer(), tokens_, kT0);
  ASSERT_TRUE(who.has_value()) << who.error().code;
  EXPECT_EQ(who->user, UserId{"alice"});
  EXPECT_EQ(who->token_id, token_.id);
  EXPECT_EQ(code("bearer   " + token_.text + " \t"), "OK");  // scheme case, whitespace
}

TEST_F(Auth, EachFailureHasItsCode) {
  EXPECT_EQ(code(""), "NO_TOKEN");
  EXPECT_EQ(code("   "), "NO_TOKEN");
  EXPECT_EQ(code("Basic YWxpY2U6c2VjcmV0"), "NOT_BEARER");
  EXPECT_EQ(code(token_.text), "NOT_BEARER");  // the token without a scheme
  EXPECT_EQ(code("Bearer"), "NOT_BEARER");
  EXPECT_EQ(code("Bearer "), "NOT_BEARER");
  EXPECT_EQ(code("Bearer abc"), "MALFORMED_TOKEN");
  EXPECT_EQ(code(bearer() + "0"), "MALFORMED_TOKEN");
  EXPECT_EQ(code("Bearer " + token_.text + " extra"), "MALFORMED_TOKEN");
  EXPECT_EQ(code("Bearer " + std::string(100'000, 'a')), "MALFORMED_TOKEN");  // huge header
  std::string not_utf8 = bearer();
  not_utf8[30] = '\xc3';
  EXPECT_EQ(code(not_utf8), "MALFORMED_TOKEN");
  std::string nul = bearer();
  nul[30] = '\0';
  EXPECT_EQ(code(nul), "MALFORMED_TOKEN");
}

TEST_F(Auth, WrongSecretOrTamperedId) {
  std::string wrong = bearer();
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(code(wrong), "WRONG_SECRET");
  std::string tampered = bearer();
  const std::size_t id_at = 7 + 3;  // "Bearer " + "cw_"
  tampered[id_at] = tampered[id_at] == '0' ? '1' : '0';
  EXPECT_EQ(code(tampered), "UNKNOWN_TOKEN");
}

TEST_F(Auth, ExpiryAndRevocationTakeEffectAtOnce) {
  EXPECT_EQ(code(bearer(), kExpiry - Duration{1}), "OK");
  EXPECT_EQ(code(bearer(), kExpiry), "TOKEN_EXPIRED");
  tokens_.apply(8, Event{kT0, ev::TokenRevoked{UserId{"alice"}, TokenId{token_.id}, UserId{"alice"}}});
  EXPECT_EQ(code(bearer()), "TOKEN_REVOKED");
  // The secret is checked first: a wrong one says so, not the token's state.
  std::string wrong = bearer();
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  EXPECT_EQ(code(wrong), "WRONG_SECRET");
  EXPECT_EQ(tokens_.position(), 8u);
}

// Every one-byte change of a good header fails (or, for the scheme's case and the blanks
// around it, still names alice); none crashes, none authenticates someone else.
TEST_F(Auth, EveryOneByteMutationIsRefusedOrHarmless) {
  const std::string good = bearer();
  int accepted = 0;
  for (std::size_t i = 0; i < good.size(); ++i)
    for (int b = 0; b < 256; ++b) {
      std::string h = good;
      if (h[i] == static_cast<char>(b)) continue;
      h[i] = static_cast<char>(b);
      auto r = authenticate(h, tokens_, kT0);
      if (!r) continue;
      ++accepted;
      EXPECT_LE(i, 6u) << "accepted a changed token at byte " << i;  // "Bearer" and its blank
      EXPECT_EQ(r->user, UserId{"alice"});
    }
  EXPECT_EQ(accepted, 7);  // each letter of "Bearer" in the other case, a tab for the space
}

TEST_F(Auth, WwwAuthenticateFollowsRfc6750) {
  EXPECT_EQ(www_authenticate(authenticate("", tokens_, kT0).error()), R"(Bearer realm="callwatch")");
  const std::string v = www_authenticate(authenticate(bearer(), tokens_, kExpiry).error());
  EXPECT_TRUE(v.starts_with(R"(Bearer realm="callwatch", error="invalid_token", error_description=")")) << v;
  EXPECT_EQ(www_authenticate(AuthFailure{"X", "a\"b\\c\nd"}).find_first_of("\n\\"), std::string::npos);
}

}  // namespace
}  // namespace callwatch::server
