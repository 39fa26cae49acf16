// Properties over a random but deterministic day (workload.h):
//   - the read model agrees with the domain state on everything both know;
//   - permission answers agree with decide() for every supervisor and contact, live or finished;
//   - folding is deterministic, snapshots round-trip, and resuming from a snapshot gives
//     exactly what folding straight through gives;
//   - memory stays within budget: <= 2 KiB per user, <= 512 B per live contact.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "projections/permissions.h"
#include "projections/snapshot.h"
#include "projections/views.h"
#include "testing/day_workload.h"
#include "world.h"

namespace callwatch::projections::testing {
namespace {

std::set<std::string> names(const ReadModel& m, const std::vector<std::uint32_t>& slots) {
  std::set<std::string> out;
  for (std::uint32_t s : slots) out.insert(m.contact_slots()[s].id);
  return out;
}
std::set<std::string> names(const std::vector<ContactId>& ids) {
  std::set<std::string> out;
  for (const auto& c : ids) out.emplace(c.view());
  return out;
}

void expect_agrees_with_domain(const ReadModel& m, const State& s) {
  std::size_t live_in_domain = 0;
  for (const auto& [id, c] : s.contacts) {
    const std::uint32_t slot = m.find_contact(id.view());
    if (c.status == ContactStatus::Completed || c.status == ContactStatus::Abandoned) {
      EXPECT_EQ(slot, kNone) << id.view() << " finished but still live";
      continue;
    }
    ++live_in_domain;
    ASSERT_NE(slot, kNone) << id.view();
    const LiveContact& lc = m.contact_slots()[slot];
    EXPECT_EQ(lc.status, c.status) << id.view();
    EXPECT_EQ(lc.channel, c.channel);
    EXPECT_EQ(lc.recorded, c.recorded);
    EXPECT_EQ(lc.agent == kNone ? std::string() : m.user_ids().name(lc.agent), c.agent.view());
    ASSERT_EQ(lc.sessions.size(), c.sessions.size()) << id.view();
    for (std::size_t i = 0; i < c.sessions.size(); ++i) {
      EXPECT_EQ(m.user_ids().name(lc.sessions[i].supervisor), c.sessions[i].supervisor.view());
      EXPECT_EQ(lc.sessions[i].mode, c.sessions[i].mode);
      EXPECT_EQ(lc.sessions[i].message_mode, c.sessions[i].message_mode);
    }
  }
  EXPECT_EQ(m.live_contacts(), live_in_domain);
  for (const auto& [id, u] : s.users) {
    const std::uint32_t n = m.user_ids().find(id.view());
    ASSERT_NE(n, kNone) << id.view();
    const User& mu = m.users()[n];
    EXPECT_TRUE(mu.created);
    EXPECT_EQ(mu.ccp_open, u.ccp_open) << id.view();
    EXPECT_EQ(m.statuses().name(mu.status), u.status) << id.view();
    EXPECT_EQ(mu.permissions, u.permissions) << id.view();
    EXPECT_EQ(names(m, mu.contacts), names(u.contacts)) << id.view();
    EXPECT_EQ(names(m, mu.watching), names(u.watching)) << id.view();
  }
  // Queue lengths: the waiting lines hold exactly the queued contacts.
  std::uint32_t waiting = 0;
  for (const Queue& q : m.queues()) waiting += q.waiting;
  std::uint32_t queued = 0;
  for (const auto& [id, c] : s.contacts) queued += c.status == ContactStatus::Queued ? 1 : 0;
  EXPECT_EQ(waiting, queued);
}

struct Day {
  explicit Day(std::uint64_t seed, int steps, ModelOptions options = {}) : w(options) {
    testkit::DayWorkload<World> load(w, testkit::DayWorkloadOptions{12, 3, seed, 25});
    w.at(5);
    load.setup();
    for (int i = 0; i < steps; ++i) load.step();
  }
  World w;
};

TEST(Consistency, ReadModelAgreesWithDomainStateThroughoutTheDay) {
  World w;
  testkit::DayWorkload<World> load(w, testkit::DayWorkloadOptions{12, 3, 7, 25});
  w.at(5);
  load.setup();
  for (int i = 0; i < 4000; ++i) {
    load.step();
    if (i % 250 == 0) expect_agrees_with_domain(w.model(), w.state());
  }
  expect_agrees_with_domain(w.model(), w.state());
  EXPECT_GT(w.log().size(), 3000u);
  EXPECT_GT(load.contacts_started(), 300u);
}

TEST(Consistency, PermissionAnswersAgreeWithDecideOnARandomDay) {
  Day day(11, 3000);
  const World& w = day.w;
  std::size_t asked = 0, yes = 0;
  // In id order: the first 20,000 pairs are the same ones on every run.
  std::vector<UserId> users;
  std::vector<ContactId> contacts;
  for (const auto& [uid, u] : w.state().users) users.push_back(uid);
  for (const auto& [cid, c] : w.state().contacts) contacts.push_back(cid);
  std::sort(users.begin(), users.end());
  std::sort(contacts.begin(), contacts.end());
  for (const UserId& uid : users) {
    for (const ContactId& cid : contacts) {
      if (asked > 20000) break;
      std::optional<ContactState> finished;
      if (w.model().find_contact(cid.view()) == kNone) finished = fold_contact(cid.view(), w.stream(cid.view()));
      for (MonitorMode mode : {MonitorMode::Silent, MonitorMode::Barge}) {
        ++asked;
        const Decision d = decide(w.state(), Command{cmd::MonitorContact{cid, uid, mode}, w.now(), {}});
        const auto got = can_monitor(w.model(), uid, cid, mode, finished ? &*finished : nullptr);
        if (d) {
          ++yes;
          EXPECT_FALSE(got) << uid.view() << " " << cid.view() << ": " << got->reason;
        } else {
          ASSERT_TRUE(got) << uid.view() << " " << cid.view();
          EXPECT_EQ(got->reason, d.error().reason);
        }
      }
    }
  }
  EXPECT_GT(yes, 0u);
}

TEST(Consistency, FoldIsDeterministicAndSnapshotsRoundTrip) {
  Day day(3, 3000);
  const std::string live = encode_snapshot(day.w.model());
  EXPECT_EQ(encode_snapshot(fold(day.w.log())), live);
  ReadModel restored;
  auto ok = decode_snapshot(live, restored);
  ASSERT_TRUE(ok.has_value()) << ok.error();
  EXPECT_EQ(encode_snapshot(restored), live);
  EXPECT_EQ(restored.find_contact(day.w.model().contact_slots().empty() ? "" : "c-1"),
            day.w.model().find_contact("c-1"));
}

TEST(Consistency, ResumingFromASnapshotEqualsFoldingStraightThrough) {
  Day day(5, 4000);
  const auto& log = day.w.log();
  for (std::size_t cut : {std::size_t{1}, log.size() / 3, log.size() / 2, log.size() - 1}) {
    ReadModel head = fold(log, cut);
    ReadModel resumed;
    ASSERT_TRUE(decode_snapshot(encode_snapshot(head), resumed).has_value());
    for (const auto& pe : log)
      if (pe.position > cut) resumed.apply(pe.position, pe.event);
    EXPECT_EQ(encode_snapshot(resumed), encode_snapshot(day.w.model())) << "cut at " << cut;
  }
}

TEST(Consistency, DamagedSnapshotsAreErrorsNotCrashes) {
  Day day(9, 800);
  const std::string good = encode_snapshot(day.w.model());
  ReadModel m;
  for (std::size_t len = 0; len < good.size(); len += std::max<std::size_t>(1, good.size() / 300))
    EXPECT_FALSE(decode_snapshot(std::string_view(good).substr(0, len), m).has_value()) << len;
  std::uint64_t x = 12345;
  for (int i = 0; i < 2000; ++i) {
    std::string bad = good;
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    bad[(x >> 33) % bad.size()] ^= static_cast<char>(1 + (x >> 20) % 255);
    if (decode_snapshot(bad, m)) {
      // Accepted: then it must be usable. Views over it must not crash.
      (void)agents_view(m, m.clock(), true);
      (void)queues_view(m, m.clock());
      (void)conversations_view(m, m.clock());
    }
  }
  EXPECT_FALSE(decode_snapshot(good + "x", m).has_value());
}

TEST(Consistency, MemoryStaysWithinBudget) {
  World w;
  testkit::DayWorkload<World> load(w, testkit::DayWorkloadOptions{30, 5, 21, 60});
  w.at(5);
  load.setup();
  std::size_t peak_live = 0;
  for (int i = 0; i < 20000; ++i) {
    load.step();
    peak_live = std::max(peak_live, w.model().live_contacts());
  }
  const MemoryUsage u = w.model().memory_usage();
  ASSERT_GT(u.live_contacts, 0u);
  // Slots are sized by the peak number of live contacts; every byte of contact storage is
  // charged to that peak.
  EXPECT_LE(u.contact_bytes / std::max(peak_live, u.contact_slots), 512u)
      << u.contact_bytes << " bytes for " << u.contact_slots << " slots";
  EXPECT_LE(u.user_bytes / u.users, 2048u);
  // Nothing grows with history: thousands of contacts came and went.
  EXPECT_GT(load.contacts_started(), 10 * u.contact_slots);
}

}  // namespace
}  // namespace callwatch::projections::testing
