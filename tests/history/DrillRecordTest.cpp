// SPDX-License-Identifier: Apache-2.0
#include "history/DrillRecordJson.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/UtcTime.h"

using history::DrillOutcome;
using history::DrillRecord;
using history::Verification;
using testing::HasSubstr;

namespace {

DrillRecord sample()
{
	DrillRecord r;
	r.jobId = "nightly-drill";
	r.runId = "r-1";
	r.startedAtMs = 1'795'143'600'000; // 2026-11-20T03:00:00Z
	r.finishedAtMs = r.startedAtMs + 50 * 60'000;
	r.outcome = DrillOutcome::Succeeded;
	r.verification = Verification::VerificationFailed;
	r.verificationDetail = "exit 1";
	r.restoreStartedAtMs = r.startedAtMs + 5 * 60'000;
	r.restoreFinishedAtMs = r.startedAtMs + 45 * 60'000;
	r.backupSetEndMs = r.startedAtMs - 2 * 3'600'000;
	r.rtoObjectiveMs = 30 * 60'000;
	r.restoreTaskId = "rtnightly0001";
	r.backupPlanId = "dbsplandemo01";
	r.backupSetId = "bsnightly0001";
	r.reason = "line one\nline \"two\"";
	return r;
}

std::string text(const std::variant<DrillRecord, std::string> &decoded)
{
	return std::holds_alternative<std::string>(decoded) ? std::get<std::string>(decoded) : "decoded";
}

} // namespace

TEST(DrillRecord, DerivesDurationsAgeAndRtoFromWhatWasMeasured)
{
	auto r = sample();
	EXPECT_EQ(history::restoreDurationMs(r), 40 * 60'000);
	EXPECT_EQ(history::endToEndMs(r), 50 * 60'000);
	EXPECT_EQ(history::backupSetAgeMs(r), 2 * 3'600'000 + 5 * 60'000);
	EXPECT_EQ(history::rtoMet(r), false);
	r.rtoObjectiveMs = 40 * 60'000; // exactly on the objective meets it
	EXPECT_EQ(history::rtoMet(r), true);
	r.restoreFinishedAtMs.reset(); // a restore that never finished: unknown, not met
	EXPECT_FALSE(history::restoreDurationMs(r));
	EXPECT_FALSE(history::rtoMet(r));
	r = sample();
	r.rtoObjectiveMs.reset();
	EXPECT_FALSE(history::rtoMet(r));
}

TEST(DrillRecord, IsOneJsonLineThatReadsBack)
{
	std::string line = history::encodeLine(sample());
	ASSERT_EQ(line.back(), '\n');
	EXPECT_EQ(line.find('\n'), line.size() - 1) << "a newline in the reason must be escaped";
	EXPECT_THAT(line, testing::StartsWith(R"({"v":1,"job_id":"nightly-drill","run_id":"r-1",)"));
	auto decoded = history::decodeLine(std::string_view(line).substr(0, line.size() - 1));
	ASSERT_TRUE(std::holds_alternative<DrillRecord>(decoded)) << text(decoded);
	EXPECT_EQ(history::encodeLine(std::get<DrillRecord>(decoded)), line);

	DrillRecord empty;
	empty.jobId = "j";
	line = history::encodeLine(empty);
	EXPECT_THAT(line, HasSubstr(R"("restore_started_at_ms":null)"));
	EXPECT_THAT(line, HasSubstr(R"("verification":"none")"));
	decoded = history::decodeLine(std::string_view(line).substr(0, line.size() - 1));
	ASSERT_TRUE(std::holds_alternative<DrillRecord>(decoded)) << text(decoded);
	EXPECT_FALSE(std::get<DrillRecord>(decoded).rtoObjectiveMs);
}

TEST(DrillRecord, KeepsEveryLineShortAndValidUtf8)
{
	auto r = sample();
	r.reason = "DBS said \xff\xfe" + std::string(10000, 'x');
	std::string line = history::encodeLine(r);
	EXPECT_LT(line.size(), 6000u);
	auto decoded = history::decodeLine(std::string_view(line).substr(0, line.size() - 1));
	ASSERT_TRUE(std::holds_alternative<DrillRecord>(decoded)) << text(decoded);
	EXPECT_THAT(std::get<DrillRecord>(decoded).reason, testing::StartsWith("DBS said \\xff\\xfe"));
}

TEST(DrillRecord, ADamagedLineIsAnswerNotAnException)
{
	std::string good = history::encodeLine(sample());
	good.pop_back();
	EXPECT_THAT(text(history::decodeLine(good.substr(0, good.size() / 2))), HasSubstr("not JSON"));
	EXPECT_THAT(text(history::decodeLine("[1,2]")), HasSubstr("not a drill record"));
	EXPECT_THAT(text(history::decodeLine(R"({"v":2})")), HasSubstr("unknown format version"));
	std::string noReason = good;
	noReason.replace(noReason.find(R"(,"reason")"), std::string::npos, "}");
	EXPECT_THAT(text(history::decodeLine(noReason)), HasSubstr("lacks 'reason'"));
	std::string badOutcome = good;
	badOutcome.replace(badOutcome.find("succeeded"), 9, "exploded");
	EXPECT_THAT(text(history::decodeLine(badOutcome)), HasSubstr("unknown outcome"));
	std::string wrongType = good;
	wrongType.replace(wrongType.find("1795143600000"), 13, "\"yesterday\"");
	EXPECT_THAT(text(history::decodeLine(wrongType)), HasSubstr("not a drill record"));
	EXPECT_THAT(text(history::decodeLine(std::string("\0\0\0\0", 4))), HasSubstr("not JSON"));
}

TEST(UtcTime, FormatsRfc3339ToTheSecond)
{
	EXPECT_EQ(base::formatUtc(0), "1970-01-01T00:00:00Z");
	EXPECT_EQ(base::formatUtc(1'795'143'600'999), "2026-11-20T03:00:00Z");
	EXPECT_EQ(base::formatUtc(951'782'400'000), "2000-02-29T00:00:00Z");
}
