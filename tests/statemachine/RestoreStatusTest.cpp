// SPDX-License-Identifier: Apache-2.0
#include "statemachine/RestoreStatus.h"

#include <gtest/gtest.h>

namespace statemachine {
namespace {

struct Case {
	const char *status;
	std::int64_t finishTime;
	RestoreVerdict expected;
};

TEST(RestoreStatus, MapsEveryKnownAndUnknownValue)
{
	const Case cases[] = {
		{"stop", 0, RestoreVerdict::Failed},
		{"STOP", 1, RestoreVerdict::Failed},          // a finish time does not turn a failure into success
		{"failed", 0, RestoreVerdict::Failed},
		{"Fail_Precheck", 0, RestoreVerdict::Failed},
		{"pause", 0, RestoreVerdict::Paused},
		{"pause", 1, RestoreVerdict::Paused},
		{"finish", 0, RestoreVerdict::Succeeded},
		{"Finished", 0, RestoreVerdict::Succeeded},
		{"SUCCESS", 0, RestoreVerdict::Succeeded},
		{"succeeded", 0, RestoreVerdict::Succeeded},
		{"completed", 0, RestoreVerdict::Succeeded},
		{"running", 1'700'000'000'000, RestoreVerdict::Succeeded},
		{"", 5, RestoreVerdict::Succeeded},
		{"init", 0, RestoreVerdict::InProgress},
		{"check_pass", 0, RestoreVerdict::InProgress},
		{"Running", 0, RestoreVerdict::InProgress},
		{"restoring", 0, RestoreVerdict::Unknown},
		{"", 0, RestoreVerdict::Unknown},
	};
	for (const Case &c : cases)
		EXPECT_EQ(classifyRestoreStatus(c.status, c.finishTime), c.expected)
			<< "'" << c.status << "' finish " << c.finishTime;
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
