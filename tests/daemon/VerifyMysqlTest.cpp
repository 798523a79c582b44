// SPDX-License-Identifier: Apache-2.0
// examples/hooks/verify-mysql, run the way the daemon runs a verify hook
// (HookRunner, HookEnvironment), against a real MariaDB server that stands
// in for the restored instance.
#include <fstream>

#include <boost/asio/io_context.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "daemon/os/HookEnvironment.h"
#include "daemon/os/HookRunner.h"
#include "tests/daemon/TempDir.h"
#include "tests/support/MariaDbServer.h"
#include "tests/support/Subprocess.h"

namespace os = restored::os;

using namespace std::chrono_literals;
using restored::os::HookOutput;
using restored::os::HookResult;
using testing::Contains;
using testing::HasSubstr;

namespace {

const char *const password = "drill-pw-7f3a";

struct Ran {
	os::HookResult result;
	std::vector<std::string> lines; // stdout and stderr, in arrival order
};

class VerifyMysqlTest : public testing::Test
{
protected:
	static void SetUpTestSuite()
	{
		if (testsupport::MariaDbServer::available())
			server_ = new testsupport::MariaDbServer();
	}
	static void TearDownTestSuite()
	{
		delete server_;
		server_ = nullptr;
	}

	void SetUp() override
	{
		if (!server_)
			GTEST_SKIP() << "mariadb-server and mariadb-client are not installed (tools/ensure-deps)";
		// The restore's result: an InnoDB table with rows, a MyISAM one, and
		// a user that may only read them, as a drill's would.
		// seq_1_to_N (MariaDB's Sequence engine) needs a current database.
		server_->sql("DROP DATABASE IF EXISTS shop_drill; CREATE DATABASE shop_drill; USE shop_drill;"
			     "CREATE TABLE shop_drill.orders (id INT PRIMARY KEY, item VARCHAR(20)) ENGINE=InnoDB;"
			     "INSERT INTO shop_drill.orders SELECT seq, CONCAT('item-', seq) FROM seq_1_to_1200;"
			     "CREATE TABLE shop_drill.notes (id INT PRIMARY KEY, note VARCHAR(200)) ENGINE=MyISAM;"
			     "INSERT INTO shop_drill.notes SELECT seq, REPEAT('n', 100) FROM seq_1_to_500;"
			     "CREATE USER IF NOT EXISTS 'drill'@'127.0.0.1' IDENTIFIED BY '" +
			     std::string(password) +
			     "';"
			     "GRANT SELECT ON shop_drill.* TO 'drill'@'127.0.0.1';");
		passwordFile_ = (dir_.path() / "drill-db-password").string();
		std::ofstream(passwordFile_) << password << "\n";
	}

	os::HookContext context() const
	{
		os::HookContext c;
		c.hook = "verify";
		c.jobId = "nightly-drill";
		c.runId = "r-1";
		c.ip = "127.0.0.1";
		c.port = server_->port();
		c.user = "drill";
		c.databases = {{"shop", "shop_drill"}};
		c.passwordFile = passwordFile_;
		return c;
	}

	Ran verify(std::vector<std::string> args, const os::HookContext &c, std::chrono::milliseconds timeout = 60s)
	{
		os::HookRequest r;
		r.argv = {VERIFY_MYSQL};
		r.argv.insert(r.argv.end(), args.begin(), args.end());
		r.environment = os::hookEnvironment(c);
		// Where its private option file goes, so the test can look afterwards.
		r.environment.push_back("TMPDIR=" + dir_.path().string());
		r.timeout = timeout;
		r.killGrace = 2s;
		boost::asio::io_context io;
		os::HookRunner runner(io);
		Ran ran;
		bool done = false;
		runner.start(
			r, [&](const os::HookOutput::Line &l) { ran.lines.push_back(l.text); },
			[&](const os::HookResult &result) {
				ran.result = result;
				done = true;
			});
		io.run_for(120s);
		EXPECT_TRUE(done) << "the hook did not finish within 120 s";
		return ran;
	}

	static testsupport::MariaDbServer *server_;
	restored::test::TempDir dir_;
	std::string passwordFile_;
};

testsupport::MariaDbServer *VerifyMysqlTest::server_ = nullptr;

std::string joined(const Ran &r)
{
	std::string s;
	for (const auto &l : r.lines)
		s += l + "\n";
	return s;
}

} // namespace

TEST_F(VerifyMysqlTest, ASeededDatabaseIsVerified)
{
	auto ran = verify({"--table", "shop_drill.orders=1000"}, context());
	EXPECT_EQ(ran.result.kind, os::HookResult::Kind::Exited) << joined(ran);
	EXPECT_EQ(ran.result.code, 0) << joined(ran);
	EXPECT_THAT(ran.lines, Contains("ok: database shop_drill exists"));
	EXPECT_THAT(ran.lines, Contains("ok: shop_drill.orders has 1200 rows, expected at least 1000"));
	EXPECT_THAT(ran.lines, Contains("ok: CHECK TABLE shop_drill.notes: OK"));
	EXPECT_THAT(ran.lines, Contains("ok: CHECK TABLE shop_drill.orders: OK"));
	// The option file that held the password is gone with the hook.
	std::vector<std::string> left;
	for (const auto &e : std::filesystem::directory_iterator(dir_.path()))
		left.push_back(e.path().filename().string());
	EXPECT_THAT(left, testing::ElementsAre("drill-db-password"));
	EXPECT_THAT(joined(ran), testing::Not(HasSubstr(password)));
}

TEST_F(VerifyMysqlTest, AnEmptiedTableFailsVerification)
{
	server_->sql("DELETE FROM shop_drill.orders;");
	auto ran = verify({"--table", "shop_drill.orders=1000"}, context());
	EXPECT_EQ(ran.result.kind, os::HookResult::Kind::Exited);
	EXPECT_EQ(ran.result.code, 1) << joined(ran);
	EXPECT_THAT(ran.lines, Contains("FAIL: shop_drill.orders has 0 rows, expected at least 1000"));
}

TEST_F(VerifyMysqlTest, AMissingDatabaseFailsVerification)
{
	auto c = context();
	c.databases.push_back({"crm", "crm_drill"});
	auto ran = verify({}, c);
	EXPECT_EQ(ran.result.code, 1) << joined(ran);
	EXPECT_THAT(ran.lines, Contains("FAIL: database crm_drill does not exist"));
	EXPECT_THAT(ran.lines, Contains("ok: database shop_drill exists"));
}

TEST_F(VerifyMysqlTest, ACorruptTableFailsCheckTable)
{
	server_->sql("FLUSH TABLES shop_drill.notes;");
	std::filesystem::resize_file(server_->dataDir() / "shop_drill" / "notes.MYD", 1000);
	auto ran = verify({}, context());
	EXPECT_EQ(ran.result.code, 1) << joined(ran);
	EXPECT_THAT(joined(ran), HasSubstr("FAIL: CHECK TABLE shop_drill.notes: "));
	EXPECT_THAT(ran.lines, Contains("ok: CHECK TABLE shop_drill.orders: OK"));
}

TEST_F(VerifyMysqlTest, AWrongPasswordIsNeverAPass)
{
	std::ofstream(passwordFile_) << "not-the-password\n";
	auto ran = verify({}, context());
	EXPECT_EQ(ran.result.kind, os::HookResult::Kind::Exited);
	EXPECT_EQ(ran.result.code, 2) << joined(ran);
	EXPECT_THAT(joined(ran), HasSubstr("verify-mysql: cannot connect: "));
	EXPECT_THAT(joined(ran), testing::Not(HasSubstr("not-the-password")));
}

TEST_F(VerifyMysqlTest, AHangingHookTimesOut)
{
	// Another session holds the table locked: the hook's COUNT(*) waits for
	// it without end, as on a restored instance that does not answer.
	auto argv = server_->clientArgv();
	argv.insert(argv.end(),
		    {"--unbuffered", "-e", "LOCK TABLES shop_drill.orders WRITE; SELECT 'locked'; SELECT SLEEP(600);"});
	testsupport::Subprocess locker(argv);
	ASSERT_EQ(locker.readLine(30s), "locked");
	auto ran = verify({"--table", "shop_drill.orders=1000", "--check-tables", "none"}, context(), 3s);
	EXPECT_EQ(ran.result.kind, os::HookResult::Kind::TimedOut) << joined(ran);
	EXPECT_GE(ran.result.duration, 3s);
	EXPECT_THAT(ran.lines, Contains("ok: database shop_drill exists"));
}
