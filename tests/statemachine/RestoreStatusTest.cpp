// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RestoreStatus.h"

#include <gtest/gtest.h>

namespace statemachine {
namespace {

struct Case {
	const char *status;
	RestoreVerdict expected;
};

TEST(RestoreStatus, MapsEveryKnownAndUnknownValue)
{
	const Case cases[] = {
		{"stop", RestoreVerdict::Failed},
		{"STOP", RestoreVerdict::Failed},
		{"failed", RestoreVerdict::Failed},
		{"Fail_Precheck", RestoreVerdict::Failed},
		{"pause", RestoreVerdict::Paused},
		{"finish", RestoreVerdict::Succeeded},
		{"Finished", RestoreVerdict::Succeeded},
		{"SUCCESS", RestoreVerdict::Succeeded},
		{"succeeded", RestoreVerdict::Succeeded},
		{"completed", RestoreVerdict::Succeeded},
		{"init", RestoreVerdict::InProgress},
		{"check_pass", RestoreVerdict::InProgress},
		{"Running", RestoreVerdict::InProgress},
		{"restoring", RestoreVerdict::Unknown},
		{"", RestoreVerdict::Unknown},
	};
	for (const Case &c : cases)
		EXPECT_EQ(classifyRestoreStatus(c.status), c.expected) << "'" << c.status << "'";
}

// Seed 002's documented sample answer: "RestoreStatus": "running" with
// "RestoreTaskFinishTime": 1554560477000. Under that reading a finish time
// means nothing, so it must never make a success.
TEST(RestoreStatus, Seed002RunningWithAFinishTimeIsNotASuccessButAContradiction)
{
	EXPECT_EQ(classifyRestoreStatus("running"), RestoreVerdict::InProgress);
	std::string why = contradiction("running", 1554560477000);
	EXPECT_NE(why.find("'running'"), std::string::npos) << why;
	EXPECT_NE(why.find("1554560477000"), std::string::npos) << why;
	EXPECT_NE(contradiction("init", 1554560477000), "") << "a task stuck in init is no success either";
	EXPECT_NE(contradiction("check_pass", 1), "");
}

TEST(RestoreStatus, AnUnknownStatusIsAContradictionWithItsRawValues)
{
	EXPECT_NE(contradiction("restoring", 0).find("'restoring'"), std::string::npos);
	EXPECT_NE(contradiction("", 5), "");
}

TEST(RestoreStatus, ConsistentAnswersHaveNoContradiction)
{
	EXPECT_EQ(contradiction("running", 0), "");
	EXPECT_EQ(contradiction("init", 0), "");
	EXPECT_EQ(contradiction("finish", 1554560477000), "") << "a finish time may confirm a success";
	EXPECT_EQ(contradiction("completed", 0), "") << "a success needs no finish time";
	EXPECT_EQ(contradiction("stop", 1554560477000), "");
	EXPECT_EQ(contradiction("pause", 0), "");
	EXPECT_EQ(contradiction("pause", 1), "") << "whether DBS stamps a pause is undocumented";
}

TEST(RestoreStatus, MapsBackupSetStatus)
{
	EXPECT_EQ(classifyBackupSetStatus("finish"), BackupSetVerdict::Done);
	EXPECT_EQ(classifyBackupSetStatus("FINISH"), BackupSetVerdict::Done);
	EXPECT_EQ(classifyBackupSetStatus("failed"), BackupSetVerdict::Failed);
	EXPECT_EQ(classifyBackupSetStatus("stop"), BackupSetVerdict::Failed);
	EXPECT_EQ(classifyBackupSetStatus("init"), BackupSetVerdict::InProgress);
	EXPECT_EQ(classifyBackupSetStatus("running"), BackupSetVerdict::InProgress);
	EXPECT_EQ(classifyBackupSetStatus("something-new"), BackupSetVerdict::InProgress);
}

} // namespace
} // namespace statemachine
