// A fuzz target's main, for AFL++ in its classic GCC mode (afl-g++: Debian 12's afl-g++-fast
// plugin refuses the installed GCC, and clang 14 cannot compile libstdc++ 12's <expected>).
//
//   fuzz_X FILE...        runs each file once (a crash reproduces outside AFL the same way)
//   fuzz_X                reads one input from stdin
//   fuzz_X --seeds DIR    writes the valid seeds AFL starts from into DIR
//
// A check that fails prints what is wrong and aborts, which AFL records as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace callwatch::fuzz {

using Check = std::string (*)(std::string_view);
using Seeds = std::vector<std::string> (*)();

inline void one(Check check, const std::string& input) {
  const std::string problem = check(input);
  if (problem.empty()) return;
  std::fprintf(stderr, "fuzz: %s\n", problem.c_str());
  std::abort();
}

// `seeds` is called only for --seeds: AFL runs the process once per input, and reading the
// seed files every time would cost more than the check.
inline int main(int argc, char** argv, Check check, Seeds make_seeds) {
  if (argc == 3 && std::string_view(argv[1]) == "--seeds") {
    const std::vector<std::string> seeds = make_seeds();
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      std::ofstream out(std::string(argv[2]) + "/seed-" + std::to_string(i), std::ios::binary);
      out << seeds[i];
    }
    return 0;
  }
  if (argc == 1) {
    std::string input((std::istreambuf_iterator<char>(std::cin)), {});
    one(check, input);
    return 0;
  }
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    one(check, s.str());
  }
  return 0;
}

}  // namespace callwatch::fuzz
