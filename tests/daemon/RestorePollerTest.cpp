// SPDX-License-Identifier: Apache-2.0
// Batch isolation against the real dbs-emulator playing each reading of an
// unknown id in a RestoreTaskId list (dropped, or the whole call refused)
// and of a per-call cap on ids: every known task is answered with its own
// detail, and only the id that does not exist is reported gone.
#include "daemon/RestorePoller.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "daemon/ApiRateLimiter.h"
#include "daemon/os/AsioClock.h"
#include "dbs/DbsClient.h"
#include "tests/support/LoopbackHttp.h"
#include "tests/support/Subprocess.h"

namespace restored {
namespace {

using namespace std::chrono_literals;

struct Reading {
	const char *unknownIds;
	int maxIds;
};

std::string fixture(const Reading &r)
{
	std::string f = "access_keys:\n  - {id: LTAI5tPollerTest, secret: poller-test-secret}\n"
			"backup_plans:\n  - {id: planpoller}\nrestore_tasks:\n";
	for (int i = 1; i <= 7; ++i)
		f += "  - {id: rtpoll" + std::to_string(i) + ", backup_plan_id: planpoller, running: true}\n";
	f += std::string("dialect:\n  unknown_ids_in_list: ") + r.unknownIds +
	     "\n  max_ids_per_list: " + std::to_string(r.maxIds) + "\n";
	return f;
}

class RestorePollerReadings : public testing::TestWithParam<Reading>
{};

TEST_P(RestorePollerReadings, EveryKnownTaskIsAnsweredAndOnlyTheMissingOneIsGone)
{
	auto dir = std::filesystem::temp_directory_path() / ("poller-" + std::to_string(::getpid()) + "-" +
							     GetParam().unknownIds + std::to_string(GetParam().maxIds));
	std::filesystem::create_directories(dir);
	std::ofstream(dir / "fixture.yaml") << fixture(GetParam());
	testsupport::Subprocess emulator(
		{std::getenv("DBS_EMULATOR"), "--listen", "127.0.0.1:0", "--fixture", (dir / "fixture.yaml").string()});
	auto line = emulator.readLine(20s);
	ASSERT_TRUE(line.has_value());
	const int port = testsupport::portFromListeningLine(*line);

	boost::asio::io_context io;
	dbs::DbsClientOptions o;
	o.endpoint = "http://127.0.0.1:" + std::to_string(port);
	o.credentials.accessKeyId = "LTAI5tPollerTest";
	o.credentials.accessKeySecret = dbs::Secret("poller-test-secret");
	dbs::DbsClient client(io, o);
	os::AsioClock clock(io.get_executor());
	ApiRateLimiter limiter(clock, 1000, 1000);
	RestorePoller poller(clock, client, limiter, 20ms);

	std::map<std::string, dbs::Outcome<dbs::RestoreTaskDetail>> answers;
	std::vector<std::string> ids;
	for (int i = 1; i <= 7; ++i)
		ids.push_back("rtpoll" + std::to_string(i));
	ids.insert(ids.begin() + 3, "rtnotthere01");
	for (const auto &id : ids)
		poller.want(id,
			    [&answers, id](const dbs::Outcome<dbs::RestoreTaskDetail> &a) { answers.emplace(id, a); });
	auto limit = std::chrono::steady_clock::now() + 20s;
	while (answers.size() < ids.size() && std::chrono::steady_clock::now() < limit)
		io.run_one_for(50ms);
	ASSERT_EQ(answers.size(), ids.size());
	for (const auto &id : ids) {
		const auto &a = answers.at(id);
		if (id == "rtnotthere01") {
			ASSERT_FALSE(a.ok());
			EXPECT_EQ(a.error().code, RestorePoller::taskGoneCode);
			continue;
		}
		ASSERT_TRUE(a.ok()) << id << ": " << a.error().code << " " << a.error().message;
		EXPECT_EQ(a.value().restoreTaskId, id);
		EXPECT_EQ(a.value().restoreStatus, "running");
	}
	// Bounded: the splits and re-asks of eight ids, not a call per retry forever.
	auto state = boost::json::parse(testsupport::loopbackGet(port, "/_emulator/state").body).as_object();
	auto calls = state.at("stats").at("describe_restore_task_list").at("calls").to_number<int>();
	EXPECT_LE(calls, 16) << calls;
	poller.stop();
	std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Readings, RestorePollerReadings,
			 testing::Values(Reading{"drop", 100}, Reading{"refuse", 100}, Reading{"drop", 2},
					 Reading{"refuse", 3}),
			 [](const testing::TestParamInfo<Reading> &i) {
				 return std::string(i.param.unknownIds) + std::to_string(i.param.maxIds);
			 });

} // namespace
} // namespace restored
