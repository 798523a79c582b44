// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobEventMapping.h"

#include <gtest/gtest.h>

namespace restored {
namespace {

using statemachine::Severity;

TEST(JobEventMapping, TheMachinesSeverityIsTheJournalPriority)
{
	EXPECT_EQ(priorityFor(Severity::Error), 3);
	EXPECT_EQ(priorityFor(Severity::Warning), 4);
	EXPECT_EQ(priorityFor(Severity::Notice), 5);
	EXPECT_EQ(priorityFor(Severity::Info), 6);
	EXPECT_EQ(priorityFor(Severity::Debug), 7);
}

} // namespace
} // namespace restored
