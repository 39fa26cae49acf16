// InlineString, the storage of every id: the same behaviour as std::string on each side of
// the inline/heap boundary (23 bytes), with copies, moves and assignments between the two.
#include "domain/inline_string.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "domain/ids.h"
#include "domain/state.h"

namespace callwatch::testing {
namespace {

std::vector<std::string> samples() {
  std::vector<std::string> out;
  for (std::size_t n = 0; n <= 40; ++n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s.push_back(static_cast<char>('a' + (i * 7 + n) % 26));
    out.push_back(s);
  }
  out.push_back(std::string("with\0nul", 8));  // ids are bytes, not C strings
  return out;
}

TEST(InlineString, HoldsEveryLengthAndIsNulTerminated) {
  for (const std::string& s : samples()) {
    const InlineString x(s);
    EXPECT_EQ(x.view(), s);
    EXPECT_EQ(x.size(), s.size());
    EXPECT_EQ(x.empty(), s.empty());
    EXPECT_EQ(x.data()[s.size()], '\0') << s.size();
  }
  EXPECT_TRUE(InlineString().empty());
  EXPECT_EQ(InlineString().data()[0], '\0');
}

TEST(InlineString, CopiesMovesAndAssignmentsAcrossTheBoundary) {
  const auto all = samples();
  for (const std::string& a : all) {
    for (const std::string& b : all) {
      InlineString x(a);
      const InlineString y(b);
      x = y;  // copy-assign over whatever x held (inline or heap)
      ASSERT_EQ(x.view(), b);
      ASSERT_EQ(y.view(), b);
      InlineString z(a);
      InlineString w(b);
      z = std::move(w);
      ASSERT_EQ(z.view(), b);
      ASSERT_TRUE(w.empty());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
      ASSERT_EQ(w.data()[0], '\0');
    }
    InlineString self(a);
    InlineString& alias = self;
    self = alias;
    EXPECT_EQ(self.view(), a);
    InlineString moved_from(a);
    InlineString taken(std::move(moved_from));
    EXPECT_EQ(taken.view(), a);
    EXPECT_TRUE(moved_from.empty());  // NOLINT(bugprone-use-after-move)
    InlineString copy(taken);
    EXPECT_EQ(copy.view(), a);
    EXPECT_NE(copy.data(), taken.data());  // a copy owns its bytes, inline or not
  }
}

TEST(InlineString, EqualityAndOrderAgreeWithStdString) {
  auto all = samples();
  all.push_back("support-104233");
  all.push_back("support-104234");
  all.push_back(std::string(23, 'x'));
  all.push_back(std::string(24, 'x'));
  for (const std::string& a : all)
    for (const std::string& b : all) {
      ASSERT_EQ(InlineString(a) == InlineString(b), a == b) << a << " / " << b;
      ASSERT_EQ(ContactId{a} < ContactId{b}, a < b) << a << " / " << b;
    }
  // A moved-from (emptied) string equals a fresh empty one: empty is canonical.
  InlineString big(std::string(30, 'q'));
  InlineString sink(std::move(big));
  EXPECT_TRUE(big == InlineString());  // NOLINT(bugprone-use-after-move)
  InlineString small("abc");
  InlineString sink2(std::move(small));
  EXPECT_TRUE(small == InlineString());  // NOLINT(bugprone-use-after-move)
}

TEST(InlineString, IdsOfAllLengthsWorkAsHashKeys) {
  State state;
  for (const std::string& s : samples()) state.contacts[ContactId{s}].flow = FlowId{s};
  for (const std::string& s : samples()) {
    const ContactState* c = find(state, ContactId{s});
    ASSERT_NE(c, nullptr) << s;
    EXPECT_EQ(c->flow.view(), s);
  }
  EXPECT_EQ(state.contacts.size(), samples().size());
}

}  // namespace
}  // namespace callwatch::testing
