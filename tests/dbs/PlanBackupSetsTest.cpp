// SPDX-License-Identifier: Apache-2.0
// DbsClient::describePlanBackupSets against the real dbs-emulator: every
// full backup set of a plan, each once, whether the service counts pages
// from 0 or from 1 (the daemon tells a set an unanswered StartBackupPlan
// made from the ones that were there before by these ids).
#include "dbs/DbsClient.h"

#include <set>

#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "EmulatorHarness.h"
#include "tests/support/LoopbackHttp.h"

using namespace dbstest;

namespace {

constexpr int sets = 230; // three pages of 100

std::string fixture(int pageBase)
{
	std::string ids;
	for (int i = 0; i < sets; ++i)
		ids += (i ? ", bsplanlist" : "bsplanlist") + std::to_string(1000 + i);
	// clang-format off
	return "access_keys:\n  - {id: LTAI5tDemoAccessKey01, secret: demo-secret-not-for-production}\n"
	       "backup_plans:\n  - {id: planlist, backup_sets: [" + ids + "]}\n"
	       "  - {id: planother, backup_sets: [bsotherplan1]}\n"
	       "dialect:\n  page_base: " + std::to_string(pageBase) + "\n";
	// clang-format on
}

class PlanBackupSets : public testing::TestWithParam<int>
{};

TEST_P(PlanBackupSets, EverySetOfThePlanOnceInThreePages)
{
	TempDir dir;
	Emulator emu({}, dir.write("fixture.yaml", fixture(GetParam())));
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	dbs::DbsClient client(io, options(local(emu.port())));
	auto result = await<std::vector<dbs::FullBackupFile>>(io, [&](auto cb) {
		client.describePlanBackupSets("planlist", std::move(cb));
	});
	ASSERT_TRUE(result.ok()) << describe(result.error());
	std::set<std::string> ids;
	for (const auto &f : result.value())
		ids.insert(f.backupSetId);
	EXPECT_EQ(result.value().size(), static_cast<std::size_t>(sets)) << "each set once";
	EXPECT_EQ(ids.size(), static_cast<std::size_t>(sets));
	EXPECT_EQ(ids.count("bsotherplan1"), 0u) << "only the plan's own sets";

	auto state = boost::json::parse(testsupport::loopbackGet(emu.port(), "/_emulator/state").body).as_object();
	const auto &list = state.at("stats").at("actions").at("DescribeFullBackupList").as_object();
	EXPECT_EQ(list.at("received").to_number<int>(), 3) << "three pages, none asked twice";
}

INSTANTIATE_TEST_SUITE_P(PageBase, PlanBackupSets, testing::Values(0, 1),
			 [](const testing::TestParamInfo<int> &i) { return "from" + std::to_string(i.param); });

} // namespace
