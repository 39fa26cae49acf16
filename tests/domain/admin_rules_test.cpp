// Security profiles, users, instance attributes and routing configuration.
#include "tests/domain/world.h"

namespace callwatch::testing {
namespace {

const UserId kAdmin{"admin"};

TEST(Genesis, NewInstanceHasAdminWithEveryPermissionAndEnhancedMonitoringOn) {
  World w;
  const UserState* admin = find(w.state(), kAdmin);
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->permissions, PermissionSet::all());
  EXPECT_EQ(w.state().profiles.at(ProfileId{"CallCenterManager"}), kCallCenterManagerPermissions);
  EXPECT_EQ(w.state().profiles.at(ProfileId{"Agent"}), kAgentPermissions);
  EXPECT_TRUE(w.state().instance.enhanced_contact_monitoring);
  EXPECT_TRUE(w.state().instance.enhanced_chat_monitoring);
  EXPECT_EQ(w.state().users.size(), 1u);
}

TEST(Permissions, AmazonConnectApiNamesAreAliases) {
  EXPECT_EQ(parse_permission("ManagerListenIn"), Permission::RealTimeContactMonitoring);
  EXPECT_EQ(parse_permission("ManagerBargeIn"), Permission::RealTimeContactBargeIn);
  EXPECT_EQ(parse_permission("BasicAgentAccess"), Permission::AccessCcp);
  EXPECT_EQ(parse_permission("RealTimeContactMonitoring"), Permission::RealTimeContactMonitoring);
  EXPECT_EQ(parse_permission("Monitor"), std::nullopt);
  for (Permission p : all_permissions()) EXPECT_EQ(parse_permission(to_string(p)), p);
}

TEST(SecurityProfiles, CreatedByAnEditorRejectedOtherwiseAndNeverTwice) {
  World w;
  w.user("mgr", {"CallCenterManager"});
  const PermissionSet listen{Permission::RealTimeContactMonitoring};
  w.ok(cmd::CreateSecurityProfile{kAdmin, ProfileId{"Listener"}, listen});
  EXPECT_EQ(w.state().profiles.at(ProfileId{"Listener"}), listen);
  EXPECT_EQ(w.code(cmd::CreateSecurityProfile{UserId{"mgr"}, ProfileId{"X"}, listen}),
            RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(cmd::CreateSecurityProfile{kAdmin, ProfileId{"Listener"}, listen}),
            RejectionCode::AlreadyExists);
  EXPECT_EQ(w.code(cmd::CreateSecurityProfile{UserId{"ghost"}, ProfileId{"Y"}, listen}),
            RejectionCode::UnknownUser);
}

TEST(Users, EffectivePermissionsAreTheUnionOfProfiles) {
  World w;
  w.user("mgr", {"CallCenterManager", "Agent"});
  PermissionSet expected = kCallCenterManagerPermissions;
  expected |= kAgentPermissions;
  EXPECT_EQ(find(w.state(), UserId{"mgr"})->permissions, expected);
}

TEST(Users, CreateUserChecksReferencesThenPermissionThenUniqueness) {
  World w;
  w.user("agent", {"Agent"});
  w.user("mgr", {"CallCenterManager"});
  const std::vector<ProfileId> agent{ProfileId{"Agent"}};
  EXPECT_EQ(w.code(cmd::CreateUser{UserId{"agent"}, UserId{"x"}, agent}), RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(cmd::CreateUser{kAdmin, UserId{"x"}, {ProfileId{"Nope"}}}), RejectionCode::UnknownProfile);
  // Unknown references are reported before a missing permission.
  EXPECT_EQ(w.code(cmd::CreateUser{UserId{"agent"}, UserId{"x"}, {ProfileId{"Nope"}}}),
            RejectionCode::UnknownProfile);
  EXPECT_EQ(w.code(cmd::CreateUser{kAdmin, UserId{"agent"}, agent}), RejectionCode::AlreadyExists);
  w.ok(cmd::CreateUser{UserId{"mgr"}, UserId{"y"}, agent});  // ManageUsers is enough
}

TEST(Users, AssignSecurityProfilesReplacesTheSet) {
  World w;
  w.user("u", {"Agent"});
  w.ok(cmd::AssignSecurityProfiles{kAdmin, UserId{"u"}, {ProfileId{"CallCenterManager"}}});
  EXPECT_EQ(find(w.state(), UserId{"u"})->permissions, kCallCenterManagerPermissions);
  EXPECT_EQ(w.code(cmd::AssignSecurityProfiles{kAdmin, UserId{"nobody"}, {ProfileId{"Agent"}}}),
            RejectionCode::UnknownUser);
  w.user("plain", {"Agent"});
  EXPECT_EQ(w.code(cmd::AssignSecurityProfiles{UserId{"plain"}, UserId{"plain"}, {ProfileId{"Admin"}}}),
            RejectionCode::PermissionDenied);
}

TEST(Instance, AttributesNeedEditInstance) {
  World w;
  w.user("mgr", {"CallCenterManager"});
  EXPECT_EQ(w.code(cmd::SetInstanceAttribute{UserId{"mgr"}, InstanceAttribute::EnhancedContactMonitoring, 0}),
            RejectionCode::PermissionDenied);
  w.attribute(InstanceAttribute::EnhancedContactMonitoring, 0);
  w.attribute(InstanceAttribute::MaxSupervisorsPerContact, 4);
  EXPECT_FALSE(w.state().instance.enhanced_contact_monitoring);
  EXPECT_EQ(w.state().instance.max_supervisors_per_contact, 4);
  w.attribute(InstanceAttribute::MaxSupervisorsPerContact, std::nullopt);
  EXPECT_EQ(w.state().instance.max_supervisors_per_contact, std::nullopt);
}

TEST(Routing, QueuesAndFlowsNeedManageRouting) {
  World w;
  w.user("mgr", {"CallCenterManager"});
  EXPECT_EQ(w.code(cmd::CreateQueue{UserId{"mgr"}, QueueId{"q"}, Channel::Voice}),
            RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(cmd::PublishContactFlow{UserId{"mgr"}, FlowId{"f"}, true}),
            RejectionCode::PermissionDenied);
  w.ok(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice});
  EXPECT_EQ(w.code(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Chat}), RejectionCode::AlreadyExists);
  w.ok(cmd::PublishContactFlow{kAdmin, FlowId{"f"}, true});
  w.ok(cmd::PublishContactFlow{kAdmin, FlowId{"f"}, false});  // a new version replaces it
  EXPECT_FALSE(w.state().flows.at(FlowId{"f"}).recording);
}

TEST(Ccp, OpeningNeedsAccessCcpAndStatusNeedsAnOpenCcp) {
  World w;
  w.user("mgr-only", {"CallCenterManager"});
  w.user("a", {"Agent"});
  EXPECT_EQ(w.code(cmd::OpenCcp{UserId{"mgr-only"}}), RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(cmd::SetAgentStatus{UserId{"a"}, "Available"}), RejectionCode::CcpNotOpen);
  w.ok(cmd::OpenCcp{UserId{"a"}});
  EXPECT_EQ(find(w.state(), UserId{"a"})->status, "Offline");
  EXPECT_EQ(w.code(cmd::OpenCcp{UserId{"a"}}), RejectionCode::InvalidTransition);
  w.ok(cmd::SetAgentStatus{UserId{"a"}, "Break"});
  EXPECT_EQ(find(w.state(), UserId{"a"})->status, "Break");
  w.ok(cmd::CloseCcp{UserId{"a"}});
  EXPECT_EQ(w.code(cmd::CloseCcp{UserId{"a"}}), RejectionCode::InvalidTransition);
}

}  // namespace
}  // namespace callwatch::testing
