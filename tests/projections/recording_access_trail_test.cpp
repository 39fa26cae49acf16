// The audit trail shows searches, listens and downloads of recordings with the sessions
// (RecordingAccessed), with the same filters and "as of".
#include <gtest/gtest.h>

#include "projections/json.h"
#include "projections/text.h"
#include "world.h"

namespace callwatch::projections::testing {
namespace {

std::vector<AccessRecord> accesses(const MapSink& sink, SessionFilter filter = {}) {
  SessionAssembler a(std::move(filter));
  for (const auto& [k, v] : sink.kv) {
    auto ok = a.add(k, v);
    EXPECT_TRUE(ok.has_value()) << (ok ? "" : ok.error());
  }
  (void)a.finish();
  return a.take_accesses();
}

TEST(RecordingAccessTrail, SearchesListensAndDownloadsAreInTheTrail) {
  World w;
  w.at(1).routing();
  w.at(2).agent("alice");
  w.at(3).supervisor("sup");
  w.at(4).supervisor("boss");
  w.at(10).start("c1", Channel::Voice);
  w.at(11).connect("c1", "alice");
  w.at(12).monitor("c1", "sup");
  w.at(20).end("c1", "alice");
  w.at(21).wrap_up("c1", "alice");
  w.at(30).ok(cmd::AccessRecording{UserId{"sup"}, RecordingAccess::Search, ContactId{}, "alice"});
  const Position searched = w.last_position();
  w.at(31).ok(cmd::AccessRecording{UserId{"sup"}, RecordingAccess::Listen, ContactId{"c1"}, ""});
  w.at(32).ok(cmd::AccessRecording{UserId{"boss"}, RecordingAccess::Download, ContactId{"c1"}, ""});

  auto all = accesses(w.sessions_sink());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].position, searched);
  EXPECT_EQ(all[0].at, at_s(30));
  EXPECT_EQ(all[0].by, "sup");
  EXPECT_EQ(all[0].access, RecordingAccess::Search);
  EXPECT_EQ(all[0].search, "alice");
  EXPECT_EQ(all[0].contact, "");
  EXPECT_EQ(all[2].access, RecordingAccess::Download);
  EXPECT_EQ(all[2].contact, "c1");
  EXPECT_EQ(read_sessions(w.sessions_sink()).size(), 1u);  // the session is still there

  SessionFilter by_boss;
  by_boss.supervisor = "boss";
  EXPECT_EQ(accesses(w.sessions_sink(), by_boss).size(), 1u);
  SessionFilter of_c1;
  of_c1.contact = "c1";
  EXPECT_EQ(accesses(w.sessions_sink(), of_c1).size(), 2u);
  SessionFilter then;
  then.as_of = searched;
  EXPECT_EQ(accesses(w.sessions_sink(), then).size(), 1u);
  SessionFilter open;
  open.open_only = true;
  EXPECT_TRUE(accesses(w.sessions_sink(), open).empty());

  const ViewPoint v{w.last_position(), w.last_position(), w.now()};
  auto sessions = read_sessions(w.sessions_sink());
  const auto j = sessions_json(v, sessions, all);
  ASSERT_EQ(j["recordingAccesses"].size(), 3u);
  EXPECT_EQ(j["recordingAccesses"][0]["access"], "SEARCH");
  EXPECT_EQ(j["recordingAccesses"][0]["search"], "alice");
  EXPECT_TRUE(j["recordingAccesses"][0]["contact"].is_null());
  EXPECT_EQ(j["recordingAccesses"][2]["by"], "boss");
  EXPECT_TRUE(j["recordingAccesses"][2]["search"].is_null());
  const std::string text = render_sessions(v, sessions, all);
  EXPECT_NE(text.find("recording access"), std::string::npos) << text;
  EXPECT_NE(text.find("DOWNLOAD"), std::string::npos) << text;
}

}  // namespace
}  // namespace callwatch::projections::testing
