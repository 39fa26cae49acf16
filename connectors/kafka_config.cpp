#include "connectors/kafka_config.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

namespace callwatch::connectors {
namespace {

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

}  // namespace

Result<KafkaSettings> parse_kafka_config(std::string_view text, std::string_view source) {
  KafkaSettings out;
  std::map<std::string, std::size_t, std::less<>> line_of;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view raw = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos)
      return connector_error(fmt::format("{}:{}: expected key=value, got '{}'", source, line_no, line));
    const std::string_view key = trim(line.substr(0, eq));
    if (key.empty()) return connector_error(fmt::format("{}:{}: the key before '=' is empty", source, line_no));
    if (key.find_first_of(" \t") != std::string_view::npos)
      return connector_error(fmt::format("{}:{}: the key '{}' has blanks in it", source, line_no, key));
    if (auto it = line_of.find(key); it != line_of.end())
      return connector_error(fmt::format("{}:{}: '{}' is already set on line {}", source, line_no, key, it->second));
    line_of.emplace(std::string(key), line_no);
    out.push_back({std::string(key), std::string(trim(line.substr(eq + 1)))});
  }
  return out;
}

Result<KafkaSettings> load_kafka_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return connector_error(fmt::format("cannot open the Kafka configuration '{}'", path));
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return connector_error(fmt::format("cannot read the Kafka configuration '{}'", path));
  return parse_kafka_config(text.str(), path);
}

}  // namespace callwatch::connectors
