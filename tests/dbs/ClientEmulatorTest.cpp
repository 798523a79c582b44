// SPDX-License-Identifier: Apache-2.0
// DbsClient against the real dbs-emulator over 127.0.0.1: every call, every
// error class the emulator can produce, and TLS with a certificate made here.
#include "dbs/DbsClient.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <set>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include "SelfSignedCert.h"
#include "tests/dbs/EmulatorHarness.h"
#include "tests/support/Subprocess.h"

using base::ErrorClass;
using dbs::DbsClient;
using dbs::Outcome;
using dbs::SignatureStyle;

using namespace dbstest;

class EveryCall : public ::testing::TestWithParam<SignatureStyle>
{};

TEST_P(EveryCall, SucceedsAgainstTheEmulator)
{
	Emulator emu;
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	DbsClient client(io, options(local(emu.port()), GetParam()));

	auto plan = await<dbs::StartBackupPlanResponse>(io, [&](auto cb) {
		client.startBackupPlan({"dbsplandemo01", "tok-plan-1"}, cb);
	});
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	EXPECT_EQ(plan.value().backupPlanId, "dbsplandemo01");
	EXPECT_FALSE(plan.value().createdFullBackupsetId.empty());
	EXPECT_FALSE(plan.value().envelope.requestId.empty());

	dbs::DescribeFullBackupListRequest full;
	full.backupPlanId = "dbsplandemo01";
	auto sets = await<dbs::DescribeFullBackupListResponse>(io, [&](auto cb) {
		client.describeFullBackupList(full, cb);
	});
	ASSERT_TRUE(sets.ok()) << describe(sets.error());
	std::set<std::string> ids;
	for (const auto &f : sets.value().items)
		ids.insert(f.backupSetId);
	EXPECT_TRUE(ids.count("dbsbsdemo01"));

	dbs::CreateRestoreTaskRequest create;
	create.backupPlanId = "dbsplandemo01";
	create.restoreTaskName = "client test";
	create.destinationEndpointInstanceType = "RDS";
	create.destinationEndpointRegion = "cn-hangzhou";
	create.destinationEndpointInstanceId = "rm-test";
	create.backupSetId = "dbsbsdemo01";
	create.restoreObjects = R"([{"DBName":"a","NewDBName":"b c"}])";
	create.duplicateConflict = "renamenew";
	create.clientToken = "tok-create-1";
	auto created =
		await<dbs::CreateRestoreTaskResponse>(io, [&](auto cb) { client.createRestoreTask(create, cb); });
	ASSERT_TRUE(created.ok()) << describe(created.error());
	std::string taskId = created.value().restoreTaskId;
	ASSERT_FALSE(taskId.empty());

	auto started = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		client.startRestoreTask({taskId, "tok-start-1"}, cb);
	});
	ASSERT_TRUE(started.ok()) << describe(started.error());
	EXPECT_EQ(started.value().restoreTaskId, taskId);

	dbs::DescribeRestoreTaskListRequest list;
	list.restoreTaskId = taskId;
	auto listed = await<dbs::DescribeRestoreTaskListResponse>(io, [&](auto cb) {
		client.describeRestoreTaskList(list, cb);
	});
	ASSERT_TRUE(listed.ok()) << describe(listed.error());
	ASSERT_EQ(listed.value().items.size(), 1u);
	EXPECT_EQ(listed.value().items[0].restoreTaskId, taskId);
	EXPECT_EQ(listed.value().items[0].restoreObjects, create.restoreObjects);
	EXPECT_GT(listed.value().items[0].restoreTaskCreateTime, 0);

	dbs::DescribeJobErrorCodeRequest job;
	job.taskId = "rtdemofail01";
	auto err = await<dbs::DescribeJobErrorCodeResponse>(io, [&](auto cb) { client.describeJobErrorCode(job, cb); });
	ASSERT_TRUE(err.ok()) << describe(err.error());
	EXPECT_EQ(err.value().item.jobId, "rtdemofail01");

	auto all = await<std::vector<dbs::RestoreTaskDetail>>(io, [&](auto cb) {
		client.describeAllRestoreTasks("rtdemoexisting01,rtdemofail01," + taskId, cb);
	});
	ASSERT_TRUE(all.ok()) << describe(all.error());
	std::set<std::string> seen;
	for (const auto &t : all.value())
		seen.insert(t.restoreTaskId);
	EXPECT_EQ(seen, (std::set<std::string>{"rtdemoexisting01", "rtdemofail01", taskId}));
	EXPECT_EQ(all.value().size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Styles, EveryCall,
			 ::testing::Values(SignatureStyle::V3, SignatureStyle::V1Get, SignatureStyle::V1Post));

TEST(ClientEmulator, AuthFailuresArePermanent)
{
	Emulator emu;
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	auto wrongSecret = options(local(emu.port()));
	wrongSecret.credentials.accessKeySecret = dbs::Secret("not-the-secret");
	DbsClient a(io, wrongSecret);
	auto r = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		a.startRestoreTask({"rtdemoexisting01", std::nullopt}, cb);
	});
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, "SignatureDoesNotMatch");
	EXPECT_EQ(r.error().errorClass, ErrorClass::Permanent);
	EXPECT_FALSE(r.error().requestId.empty());
	EXPECT_EQ(r.error().message.find("not-the-secret"), std::string::npos);

	auto unknownKey = options(local(emu.port()), SignatureStyle::V1Get);
	unknownKey.credentials.accessKeyId = "LTAI5tNoSuchKey";
	DbsClient b(io, unknownKey);
	auto u = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		b.startRestoreTask({"rtdemoexisting01", std::nullopt}, cb);
	});
	ASSERT_FALSE(u.ok());
	EXPECT_EQ(u.error().code, "InvalidAccessKeyId.NotFound");
	EXPECT_EQ(u.error().errorClass, ErrorClass::Permanent);
}

TEST(ClientEmulator, SkewedClockIsAClockError)
{
	Emulator emu;
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	auto o = options(local(emu.port()));
	o.now = [] { return std::chrono::system_clock::now() - 1h; };
	DbsClient client(io, o);
	auto r = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		client.startRestoreTask({"rtdemoexisting01", std::nullopt}, cb);
	});
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, "InvalidTimeStamp.Expired");
	EXPECT_EQ(r.error().errorClass, ErrorClass::Clock);
}

TEST(ClientEmulator, UnknownIdsAndTokenMismatchArePermanent)
{
	Emulator emu;
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	DbsClient client(io, options(local(emu.port())));
	auto r = await<dbs::StartBackupPlanResponse>(io, [&](auto cb) {
		client.startBackupPlan({"dbsnosuchplan", std::nullopt}, cb);
	});
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().errorClass, ErrorClass::Permanent) << describe(r.error());

	dbs::CreateRestoreTaskRequest create;
	create.backupPlanId = "dbsplandemo01";
	create.restoreTaskName = "first";
	create.destinationEndpointInstanceType = "RDS";
	create.destinationEndpointRegion = "cn-hangzhou";
	create.destinationEndpointInstanceId = "rm-test";
	create.backupSetId = "dbsbsdemo01";
	create.clientToken = "tok-same";
	auto first = await<dbs::CreateRestoreTaskResponse>(io, [&](auto cb) { client.createRestoreTask(create, cb); });
	ASSERT_TRUE(first.ok()) << describe(first.error());
	auto again = await<dbs::CreateRestoreTaskResponse>(io, [&](auto cb) { client.createRestoreTask(create, cb); });
	ASSERT_TRUE(again.ok()) << describe(again.error());
	EXPECT_EQ(again.value().restoreTaskId, first.value().restoreTaskId);
	create.restoreTaskName = "different";
	auto mismatch =
		await<dbs::CreateRestoreTaskResponse>(io, [&](auto cb) { client.createRestoreTask(create, cb); });
	ASSERT_FALSE(mismatch.ok());
	EXPECT_EQ(mismatch.error().code, "IdempotentParameterMismatch");
	EXPECT_EQ(mismatch.error().errorClass, ErrorClass::Permanent);
}

TEST(ClientEmulator, InjectedFaultsAreClassified)
{
	TempDir dir;
	std::string faults = dir.write("faults.yaml", R"(faults:
  - action: StartRestoreTask
    sequence: [throttle_user, unavailable, internal_error, truncated, malformed, reset, lost, delay, ok]
    http_status: 400
    retry_after_ms: 1500
    delay_ms: 5000
)");
	Emulator emu({"--faults", faults});
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	auto o = options(local(emu.port()));
	o.transport.readTimeout = 300ms;
	DbsClient client(io, o);
	struct Expect {
		std::string code;
		ErrorClass cls;
	};
	const Expect expected[] = {
		{"Throttling.User", ErrorClass::Throttled},    {"ServiceUnavailable", ErrorClass::Transient},
		{"InternalError", ErrorClass::Transient},      {"Response.Malformed", ErrorClass::Transient},
		{"Response.Malformed", ErrorClass::Transient}, {"Transport.Reset", ErrorClass::Transient},
		{"Transport.Reset", ErrorClass::Transient},    {"Transport.Timeout", ErrorClass::Transient},
	};
	for (std::size_t i = 0; i < std::size(expected); ++i) {
		auto r = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
			client.startRestoreTask({"rtdemoexisting01", "tok-fault"}, cb);
		});
		ASSERT_FALSE(r.ok()) << "call " << i;
		EXPECT_EQ(r.error().code, expected[i].code) << "call " << i << " " << describe(r.error());
		EXPECT_EQ(r.error().errorClass, expected[i].cls) << "call " << i;
		if (i == 0) {
			EXPECT_EQ(r.error().retryAfter, 1500ms);
			EXPECT_EQ(r.error().httpStatus, 400);
		}
	}
	auto ok = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		client.startRestoreTask({"rtdemoexisting01", "tok-fault"}, cb);
	});
	EXPECT_TRUE(ok.ok()) << describe(ok.error());
}

TEST(ClientEmulator, TlsWithATrustedCertificateWorks)
{
	TempDir dir;
	dbstest::writeSelfSignedCert(dir.file("cert.pem"), dir.file("key.pem"), "DNS:localhost,IP:127.0.0.1");
	Emulator emu({"--tls-cert", dir.file("cert.pem"), "--tls-key", dir.file("key.pem")});
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	for (std::string host : {"127.0.0.1", "localhost"}) {
		auto o = options("https://" + host + ":" + std::to_string(emu.port()));
		o.transport.caFile = dir.file("cert.pem");
		DbsClient client(io, o);
		dbs::DescribeRestoreTaskListRequest list;
		list.restoreTaskId = "rtdemoexisting01";
		auto r = await<dbs::DescribeRestoreTaskListResponse>(io, [&](auto cb) {
			client.describeRestoreTaskList(list, cb);
		});
		ASSERT_TRUE(r.ok()) << host << " " << describe(r.error());
		ASSERT_EQ(r.value().items.size(), 1u);
		EXPECT_EQ(r.value().items[0].restoreTaskId, "rtdemoexisting01");
	}
}

TEST(ClientEmulator, TlsHostNameMismatchAndUntrustedCertAreRejected)
{
	TempDir dir;
	dbstest::writeSelfSignedCert(dir.file("cert.pem"), dir.file("key.pem"), "DNS:dbs-api.example.com");
	Emulator emu({"--tls-cert", dir.file("cert.pem"), "--tls-key", dir.file("key.pem")});
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;

	auto mismatch = options("https://127.0.0.1:" + std::to_string(emu.port()));
	mismatch.transport.caFile = dir.file("cert.pem");
	DbsClient a(io, mismatch);
	auto r = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		a.startRestoreTask({"rtdemoexisting01", std::nullopt}, cb);
	});
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, "Transport.TlsVerifyFailed") << describe(r.error());
	EXPECT_EQ(r.error().errorClass, ErrorClass::Permanent);

	DbsClient b(io, options("https://127.0.0.1:" + std::to_string(emu.port())));
	auto u = await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
		b.startRestoreTask({"rtdemoexisting01", std::nullopt}, cb);
	});
	ASSERT_FALSE(u.ok());
	EXPECT_EQ(u.error().code, "Transport.TlsVerifyFailed") << describe(u.error());
	EXPECT_EQ(u.error().errorClass, ErrorClass::Permanent);
}

TEST(ClientEmulator, HundredsOfConcurrentCallsShareTheBoundedPool)
{
	Emulator emu;
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	auto o = options(local(emu.port()));
	o.transport.maxConnections = 4;
	o.transport.totalTimeout = 60s;
	DbsClient client(io, o);
	constexpr int calls = 300;
	int ok = 0, failed = 0;
	dbs::DescribeRestoreTaskListRequest list;
	list.restoreTaskId = "rtdemoexisting01";
	for (int i = 0; i < calls; ++i) {
		client.describeRestoreTaskList(list, [&](auto r) { ++(r.ok() ? ok : failed); });
	}
	auto limit = std::chrono::steady_clock::now() + 60s;
	while (ok + failed < calls && std::chrono::steady_clock::now() < limit)
		io.run_one_for(100ms);
	EXPECT_EQ(ok, calls);
	EXPECT_EQ(failed, 0);
}

TEST(ClientEmulator, InvalidRequestsAreNotSent)
{
	boost::asio::io_context io;
	// No server at all: a request that is not sent cannot fail to connect.
	DbsClient client(io, options("http://127.0.0.1:9"));
	dbs::CreateRestoreTaskRequest create;
	create.backupPlanId = "dbsplandemo01";
	create.restoreTaskName = "x";
	create.destinationEndpointInstanceType = "RDS";
	auto r = await<dbs::CreateRestoreTaskResponse>(io, [&](auto cb) { client.createRestoreTask(create, cb); });
	ASSERT_FALSE(r.ok());
	EXPECT_EQ(r.error().code, "Client.InvalidRequest");
	EXPECT_EQ(r.error().errorClass, ErrorClass::Permanent);
}

TEST(ClientEmulator, EveryRequestSentIsReportedOnceWithItsActionAndErrorClass)
{
	TempDir dir;
	std::string faults = dir.write("faults.yaml", R"(faults:
  - action: StartRestoreTask
    sequence: [throttle_user, ok]
    http_status: 400
)");
	Emulator emu({"--faults", faults});
	ASSERT_NE(emu.port(), 0);
	boost::asio::io_context io;
	struct Seen {
		std::string action;
		std::optional<ErrorClass> error;
	};
	std::vector<Seen> seen;
	auto o = options(local(emu.port()));
	o.onRequestDone = [&seen](std::string_view action, const base::ApiError *e, auto elapsed) {
		EXPECT_GE(elapsed.count(), 0);
		seen.push_back({std::string(action), e ? std::optional(e->errorClass) : std::nullopt});
	};
	DbsClient client(io, o);
	for (int i = 0; i < 2; ++i)
		await<dbs::StartRestoreTaskResponse>(io, [&](auto cb) {
			client.startRestoreTask({"rtdemoexisting01", "tok-observed"}, cb);
		});
	auto tasks = await<std::vector<dbs::RestoreTaskDetail>>(io, [&](auto cb) {
		client.describePlanRestoreTasks("dbsplandemo01", cb);
	});
	ASSERT_TRUE(tasks.ok()) << describe(tasks.error());
	// Not sent, so not a request: an invalid CreateRestoreTask.
	dbs::CreateRestoreTaskRequest invalid;
	invalid.backupPlanId = "dbsplandemo01";
	await<dbs::CreateRestoreTaskResponse>(io, [&](auto cb) { client.createRestoreTask(invalid, cb); });

	ASSERT_GE(seen.size(), 3u);
	EXPECT_EQ(seen[0].action, "StartRestoreTask");
	EXPECT_EQ(seen[0].error, ErrorClass::Throttled);
	EXPECT_EQ(seen[1].action, "StartRestoreTask");
	EXPECT_EQ(seen[1].error, std::nullopt);
	// One report per page of the walk, each a DescribeRestoreTaskList.
	for (std::size_t i = 2; i < seen.size(); ++i) {
		EXPECT_EQ(seen[i].action, "DescribeRestoreTaskList");
		EXPECT_EQ(seen[i].error, std::nullopt);
	}
}
