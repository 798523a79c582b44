// SPDX-License-Identifier: Apache-2.0
// Reads job events back from a real systemd-journald, started by this test
// in a private mount namespace (docs/toolchain notes: libsystemd hard-codes
// /run/systemd/journal/socket, so the namespace gets its own tmpfs /run).
// The namespace must be made before any thread exists, hence our own main().
#include "daemon/os/JobEventLog.h"
#include "tests/support/NotifySocket.h"

#include "CoreHarness.h"
#include "JobSpecs.h"
#include "daemon/JobDrill.h"
#include "daemon/JobServices.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <string>

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <systemd/sd-journal.h>

namespace os = restored::os;

using restored::os::JobEventFields;
using restored::os::JobEventKind;
using restored::os::JobEventLog;
using restored::os::LogTarget;
using Clock = std::chrono::steady_clock;

namespace {

const char *const journaldPath = "/lib/systemd/systemd-journald";
const char *const socketPath = "/run/systemd/journal/socket";

std::string skipReason; // set by main() when no private journald could be made
pid_t journaldPid = -1;

std::string errnoText(const char *what) { return std::string(what) + ": " + std::strerror(errno); }

// Returns "" on success, else why the test cannot run here.
std::string startPrivateJournald()
{
	if (::access(journaldPath, X_OK) != 0)
		return errnoText(journaldPath);
	if (::unshare(CLONE_NEWNS) != 0)
		return errnoText("unshare(CLONE_NEWNS) (needs root or CAP_SYS_ADMIN)");
	// From here on nothing we mount is visible to the host.
	if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
		return errnoText("make / private");
	if (::mount("tmpfs", "/run", "tmpfs", 0, "mode=0755") != 0)
		return errnoText("tmpfs on /run");
	::mkdir("/var/log/journal", 0755);
	if (::mount("tmpfs", "/var/log/journal", "tmpfs", 0, "mode=0755") != 0)
		return errnoText("tmpfs on /var/log/journal");
	const char *conf = "/run/test-journald.conf";
	{
		std::ofstream out(conf);
		out << "[Journal]\nStorage=volatile\nReadKMsg=no\nForwardToSyslog=no\n"
		       "ForwardToWall=no\nForwardToConsole=no\nForwardToKMsg=no\n";
	}
	if (::access("/etc/systemd/journald.conf", F_OK) == 0 &&
	    ::mount(conf, "/etc/systemd/journald.conf", nullptr, MS_BIND, nullptr) != 0)
		return errnoText("bind journald.conf");

	// journald reports READY=1 through $NOTIFY_SOCKET once it serves its
	// sockets (it is a Type=notify service), so the test waits for that
	// datagram instead of polling for the socket file.
	testsupport::NotifySocket ready("/run/test-journald-notify.sock");
	pid_t pid = ::fork();
	if (pid < 0)
		return errnoText("fork");
	if (pid == 0) {
		// If the test crashes, journald must not outlive it.
		::prctl(PR_SET_PDEATHSIG, SIGTERM);
		int devnull = ::open("/dev/null", O_RDWR);
		::dup2(devnull, STDIN_FILENO);
		::dup2(devnull, STDOUT_FILENO);
		::setenv("NOTIFY_SOCKET", ready.path().c_str(), 1);
		::execl(journaldPath, journaldPath, static_cast<char *>(nullptr));
		::_exit(127);
	}
	journaldPid = pid;
	if (ready.waitFor("READY=1", std::chrono::seconds(5)) && ::access(socketPath, F_OK) == 0)
		return "";
	int status = 0;
	if (::waitpid(pid, &status, WNOHANG) == pid) {
		journaldPid = -1;
		return "systemd-journald exited at startup";
	}
	return "systemd-journald did not report READY=1 within 5 s";
}

void stopJournald()
{
	if (journaldPid <= 0)
		return;
	::kill(journaldPid, SIGTERM);
	int status = 0;
	::waitpid(journaldPid, &status, 0);
	journaldPid = -1;
}

// All fields of the first entry matching JOB_ID=jobId, waiting up to 2 s
// for journald to write it (sd_journal_wait wakes on journal changes).
std::map<std::string, std::string> readBack(const std::string &jobId)
{
	std::map<std::string, std::string> fields;
	sd_journal *j = nullptr;
	if (::sd_journal_open_directory(&j, "/run/log/journal", 0) < 0)
		return fields;
	std::string match = "JOB_ID=" + jobId;
	::sd_journal_add_match(j, match.data(), match.size());
	auto deadline = Clock::now() + std::chrono::seconds(2);
	while (fields.empty()) {
		if (::sd_journal_next(j) > 0) {
			const void *data;
			size_t len;
			SD_JOURNAL_FOREACH_DATA(j, data, len)
			{
				std::string kv(static_cast<const char *>(data), len);
				auto eq = kv.find('=');
				if (eq != std::string::npos)
					fields[kv.substr(0, eq)] = kv.substr(eq + 1);
			}
			break;
		}
		auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
		if (left.count() <= 0 || ::sd_journal_wait(j, static_cast<uint64_t>(left.count())) < 0)
			break;
	}
	::sd_journal_close(j);
	return fields;
}

// MESSAGE -> PRIORITY of the entries with JOB_ID=jobId and EVENT=event,
// waiting up to 5 s for `count` of them.
std::map<std::string, std::string> prioritiesOf(const std::string &jobId, const std::string &event, std::size_t count)
{
	std::map<std::string, std::string> out;
	sd_journal *j = nullptr;
	if (::sd_journal_open_directory(&j, "/run/log/journal", 0) < 0)
		return out;
	std::string job = "JOB_ID=" + jobId, kind = "EVENT=" + event;
	::sd_journal_add_match(j, job.data(), job.size());
	::sd_journal_add_match(j, kind.data(), kind.size());
	auto deadline = Clock::now() + std::chrono::seconds(5);
	while (out.size() < count) {
		if (::sd_journal_next(j) > 0) {
			const void *message = nullptr, *priority = nullptr;
			size_t ml = 0, pl = 0;
			if (::sd_journal_get_data(j, "MESSAGE", &message, &ml) >= 0 &&
			    ::sd_journal_get_data(j, "PRIORITY", &priority, &pl) >= 0)
				out[std::string(static_cast<const char *>(message) + 8, ml - 8)] =
					std::string(static_cast<const char *>(priority) + 9, pl - 9);
			continue;
		}
		auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
		if (left.count() <= 0 || ::sd_journal_wait(j, static_cast<uint64_t>(left.count())) < 0)
			break;
	}
	::sd_journal_close(j);
	return out;
}

} // namespace

TEST(JournaldTest, AHooksStderrLinesAreWarningsAndItsStdoutLinesInfo)
{
	if (!skipReason.empty()) {
		GTEST_SKIP() << skipReason;
	}
	// A real hook run by the daemon's JobDrill, whose event log writes to
	// this test's journald.
	restored::test::CoreHarness core;
	os::JobEventLog journal(os::LogTarget::Journald, std::make_shared<spdlog::logger>("journald-hook"));
	restored::JobServices services{
		core.services.executor,   core.routes, core.limiter, core.store, core.flusher, journal, core.random,
		core.services.readSecret, core.clock,  {},           {},         core.history};
	const std::string jobId = "journald-hook-" + std::to_string(::getpid());
	const std::string hook = (core.dir.path() / "hook").string();
	std::ofstream(hook) << "#!/bin/sh\necho 'checked 1200 rows'\necho 'slow disk' >&2\necho 'all tables ok'\n";
	::chmod(hook.c_str(), 0755);
	auto spec = restored::test::jobSpec(jobId, "  - restore:\n      restore_task_id: rt-1\n",
					    restored::test::shortTiming + "verify: {command: [" + hook + "]}\n");
	statemachine::JobRun run;
	run.jobId = jobId;
	run.runId = "00000000000000aa";
	bool ended = false;
	restored::JobDrill drill(services, jobId, [&](const statemachine::HookFinished &) { ended = true; }, {});
	drill.execute(statemachine::RunHook{statemachine::HookKind::Verify}, *spec, run);
	const auto deadline = Clock::now() + std::chrono::seconds(20);
	while (!ended && Clock::now() < deadline) {
		core.io.restart();
		core.io.run_one_for(std::chrono::milliseconds(100));
	}
	ASSERT_TRUE(ended) << "the hook did not end within 20 s";

	auto got = prioritiesOf(jobId, "hook_output", 3);
	ASSERT_EQ(got.size(), 3u) << "three output lines in the journal";
	EXPECT_EQ(got["checked 1200 rows"], "6") << "stdout: info";
	EXPECT_EQ(got["all tables ok"], "6") << "stdout: info";
	EXPECT_EQ(got["slow disk"], "4") << "stderr: warning";
}

TEST(JournaldTest, JobEventFieldsComeBackFromJournald)
{
	if (!skipReason.empty()) {
		GTEST_SKIP() << skipReason;
	}
	os::JobEventFields f;
	f.jobId = "journald-test-" + std::to_string(::getpid());
	f.step = "2/2 restore";
	f.state = "Polling";
	f.restoreTaskId = "rtdemoexisting01";
	f.backupPlanId = "dbsplandemo01";
	f.attempt = 2;
	f.errorCode = "Throttling.User";
	f.errorClass = "Throttled";
	f.requestId = "REQ-1";
	f.progress = 55;
	auto logger = std::make_shared<spdlog::logger>("journald-test");
	logger->set_level(spdlog::level::trace);
	os::JobEventLog log(os::LogTarget::Journald, logger);
	log.log(os::JobEventKind::ApiCallFailed, f, "DescribeRestoreTaskList throttled\nsecond line");

	auto got = readBack(f.jobId);
	ASSERT_FALSE(got.empty()) << "no entry with JOB_ID=" << f.jobId;
	// Control characters reach the journal escaped, never raw: journalctl
	// prints MESSAGE straight to an operator's terminal.
	EXPECT_EQ(got["MESSAGE"], "DescribeRestoreTaskList throttled\\nsecond line");
	EXPECT_EQ(got["MESSAGE_ID"], os::info(os::JobEventKind::ApiCallFailed).messageId);
	EXPECT_EQ(got["PRIORITY"], "4");
	EXPECT_EQ(got["SYSLOG_IDENTIFIER"], "dbs-restored");
	EXPECT_EQ(got["EVENT"], "api_call_failed");
	EXPECT_EQ(got["JOB_ID"], f.jobId);
	EXPECT_EQ(got["STEP"], "2/2 restore");
	EXPECT_EQ(got["STATE"], "Polling");
	EXPECT_EQ(got["RESTORE_TASK_ID"], "rtdemoexisting01");
	EXPECT_EQ(got["BACKUP_PLAN_ID"], "dbsplandemo01");
	EXPECT_EQ(got["ATTEMPT"], "2");
	EXPECT_EQ(got["ERROR_CODE"], "Throttling.User");
	EXPECT_EQ(got["ERROR_CLASS"], "Throttled");
	EXPECT_EQ(got["REQUEST_ID"], "REQ-1");
	EXPECT_EQ(got["PROGRESS"], "55");
	EXPECT_EQ(got["_PID"], std::to_string(::getpid())) << "journald's trusted field: it came from us";
}

TEST(JournaldTest, UnsetFieldsAreAbsent)
{
	if (!skipReason.empty()) {
		GTEST_SKIP() << skipReason;
	}
	os::JobEventFields f;
	f.jobId = "journald-sparse-" + std::to_string(::getpid());
	auto logger = std::make_shared<spdlog::logger>("journald-test");
	os::JobEventLog log(os::LogTarget::Journald, logger);
	log.log(os::JobEventKind::Succeeded, f, "done");

	auto got = readBack(f.jobId);
	ASSERT_FALSE(got.empty());
	EXPECT_EQ(got["MESSAGE_ID"], os::info(os::JobEventKind::Succeeded).messageId);
	for (const char *absent : {"STEP", "STATE", "RESTORE_TASK_ID", "BACKUP_PLAN_ID", "ATTEMPT", "ERROR_CODE",
				   "ERROR_CLASS", "REQUEST_ID", "PROGRESS"}) {
		EXPECT_EQ(got.count(absent), 0u) << absent;
	}
}

int main(int argc, char **argv)
{
	// Before gtest (or anything else) can start a thread.
	skipReason = startPrivateJournald();
	::testing::InitGoogleTest(&argc, argv);
	int rc = RUN_ALL_TESTS();
	stopJournald();
	return rc;
}
