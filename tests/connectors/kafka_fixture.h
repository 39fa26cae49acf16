// What the connector tests share: a temporary directory, a mock cluster in this process, a
// producer and a reader of whole topics, and the callwatch binary run or spawned as a child.
#pragma once

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "connectors/kafka_client.h"
#include "connectors/mock_broker.h"
#include "connectors/producer.h"
#include "testing/temp_dir.h"
#include "tests/app/run_process.h"

namespace callwatch::connectors::kafka_test {

using TempDir = ::callwatch::testkit::TempDir;
using ::callwatch::testing::ProcessResult;
using ::callwatch::testing::slurp;

// Small fetch waits: the mock answers an empty fetch only after fetch.wait.max.ms.
inline std::string test_kafka_config(const std::string& dir) {
  const std::string path = dir + "/kafka.conf";
  std::ofstream(path) << "# tests: the mock broker answers empty fetches after this wait\n"
                         "fetch.wait.max.ms = 10\nsession.timeout.ms=6000\n";
  return path;
}

// `args` goes through the shell (fixed arguments only). Bounded by `timeout 60`.
inline ProcessResult run_callwatch(const std::string& args, const std::string& stdin_text = "") {
  return ::callwatch::testing::run_callwatch(args, stdin_text, "timeout 60");
}

inline ProcessResult run_shell(const std::string& cmd) {
  static int counter = 0;
  const std::string base = ::testing::TempDir() + "/cw-kafka-sh-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter++);
  const int status = std::system(("timeout 60 " + cmd + " >" + base + ".out 2>" + base + ".err").c_str());
  ProcessResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  return r;
}

// A callwatch child with its stdout on a pipe (for the first line) and stderr to a file.
class Child {
 public:
  // stderr goes to `err_path` (for the failure message), or nowhere.
  explicit Child(const std::vector<std::string>& args, const std::string& err_path = "/dev/null") {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      int devnull = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(devnull, STDERR_FILENO);
      ::close(fds[0]);
      std::vector<char*> argv{const_cast<char*>(CALLWATCH_BIN)};
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      ::execv(CALLWATCH_BIN, argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
  }
  ~Child() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      (void)wait();
    }
    if (out_ >= 0) ::close(out_);
  }
  [[nodiscard]] std::string first_line() {
    std::string line;
    char c;
    while (::read(out_, &c, 1) == 1 && c != '\n') line.push_back(c);
    return line;
  }
  void signal(int sig) const { ::kill(pid_, sig); }
  // The raw wait status.
  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    reaped_ = true;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int out_ = -1;
  bool reaped_ = false;
};

struct Record {
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string key, value;
  std::map<std::string, std::string> headers;
};

// Every record of the topic, partition by partition, read to the end (no group).
inline std::vector<Record> read_topic(const std::string& brokers, const std::string& topic) {
  std::vector<Record> out;
  const KafkaSetting required[] = {{"bootstrap.servers", brokers}, {"group.id", "test-reader"},
                                   {"enable.partition.eof", "true"}, {"fetch.wait.max.ms", "10"},
                                   {"enable.auto.commit", "false"}};
  auto conf = make_conf({}, {}, required);
  EXPECT_TRUE(conf);
  auto client = make_client(RD_KAFKA_CONSUMER, std::move(*conf));
  EXPECT_TRUE(client) << client.error().message;
  auto n = partition_count(client->get(), topic);
  EXPECT_TRUE(n) << n.error().message;
  if (!n) return out;
  PartitionList all(rd_kafka_topic_partition_list_new(*n));
  for (int p = 0; p < *n; ++p)
    rd_kafka_topic_partition_list_add(all.get(), topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  EXPECT_EQ(rd_kafka_assign(client->get(), all.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
  int at_end = 0;
  for (int polls = 0; at_end < *n && polls < 2000; ++polls) {
    KafkaMessage m(rd_kafka_consumer_poll(client->get(), 100));
    if (!m) continue;
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      ++at_end;
      continue;
    }
    EXPECT_EQ(m->err, RD_KAFKA_RESP_ERR_NO_ERROR) << rd_kafka_message_errstr(m.get());
    if (m->err) continue;
    Record r{m->partition, m->offset,
             std::string(static_cast<const char*>(m->key), m->key ? m->key_len : 0),
             std::string(static_cast<const char*>(m->payload), m->payload ? m->len : 0),
             {}};
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(m.get(), &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* name;
      const void* value;
      std::size_t size;
      for (std::size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
        r.headers[name] = std::string(static_cast<const char*>(value), size);
    }
    out.push_back(std::move(r));
  }
  EXPECT_EQ(at_end, *n) << "topic " << topic << " was not read to its end";
  (void)rd_kafka_consumer_close(client->get());
  return out;
}

inline void produce(const std::string& brokers, const std::string& topic, std::int32_t partition,
                    const std::vector<std::string>& values) {
  auto p = Producer::open(brokers, {});
  ASSERT_TRUE(p) << p.error().message;
  for (const auto& v : values) ASSERT_TRUE((*p)->send(topic, partition, "", v, {}));
  auto s = (*p)->flush();
  ASSERT_TRUE(s) << s.error().message;
}

inline std::unique_ptr<MockBroker> start_broker(const std::vector<std::string>& topics, int partitions) {
  auto b = MockBroker::start({1, partitions, topics});
  EXPECT_TRUE(b) << b.error().message;
  return b ? std::move(*b) : nullptr;
}

}  // namespace callwatch::connectors::kafka_test
