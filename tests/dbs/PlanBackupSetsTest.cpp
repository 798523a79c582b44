// SPDX-License-Identifier: Apache-2.0
// DbsClient::describePlanBackupSets against the real dbs-emulator: every
// full backup set of a plan, each once, whether the service counts pages
// from 0 or from 1 (the daemon tells a set an unanswered StartBackupPlan
// made from the ones that were there before by these ids).
#include "dbs/DbsClient.h"

#include <filesystem>
#include <fstream>
#include <set>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/support/LoopbackHttp.h"
#include "tests/support/Subprocess.h"

using namespace std::chrono_literals;

namespace {

constexpr int sets = 230; // three pages of 100

std::string fixture(int pageBase)
{
	std::string ids;
	for (int i = 0; i < sets; ++i)
		ids += (i ? ", bsplanlist" : "bsplanlist") + std::to_string(1000 + i);
	return "access_keys:\n  - {id: LTAI5tPlanSets, secret: plan-sets-secret}\n"
	       "backup_plans:\n  - {id: planlist, backup_sets: [" + ids + "]}\n"
	       "  - {id: planother, backup_sets: [bsotherplan1]}\n"
	       "dialect:\n  page_base: " + std::to_string(pageBase) + "\n";
}

class PlanBackupSets : public testing::TestWithParam<int> {};

TEST_P(PlanBackupSets, EverySetOfThePlanOnceInThreePages)
{
	auto dir = std::filesystem::temp_directory_path() /
		   ("plan-sets-" + std::to_string(::getpid()) + "-" + std::to_string(GetParam()));
	std::filesystem::create_directories(dir);
	std::ofstream(dir / "fixture.yaml") << fixture(GetParam());
	testsupport::Subprocess emulator({DBS_EMULATOR_PATH, "--listen", "127.0.0.1:0", "--fixture",
					  (dir / "fixture.yaml").string()});
	auto line = emulator.readLine(20s);
	ASSERT_TRUE(line.has_value());
	const int port = testsupport::portFromListeningLine(*line);

	boost::asio::io_context io;
	dbs::DbsClientOptions o;
	o.endpoint = "http://127.0.0.1:" + std::to_string(port);
	o.credentials.accessKeyId = "LTAI5tPlanSets";
	o.credentials.accessKeySecret = dbs::Secret("plan-sets-secret");
	dbs::DbsClient client(io, o);
	std::optional<dbs::Outcome<std::vector<dbs::FullBackupFile>>> result;
	client.describePlanBackupSets("planlist", [&](auto r) { result = std::move(r); });
	auto limit = std::chrono::steady_clock::now() + 20s;
	while (!result && std::chrono::steady_clock::now() < limit)
		io.run_one_for(50ms);
	ASSERT_TRUE(result.has_value());
	ASSERT_TRUE(result->ok()) << result->error().code << " " << result->error().message;
	std::set<std::string> ids;
	for (const auto &f : result->value())
		ids.insert(f.backupSetId);
	EXPECT_EQ(result->value().size(), static_cast<std::size_t>(sets)) << "each set once";
	EXPECT_EQ(ids.size(), static_cast<std::size_t>(sets));
	EXPECT_EQ(ids.count("bsotherplan1"), 0u) << "only the plan's own sets";

	auto state = boost::json::parse(testsupport::loopbackGet(port, "/_emulator/state").body).as_object();
	const auto &list = state.at("stats").at("actions").at("DescribeFullBackupList").as_object();
	EXPECT_EQ(list.at("received").to_number<int>(), 3) << "three pages, none asked twice";
	std::filesystem::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(PageBase, PlanBackupSets, testing::Values(0, 1),
			 [](const testing::TestParamInfo<int> &i) { return "from" + std::to_string(i.param); });

} // namespace
