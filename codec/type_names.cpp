#include "codec/type_names.h"

#include <fmt/format.h>

namespace callwatch::codec::detail {

std::string printable(std::string_view s) {
  constexpr std::size_t kMax = 64;
  std::string out;
  for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
    const auto ch = static_cast<unsigned char>(s[i]);
    if (ch >= 0x20 && ch < 0x7f && ch != '\\')
      out.push_back(static_cast<char>(ch));
    else
      out += fmt::format("\\x{:02x}", ch);
  }
  if (s.size() > kMax) out += "...";
  return out;
}

}  // namespace callwatch::codec::detail
