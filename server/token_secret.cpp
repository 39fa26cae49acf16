#include "server/token_secret.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>

#include "domain/commands.h"

namespace callwatch::server {
namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string hex(const unsigned char* bytes, std::size_t n) {
  std::string out(2 * n, '\0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0x0f];
  }
  return out;
}

// Fills `out` from getrandom(2), retrying interrupted and short reads.
[[nodiscard]] Status random_bytes(unsigned char* out, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::getrandom(out + got, n - got, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return error(ErrorCode::IoError, std::string("getrandom failed: ") + std::strerror(errno));
    got += static_cast<std::size_t>(r);
  }
  return {};
}

}  // namespace

Result<NewToken> make_token() {
  std::array<unsigned char, 6 + kTokenSecretLength / 2> bytes{};
  if (auto ok = random_bytes(bytes.data(), bytes.size()); !ok) return std::unexpected(ok.error());
  NewToken t;
  t.id = hex(bytes.data(), 6);
  std::string secret = hex(bytes.data() + 6, kTokenSecretLength / 2);
  t.secret_sha256 = sha256_hex(secret);
  t.text.reserve(kTokenLength);
  t.text.append(kTokenPrefix).append(t.id).append("_").append(secret);
  OPENSSL_cleanse(secret.data(), secret.size());
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return t;
}

std::optional<TokenParts> split_token(std::string_view text) {
  if (text.size() != kTokenLength || !text.starts_with(kTokenPrefix)) return std::nullopt;
  const std::string_view id = text.substr(kTokenPrefix.size(), cmd::kTokenIdLength);
  const std::size_t sep = kTokenPrefix.size() + cmd::kTokenIdLength;
  const std::string_view secret = text.substr(sep + 1);
  if (text[sep] != '_' || !cmd::is_token_id(id) || !cmd::is_lower_hex(secret, kTokenSecretLength))
    return std::nullopt;
  return TokenParts{id, secret};
}

std::string sha256_hex(std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest: one call, no context to leak. SHA-256 of a short input cannot fail short of
  // memory exhaustion; an empty digest (never equal to a stored one) is the safe answer then.
  if (EVP_Digest(secret.data(), secret.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
    return {};
  return hex(digest.data(), length);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace callwatch::server
