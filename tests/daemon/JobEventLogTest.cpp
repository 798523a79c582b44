// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/JobEventLog.h"

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

namespace os = restored::os;

using restored::os::JobEventFields;
using restored::os::JobEventKind;
using restored::os::JobEventLog;
using restored::os::LogTarget;

namespace {

os::JobEventFields allFields()
{
	os::JobEventFields f;
	f.jobId = "nightly-drill";
	f.step = "2/2 restore";
	f.state = "Polling";
	f.restoreTaskId = "rtdemoexisting01";
	f.backupPlanId = "dbsplandemo01";
	f.attempt = 3;
	f.errorCode = "Throttling.User";
	f.errorClass = "Throttled";
	f.requestId = "5A1B-REQ";
	f.progress = 42;
	return f;
}

} // namespace

TEST(JobEventKindTest, MessageIdsAreUniqueWellFormedAndIndexed)
{
	std::set<std::string_view> ids, names;
	const std::regex hex128("[0-9a-f]{32}");
	for (std::size_t i = 0; i < os::jobEventKinds.size(); ++i) {
		const auto &k = os::jobEventKinds[i];
		EXPECT_EQ(static_cast<std::size_t>(k.kind), i) << k.name << " is out of enum order";
		EXPECT_TRUE(std::regex_match(std::string(k.messageId), hex128)) << k.name;
		EXPECT_TRUE(ids.insert(k.messageId).second) << "duplicate MESSAGE_ID " << k.messageId;
		EXPECT_TRUE(names.insert(k.name).second) << "duplicate name " << k.name;
		EXPECT_GE(k.priority, 0);
		EXPECT_LE(k.priority, 7);
	}
	EXPECT_EQ(os::info(os::JobEventKind::Succeeded).name, "succeeded");
}

TEST(JobEventLogTest, JournalFieldsCarryEverySetField)
{
	auto fields =
		os::JobEventLog::journalFields(os::JobEventKind::ApiCallFailed, allFields(), "StartRestoreTask failed");
	std::vector<std::string> expected = {
		"MESSAGE=StartRestoreTask failed",
		"MESSAGE_ID=" + std::string(os::info(os::JobEventKind::ApiCallFailed).messageId),
		"PRIORITY=4",
		"SYSLOG_IDENTIFIER=dbs-restored",
		"EVENT=api_call_failed",
		"JOB_ID=nightly-drill",
		"STEP=2/2 restore",
		"STATE=Polling",
		"RESTORE_TASK_ID=rtdemoexisting01",
		"BACKUP_PLAN_ID=dbsplandemo01",
		"ATTEMPT=3",
		"ERROR_CODE=Throttling.User",
		"ERROR_CLASS=Throttled",
		"REQUEST_ID=5A1B-REQ",
		"PROGRESS=42",
	};
	EXPECT_EQ(fields, expected);
}

TEST(JobEventLogTest, EmptyFieldsAreOmitted)
{
	os::JobEventFields f;
	f.jobId = "j";
	f.progress = 0; // zero is a value, not "unset"
	auto fields = os::JobEventLog::journalFields(os::JobEventKind::Progress, f, "");
	EXPECT_EQ(fields.size(), 7u);
	EXPECT_EQ(fields[5], "JOB_ID=j");
	EXPECT_EQ(fields[6], "PROGRESS=0");
	EXPECT_EQ(os::JobEventLog::formatLine(os::JobEventKind::Progress, f, ""), "event=progress job=j progress=0");
}

TEST(JobEventLogTest, StderrModeWritesOneReadableLine)
{
	std::ostringstream out;
	auto sink = std::make_shared<spdlog::sinks::ostream_sink_st>(out);
	auto logger = std::make_shared<spdlog::logger>("test", sink);
	logger->set_pattern("%l %v");
	logger->set_level(spdlog::level::info);
	os::JobEventLog log(os::LogTarget::Stderr, logger);

	log.log(os::JobEventKind::ApiCallFailed, allFields(), "StartRestoreTask failed");
	EXPECT_EQ(out.str(), "warning event=api_call_failed job=nightly-drill step=2/2 restore state=Polling "
			     "restore_task=rtdemoexisting01 backup_plan=dbsplandemo01 attempt=3 "
			     "error_code=Throttling.User error_class=Throttled request_id=5A1B-REQ progress=42: "
			     "StartRestoreTask failed\n");

	// Below the logger's level: nothing.
	out.str("");
	log.log(os::JobEventKind::ApiCallSent, allFields(), "sent");
	EXPECT_EQ(out.str(), "");
	log.log(os::JobEventKind::Succeeded, os::JobEventFields{.jobId = "x"}, "done");
	EXPECT_EQ(out.str(), "info event=succeeded job=x: done\n");
}

// A DBS message or a task id from the network, or a job id from a file
// name, may carry terminal escapes or bytes that are not text; raw, they
// would reach an operator's terminal through the log and the journal.
TEST(JobEventLogTest, UserBytesAreEscapedInTheLineAndTheJournal)
{
	os::JobEventFields f;
	f.jobId = "j";
	f.restoreTaskId = "rt\x1b[2J";
	std::string message = "failed: \xff disk\nfull";
	EXPECT_EQ(os::JobEventLog::formatLine(os::JobEventKind::Failed, f, message),
		  "event=failed job=j restore_task=rt\\x1b[2J: failed: \\xff disk\\nfull");
	auto fields = os::JobEventLog::journalFields(os::JobEventKind::Failed, f, message);
	EXPECT_EQ(fields[0], "MESSAGE=failed: \\xff disk\\nfull");
	EXPECT_EQ(fields[6], "RESTORE_TASK_ID=rt\\x1b[2J");
}

TEST(JobEventKindTest, OperationsDocListsEveryMessageId)
{
	const char *path = std::getenv("DBS_OPERATIONS_MD");
	if (!path) {
		GTEST_SKIP() << "DBS_OPERATIONS_MD not set (meson sets it)";
	}
	std::ifstream in(path);
	ASSERT_TRUE(in) << path;
	std::string doc((std::istreambuf_iterator<char>(in)), {});
	for (const auto &k : os::jobEventKinds) {
		std::string row = "| `" + std::string(k.name) + "` | `" + std::string(k.messageId) + "` | " +
				  std::to_string(k.priority) + " |";
		EXPECT_NE(doc.find(row), std::string::npos) << "docs/operations.md lacks the row for " << k.name;
	}
}

TEST(JobEventLogTest, AnExplicitPriorityOverridesTheKindsOwn)
{
	// A retry is a notice when transient and a warning when throttled: the
	// machine's severity, not the kind, decides (JobEventMapping priorityFor).
	auto notice = os::JobEventLog::journalFields(os::JobEventKind::RetryScheduled, {}, "retrying");
	auto warning = os::JobEventLog::journalFields(os::JobEventKind::RetryScheduled, {}, "retrying", 4);
	EXPECT_EQ(warning[2], "PRIORITY=4");
	EXPECT_EQ(notice[2], "PRIORITY=" + std::to_string(os::info(os::JobEventKind::RetryScheduled).priority));
	EXPECT_EQ(os::JobEventLog::levelFor(4), spdlog::level::warn);
	EXPECT_EQ(os::JobEventLog::levelFor(3), spdlog::level::err);
	EXPECT_EQ(os::JobEventLog::levelFor(7), spdlog::level::debug);
}
