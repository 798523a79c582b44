// SPDX-License-Identifier: Apache-2.0
// Hostile HTTP answers from the real dbs-emulator (fault kinds huge_body,
// endless_header, slowloris, bad_chunked, json_bomb, out_of_range): each
// ends in a classified error, within the client's limits, and the client
// still works for the next call.
#include <gtest/gtest.h>

#include "tests/dbs/EmulatorHarness.h"

using base::ErrorClass;
using dbs::DbsClient;
using namespace dbstest;

namespace {

struct Hostile {
	const char *kind;
	const char *code;
};

// One emulator whose StartRestoreTask answers `kind` once, then normally.
void expectClassified(const Hostile &h)
{
	TempDir dir;
	std::string faults = dir.write("faults.yaml", std::string("faults:\n  - action: StartRestoreTask\n"
								  "    sequence: [") +
							      h.kind + "]\n");
	Emulator emu({"--faults", faults});
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	auto o = options(local(emu.port()));
	// Short, so the slow answer is cut off quickly; the others never wait.
	o.transport.readTimeout = 500ms;
	DbsClient client(io, o);
	auto r = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		client.startRestoreTask({"rtdemoexisting01", "tok-hostile"}, cb);
	});
	ASSERT_FALSE(r.ok()) << h.kind;
	EXPECT_EQ(r.error().code, h.code) << h.kind << ": " << describe(r.error());
	EXPECT_EQ(r.error().errorClass, ErrorClass::Transient) << h.kind;
	auto again = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		client.startRestoreTask({"rtdemoexisting01", "tok-hostile"}, cb);
	});
	EXPECT_TRUE(again.ok()) << h.kind << " then: " << describe(again.error());
}

} // namespace

TEST(HostileAnswers, BodyOverTheCapIsResponseTooLarge)
{
	expectClassified({"huge_body", "Transport.ResponseTooLarge"});
}

TEST(HostileAnswers, EndlessHeaderIsResponseTooLarge)
{
	expectClassified({"endless_header", "Transport.ResponseTooLarge"});
}

TEST(HostileAnswers, SlowlorisAnswerTimesOut) { expectClassified({"slowloris", "Transport.Timeout"}); }

TEST(HostileAnswers, InvalidChunkedEncodingIsABadResponse)
{
	expectClassified({"bad_chunked", "Transport.BadResponse"});
}

TEST(HostileAnswers, JsonNestingBombIsMalformed) { expectClassified({"json_bomb", "Response.Malformed"}); }

TEST(HostileAnswers, NumbersOutOfRangeForTheirFieldsAreBadTypes)
{
	TempDir dir;
	std::string faults = dir.write("faults.yaml", "faults:\n  - action: DescribeRestoreTaskList\n"
						      "    sequence: [out_of_range]\n");
	Emulator emu({"--faults", faults});
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	DbsClient client(io, options(local(emu.port())));
	dbs::DescribeRestoreTaskListRequest list;
	list.restoreTaskId = "rtdemoexisting01";
	auto r = await<dbs::DescribeRestoreTaskListResponse>(io, [&](auto cb) {
		client.describeRestoreTaskList(list, cb);
	});
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, "Response.BadType") << describe(r.error());
	EXPECT_EQ(r.error().errorClass, ErrorClass::Transient);
}
