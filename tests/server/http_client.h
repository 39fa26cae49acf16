// A small blocking HTTP/1.1 client over POSIX sockets for the server tests: requests on a
// keep-alive connection, raw bytes for hostile input, and a Server-Sent Events reader.
// Every socket has a receive timeout, so a test never hangs on a server that does not answer.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace callwatch::testkit {

// Tests name callers "user:ana"; the fixture maps each name to the token it issued for them.
inline std::map<std::string, std::string>& token_aliases() {
  static std::map<std::string, std::string> m;
  return m;
}
inline std::string bearer(const std::string& token) {
  auto it = token_aliases().find(token);
  return "Bearer " + (it == token_aliases().end() ? token : it->second);
}

struct HttpReply {
  int status = 0;  // 0: no reply (connection closed or timed out)
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  [[nodiscard]] std::string header(const std::string& lower) const {
    for (auto& [k, v] : headers)
      if (k == lower) return v;
    return {};
  }
};

inline int connect_to(std::uint16_t port, int timeout_ms = 10'000) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

inline bool send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Everything the server sends until it closes (or the timeout).
inline std::string read_until_close(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

// Parses one response from `in` starting at `pos` (Content-Length bodies); nullopt if incomplete.
inline std::optional<HttpReply> parse_reply(const std::string& in, std::size_t& pos) {
  const auto end = in.find("\r\n\r\n", pos);
  if (end == std::string::npos) return std::nullopt;
  HttpReply r;
  std::string head = in.substr(pos, end - pos);
  const auto sp = head.find(' ');
  if (sp == std::string::npos) return std::nullopt;
  r.status = std::atoi(head.c_str() + sp + 1);
  std::size_t line = head.find("\r\n");
  std::size_t length = 0;
  while (line != std::string::npos) {
    const std::size_t next = head.find("\r\n", line + 2);
    std::string h = head.substr(line + 2, next == std::string::npos ? std::string::npos : next - line - 2);
    const auto colon = h.find(':');
    if (colon != std::string::npos) {
      std::string k = h.substr(0, colon);
      for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string v = h.substr(colon + 1);
      while (!v.empty() && v.front() == ' ') v.erase(0, 1);
      if (k == "content-length") length = std::stoul(v);
      r.headers.emplace_back(std::move(k), std::move(v));
    }
    line = next;
  }
  if (in.size() < end + 4 + length) return std::nullopt;
  r.body = in.substr(end + 4, length);
  pos = end + 4 + length;
  return r;
}

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}
  ~HttpClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpReply request(const std::string& method, const std::string& target, const std::string& body = {},
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd_ < 0) fd_ = connect_to(port_);
      if (fd_ < 0) return {};
      std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
      for (auto& [k, v] : headers) req += k + ": " + v + "\r\n";
      if (!body.empty() || method == "POST") req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
      req += "\r\n" + body;
      if (send_all(fd_, req)) {
        std::string in;
        char buf[8192];
        for (;;) {
          std::size_t pos = 0;
          if (auto r = parse_reply(in, pos)) {
            if (r->header("connection") == "close") reset();
            return *r;
          }
          const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
          if (n <= 0) break;
          in.append(buf, static_cast<std::size_t>(n));
        }
        if (!in.empty()) {
          reset();
          return {};
        }
      }
      reset();  // a keep-alive connection the server closed: retry once on a new one
    }
    return {};
  }

  HttpReply get(const std::string& target, const std::string& token = "user:admin") {
    return request("GET", target, {}, {{"Authorization", bearer(token)}});
  }
  HttpReply post(const std::string& target, const std::string& body, const std::string& token = "user:admin",
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("Authorization", bearer(token));
    headers.emplace_back("Content-Type", "application/json");
    return request("POST", target, body, headers);
  }

 private:
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  std::uint16_t port_;
  int fd_ = -1;
};

struct SseEvent {
  std::string id, event, data;
};

// Reads Server-Sent Events from one connection.
class SseReader {
 public:
  SseReader(std::uint16_t port, const std::string& target, const std::string& token,
            std::optional<std::string> last_event_id = std::nullopt) {
    fd_ = connect_to(port, 5000);
    std::string req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer(token) + "\r\n";
    if (last_event_id) req += "Last-Event-ID: " + *last_event_id + "\r\n";
    req += "\r\n";
    if (fd_ >= 0) send_all(fd_, req);
  }
  ~SseReader() { close(); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // The status line's code (reads the head first).
  int status() {
    while (head_end_ == std::string::npos && fill()) head_end_ = in_.find("\r\n\r\n");
    if (head_end_ == std::string::npos) return 0;
    pos_ = head_end_ + 4;
    return std::atoi(in_.c_str() + in_.find(' ') + 1);
  }
  [[nodiscard]] std::string head() const { return in_.substr(0, head_end_ == std::string::npos ? in_.size() : head_end_); }
  // The next event with an id (comments and retry lines skipped); nullopt at close/timeout.
  std::optional<SseEvent> next() {
    if (head_end_ == std::string::npos && status() == 0) return std::nullopt;
    for (;;) {
      const auto end = in_.find("\n\n", pos_);
      if (end == std::string::npos) {
        if (!fill()) return std::nullopt;
        continue;
      }
      std::string block = in_.substr(pos_, end - pos_);
      pos_ = end + 2;
      SseEvent e;
      std::size_t at = 0;
      while (at <= block.size()) {
        auto nl = block.find('\n', at);
        std::string line = block.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        if (line.starts_with("id: ")) e.id = line.substr(4);
        else if (line.starts_with("event: ")) e.event = line.substr(7);
        else if (line.starts_with("data: ")) e.data = line.substr(6);
        if (nl == std::string::npos) break;
        at = nl + 1;
      }
      if (!e.id.empty()) return e;
    }
  }

 private:
  bool fill() {
    char buf[8192];
    if (fd_ < 0) return false;
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in_.append(buf, static_cast<std::size_t>(n));
    return true;
  }
  int fd_ = -1;
  std::string in_;
  std::size_t head_end_ = std::string::npos;
  std::size_t pos_ = 0;
};

}  // namespace callwatch::testkit
