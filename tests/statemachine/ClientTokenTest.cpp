// SPDX-License-Identifier: Apache-2.0
#include "statemachine/ClientToken.h"

#include <set>

#include <gtest/gtest.h>

#include "TestSupport.h"
#include "statemachine/SeededRandom.h"

namespace statemachine {
namespace {

bool printableAscii(const std::string &s)
{
	for (unsigned char c : s)
		if (c < 0x21 || c > 0x7e)
			return false;
	return true;
}

constexpr ApiAction mutating[] = {ApiAction::StartBackupPlan, ApiAction::CreateRestoreTask,
				  ApiAction::StartRestoreTask};

TEST(ClientToken, RunIdIsSixteenHexCharsFromTheRandomSource)
{
	test::ScriptedRandom r({0.5});
	EXPECT_EQ(newRunId(r), "8000000000000000");
	SeededRandom s(7);
	const std::string a = newRunId(s), b = newRunId(s);
	EXPECT_EQ(a.size(), 16u);
	EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
	EXPECT_NE(a, b);
}

TEST(ClientToken, HasTheDocumentedShape)
{
	const std::string t = clientToken("nightly", "00000000000000ff", 2, ApiAction::CreateRestoreTask);
	EXPECT_EQ(t.rfind("drd1-crt-2-", 0), 0u) << t;
	EXPECT_EQ(t.size(), std::string("drd1-crt-2-").size() + 40);
	EXPECT_EQ(clientToken("j", "r", 0, ApiAction::StartBackupPlan).rfind("drd1-sbp-0-", 0), 0u);
	EXPECT_EQ(clientToken("j", "r", 0, ApiAction::StartRestoreTask).rfind("drd1-srt-0-", 0), 0u);
}

TEST(ClientToken, IsDeterministic)
{
	EXPECT_EQ(clientToken("nightly", "abc", 1, ApiAction::StartRestoreTask),
		  clientToken("nightly", "abc", 1, ApiAction::StartRestoreTask));
}

TEST(ClientToken, IsUniqueAcrossJobsRunsStepsAndActions)
{
	std::set<std::string> seen;
	int made = 0;
	for (const char *job : {"a", "b", "ab", "nightly"})
		for (const char *run : {"0000000000000001", "0000000000000002", "b"})
			for (int step = 0; step < 12; ++step)
				for (ApiAction a : mutating) {
					seen.insert(clientToken(job, run, step, a));
					++made;
				}
	EXPECT_EQ(static_cast<int>(seen.size()), made);
	// Field boundaries matter: ("a","b…") and ("ab","…") must differ.
	EXPECT_NE(clientToken("a", "bc", 0, ApiAction::StartRestoreTask),
		  clientToken("ab", "c", 0, ApiAction::StartRestoreTask));
}

TEST(ClientToken, StaysShortAndAsciiForLongAndUnicodeJobIds)
{
	const std::string longId(5000, 'x');
	const std::string unicode = "r\xC3\xA9sum\xC3\xA9-\xE6\x81\xA2\xE5\xA4\x8D-\xF0\x9F\x92\xBE";
	for (const std::string &id : {longId, unicode, std::string(), std::string("with space\tand\nnewline")})
		for (ApiAction a : mutating)
			for (int step : {0, 9, 2147483647}) {
				const std::string t = clientToken(id, "ffffffffffffffff", step, a);
				EXPECT_LE(t.size(), 64u) << t;
				EXPECT_TRUE(printableAscii(t)) << t;
			}
	EXPECT_NE(clientToken(longId, "r", 0, ApiAction::StartRestoreTask),
		  clientToken(longId + "y", "r", 0, ApiAction::StartRestoreTask));
}

} // namespace
} // namespace statemachine
