#include "tests/mutation/mutate.h"

#include <array>
#include <cstring>
#include <string_view>

namespace callwatch::mutation {
namespace {

constexpr std::array<std::string_view, 9> kNotUtf8{
    "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\xFF",
    "\xD9", "\xF0\x9F\x98", "\xC3"};

constexpr std::array<std::string_view, 16> kJsonValues{
    "1", "-1", "0", "1e400", "-0.5", "99999999999999999999999", "true", "false", "null",
    "[]", "{}", "\"\"", "\"x\"", "[\"Agent\",1]", "{\"a\":{\"b\":[]}}", "\"\\u0000\\ud800\""};

constexpr std::array<std::string_view, 14> kYamlValues{
    "1", "-1", "0", "1e999", ".nan", "~", "\"\"", "[a, b]", "{x: 1}", "true", "&a [*a]",
    "!!binary AAAA", "\"25:99\"", "[[[[[]]]]]"};

// Where the value after position `colon` ends (naive, enough to swap a value out).
std::size_t json_value_end(const std::string& s, std::size_t from) {
  std::size_t i = from;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size()) return i;
  if (s[i] == '"') {
    for (++i; i < s.size() && s[i] != '"'; ++i)
      if (s[i] == '\\') ++i;
    return std::min(s.size(), i + 1);
  }
  if (s[i] == '[' || s[i] == '{') {
    int depth = 0;
    for (; i < s.size(); ++i) {
      if (s[i] == '[' || s[i] == '{') ++depth;
      if ((s[i] == ']' || s[i] == '}') && --depth == 0) return i + 1;
    }
    return i;
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']') ++i;
  return i;
}

}  // namespace

std::string Mutator::next(std::span<const std::string> seeds) {
  std::string s = seeds[below(seeds.size())];
  const std::size_t n = 1 + (rng_() % 8 == 0 ? below(3) : 0);
  for (std::size_t k = 0; k < n; ++k) {
    if (syntax_ == Syntax::Binary)
      binary(s, seeds);
    else
      mutate_once(s, seeds);
  }
  return s;
}

void Mutator::replace_value(std::string& s) {
  const char sep = syntax_ == Syntax::Json ? ':' : ' ';
  std::size_t at = s.npos;
  for (int tries = 0; tries < 4 && at == s.npos; ++tries) {
    const std::size_t p = s.find(syntax_ == Syntax::Json ? ":" : ": ", below(s.size()));
    if (p != s.npos) at = p;
  }
  if (at == s.npos) at = s.find(sep);
  if (at == s.npos) return;
  const std::size_t from = at + (syntax_ == Syntax::Json ? 1 : 2);
  std::size_t end;
  if (syntax_ == Syntax::Json) {
    end = json_value_end(s, from);
  } else {
    end = s.find('\n', from);
    if (end == s.npos) end = s.size();
  }
  const std::string_view v = syntax_ == Syntax::Json ? kJsonValues[below(kJsonValues.size())]
                                                     : kYamlValues[below(kYamlValues.size())];
  s.replace(std::min(from, s.size()), end - std::min(from, end), v);
}

void Mutator::mutate_once(std::string& s, std::span<const std::string> seeds) {
  const bool yaml = syntax_ == Syntax::Yaml;
  switch (rng_() % 12) {
    case 0:  // cut short
      s.resize(below(s.size() + 1));
      break;
    case 1:  // bytes flipped
      for (std::size_t k = 1 + below(3); k > 0 && !s.empty(); --k)
        s[below(s.size())] = static_cast<char>(rng_());
      break;
    case 2:  // NUL
      s.insert(below(s.size() + 1), 1, '\0');
      break;
    case 3:  // not UTF-8
      s.insert(below(s.size() + 1), kNotUtf8[below(kNotUtf8.size())]);
      break;
    case 4:
    case 5:  // a value of the wrong type
      replace_value(s);
      break;
    case 6: {  // huge: a long string, or a long number (rarely very long)
      const std::size_t len = rng_() % 64 == 0 ? 70'000 : 300 + below(1200);
      const std::size_t at = s.find(yaml ? ": " : ":\"", below(s.size()));
      if (at == s.npos) break;
      if (rng_() % 2)
        s.insert(at + 2, std::string(len, static_cast<char>('a' + below(26))));
      else
        s.insert(at + (yaml ? 2 : 1), std::string(len, '9'));
      break;
    }
    case 7: {  // deeply nested
      const std::size_t depth =
          rng_() % (yaml ? 512 : 64) == 0 ? 20'000 : 1 + below(yaml ? 100 : 1000);
      const std::size_t at = s.find(yaml ? ": " : ":", below(s.size()));
      if (at == s.npos) break;
      const bool object = rng_() % 2;
      std::string nest;
      for (std::size_t i = 0; i < depth; ++i) nest += object ? "{\"k\":" : "[";
      if (object) nest += "1";
      for (std::size_t i = 0; i < depth; ++i) nest += object ? "}" : "]";
      if (yaml) nest = std::string(depth, '[') + std::string(depth, ']');
      const std::size_t from = at + (yaml ? 2 : 1);
      const std::size_t end = yaml ? std::min(s.size(), s.find('\n', from)) : json_value_end(s, from);
      s.replace(from, end - from, nest);
      break;
    }
    case 8: {  // blank: empty, whitespace only, a carriage return, a blank line inside
      static constexpr std::array<std::string_view, 5> kBlank{"", " ", "\t \r", "\r", "\n"};
      const std::string_view b = kBlank[below(kBlank.size())];
      if (b.empty() || rng_() % 3 == 0)
        s = std::string(b);
      else
        s.insert(below(s.size() + 1), b);
      break;
    }
    case 9: {  // a piece deleted
      if (s.empty()) break;
      const std::size_t from = below(s.size());
      s.erase(from, 1 + below(yaml ? 80 : 12));
      break;
    }
    case 10: {  // a piece repeated
      if (s.empty()) break;
      const std::size_t from = below(s.size());
      const std::string piece = s.substr(from, 1 + below(yaml ? 200 : 30));
      s.insert(below(s.size() + 1), piece);
      break;
    }
    default: {  // spliced with another input
      const std::string& other = seeds[below(seeds.size())];
      s = s.substr(0, below(s.size() + 1)) + other.substr(below(other.size() + 1));
      break;
    }
  }
}

void Mutator::binary(std::string& s, std::span<const std::string> seeds) {
  const std::size_t words = s.size() / 8;
  switch (rng_() % 8) {
    case 0:  // cut short (often on a word boundary, past the first framing check)
      s.resize(rng_() % 2 ? 8 * below(words + 1) : below(s.size() + 1));
      break;
    case 1:  // bits flipped
      for (std::size_t k = 1 + below(4); k > 0 && !s.empty(); --k)
        s[below(s.size())] ^= static_cast<char>(1u << below(8));
      break;
    case 2: {  // a byte set to an interesting value
      static constexpr std::array<unsigned char, 8> kBytes{0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe, 0x3f, 0x40};
      if (!s.empty()) s[below(s.size())] = static_cast<char>(kBytes[below(kBytes.size())]);
      break;
    }
    case 3: {  // a word replaced by another word of the record (pointers that alias)
      if (words < 2) break;
      std::memcpy(s.data() + 8 * below(words), s.data() + 8 * below(words), 8);
      break;
    }
    case 4: {  // a random word
      if (words == 0) break;
      const std::uint64_t w = rng_();
      std::memcpy(s.data() + 8 * below(words), &w, 8);
      break;
    }
    case 5:  // words inserted or removed
      if (rng_() % 2 && words > 1)
        s.erase(8 * below(words), 8);
      else
        s.insert(8 * below(words + 1), std::string(8, static_cast<char>(rng_() % 2 ? 0 : 0xff)));
      break;
    case 6:  // text bytes not UTF-8 (strings sit at the end of a record)
      if (!s.empty()) s[s.size() - 1 - below(std::min<std::size_t>(s.size(), 48))] = static_cast<char>(0xC0 | below(64));
      break;
    default: {  // spliced on a word boundary
      const std::string& other = seeds[below(seeds.size())];
      s = s.substr(0, 8 * below(words + 1)) + other.substr(8 * below(other.size() / 8 + 1));
      break;
    }
  }
}

}  // namespace callwatch::mutation
