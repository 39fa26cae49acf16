// Permissions read model: rows, and "may U monitor / barge C now" against decide() itself
// over every combination of profiles, user situation, contact state, sessions already on the
// contact, instance attributes and mode.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>

#include "projections/permissions.h"
#include "world.h"

namespace callwatch::projections::testing {
namespace {

TEST(PermissionsRows, EffectivePermissionsAndTheirSources) {
  World w;
  w.at(1).ok(cmd::CreateSecurityProfile{UserId{"admin"}, ProfileId{"Listener"},
                                        {Permission::AccessCcp, Permission::RealTimeContactMonitoring}});
  w.user("mgr", {"CallCenterManager", "Agent", "Listener"});
  w.user("ann", {"Agent"});
  auto rows = user_permissions(w.model());
  ASSERT_EQ(rows.size(), 3u);  // admin, ann, mgr
  EXPECT_EQ(rows[0].user, "admin");
  EXPECT_EQ(rows[0].permissions, PermissionSet::all());
  const UserPermissionsRow& mgr = rows[2];
  EXPECT_EQ(mgr.user, "mgr");
  EXPECT_EQ(mgr.profiles, (std::vector<std::string>{"CallCenterManager", "Agent", "Listener"}));
  PermissionSet expected = kCallCenterManagerPermissions;
  expected |= kAgentPermissions;
  EXPECT_EQ(mgr.permissions, expected);
  for (const auto& src : mgr.sources) {
    if (src.permission == Permission::RealTimeContactMonitoring) {
      EXPECT_EQ(src.profiles, (std::vector<std::string>{"CallCenterManager", "Listener"}));
    }
    if (src.permission == Permission::AccessCcp) {
      EXPECT_EQ(src.profiles, (std::vector<std::string>{"Agent", "Listener"}));
    }
    if (src.permission == Permission::ManageUsers) {
      EXPECT_EQ(src.profiles, (std::vector<std::string>{"CallCenterManager"}));
    }
  }
  EXPECT_EQ(mgr.sources.size(), 8u);

  auto holders = permission_holders(w.model());
  ASSERT_EQ(holders.size(), static_cast<std::size_t>(kPermissionCount));
  for (const auto& h : holders) {
    if (h.permission == Permission::AccessCcp) {
      EXPECT_EQ(h.users, (std::vector<std::string>{"admin", "ann", "mgr"}));
    }
    if (h.permission == Permission::RealTimeContactBargeIn) {
      EXPECT_EQ(h.users, (std::vector<std::string>{"admin", "mgr"}));
    }
    if (h.permission == Permission::EditInstance) {
      EXPECT_EQ(h.users, (std::vector<std::string>{"admin"}));
    }
  }

  // Reassignment replaces the profiles and their permissions.
  w.ok(cmd::AssignSecurityProfiles{UserId{"admin"}, UserId{"mgr"}, {ProfileId{"Agent"}}});
  EXPECT_EQ(user_permissions(w.model())[2].permissions, kAgentPermissions);
}

// ---- the exhaustive comparison with decide() ---------------------------------------------

enum class Final { Queued, Connected, OnHold, AfterWork, Completed, Abandoned };
enum class Existing { None, OneSilent, OneBarge, SilentAndBarge };
enum class Attributes { Default, NoEnhanced, MaxOnePerContact, MaxTwoBarged };

struct Scenario {
  Channel channel;
  Final final;
  bool recorded;
  Existing existing;
  Attributes attributes;
};

const std::vector<std::vector<std::string>> kProfileSets = {
    {"Agent"}, {"CallCenterManager"}, {"CallCenterManager", "Agent"}, {"Admin"}, {"Listener"}, {"BargeOnly"}};
enum class Situation { CcpClosed, Offline, Available, Break, OnAnotherCall, ChatsFull };
const Situation kSituations[] = {Situation::CcpClosed, Situation::Offline,        Situation::Available,
                                 Situation::Break,     Situation::OnAnotherCall, Situation::ChatsFull};

// Built with fmt, not "u" + std::to_string(...): at -O3 GCC 12 inlines that operator+ and
// reports a false -Wrestrict inside libstdc++ (GCC bug 105329).
std::string user_name(std::size_t profile_set, Situation s) {
  return fmt::format("u{}-{}", profile_set, static_cast<int>(s));
}

// Builds the world of a scenario: the target contact "t" (agent "a1"), other contacts that
// users may already watch, and one test user per profile set and situation.
void build(World& w, const Scenario& sc) {
  w.at(1).routing();
  w.ok(cmd::CreateSecurityProfile{UserId{"admin"}, ProfileId{"Listener"},
                                  {Permission::AccessCcp, Permission::RealTimeContactMonitoring}});
  w.ok(cmd::CreateSecurityProfile{UserId{"admin"}, ProfileId{"BargeOnly"},
                                  {Permission::AccessCcp, Permission::RealTimeContactBargeIn}});
  w.at(2);
  w.user("a1", {"CallCenterManager", "Agent"});
  w.open("a1");
  w.status("a1", "Available");
  w.agent("oa1");
  w.agent("oa2");
  w.supervisor("s1");
  w.supervisor("s2");
  // Other conversations some users already watch.
  w.at(3).start("o-call", Channel::Voice);
  w.connect("o-call", "oa1");
  w.start("o-chat", Channel::Chat);
  w.connect("o-chat", "oa2");
  for (std::size_t p = 0; p < kProfileSets.size(); ++p) {
    for (Situation s : kSituations) {
      const std::string u = user_name(p, s);
      w.user(u, kProfileSets[p], s == Situation::ChatsFull ? 1 : 3);
      if (s == Situation::CcpClosed) continue;
      (void)w.run(cmd::OpenCcp{UserId{u}});  // rejected without AccessCcp
      if (s == Situation::Offline) continue;
      (void)w.run(cmd::SetAgentStatus{UserId{u}, s == Situation::Break ? "Break" : "Available"});
      if (s == Situation::OnAnotherCall) (void)w.run(cmd::MonitorContact{ContactId{"o-call"}, UserId{u}});
      if (s == Situation::ChatsFull) (void)w.run(cmd::MonitorContact{ContactId{"o-chat"}, UserId{u}});
    }
  }
  // The target.
  w.at(10).start("t", sc.channel, sc.recorded ? "recorded" : "unrecorded");
  if (sc.final == Final::Abandoned) {
    w.ok(cmd::AbandonContact{ContactId{"t"}});
  } else if (sc.final != Final::Queued) {
    w.at(11).connect("t", "a1");
    auto sessions = [&] {
      if (sc.existing == Existing::OneSilent || sc.existing == Existing::SilentAndBarge)
        (void)w.run(cmd::MonitorContact{ContactId{"t"}, UserId{"s1"}, MonitorMode::Silent});
      if (sc.existing == Existing::OneBarge)
        (void)w.run(cmd::MonitorContact{ContactId{"t"}, UserId{"s1"}, MonitorMode::Barge});
      if (sc.existing == Existing::SilentAndBarge)
        (void)w.run(cmd::MonitorContact{ContactId{"t"}, UserId{"s2"}, MonitorMode::Barge});
    };
    w.at(12);
    sessions();
    if (sc.final == Final::OnHold) w.ok(cmd::HoldContact{ContactId{"t"}, UserId{"a1"}});
    if (sc.final == Final::AfterWork || sc.final == Final::Completed) {
      w.at(13).end("t", "a1");
      sessions();  // chats can be read during wrap-up
    }
    if (sc.final == Final::Completed) w.at(14).wrap_up("t", "a1");
  }
  w.at(20);
  switch (sc.attributes) {
    case Attributes::Default: break;
    case Attributes::NoEnhanced:
      w.ok(cmd::SetInstanceAttribute{UserId{"admin"}, InstanceAttribute::EnhancedContactMonitoring, 0});
      w.ok(cmd::SetInstanceAttribute{UserId{"admin"}, InstanceAttribute::EnhancedChatMonitoring, 0});
      break;
    case Attributes::MaxOnePerContact:
      w.ok(cmd::SetInstanceAttribute{UserId{"admin"}, InstanceAttribute::MaxSupervisorsPerContact, 1});
      break;
    case Attributes::MaxTwoBarged:
      w.ok(cmd::SetInstanceAttribute{UserId{"admin"}, InstanceAttribute::MaxSupervisorsBarged, 2});
      break;
  }
}

TEST(PermissionsCanMonitor, AgreesWithDecideOnEveryCombination) {
  std::set<RejectionCode> seen;
  std::size_t yes = 0, questions = 0;
  for (Channel ch : {Channel::Voice, Channel::Chat})
    for (Final f : {Final::Queued, Final::Connected, Final::OnHold, Final::AfterWork, Final::Completed,
                    Final::Abandoned})
      for (bool recorded : {true, false})
        for (Existing ex : {Existing::None, Existing::OneSilent, Existing::OneBarge, Existing::SilentAndBarge})
          for (Attributes at : {Attributes::Default, Attributes::NoEnhanced, Attributes::MaxOnePerContact,
                                Attributes::MaxTwoBarged}) {
            if (f == Final::OnHold && ch == Channel::Chat) continue;
            const bool sessions_possible =
                recorded && f != Final::Queued && f != Final::Abandoned;
            if (!sessions_possible && ex != Existing::None) continue;
            const Scenario sc{ch, f, recorded, ex, at};
            World w;
            build(w, sc);
            const auto history = w.stream("t");
            const auto finished = fold_contact("t", history);
            std::vector<std::string> users = {"a1", "s1", "s2", "ghost"};
            for (std::size_t p = 0; p < kProfileSets.size(); ++p)
              for (Situation s : kSituations) users.push_back(user_name(p, s));
            for (const std::string contact : {"t", "nope"})
              for (const auto& u : users)
                for (MonitorMode mode : {MonitorMode::Silent, MonitorMode::Barge}) {
                  ++questions;
                  const Decision expected = decide(
                      w.state(), Command{cmd::MonitorContact{ContactId{contact}, UserId{u}, mode}, w.now(), {}});
                  const auto got = can_monitor(w.model(), UserId{u}, ContactId{contact}, mode,
                                               (finished && contact == "t") ? &*finished : nullptr);
                  const std::string where = fmt::format(
                      "channel {} final {} recorded {} existing {} attributes {} user {} contact {} mode {}",
                      to_string(ch), static_cast<int>(f), recorded, static_cast<int>(ex),
                      static_cast<int>(at), u, contact, to_string(mode));
                  if (expected) {
                    EXPECT_FALSE(got) << where << ": decide accepts, read model says "
                                      << to_string(got->code) << " " << got->reason;
                    ++yes;
                  } else {
                    ASSERT_TRUE(got) << where << ": decide says " << to_string(expected.error().code)
                                     << ", read model says yes";
                    EXPECT_EQ(to_string(got->code), to_string(expected.error().code)) << where;
                    EXPECT_EQ(got->reason, expected.error().reason) << where;
                    seen.insert(got->code);
                  }
                }
          }
  // The comparison is only as good as its coverage: every rule of the table was exercised.
  for (RejectionCode c : {RejectionCode::UnknownContact, RejectionCode::UnknownUser,
                          RejectionCode::PermissionDenied, RejectionCode::CcpNotOpen,
                          RejectionCode::RecordingDisabled, RejectionCode::EnhancedMonitoringDisabled,
                          RejectionCode::ContactNotActive, RejectionCode::OwnContact,
                          RejectionCode::MonitorLimitReached, RejectionCode::BargeLimitReached,
                          RejectionCode::AlreadyMonitoring})
    EXPECT_TRUE(seen.contains(c)) << "never produced " << to_string(c);
  EXPECT_GT(yes, 100u);
  EXPECT_GT(questions, 20'000u);
}

TEST(PermissionsCanMonitor, FinishedContactWithoutHistoryIsUnknown) {
  World w;
  w.at(1).routing();
  w.supervisor("sup");
  w.agent("a1");
  w.at(2).start("t", Channel::Voice);
  w.connect("t", "a1");
  w.end("t", "a1");
  w.wrap_up("t", "a1");
  auto no = can_monitor(w.model(), UserId{"sup"}, ContactId{"t"}, MonitorMode::Silent);
  ASSERT_TRUE(no);
  EXPECT_EQ(no->code, RejectionCode::UnknownContact);
  const auto finished = fold_contact("t", w.stream("t"));
  ASSERT_TRUE(finished);
  auto with_history = can_monitor(w.model(), UserId{"sup"}, ContactId{"t"}, MonitorMode::Silent, &*finished);
  ASSERT_TRUE(with_history);
  EXPECT_EQ(with_history->code, RejectionCode::ContactNotActive);
}

}  // namespace
}  // namespace callwatch::projections::testing
