// The serve loop: a first run at start, another when woken, and a clean stop.
#include "dispatcher_fixture.h"

#include "outbox/dispatch_loop.h"
#include "outbox/dispatch_report.h"

namespace lobsync::outbox::dispatch_loop_test {
namespace {

TEST_F(DispatcherTest, LoopRunsAtStartAndWhenWoken) {
  auto& dispatcher = start();
  enqueue("early");
  DispatchLoop loop(dispatcher, 1h);  // the interval never passes in this test: only wake() runs it
  loop.start();
  ASSERT_TRUE(eventually([&] { return loop.runs() >= 1; }));
  EXPECT_EQ(item("early").state, "sent");

  enqueue("late");
  const auto runs = loop.runs();
  loop.wake();
  ASSERT_TRUE(eventually([&] { return loop.runs() > runs; }));
  EXPECT_EQ(item("late").state, "sent");
  loop.stop();
  loop.stop();  // idempotent
  enqueue("after-stop");
  loop.wake();
  EXPECT_EQ(dispatcher.run_once().sent, 0);  // stopping the loop stopped its dispatcher
  EXPECT_EQ(item("after-stop").state, "pending");
}

TEST_F(DispatcherTest, LoopStopsWhileADeliveryIsInHand) {
  auto& dispatcher = start();
  enqueue("slow", "sink", {{"signal", "slow-started"}, {"await", "go"}});
  enqueue("next");
  DispatchLoop loop(dispatcher, 1h);
  loop.start();
  ASSERT_TRUE(eventually([&] { return std::filesystem::exists(state_dir() / "slow-started"); }));
  std::jthread stopper([&] { loop.stop(); });
  ASSERT_TRUE(eventually([&] { return dispatcher.stop_requested(); }));
  test::write_file(state_dir() / "go", "");
  stopper.join();
  EXPECT_EQ(item("slow").state, "sent");
  EXPECT_EQ(item("next").state, "pending");
  EXPECT_EQ(item("next").attempts, 0);
}

TEST(DispatchReport, JsonAndTextNameEveryFailure) {
  DispatchResult result;
  result.sent = 2;
  result.failed = 1;
  result.retry_later = 1;
  result.failures = {{"invite/7", "smtp", "permanent failure: 550", true}, {"event/3", "caldav", "timeout", false}};
  const auto j = to_json(result);
  EXPECT_EQ(j["sent"], 2);
  EXPECT_EQ(j["failed"], 1);
  EXPECT_EQ(j["retry_later"], 1);
  ASSERT_EQ(j["failures"].size(), 2u);
  EXPECT_EQ(j["failures"][0], (nlohmann::json{{"key", "invite/7"}, {"channel", "smtp"}, {"error", "permanent failure: 550"}, {"dead", true}}));
  const auto text = summary(result, 1);
  EXPECT_NE(text.find("2 sent, 1 dead, 1 to retry later"), std::string::npos) << text;
  EXPECT_NE(text.find("dead  invite/7 (smtp): permanent failure: 550"), std::string::npos) << text;
  EXPECT_EQ(text.find("event/3"), std::string::npos) << text;
  EXPECT_NE(text.find("and 1 more"), std::string::npos) << text;
}

}  // namespace
}  // namespace lobsync::outbox::dispatch_loop_test
