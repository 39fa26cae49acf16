// Past conversations: ContactIndex lists finished contacts by agent, queue, time and
// supervisor, newest first, as of a position, with its stable JSON form.
#include <gtest/gtest.h>

#include "projections/contact_search.h"
#include "world.h"

namespace callwatch::projections::testing {
namespace {

class ContactSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    w.at(1).routing();
    w.at(2).agent("alice");
    w.at(3).agent("bob");
    w.at(4).supervisor("sup");
    w.at(10).start("c1", Channel::Voice);
    w.at(11).connect("c1", "alice");
    w.at(12).monitor("c1", "sup");
    w.at(20).end("c1", "alice");
    w.at(21).wrap_up("c1", "alice");
    c1_done = w.last_position();
    w.at(30).start("c2", Channel::Chat, "unrecorded");
    w.at(31).connect("c2", "bob");
    w.at(40).end_by_customer("c2");
    w.at(41).wrap_up("c2", "bob");
    w.at(50).start("c3", Channel::Voice);
    w.at(51).ok(cmd::AbandonContact{ContactId{"c3"}});
    w.at(60).start("c4", Channel::Voice);  // still live: not searchable
    w.at(61).connect("c4", "alice");
    for (const auto& pe : w.log()) index.apply(pe.position, pe.event);
  }
  std::vector<std::string> ids(const ContactQuery& q) const {
    std::vector<std::string> out;
    for (const auto& c : index.search(q).contacts) out.push_back(c.contact);
    return out;
  }
  World w;
  ContactIndex index;
  Position c1_done = 0;
};

using Ids = std::vector<std::string>;

TEST_F(ContactSearch, FiltersAndOrder) {
  EXPECT_EQ(index.finished(), 3u);
  EXPECT_EQ(index.position(), w.last_position());
  EXPECT_EQ(ids({}), (Ids{"c3", "c2", "c1"}));
  ContactQuery q;
  q.agent = "alice";
  EXPECT_EQ(ids(q), Ids{"c1"});
  q = {};
  q.queue = "chat-q";
  EXPECT_EQ(ids(q), Ids{"c2"});
  q = {};
  q.monitored_by = "sup";
  EXPECT_EQ(ids(q), Ids{"c1"});
  q = {};
  q.from = at_s(30);
  q.to = at_s(50);
  EXPECT_EQ(ids(q), Ids{"c2"});  // initiated in [30 s, 50 s)
  q = {};
  q.as_of = c1_done;
  EXPECT_EQ(ids(q), Ids{"c1"});
  q.as_of = c1_done - 1;
  EXPECT_TRUE(ids(q).empty());
  q = {};
  q.limit = 2;
  auto r = index.search(q);
  EXPECT_EQ(r.contacts.size(), 2u);
  EXPECT_TRUE(r.truncated);
  q.agent = "nobody";
  EXPECT_TRUE(ids(q).empty());
}

TEST_F(ContactSearch, SummaryAndJson) {
  ContactQuery q;
  q.agent = "alice";
  auto r = index.search(q);
  ASSERT_EQ(r.contacts.size(), 1u);
  const ContactSummary& c = r.contacts[0];
  EXPECT_EQ(c.status, ContactStatus::Completed);
  EXPECT_TRUE(c.recorded);
  EXPECT_EQ(c.queue, "voice-q");
  EXPECT_EQ(c.initiated_at, at_s(10));
  EXPECT_EQ(c.connected_at, at_s(11));
  EXPECT_EQ(c.ended_at, at_s(20));
  EXPECT_EQ(c.finished_at, at_s(21));
  EXPECT_EQ(c.finished_position, c1_done);

  const ViewPoint v{w.last_position(), w.last_position(), w.now()};
  const auto j = contacts_json(v, index.search({}));
  EXPECT_EQ(j["asOf"]["position"], w.last_position());
  EXPECT_FALSE(j["truncated"].get<bool>());
  ASSERT_EQ(j["contacts"].size(), 3u);
  const auto& abandoned = j["contacts"][0];
  EXPECT_EQ(abandoned["contact"], "c3");
  EXPECT_EQ(abandoned["status"], "ABANDONED");
  EXPECT_TRUE(abandoned["agent"].is_null());
  EXPECT_TRUE(abandoned["connectedAt"].is_null());
  const auto& first = j["contacts"][2];
  EXPECT_EQ(first["agent"], "alice");
  EXPECT_EQ(first["monitoredBy"], nlohmann::json::array({"sup"}));
  EXPECT_EQ(first["channel"], "VOICE");
  EXPECT_EQ(first["recorded"], true);
  EXPECT_EQ(first["finishedPosition"], c1_done);
}

}  // namespace
}  // namespace callwatch::projections::testing
