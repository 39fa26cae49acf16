// `callwatch token`: API tokens on a store no server holds (while `callwatch serve` runs,
// POST /v1/tokens and DELETE /v1/tokens/{id} do the same through the server).
//
//   callwatch token --data DIR USER [--expires 8h]   issue: prints the token alone on stdout
//   callwatch token --data DIR --revoke ID           revoke
//   callwatch token --data DIR --list                id, user, expiry, state (no secrets)
//
// Who acts: the command line is the store's operator (it holds the directory), and it acts
// as the instance's built-in `admin` user (domain/state.h kAdminUser, holder of the Admin
// profile), unless `--by USER` names another: the TokenIssued / TokenRevoked events record
// that user as `by`, and the domain rules apply to them as to any command (ManageUsers, or
// their own token for a revocation). The secret is printed once and written nowhere.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "app/subcommand.h"
#include "codec/time.h"
#include "domain/state.h"
#include "engine/engine.h"
#include "projections/open.h"
#include "projections/tokens.h"
#include "server/duration.h"
#include "server/token_secret.h"

namespace callwatch::app {
namespace {

class Token final : public Subcommand {
 public:
  void configure(CLI::App& app) override {
    app.add_option("--data", data_dir_, "Data directory of an existing store")->required();
    app.add_option("user", user_, "Issue a token for this user");
    app.add_option("--expires", expires_, "Lifetime of a new token: 30m, 8h, 7d (default 8h)");
    app.add_option("--revoke", revoke_, "Revoke the token with this id");
    app.add_flag("--list", list_, "List the tokens: id, user, expiry, state");
    app.add_option("--by", by_, "The acting user (default: admin)");
  }

  int run() override {
    const int modes = int{!user_.empty()} + int{!revoke_.empty()} + int{list_};
    if (modes != 1) return fail("give exactly one of USER, --revoke ID, --list", kExitUsage);
    if (expires_set() && user_.empty()) return fail("--expires goes with USER (issuing)", kExitUsage);
    if (list_) return list();
    return revoke_.empty() ? issue() : revoke();
  }

 private:
  [[nodiscard]] bool expires_set() const { return !expires_.empty(); }

  static Timestamp now() {
    return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
  }

  [[nodiscard]] engine::Result<std::unique_ptr<engine::Engine>> open_engine() const {
    engine::EngineOptions options;
    options.data_dir = data_dir_;
    options.store.create_if_missing = false;
    return engine::Engine::open(std::move(options));
  }

  // Executes `c`; 0 when accepted, else the rejection or the store's failure on stderr.
  int execute(engine::Engine& e, Command c) {
    auto outcome = e.execute(std::move(c));
    if (!outcome) return fail(fmt::format("the store failed: {}", outcome.error().message));
    if (!*outcome)
      return fail(fmt::format("{}: {}", to_string(outcome->error().code), outcome->error().reason));
    return 0;
  }

  int issue() {
    Duration lifetime{8 * 3'600'000};
    if (expires_set()) {
      auto d = server::parse_lifetime(expires_);
      if (!d) return fail(fmt::format("--expires '{}': {}", printable(expires_), d.error().message), kExitUsage);
      lifetime = *d;
    }
    auto e = open_engine();
    if (!e) return fail(e.error().message);
    // A new id that some token already has (48 random bits: practically never) is drawn again.
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto token = server::make_token();
      if (!token) return fail(token.error().message);
      const Timestamp at = now();
      Command c{cmd::IssueToken{UserId(by_), TokenId(token->id), UserId(user_), at + lifetime,
                                token->secret_sha256},
                at};
      auto outcome = (*e)->execute(std::move(c));
      if (!outcome) return fail(fmt::format("the store failed: {}", outcome.error().message));
      if (*outcome) {
        fmt::print("{}\n", token->text);
        std::fflush(stdout);
        return 0;
      }
      if (outcome->error().code != RejectionCode::AlreadyExists)
        return fail(fmt::format("{}: {}", to_string(outcome->error().code), outcome->error().reason));
    }
    return fail("three fresh token ids were all taken: the random source is suspect");
  }

  int revoke() {
    auto e = open_engine();
    if (!e) return fail(e.error().message);
    return execute(**e, Command{cmd::RevokeToken{UserId(by_), TokenId(revoke_)}, now()});
  }

  int list() {
    auto store = projections::open_store_for_reading(data_dir_);
    if (!store) return fail(store.error().message);
    projections::TokenTable tokens;
    if (auto ok = projections::load_tokens(**store, tokens); !ok) return fail(ok.error().message);
    const Timestamp t = now();
    std::string out = fmt::format("{:<12}  {:<24}  {:<24}  {}\n", "ID", "USER", "EXPIRES", "STATE");
    for (const auto& r : tokens.list()) {
      const char* state = r.revoked ? "revoked" : t >= r.expires_at ? "expired" : "active";
      out += fmt::format("{:<12}  {:<24}  {:<24}  {}\n", printable(r.id.view()),
                         printable(r.user.view()), codec::format_timestamp(r.expires_at), state);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }

  // Ids from the log or the command line, shown without control bytes.
  static std::string printable(std::string_view s) {
    std::string out;
    for (unsigned char c : s) out += (c < 0x20 || c == 0x7f) ? std::string("?") : std::string(1, static_cast<char>(c));
    return out;
  }

  std::string data_dir_, user_, expires_, revoke_;
  std::string by_{kAdminUser};
  bool list_ = false;
};

CALLWATCH_SUBCOMMAND(Token, "token", "Issue, revoke or list API tokens (for callwatch serve)");

}  // namespace
}  // namespace callwatch::app
