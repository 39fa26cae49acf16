// AccessRecording: who may search, listen to and download recorded conversations, and the
// RecordingAccessed fact it leaves (docs/rules.md).
#include "tests/domain/world.h"

namespace callwatch::testing {
namespace {

cmd::AccessRecording access(const std::string& by, RecordingAccess kind, const std::string& contact,
                            std::string search = {}) {
  return cmd::AccessRecording{UserId{by}, kind, ContactId{contact}, std::move(search)};
}

TEST(RecordingAccess, NeedsAccessToSearchOrListenAndDownloadToDownload) {
  World w;
  w.routing();
  w.agent("alice");
  w.supervisor("sup");
  const PermissionSet listen_only{Permission::RecordedConversationsAccess};
  w.ok(cmd::CreateSecurityProfile{UserId{"admin"}, ProfileId{"Listener"}, listen_only});
  w.user("lis", {"Listener"});
  w.connected("c-1", Channel::Voice, "alice");

  EXPECT_EQ(w.code(access("alice", RecordingAccess::Search, "", "x")),
            RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(access("alice", RecordingAccess::Listen, "c-1")),
            RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(access("lis", RecordingAccess::Download, "c-1")),
            RejectionCode::PermissionDenied);
  EXPECT_EQ(w.code(access("ghost", RecordingAccess::Listen, "c-1")), RejectionCode::UnknownUser);

  auto searched = w.ok(access("lis", RecordingAccess::Search, "", "+1 555"));
  ASSERT_EQ(searched.size(), 1u);
  EXPECT_EQ(searched[0].body,
            EventBody(ev::RecordingAccessed{UserId{"lis"}, RecordingAccess::Search, ContactId{},
                                            "+1 555"}));
  EXPECT_EQ(stream_of(searched[0].body), "user-lis");

  auto listened = w.ok(access("lis", RecordingAccess::Listen, "c-1"));
  ASSERT_EQ(listened.size(), 1u);
  EXPECT_EQ(stream_of(listened[0].body), "contact-c-1");
  auto downloaded = w.ok(access("sup", RecordingAccess::Download, "c-1"));
  ASSERT_EQ(downloaded.size(), 1u);
  EXPECT_EQ(std::get<ev::RecordingAccessed>(downloaded[0].body).access, RecordingAccess::Download);
}

TEST(RecordingAccess, ListenNeedsARecordedKnownContactAndSearchNoContact) {
  World w;
  w.routing();
  w.agent("alice");
  w.supervisor("sup");
  w.connected("c-2", Channel::Voice, "alice", "unrecorded");
  EXPECT_EQ(w.code(access("sup", RecordingAccess::Listen, "c-2")),
            RejectionCode::RecordingDisabled);
  EXPECT_EQ(w.code(access("sup", RecordingAccess::Listen, "nope")), RejectionCode::UnknownContact);
  EXPECT_EQ(w.code(access("sup", RecordingAccess::Download, "")), RejectionCode::InvalidCommand);
  EXPECT_EQ(w.code(access("sup", RecordingAccess::Search, "c-2", "x")),
            RejectionCode::InvalidCommand);
}

}  // namespace
}  // namespace callwatch::testing
