// SPDX-License-Identifier: Apache-2.0
// The DescribeRestoreTaskList walks against servers with the paging and
// list behaviours the docs leave open (dbs-readings.md: PageNum 0- or
// 1-based, unknown ids dropped or refused); the emulator implements only
// one of them, so these use the scripted loopback server.
#include "dbs/DbsClient.h"

#include <functional>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "ScriptedServer.h"
#include "tests/dbs/AwaitOutcome.h"

using dbs::DbsClient;
using dbs::RestoreTaskDetail;
using dbstest::ScriptedServer;
using namespace std::chrono_literals;

namespace {

using Tasks = dbs::Outcome<std::vector<RestoreTaskDetail>>;
using Walk = std::function<void(DbsClient &, DbsClient::Callback<std::vector<RestoreTaskDetail>>)>;

int pageNumOf(const std::string &request)
{
	auto p = request.find("PageNum=");
	return p == std::string::npos ? -1 : std::stoi(request.substr(p + 8));
}

bool has(const std::string &request, const std::string &part) { return request.find(part) != std::string::npos; }

// A page of `ids` with the given totals; each task is named "name-<id>".
std::string page(const std::vector<std::string> &ids, int pageNum, long totalElements, int totalPages)
{
	std::string items;
	for (const auto &id : ids) {
		if (!items.empty())
			items += ",";
		items += R"({"RestoreTaskId":")" + id + R"(","RestoreTaskName":"name-)" + id +
			 R"(","RestoreStatus":"running"})";
	}
	return ScriptedServer::response(
		200, R"({"RequestId":"R","Success":true,"PageNum":)" + std::to_string(pageNum) +
			     R"(,"PageSize":2,"TotalElements":)" + std::to_string(totalElements) + R"(,"TotalPages":)" +
			     std::to_string(totalPages) + R"(,"Items":{"RestoreTaskDetail":[)" + items + "]}}");
}

const std::vector<std::string> five{"t0", "t1", "t2", "t3", "t4"};

// Two per page, pages counted from `base`: a 1-based server reads PageNum 0
// as 1 and says so in its reply.
ScriptedServer::Script pagedFrom(int base)
{
	return [base](const std::string &req, int, int) {
		int pageNum = std::max(pageNumOf(req), base);
		int index = pageNum - base;
		std::vector<std::string> ids;
		for (int i = index * 2; i < index * 2 + 2 && i < 5; ++i)
			ids.push_back(five[static_cast<std::size_t>(i)]);
		return ScriptedServer::Reply{page(ids, pageNum, 5, 3)};
	};
}

Walk byIds(std::string ids = "t0,t1,t2,t3,t4")
{
	return [ids](DbsClient &c, auto cb) { c.describeAllRestoreTasks(ids, std::move(cb)); };
}

Walk byPlan(std::string planId)
{
	return [planId](DbsClient &c, auto cb) { c.describePlanRestoreTasks(planId, std::move(cb)); };
}

Tasks run(boost::asio::io_context &io, ScriptedServer &server, const Walk &walk = byIds())
{
	dbs::DbsClientOptions o;
	o.endpoint = "http://127.0.0.1:" + std::to_string(server.port());
	o.region = "ap-southeast-1"; // ignored: the explicit (loopback) endpoint wins
	o.credentials.accessKeyId = "id";
	o.credentials.accessKeySecret = dbs::Secret("s");
	o.signatureStyle = dbs::SignatureStyle::V1Get;
	DbsClient client(io, o);
	return dbstest::await<std::vector<RestoreTaskDetail>>(
		io, [&](auto cb) { walk(client, std::move(cb)); }, 10s);
}

std::vector<int> pagesRequested(const ScriptedServer &server)
{
	std::vector<int> out;
	for (const auto &r : server.requests())
		out.push_back(pageNumOf(r));
	return out;
}

std::vector<std::string> idsOf(const std::vector<RestoreTaskDetail> &tasks)
{
	std::vector<std::string> out;
	for (const auto &t : tasks)
		out.push_back(t.restoreTaskId);
	return out;
}

} // namespace

TEST(DescribeAllRestoreTasks, ZeroBasedPagingAsksEachPageOnce)
{
	boost::asio::io_context io;
	ScriptedServer server(io, pagedFrom(0));
	auto r = run(io, server);
	ASSERT_TRUE(r.ok()) << r.error().code;
	EXPECT_EQ(idsOf(r.value()), five);
	EXPECT_EQ(pagesRequested(server), (std::vector<int>{0, 1, 2}));
	const auto &first = server.requests()[0];
	EXPECT_TRUE(has(first, "RestoreTaskId=t0%2Ct1%2Ct2%2Ct3%2Ct4"));
	EXPECT_TRUE(has(first, "PageSize=100"));
	// The official SDK sends no RegionId with these actions; neither do we.
	EXPECT_FALSE(has(first, "RegionId"));
}

TEST(DescribeAllRestoreTasks, OneBasedPagingFollowsTheReplysPageNum)
{
	boost::asio::io_context io;
	ScriptedServer server(io, pagedFrom(1));
	auto r = run(io, server);
	ASSERT_TRUE(r.ok()) << r.error().code;
	EXPECT_EQ(idsOf(r.value()), five);
	// 0 is read as 1 and the reply says 1, so page 1 is never asked again.
	EXPECT_EQ(pagesRequested(server), (std::vector<int>{0, 2, 3}));
}

TEST(DescribeAllRestoreTasks, AServerThatNeverRunsOutIsBoundedByTotalPages)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &req, int, int) {
		return ScriptedServer::Reply{page({"t0"}, pageNumOf(req), 5, 3)};
	});
	auto r = run(io, server);
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(idsOf(r.value()), std::vector<std::string>{"t0"});
	EXPECT_EQ(pagesRequested(server), (std::vector<int>{0, 1, 2}));
}

TEST(DescribeAllRestoreTasks, AHugeTotalPagesIsBoundedByMaxPagesWithoutRepeats)
{
	boost::asio::io_context io;
	// Also a server that never echoes PageNum: the walk still moves forward.
	ScriptedServer server(io, [](const std::string &, int, int) {
		return ScriptedServer::Reply{page({"t0"}, 0, 1'000'000, 1'000'000)};
	});
	auto r = run(io, server);
	ASSERT_TRUE(r.ok());
	std::vector<int> expected;
	for (int i = 0; i < DbsClient::maxPages; ++i)
		expected.push_back(i);
	EXPECT_EQ(pagesRequested(server), expected);
}

TEST(DescribeAllRestoreTasks, AFailedPageFailsTheWalk)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &req, int, int) {
		if (pageNumOf(req) == 1)
			return ScriptedServer::Reply{ScriptedServer::response(
				503, R"({"RequestId":"E","Code":"ServiceUnavailable","Message":"m"})")};
		return ScriptedServer::Reply{page({"t0", "t1"}, pageNumOf(req), 5, 3)};
	});
	auto r = run(io, server);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, "ServiceUnavailable");
	EXPECT_EQ(r.error().requestId, "E");
	EXPECT_EQ(r.error().errorClass, base::ErrorClass::Transient);
}

TEST(DescribeAllRestoreTasks, FewerTasksThanIdsIsAnAnswerNotAnError)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &req, int, int) {
		return ScriptedServer::Reply{page({"t0", "t3"}, pageNumOf(req), 2, 1)};
	});
	auto r = run(io, server, byIds("t0,t1,t2,t3,t4"));
	ASSERT_TRUE(r.ok()) << r.error().code;
	EXPECT_EQ(idsOf(r.value()), (std::vector<std::string>{"t0", "t3"}));
	EXPECT_EQ(pagesRequested(server), (std::vector<int>{0}));
}

TEST(DescribeAllRestoreTasks, ARefusedListComesBackWithItsErrCode)
{
	for (int status : {200, 400}) {
		boost::asio::io_context io;
		ScriptedServer server(io, [status](const std::string &, int, int) {
			return ScriptedServer::Reply{ScriptedServer::response(
				status, R"({"RequestId":"Q","Success":false,"ErrCode":"InvalidParameterValid",)"
					R"("ErrMessage":"task not found","HttpStatusCode":)" +
						std::to_string(status) + "}")};
		});
		auto r = run(io, server);
		ASSERT_FALSE(r.ok()) << status;
		EXPECT_EQ(r.error().code, "InvalidParameterValid");
		EXPECT_EQ(r.error().httpStatus, status);
		EXPECT_FALSE(r.error().retryable());
	}
}

TEST(DescribePlanRestoreTasks, PagesThePlanOnceEachOnZeroAndOneBasedServers)
{
	for (int base : {0, 1}) {
		boost::asio::io_context io;
		ScriptedServer server(io, pagedFrom(base));
		auto r = run(io, server, byPlan("dbsplan1"));
		ASSERT_TRUE(r.ok()) << r.error().code;
		EXPECT_EQ(idsOf(r.value()), five);
		EXPECT_EQ(pagesRequested(server), (base == 0 ? std::vector<int>{0, 1, 2} : std::vector<int>{0, 2, 3}));
		for (const auto &req : server.requests()) {
			EXPECT_TRUE(has(req, "BackupPlanId=dbsplan1"));
			EXPECT_TRUE(has(req, "PageSize=100"));
			EXPECT_FALSE(has(req, "RestoreTaskId="));
		}
		// What the daemon needs: a task found by its name.
		auto named = std::find_if(r.value().begin(), r.value().end(),
					  [](const auto &t) { return t.restoreTaskName == "name-t3"; });
		ASSERT_NE(named, r.value().end());
		EXPECT_EQ(named->restoreTaskId, "t3");
	}
}

TEST(DescribePlanRestoreTasks, APlanWithoutTasksIsOneEmptyPage)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &req, int, int) {
		return ScriptedServer::Reply{page({}, pageNumOf(req), 0, 0)};
	});
	auto r = run(io, server, byPlan("dbsplan1"));
	ASSERT_TRUE(r.ok()) << r.error().code;
	EXPECT_TRUE(r.value().empty());
	EXPECT_EQ(pagesRequested(server), (std::vector<int>{0}));
}
