#include "projections/tokens.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "codec/event_codec.h"

namespace callwatch::projections {

void TokenTable::apply(Position position, const Event& event) {
  std::unique_lock l(mu_);
  position_ = std::max(position_, position);
  if (const auto* issued = std::get_if<ev::TokenIssued>(&event.body)) {
    tokens_[issued->token] = TokenRecord{issued->token,    issued->user, issued->by,   event.at,
                                         issued->expires_at, issued->secret_sha256, false,
                                         std::nullopt,       std::nullopt};
  } else if (const auto* revoked = std::get_if<ev::TokenRevoked>(&event.body)) {
    auto it = tokens_.find(revoked->token);
    if (it == tokens_.end() || it->second.revoked) return;
    it->second.revoked = true;
    it->second.revoked_at = event.at;
    it->second.revoked_by = revoked->by;
  }
}

std::optional<TokenRecord> TokenTable::find(std::string_view id) const {
  std::shared_lock l(mu_);
  auto it = tokens_.find(TokenId(id));
  if (it == tokens_.end()) return std::nullopt;
  return it->second;
}

std::vector<TokenRecord> TokenTable::list() const {
  std::vector<TokenRecord> out;
  {
    std::shared_lock l(mu_);
    out.reserve(tokens_.size());
    for (const auto& [id, r] : tokens_) out.push_back(r);
  }
  std::sort(out.begin(), out.end(),
            [](const TokenRecord& a, const TokenRecord& b) { return a.id < b.id; });
  return out;
}

void TokenTable::advance_to(Position position) {
  std::unique_lock l(mu_);
  position_ = std::max(position_, position);
}

std::size_t TokenTable::size() const {
  std::shared_lock l(mu_);
  return tokens_.size();
}

Position TokenTable::position() const {
  std::shared_lock l(mu_);
  return position_;
}

Status load_tokens(const eventstore::EventStore& store, TokenTable& table, Position as_of) {
  auto cursor = store.read_all(table.position() + 1);
  if (!cursor) return error(fmt::format("cannot read the log: {}", cursor.error().message));
  Position read = 0;
  for (; cursor->valid() && cursor->event().position <= as_of; cursor->next()) {
    const auto& r = cursor->event();
    read = r.position;
    if (r.type != ev::TokenIssued::kName && r.type != ev::TokenRevoked::kName) continue;
    auto envelope = codec::decode_event(r.data);
    if (!envelope)
      return error(fmt::format("the record at position {} is not a readable event: {}",
                               r.position, envelope.error().message));
    table.apply(r.position, envelope->event);
  }
  if (!cursor->status())
    return error(fmt::format("reading the log stopped: {}", cursor->status().error().message));
  table.advance_to(read);
  return {};
}

}  // namespace callwatch::projections
