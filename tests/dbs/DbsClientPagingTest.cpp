// SPDX-License-Identifier: Apache-2.0
// describeAllRestoreTasks against servers with the paging behaviours the
// docs leave open (dbs-api.md §1.4); the emulator implements only one of
// them, so these use the scripted loopback server.
#include "dbs/DbsClient.h"

#include <optional>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "ScriptedServer.h"

using dbs::DbsClient;
using dbs::RestoreTaskDetail;
using dbstest::ScriptedServer;
using namespace std::chrono_literals;

namespace {

int pageNumOf(const std::string &request)
{
	auto p = request.find("PageNum=");
	return p == std::string::npos ? -1 : std::stoi(request.substr(p + 8));
}

// A page of `ids` with the given totals.
std::string page(const std::vector<std::string> &ids, int pageNum, long totalElements,
		 int totalPages)
{
	std::string items;
	for (const auto &id : ids) {
		if (!items.empty())
			items += ",";
		items += R"({"RestoreTaskId":")" + id + R"(","RestoreStatus":"running"})";
	}
	return ScriptedServer::response(
		200, R"({"RequestId":"R","Success":true,"PageNum":)" + std::to_string(pageNum) +
			     R"(,"PageSize":2,"TotalElements":)" + std::to_string(totalElements) +
			     R"(,"TotalPages":)" + std::to_string(totalPages) +
			     R"(,"Items":{"RestoreTaskDetail":[)" + items + "]}}");
}

const std::vector<std::string> five{"t0", "t1", "t2", "t3", "t4"};

// Two per page, pages counted from `base`; PageNum below base gives page base.
ScriptedServer::Script pagedFrom(int base)
{
	return [base](const std::string &req, int, int) {
		int index = std::max(pageNumOf(req), base) - base;
		std::vector<std::string> ids;
		for (int i = index * 2; i < index * 2 + 2 && i < 5; ++i)
			ids.push_back(five[static_cast<std::size_t>(i)]);
		return ScriptedServer::Reply{page(ids, pageNumOf(req), 5, 3)};
	};
}

dbs::Outcome<std::vector<RestoreTaskDetail>> walk(boost::asio::io_context &io, ScriptedServer &server)
{
	dbs::DbsClientOptions o;
	o.endpoint = "http://127.0.0.1:" + std::to_string(server.port());
	o.credentials.accessKeyId = "id";
	o.credentials.accessKeySecret = dbs::Secret("s");
	o.signatureStyle = dbs::SignatureStyle::V1Get;
	DbsClient client(io, o);
	std::optional<dbs::Outcome<std::vector<RestoreTaskDetail>>> result;
	client.describeAllRestoreTasks("t0,t1,t2,t3,t4",
				       [&](auto r) { result.emplace(std::move(r)); });
	auto limit = std::chrono::steady_clock::now() + 10s;
	while (!result && std::chrono::steady_clock::now() < limit)
		io.run_one_for(100ms);
	if (!result) {
		dbs::ApiError e;
		e.code = "Test.NoCallback";
		return e;
	}
	return std::move(*result);
}

std::vector<std::string> idsOf(const std::vector<RestoreTaskDetail> &tasks)
{
	std::vector<std::string> out;
	for (const auto &t : tasks)
		out.push_back(t.restoreTaskId);
	return out;
}

} // namespace

TEST(DescribeAllRestoreTasks, ZeroBasedPagingStopsOnceEveryTaskArrived)
{
	boost::asio::io_context io;
	ScriptedServer server(io, pagedFrom(0));
	auto r = walk(io, server);
	ASSERT_TRUE(r.ok()) << r.error().code;
	EXPECT_EQ(idsOf(r.value()), five);
	EXPECT_EQ(server.requests().size(), 3u);
	EXPECT_NE(server.requests()[0].find("RestoreTaskId=t0%2Ct1%2Ct2%2Ct3%2Ct4"), std::string::npos);
	EXPECT_NE(server.requests()[0].find("PageSize=100"), std::string::npos);
}

TEST(DescribeAllRestoreTasks, OneBasedPagingIsDeduplicatedAndComplete)
{
	boost::asio::io_context io;
	ScriptedServer server(io, pagedFrom(1));
	auto r = walk(io, server);
	ASSERT_TRUE(r.ok()) << r.error().code;
	EXPECT_EQ(idsOf(r.value()), five);
	EXPECT_EQ(server.requests().size(), 4u); // 0 and 1 are the same page
}

TEST(DescribeAllRestoreTasks, AServerThatNeverRunsOutIsBoundedByTotalPages)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &req, int, int) {
		return ScriptedServer::Reply{page({"t0"}, pageNumOf(req), 5, 3)};
	});
	auto r = walk(io, server);
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(idsOf(r.value()), std::vector<std::string>{"t0"});
	EXPECT_EQ(server.requests().size(), 4u); // PageNum 0..TotalPages
}

TEST(DescribeAllRestoreTasks, AHugeTotalPagesIsBoundedByMaxPages)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &req, int, int) {
		return ScriptedServer::Reply{page({"t0"}, pageNumOf(req), 1'000'000, 1'000'000)};
	});
	auto r = walk(io, server);
	ASSERT_TRUE(r.ok());
	EXPECT_EQ(server.requests().size(), static_cast<std::size_t>(DbsClient::maxPages));
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
	auto r = walk(io, server);
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, "ServiceUnavailable");
	EXPECT_EQ(r.error().requestId, "E");
	EXPECT_EQ(r.error().errorClass, dbs::ErrorClass::Transient);
}
