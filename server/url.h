// Request targets: "/path?query" split and percent-decoded (RFC 3986; '+' in the query is a
// space, as HTML forms send it). Malformed escapes ("%zz", "%4") and decoded text that is not
// UTF-8 are errors: the server answers 400 rather than guess.
#pragma once

#include <expected>
#include <map>
#include <string>
#include <string_view>

namespace callwatch::server {

struct Target {
  std::string path;
  std::multimap<std::string, std::string> query;
};

[[nodiscard]] std::expected<std::string, std::string> percent_decode(std::string_view text, bool plus_is_space);
[[nodiscard]] std::expected<Target, std::string> parse_target(std::string_view target);

}  // namespace callwatch::server
