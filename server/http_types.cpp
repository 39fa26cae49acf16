#include "server/http_types.h"

#include <nlohmann/json.hpp>

#include "codec/json.h"
#include "codec/utf8.h"

namespace callwatch::server {

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers)
    if (k == lower_name) return std::string_view(v);
  return std::nullopt;
}

std::optional<std::string_view> Request::param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return std::string_view(it->second);
}

Response error_response(int status, std::string_view code, std::string_view reason) {
  codec::OrderedJson j;
  j["code"] = codec::make_valid_utf8(code);
  j["reason"] = codec::make_valid_utf8(reason);
  return json_response(status, codec::json_text(j));
}

Response json_response(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.body += '\n';
  return r;
}

}  // namespace callwatch::server
