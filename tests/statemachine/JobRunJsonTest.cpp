// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobRunJson.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace statemachine {
namespace {

JobRun populated()
{
	JobRun r;
	r.jobId = "nightly";
	r.runId = "0123456789abcdef";
	r.specHash = "9f86d081";
	r.stepIndex = 1;
	StepRun b;
	b.phase = StepPhase::Done;
	b.startToken = "drd1-sbp-0-aaaa";
	b.startSent = true;
	b.failedAttempts = 2;
	b.createdFullBackupSetId = "1h7toien3xyz";
	b.backupPlanId = "dbsplandemo01";
	StepRun c;
	c.phase = StepPhase::Polling;
	c.createToken = "drd1-crt-1-bbbb";
	c.startToken = "drd1-srt-1-cccc";
	c.createSent = true;
	c.startSent = true;
	c.restoreTaskId = "rtemu1";
	r.steps = {b, c};
	r.startedAtMs = 1'800'000'000'000;
	r.deadlineAtMs = 1'800'086'400'000;
	r.lastProgress = {100, 42, 0, 7};
	r.lastProgressChangeMs = 1'800'000'600'000;
	r.lastStatus = "running";
	r.paused = true;
	r.unknownStatusLogged = true;
	r.outcome = Outcome::Failed;
	r.reason = "restore task rtemu1 failed (status stop): disk full";
	r.errCode = "failed";
	r.errMessage = "disk full";
	r.requestId = "req-9";
	r.jobError = {"failed", "Restore failed: destination disk full", "rtemu1", "stop", "RESTORE"};
	r.finishedAtMs = 1'800'001'000'000;
	return r;
}

void expectEqual(const JobRun &a, const JobRun &b)
{
	// Serialising both and comparing also covers every field, including
	// ones added later, as long as the codec writes them.
	EXPECT_EQ(serializeJobRun(a), serializeJobRun(b));
	EXPECT_EQ(a.steps.size(), b.steps.size());
	EXPECT_EQ(a.lastProgress, b.lastProgress);
	EXPECT_EQ(a.jobError.errorMessage, b.jobError.errorMessage);
	EXPECT_EQ(a.outcome, b.outcome);
}

TEST(JobRunJson, RoundTripsEveryField)
{
	const JobRun r = populated();
	const JobRun back = parseJobRun(serializeJobRun(r));
	expectEqual(r, back);
	EXPECT_EQ(back.steps[1].phase, StepPhase::Polling);
	EXPECT_TRUE(back.steps[1].createSent);
	EXPECT_EQ(back.steps[0].failedAttempts, 2);
	EXPECT_EQ(back.deadlineAtMs, 1'800'086'400'000);
	EXPECT_TRUE(back.paused);
}

TEST(JobRunJson, RoundTripsEveryPhaseAndOutcome)
{
	for (StepPhase p : {StepPhase::Pending, StepPhase::Creating, StepPhase::Starting, StepPhase::Polling,
			    StepPhase::Done, StepPhase::Failed})
		for (Outcome o : {Outcome::None, Outcome::Succeeded, Outcome::Failed, Outcome::Cancelled}) {
			JobRun r = populated();
			r.steps[1].phase = p;
			r.outcome = o;
			const JobRun back = parseJobRun(serializeJobRun(r));
			EXPECT_EQ(back.steps[1].phase, p);
			EXPECT_EQ(back.outcome, o);
		}
}

TEST(JobRunJson, RoundTripsTheDrillPhaseAndItsEvidence)
{
	JobRun r = populated();
	r.drillPhase = DrillPhase::Notifying;
	r.verification = Verification::CouldNotVerify;
	r.verificationDetail = "timed out after 10m";
	r.restoreTaskId = "rtemu1";
	r.restoreStartedAtMs = 1'800'000'100'000;
	r.restoreFinishedAtMs = 1'800'000'900'000;
	r.backupSetId = "1h7toien3xyz";
	r.backupSetEndMs = 1'799'999'000'000;
	r.steps[0].backupSetEndMs = 1'799'999'000'000;
	const JobRun back = parseJobRun(serializeJobRun(r));
	expectEqual(r, back);
	EXPECT_EQ(back.drillPhase, DrillPhase::Notifying);
	EXPECT_EQ(back.verification, Verification::CouldNotVerify);
	EXPECT_EQ(back.verificationDetail, "timed out after 10m");
	EXPECT_EQ(back.restoreFinishedAtMs, 1'800'000'900'000);
	EXPECT_EQ(back.steps[0].backupSetEndMs, 1'799'999'000'000);
	for (DrillPhase p : {DrillPhase::Steps, DrillPhase::Verifying, DrillPhase::Notifying, DrillPhase::Done})
		for (Verification v : {Verification::None, Verification::Verified, Verification::VerificationFailed,
				       Verification::CouldNotVerify}) {
			r.drillPhase = p;
			r.verification = v;
			const JobRun again = parseJobRun(serializeJobRun(r));
			EXPECT_EQ(again.drillPhase, p);
			EXPECT_EQ(again.verification, v);
		}
}

// A daemon from before restore drills wrote no "drill" object and no
// backupSetEndMs: its finished runs are over (never wrapped up again), its
// unfinished ones are in their steps.
TEST(JobRunJson, ARecordFromBeforeDrillsIsOverWhenFinishedAndInItsStepsOtherwise)
{
	boost::json::value v = toJson(populated());
	v.as_object().erase("drill");
	v.as_object()["steps"].as_array()[0].as_object().erase("backupSetEndMs");
	const JobRun finished = parseJobRun(boost::json::serialize(v));
	EXPECT_EQ(finished.drillPhase, DrillPhase::Done);
	EXPECT_TRUE(runOver(finished));
	EXPECT_EQ(finished.verification, Verification::None);
	EXPECT_EQ(finished.steps[0].backupSetEndMs, 0);

	v.as_object()["outcome"] = "none";
	const JobRun running = parseJobRun(boost::json::serialize(v));
	EXPECT_EQ(running.drillPhase, DrillPhase::Steps);
	EXPECT_FALSE(runOver(running));
}

TEST(JobRunJson, RejectsBrokenRecordsNamingTheField)
{
	auto message = [](const std::string &text) {
		try {
			parseJobRun(text);
		} catch (const BadJobRun &e) {
			return std::string(e.what());
		}
		return std::string("accepted");
	};
	EXPECT_NE(message("{not json").find("not JSON"), std::string::npos);
	EXPECT_NE(message("[]").find("object"), std::string::npos);

	boost::json::value v = toJson(populated());
	v.as_object().erase("runId");
	EXPECT_NE(message(boost::json::serialize(v)).find("runId"), std::string::npos);

	v = toJson(populated());
	v.as_object()["steps"].as_array()[0].as_object()["phase"] = "exploded";
	EXPECT_NE(message(boost::json::serialize(v)).find("exploded"), std::string::npos);

	v = toJson(populated());
	v.as_object()["stepIndex"] = 7;
	EXPECT_NE(message(boost::json::serialize(v)).find("stepIndex"), std::string::npos);

	v = toJson(populated());
	v.as_object()["format"] = 2;
	EXPECT_NE(message(boost::json::serialize(v)).find("format"), std::string::npos);

	v = toJson(populated());
	v.as_object()["drill"].as_object()["verification"] = "probably";
	EXPECT_NE(message(boost::json::serialize(v)).find("probably"), std::string::npos);
}

// Found by fuzz/StateRecordFuzz.cpp (corpus state_record/not-exact-int):
// a number that does not fit its field escaped as boost's system_error
// instead of BadJobRun, and a huge stepIndex would have wrapped to a valid
// one. Each is refused, so the daemon quarantines the record.
TEST(JobRunJson, NumbersThatDoNotFitTheirFieldAreBadRecords)
{
	auto withField = [](const char *path, boost::json::value value) {
		boost::json::value v = toJson(populated());
		if (std::string(path) == "lastProgress")
			v.as_object()["lastProgress"].as_array()[1] = value;
		else if (std::string(path) == "failedAttempts")
			v.as_object()["steps"].as_array()[0].as_object()["failedAttempts"] = value;
		else
			v.as_object()[path] = value;
		return boost::json::serialize(v);
	};
	for (auto [path, value] : std::vector<std::pair<const char *, boost::json::value>>{
		     {"lastProgress", 2147483648LL},
		     {"lastProgress", 1.5},
		     {"stepIndex", 4294967296LL},
		     {"failedAttempts", -2147483649LL},
		     {"startedAtMs", 18446744073709551615ULL},
	     }) {
		SCOPED_TRACE(path);
		EXPECT_THROW(parseJobRun(withField(path, value)), BadJobRun);
	}
	EXPECT_NO_THROW(parseJobRun(withField("stepIndex", 1)));
}

} // namespace
} // namespace statemachine
