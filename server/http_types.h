// The HTTP request and response as handlers see them: plain values, no Beast types, so that
// routes, the API and tests include none of Boost's headers (only http_server.cpp does).
//
// A handler answers through a Reply, exactly once, from any thread: the connection's strand
// writes it. A handler that must wait (a command queued for the engine writer, a read that
// waits for ?minPosition=) keeps the Reply and calls it later; the I/O threads never block.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace callwatch::server {

struct Request {
  std::string method;  // "GET", "POST", ... as sent (case-sensitive, RFC 9110)
  std::string target;  // the raw request target, "/v1/agents?all=true"
  std::string path;    // the target's path, percent-decoded
  std::multimap<std::string, std::string> query;  // percent-decoded, '+' as space
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::map<std::string, std::string> params;  // route parameters ({id}), set by the router

  // The first header of that (lower-case) name, or nullopt.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_name) const;
  // The first query parameter of that name, or nullopt.
  [[nodiscard]] std::optional<std::string_view> param(std::string_view name) const;
};

// A live stream (Server-Sent Events) the connection pulls from after the response head.
class StreamSource {
 public:
  virtual ~StreamSource() = default;
  enum class Pull { Data, Idle, End };
  // Appends the next bytes to `out` (Data), or says there is nothing now (Idle: `wake` is
  // called once, from any thread, when there may be more) or that the stream is over (End:
  // the connection closes; for a client too slow to keep up, which resumes with Last-Event-ID).
  virtual Pull pull(std::string& out, std::function<void()> wake) = 0;
  // The connection is gone (client closed, server draining): release what wakes hold.
  virtual void close() = 0;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type = "application/json";
  // When set, the head is sent without a length and the body is pulled from here until End.
  std::shared_ptr<StreamSource> stream;

  Response& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// {"code": code, "reason": reason} with that status.
[[nodiscard]] Response error_response(int status, std::string_view code, std::string_view reason);
// The body as JSON text (codec::json_text) with that status.
[[nodiscard]] Response json_response(int status, std::string body);

using Reply = std::function<void(Response)>;
using Handler = std::function<void(const Request&, Reply)>;

}  // namespace callwatch::server
