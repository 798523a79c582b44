// SPDX-License-Identifier: Apache-2.0
// A restore drill whose verify hook is examples/hooks/verify-mysql: the
// real daemon restores (on the emulator) into a real MariaDB server that
// stands in for the restored instance, and the hook checks what it holds.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "history/HistoryStore.h"
#include "tests/e2e/DaemonProcess.h"
#include "tests/e2e/EmulatorProcess.h"
#include "tests/e2e/Workspace.h"
#include "tests/support/MariaDbServer.h"
#include "tests/support/Subprocess.h"

namespace e2e {
namespace {

using history::Verification;
using testing::HasSubstr;

// A create-restore drill of `shop` into `target` on the MariaDB server
// (instance type Other: an address and a port), verified by verify-mysql.
std::string drillJob(const Workspace &ws, int port, const std::string &target, const std::string &timeout)
{
	// clang-format off
	return "steps:\n"
	       "  - restore:\n"
	       "      create:\n"
	       "        backup_plan_id: planmaria\n"
	       "        name: drill-" + target + "\n"
	       "        backup_set: bsmaria01\n"
	       "        destination:\n"
	       "          instance_type: Other\n"
	       "          ip: 127.0.0.1\n"
	       "          port: " + std::to_string(port) + "\n"
	       "          user_name: drill\n"
	       "          password_file: " + ws.passwordFileRef() + "\n"
	       "        objects: [{db: shop, new_db: " + target + "}]\n"
	       "verify:\n"
	       "  command: [" + (sourceDir() / "examples" / "hooks" / "verify-mysql").string() +
	       ", --table, " + target + ".orders=1000]\n"
	       "  timeout: " + timeout + "\n" + fastTiming;
	// clang-format on
}

TEST(MariaDbDrill, VerifyMysqlVerifiesASeededRestoreAndFailsAnEmptyOrHangingOne)
{
	if (!testsupport::MariaDbServer::available())
		GTEST_SKIP() << "mariadb-server and mariadb-client are not installed (tools/ensure-deps)";
	testsupport::MariaDbServer server;
	EmulatorProcess emulator(fixtureYaml(planYaml("planmaria", "30m", "    backup_sets: [bsmaria01]\n")));
	Workspace ws(emulator.port());
	// What three restores left behind: a sound database, one whose orders
	// are gone, and one another session holds locked (a restored instance
	// that never answers). The drill user may only read them; its password
	// is the job's destination password.
	std::string setup;
	for (const std::string db : {"seeded_drill", "emptied_drill", "hung_drill"})
		setup += "DROP DATABASE IF EXISTS " + db + "; CREATE DATABASE " + db + "; USE " + db +
			 ";"
			 "CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(20)) ENGINE=InnoDB;"
			 "INSERT INTO orders SELECT seq, CONCAT('item-', seq) FROM seq_1_to_1200;"
			 "GRANT SELECT ON " +
			 db + ".* TO 'drill'@'127.0.0.1';";
	server.sql("CREATE USER IF NOT EXISTS 'drill'@'127.0.0.1' IDENTIFIED BY '" + ws.password() + "';" + setup +
		   "DELETE FROM emptied_drill.orders;");
	auto locker = server.clientArgv();
	locker.insert(locker.end(), {"--unbuffered", "-e",
				     "LOCK TABLES hung_drill.orders WRITE; SELECT 'locked'; SELECT SLEEP(600);"});
	testsupport::Subprocess lock(locker);
	ASSERT_EQ(lock.readLine(30s), "locked");

	ws.writeJob("seeded.yaml", drillJob(ws, server.port(), "seeded_drill", "1m"));
	ws.writeJob("emptied.yaml", drillJob(ws, server.port(), "emptied_drill", "1m"));
	ws.writeJob("hung.yaml", drillJob(ws, server.port(), "hung_drill", "3s"));
	DaemonProcess daemon(ws, true);
	ASSERT_EQ(daemon.waitExit(120s), 1) << daemon.output();

	struct Expect {
		std::string job;
		Verification verification;
		std::string detail;
		std::string said; // a line verify-mysql printed
	};
	for (const Expect &e : std::vector<Expect>{
		     {"seeded", Verification::Verified, "exit 0",
		      "ok: seeded_drill.orders has 1200 rows, expected at least 1000"},
		     {"emptied", Verification::VerificationFailed, "exit 1",
		      "FAIL: emptied_drill.orders has 0 rows, expected at least 1000"},
		     {"hung", Verification::CouldNotVerify, "timed out after 3s", "ok: database hung_drill exists"},
	     }) {
		SCOPED_TRACE(e.job);
		auto file = history::HistoryStore::load(ws.stateDir() / "history" /
							history::HistoryStore::fileNameFor(e.job));
		ASSERT_EQ(file.history.records.size(), 1u);
		EXPECT_EQ(file.history.records[0].verification, e.verification);
		EXPECT_EQ(file.history.records[0].verificationDetail, e.detail);
		bool said = false;
		for (const auto &line : daemon.eventLines("hook_output", e.job))
			said = said || line.find(": " + e.said) != std::string::npos;
		EXPECT_TRUE(said) << daemon.output();
	}
	EXPECT_EQ(daemon.output().find(ws.password()), std::string::npos) << "the password is never logged";
}

} // namespace
} // namespace e2e
