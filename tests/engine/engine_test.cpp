// The engine: genesis, decisions, durability across reopen, idempotent retries, group commit,
// determinism, and the in-memory mode giving the same answers.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "codec/event_codec.h"
#include "codec/json.h"
#include "engine/engine.h"
#include "engine/records.h"
#include "testing/state_text.h"
#include "testing/temp_dir.h"
#include "testing/workload.h"

namespace callwatch::engine {
namespace {

namespace es = eventstore;
using testkit::canonical_state;
using testkit::TempDir;
using testkit::Workload;
using ::testing::ElementsAre;


Timestamp at(int seconds) { return Timestamp{std::chrono::seconds{1'800'000'000 + seconds}}; }

EngineOptions opts(const std::optional<std::string>& dir) {
  EngineOptions o;
  o.data_dir = dir;
  o.store.durability = es::Durability::Wal;
  o.clock = [] { return at(0); };
  return o;
}

std::unique_ptr<Engine> open_engine(const std::optional<std::string>& dir) {
  auto e = Engine::open(opts(dir));
  EXPECT_TRUE(e) << (e ? "" : e.error().message);
  return e ? std::move(*e) : nullptr;
}

Command command(CommandBody body, std::string id = "", std::optional<Timestamp> when = at(1)) {
  return Command{std::move(body), when, std::move(id)};
}

const UserId kAdmin{"admin"};

TEST(Engine, NewStoreStartsWithGenesis) {
  TempDir dir;
  auto engine = open_engine(dir.path());
  EXPECT_EQ(engine->last_position(), instance_genesis(at(0)).size());
  EXPECT_NE(find(engine->state(), kAdmin), nullptr);
  auto first = engine->store()->read_event(1);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->event_id, "genesis#0");
  EXPECT_EQ((*first)->type, "SecurityProfileCreated");
  EXPECT_EQ((*first)->stream, "profile-Admin");
}

TEST(Engine, GenesisCanTakeTheFirstCommandsTime) {
  TempDir dir;
  auto o = opts(dir.path());
  o.genesis_at_first_command = true;
  o.clock = [] { return at(1000); };  // "today": must not stamp the genesis
  auto engine = Engine::open(o);
  ASSERT_TRUE(engine) << engine.error().message;
  EXPECT_EQ((*engine)->last_position(), 0u) << "nothing is written before the first command";
  EXPECT_NE(find((*engine)->state(), kAdmin), nullptr) << "a new instance is readable meanwhile";

  auto r = (*engine)->execute(command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "c1", at(5)));
  ASSERT_TRUE(r && *r);
  const auto genesis = instance_genesis(at(5)).size();
  EXPECT_EQ((*engine)->last_position(), genesis + 1);
  auto first = (*engine)->store()->read_event(1);
  ASSERT_TRUE(first && *first);
  EXPECT_EQ((*first)->event_id, "genesis#0");
  EXPECT_EQ((*engine)->state().clock, at(5));

  // Reopened, the store has its genesis: nothing is written again.
  engine->reset();
  auto again = Engine::open(o);
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->last_position(), genesis + 1);
  EXPECT_TRUE((*again)->state().queues.contains(QueueId{"q"}));
  EXPECT_EQ((*again)->state().clock, at(5)) << "the genesis was stamped with the clock";
}

TEST(Engine, AcceptedCommandsAreDurableAndRejectedOnesWriteNothing) {
  TempDir dir;
  std::string state_before_close;
  {
    auto engine = open_engine(dir.path());
    auto ok = engine->execute(command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "c1"));
    ASSERT_TRUE(ok);
    ASSERT_TRUE(*ok);
    ASSERT_EQ((*ok)->size(), 1u);
    auto pos = engine->last_position();
    auto rejected = engine->execute(command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "c2"));
    ASSERT_TRUE(rejected);
    ASSERT_FALSE(*rejected);
    EXPECT_EQ(rejected->error().code, RejectionCode::AlreadyExists);
    EXPECT_EQ(engine->last_position(), pos);
    auto e = engine->store()->read_event(pos);
    EXPECT_EQ((*e)->event_id, "c1#0");
    state_before_close = canonical_state(engine->state());
  }
  auto engine = open_engine(dir.path());
  EXPECT_EQ(canonical_state(engine->state()), state_before_close);
  EXPECT_EQ(engine->state().queues.count(QueueId{"q"}), 1u);
}

TEST(Engine, BatchCheckpointsLandWithTheEventsOrAlone) {
  TempDir dir;
  auto engine = open_engine(dir.path());
  std::vector<Command> batch{command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "c1")};
  std::vector<Outcome> results;
  std::string offset = "1";
  std::size_t rejected_seen = 0;
  auto with = [&](std::span<const Outcome> decided, es::AppendOptions& o) {
    o.checkpoints.push_back({"kafka/t/0", offset});
    for (const Outcome& d : decided)
      if (!d) o.aux.push_back({fmt::format("quarantine/{}", rejected_seen++), "rejected"});
  };
  ASSERT_TRUE(engine->execute_batch_into(batch, results, with));
  ASSERT_TRUE(results[0]);
  EXPECT_EQ(*engine->store()->get_checkpoint("kafka/t/0"), std::optional<std::string>("1"));
  // A batch that writes no event (a rejection, a retry) still moves the checkpoint.
  std::vector<Command> rejected{command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "c2"),
                                batch[0]};
  offset = "3";
  const auto before = engine->last_position();
  ASSERT_TRUE(engine->execute_batch_into(rejected, results, with));
  EXPECT_FALSE(results[0]);
  EXPECT_TRUE(results[1]);
  EXPECT_EQ(engine->last_position(), before);
  EXPECT_EQ(*engine->store()->get_checkpoint("kafka/t/0"), std::optional<std::string>("3"));
  EXPECT_EQ(*engine->store()->get_aux("quarantine/0"), std::optional<std::string>("rejected"));
  EXPECT_EQ(rejected_seen, 1u) << "the hook sees the outcomes, the retry's included";
}

TEST(Engine, RetryOfACommandIdReturnsTheOriginalEvents) {
  TempDir dir;
  Command create = command(cmd::CreateUser{kAdmin, UserId{"ann"}, {ProfileId{"Agent"}}, 3}, "make-ann");
  std::vector<Event> original;
  {
    auto engine = open_engine(dir.path());
    auto r = engine->execute(create);
    ASSERT_TRUE(r && *r);
    original = **r;
    auto pos = engine->last_position();
    auto again = engine->execute(create);  // would be ALREADY_EXISTS if decided again
    ASSERT_TRUE(again && *again);
    EXPECT_EQ(codec::to_json((**again)[0]), codec::to_json(original[0]));
    EXPECT_EQ(engine->last_position(), pos);
  }
  auto engine = open_engine(dir.path());  // and after a restart
  auto pos = engine->last_position();
  auto again = engine->execute(create);
  ASSERT_TRUE(again && *again);
  EXPECT_EQ(codec::to_json((**again)[0]), codec::to_json(original[0]));
  EXPECT_EQ(engine->last_position(), pos);
}

TEST(Engine, BatchDecidesInOrderAndCommitsOnce) {
  TempDir dir;
  auto engine = open_engine(dir.path());
  std::vector<Command> batch{
      command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "b1"),
      command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "b2"),  // sees b1
      command(cmd::PublishContactFlow{kAdmin, FlowId{"f"}, false}, "b3"),
      command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "b1"),  // same id as b1
  };
  auto before = engine->last_position();
  auto r = engine->execute_batch(batch);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 4u);
  EXPECT_TRUE((*r)[0]);
  ASSERT_FALSE((*r)[1]);
  EXPECT_EQ((*r)[1].error().code, RejectionCode::AlreadyExists);
  EXPECT_TRUE((*r)[2]);
  ASSERT_TRUE((*r)[3]);
  EXPECT_EQ(codec::to_json((*r)[3]->at(0)), codec::to_json((*r)[0]->at(0)));
  EXPECT_EQ(engine->last_position(), before + 2);
  auto log = engine->store()->read_all(before + 1, 10);
  std::vector<std::string> ids;
  for (auto& e : *log) ids.push_back(e.event_id);
  EXPECT_THAT(ids, ElementsAre("b1#0", "b3#0"));
}

// execute_batch_into reuses the outcomes of the previous batch: a slot that held events now
// holds a rejection and the other way round, retries of earlier batches (found with one
// batched id lookup) and repeats within a batch still answer with the original events.
TEST(Engine, BatchIntoReusedOutcomesAnswerAsFreshOnes) {
  TempDir dir;
  TempDir twin_dir;
  auto engine = open_engine(dir.path());
  auto twin = open_engine(twin_dir.path());  // answers every batch with execute_batch
  auto queue = [](const char* q) { return cmd::CreateQueue{kAdmin, QueueId{q}, Channel::Voice}; };
  const std::vector<std::vector<Command>> batches{
      {command(queue("q1"), "a1"), command(queue("q1"), "a2"), command(queue("q2"), "a3")},
      {command(queue("q2"), "b1"), command(queue("q3"), "b2"), command(queue("q1"), "a1"),
       command(queue("q3"), "b2"), command(queue("q4"))},
      {command(queue("q1"), "a3"), command(queue("q5"), "c1")},
  };
  std::vector<Outcome> results;
  for (const auto& batch : batches) {
    auto s = engine->execute_batch_into(batch, results);
    ASSERT_TRUE(s) << s.error().message;
    if (&batch == &batches[1]) {
      // b1 is refused (q2 exists); the retry of a1 and the repeat of b2 answer with events.
      ASSERT_FALSE(results[0]);
      EXPECT_EQ(results[0].error().code, RejectionCode::AlreadyExists);
      ASSERT_TRUE(results[2]);
      EXPECT_EQ(std::get<ev::QueueCreated>((*results[2])[0].body).queue, QueueId{"q1"});
      ASSERT_TRUE(results[3]);
      EXPECT_EQ(std::get<ev::QueueCreated>((*results[3])[0].body).queue, QueueId{"q3"});
    }
    auto expected = twin->execute_batch(batch);
    ASSERT_TRUE(expected);
    ASSERT_EQ(results.size(), batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      ASSERT_EQ(results[i].has_value(), (*expected)[i].has_value()) << batch[i].command_id;
      if (!results[i]) {
        EXPECT_EQ(results[i].error().code, (*expected)[i].error().code);
        continue;
      }
      ASSERT_EQ(results[i]->size(), (*expected)[i]->size());
      for (std::size_t n = 0; n < results[i]->size(); ++n)
        EXPECT_EQ(codec::to_json((*results[i])[n]), codec::to_json((*(*expected)[i])[n]));
    }
  }
  // The last batch: a3 is a retry (its original events: queue q2, not a new q1 refused).
  ASSERT_TRUE(results[0]);
  ASSERT_EQ(results[0]->size(), 1u);
  ASSERT_TRUE(std::holds_alternative<ev::QueueCreated>((*results[0])[0].body));
  EXPECT_EQ(std::get<ev::QueueCreated>((*results[0])[0].body).queue, QueueId{"q2"});
  EXPECT_TRUE(results[1]);
  EXPECT_EQ(engine->last_position(), twin->last_position());
  auto log = engine->store()->read_all(instance_genesis(at(0)).size() + 1, 20);
  std::vector<std::string> ids;
  for (auto& e : *log) ids.push_back(e.event_id.substr(0, 4));
  EXPECT_EQ(ids.size(), 5u);  // a1, a3, b2, the id-less q4, c1
  EXPECT_EQ(ids[0], "a1#0");
  EXPECT_EQ(ids[1], "a3#0");
  EXPECT_EQ(ids[2], "b2#0");
  EXPECT_EQ(ids[4], "c1#0");
}

TEST(Engine, UnstampedCommandsGetTheClock) {
  auto engine = open_engine(std::nullopt);
  auto r = engine->execute(command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Chat}, "", std::nullopt));
  ASSERT_TRUE(r && *r);
  EXPECT_EQ((**r)[0].at, at(0));
}

TEST(Engine, CommandsWithoutIdGetUniqueEventIds) {
  TempDir dir;
  auto engine = open_engine(dir.path());
  ASSERT_TRUE(engine->execute(command(cmd::CreateQueue{kAdmin, QueueId{"a"}, Channel::Chat})));
  ASSERT_TRUE(engine->execute(command(cmd::CreateQueue{kAdmin, QueueId{"b"}, Channel::Chat})));
  auto log = engine->store()->read_all(engine->last_position() - 1, 2);
  ASSERT_EQ(log->size(), 2u);
  EXPECT_NE((*log)[0].event_id, (*log)[1].event_id);
  EXPECT_EQ((*log)[0].event_id.size(), 34u);  // 32 hex digits + "#0"
}

// The workload through a durable engine and an in-memory one: the same outcomes and state;
// and two durable runs write byte-identical logs.
TEST(Engine, DeterministicAndSameInMemory) {
  TempDir dir1, dir2;
  auto d1 = open_engine(dir1.path());
  auto d2 = open_engine(dir2.path());
  auto mem = open_engine(std::nullopt);
  Workload w({.seed = 7, .agents = 10, .supervisors = 3});
  std::vector<Command> commands = w.setup();
  for (int i = 0; i < 400; ++i) commands.push_back(w.next());
  std::size_t accepted = 0;
  for (std::size_t b = 0; b < commands.size(); b += 16) {
    std::span<const Command> batch(commands.data() + b, std::min<std::size_t>(16, commands.size() - b));
    auto r1 = d1->execute_batch(batch);
    auto r2 = d2->execute_batch(batch);
    ASSERT_TRUE(r1 && r2);
    for (const Command& c : batch) {
      auto rm = mem->execute(c);
      ASSERT_TRUE(rm);
      std::size_t k = static_cast<std::size_t>(&c - batch.data());
      ASSERT_EQ(rm->has_value(), (*r1)[k].has_value());
      if (*rm) {
        ++accepted;
        EXPECT_EQ(codec::accepted_json(**rm), codec::accepted_json(*(*r1)[k]));
      }
    }
  }
  EXPECT_GT(accepted, commands.size() * 95 / 100) << "the workload should be plausible";
  EXPECT_EQ(canonical_state(d1->state()), canonical_state(mem->state()));
  EXPECT_EQ(d1->last_position(), mem->last_position());
  auto l1 = d1->store()->read_all(1, 1 << 20);
  auto l2 = d2->store()->read_all(1, 1 << 20);
  ASSERT_EQ(l1->size(), l2->size());
  for (std::size_t i = 0; i < l1->size(); ++i) {
    EXPECT_EQ((*l1)[i].event_id, (*l2)[i].event_id);
    EXPECT_EQ((*l1)[i].data, (*l2)[i].data);
  }
  EXPECT_TRUE(d1->store()->verify());
}

TEST(Engine, SubscribersSeeTheEnginesEvents) {
  TempDir dir;
  auto engine = open_engine(dir.path());
  auto sub = engine->store()->subscribe(engine->last_position());
  ASSERT_TRUE(engine->execute(command(cmd::CreateQueue{kAdmin, QueueId{"q"}, Channel::Voice}, "s1")));
  auto events = sub->next(10, std::chrono::seconds(5));
  ASSERT_TRUE(events);
  ASSERT_EQ(events->size(), 1u);
  auto envelope = codec::decode_event((*events)[0].data);
  ASSERT_TRUE(envelope);
  EXPECT_EQ(type_name(envelope->event.body), "QueueCreated");
  EXPECT_EQ(envelope->event_id, "s1#0");
}

TEST(Engine, UndecodableLogIsAClearError) {
  TempDir dir;
  {
    es::Options o;
    auto store = es::EventStore::open(dir.path(), o);
    ASSERT_TRUE(store);
    std::vector<es::NewEvent> e{{"x", "s", "Garbage", "not cap'n proto"}};
    ASSERT_TRUE((*store)->append("s", es::ExpectedVersion::any(), e));
  }
  auto engine = Engine::open(opts(dir.path()));
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code, es::StoreErrorCode::Corruption);
  EXPECT_THAT(engine.error().message, ::testing::HasSubstr("position 1"));
}

TEST(Engine, StoreErrorsSurfaceFromOpen) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/d");
  std::ofstream(dir.path() + "/d/file") << "x";
  auto engine = Engine::open(opts(dir.path() + "/d"));
  ASSERT_FALSE(engine);
  EXPECT_EQ(engine.error().code, es::StoreErrorCode::NotAStore);
}

}  // namespace
}  // namespace callwatch::engine
