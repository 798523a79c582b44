// SPDX-License-Identifier: Apache-2.0
// --history and --report from the fixture in tests/history/fixture: two
// jobs, four runs, and a torn last line.
#include "history/HistoryCommand.h"

#include <sstream>

#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "history/AuditReport.h"
#include "history/HistorySummary.h"

using testing::HasSubstr;

namespace {

const std::filesystem::path fixture = std::filesystem::path(SOURCE_DIR) / "tests" / "history" / "fixture";
constexpr std::int64_t now = 1'795'392'000'000; // 2026-11-23T00:00:00Z

struct Printed {
	int code = -1;
	std::string out;
	std::string err;
};

Printed historyOf(const std::string &job = {})
{
	std::ostringstream out, err;
	Printed p;
	p.code = history::printHistory(fixture, job, out, err);
	p.out = out.str();
	p.err = err.str();
	return p;
}

Printed report(std::chrono::milliseconds since, history::ReportFormat format)
{
	std::ostringstream out, err;
	Printed p;
	p.code = history::printReport(fixture, since, format, now, out, err);
	p.out = out.str();
	p.err = err.str();
	return p;
}

} // namespace

TEST(HistoryReport, HistoryTableSumsUpEachJob)
{
	auto p = historyOf();
	EXPECT_EQ(p.code, 0);
	EXPECT_EQ(
		p.out,
		"JOB            RUNS  LAST RUN              LAST OUTCOME  LAST VERIFIED         P50 RESTORE  MAX RESTORE  RTO MET\n"
		"nightly-drill  3     2026-11-22T03:00:00Z  failed        2026-11-20T03:50:00Z  40m          1h30m        1/2 (50%)\n"
		"weekly-pitr    1     2026-11-16T02:00:00Z  succeeded     -                     23m          23m          -\n");
	// The torn line is a warning with its place, never a failure.
	EXPECT_THAT(p.err, HasSubstr("warning: " + (fixture / "history" / "weekly-pitr.jsonl").string() +
				     ":2: the last line (35 bytes) has no newline"));
}

TEST(HistoryReport, HistoryOfOneJobListsItsRunsNewestFirst)
{
	auto p = historyOf("nightly-drill");
	EXPECT_EQ(p.code, 0);
	EXPECT_THAT(
		p.out,
		HasSubstr(
			"\n\nSTARTED               OUTCOME                        RESTORE  END TO END  "
			"BACKUP AGE  RTO     RESTORE TASK   REASON\n"
			"2026-11-22T03:00:00Z  failed                         -        20m         2h5m        -       "
			"rtnightly0003  restore task failed: DBS says \"disk full\", stop\n"
			"2026-11-21T03:00:00Z  succeeded/verification_failed  1h30m    2h10m       2h5m        missed  "
			"rtnightly0002  -\n"
			"2026-11-20T03:00:00Z  succeeded/verified             40m      50m         2h5m        met     "
			"rtnightly0001  -\n"));
	EXPECT_THAT(p.out, testing::Not(HasSubstr("weekly-pitr")));
	auto unknown = historyOf("no-such-job");
	EXPECT_EQ(unknown.code, 1);
	EXPECT_THAT(unknown.err, HasSubstr("no drill history for job 'no-such-job'"));
}

TEST(HistoryReport, CsvHasTheDocumentedColumnsAndOneRowPerRun)
{
	auto p = report(std::chrono::days(30), history::ReportFormat::Csv);
	EXPECT_EQ(p.code, 0);
	EXPECT_EQ(
		p.out,
		"job_id,run_id,started_at,finished_at,outcome,verification,verification_detail,restore_started_at,"
		"restore_finished_at,restore_duration_s,end_to_end_s,backup_set_id,backup_set_end_time,backup_set_age_s,"
		"rto_objective_s,rto_met,restore_task_id,backup_plan_id,reason\n"
		"weekly-pitr,r-weekly-1,2026-11-16T02:00:00Z,2026-11-16T02:30:00Z,succeeded,none,,2026-11-16T02:02:00Z,"
		"2026-11-16T02:25:00Z,1380,1800,,,,,,rtweekly0001,dbsplandemo01,\n"
		"nightly-drill,r-nightly-1,2026-11-20T03:00:00Z,2026-11-20T03:50:00Z,succeeded,verified,exit 0,"
		"2026-11-20T03:05:00Z,2026-11-20T03:45:00Z,2400,3000,bsnightly0001,2026-11-20T01:00:00Z,7500,3600,true,"
		"rtnightly0001,dbsplandemo01,\n"
		"nightly-drill,r-nightly-2,2026-11-21T03:00:00Z,2026-11-21T05:10:00Z,succeeded,verification_failed,exit 1,"
		"2026-11-21T03:05:00Z,2026-11-21T04:35:00Z,5400,7800,bsnightly0002,2026-11-21T01:00:00Z,7500,3600,false,"
		"rtnightly0002,dbsplandemo01,\n"
		"nightly-drill,r-nightly-3,2026-11-22T03:00:00Z,2026-11-22T03:20:00Z,failed,none,,2026-11-22T03:05:00Z,,,"
		"1200,bsnightly0003,2026-11-22T01:00:00Z,7500,3600,,rtnightly0003,dbsplandemo01,"
		"\"restore task failed: DBS says \"\"disk full\"\", stop\"\n");
}

TEST(HistoryReport, SinceKeepsOnlyRunsThatStartedInThePeriod)
{
	// 2026-11-21T00:00:00Z onwards: the last two nightly runs.
	auto p = report(std::chrono::days(2), history::ReportFormat::Csv);
	EXPECT_EQ(std::count(p.out.begin(), p.out.end(), '\n'), 3);
	EXPECT_THAT(p.out, testing::Not(HasSubstr("r-nightly-1")));
	EXPECT_THAT(p.out, testing::Not(HasSubstr("weekly")));
}

TEST(HistoryReport, JsonHasTheSameColumnsWithTypedValues)
{
	auto p = report(std::chrono::days(30), history::ReportFormat::Json);
	EXPECT_EQ(p.code, 0);
	auto doc = boost::json::parse(p.out).as_object();
	EXPECT_EQ(doc.at("schema"), "dbs-restored-report/1");
	EXPECT_EQ(doc.at("generated_at"), "2026-11-23T00:00:00Z");
	EXPECT_EQ(doc.at("since"), "2026-10-24T00:00:00Z");
	const auto &columns = doc.at("columns").as_array();
	ASSERT_EQ(columns.size(), history::reportColumns().size());
	const auto &runs = doc.at("runs").as_array();
	ASSERT_EQ(runs.size(), 4u);
	for (const auto &run : runs) {
		ASSERT_EQ(run.as_object().size(), columns.size());
		for (const auto &c : columns)
			EXPECT_TRUE(run.as_object().contains(c.as_string()));
	}
	const auto &second = runs[2].as_object();
	EXPECT_EQ(second.at("run_id"), "r-nightly-2");
	EXPECT_EQ(second.at("restore_duration_s"), 5400);
	EXPECT_EQ(second.at("rto_met"), false);
	EXPECT_TRUE(runs[0].as_object().at("rto_met").is_null());
	EXPECT_TRUE(runs[0].as_object().at("backup_set_id").is_null());
}

TEST(HistoryReport, MedianIsTheNearestRankOfTheRestoreTimes)
{
	std::vector<history::DrillRecord> runs;
	for (std::int64_t minutes : {50, 10, 30, 40, 20}) {
		history::DrillRecord r;
		r.jobId = "j";
		r.restoreStartedAtMs = 0;
		r.restoreFinishedAtMs = minutes * 60'000;
		runs.push_back(r);
	}
	auto s = history::summarize(runs);
	ASSERT_EQ(s.size(), 1u);
	EXPECT_EQ(s[0].p50RestoreMs, 30 * 60'000);
	EXPECT_EQ(s[0].maxRestoreMs, 50 * 60'000);
	runs.pop_back(); // 10, 30, 40, 50: the lower middle
	EXPECT_EQ(history::summarize(runs)[0].p50RestoreMs, 30 * 60'000);
}
