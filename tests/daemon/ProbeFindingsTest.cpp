// SPDX-License-Identifier: Apache-2.0
// The probe's pure parts: answers (canned HTTP responses, no network) to
// findings, redaction and the report's two formats.

#include "daemon/probe/ProbeListFindings.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include "daemon/probe/ProbeBody.h"
#include "daemon/probe/ProbeRedactor.h"
#include "daemon/probe/ProbeServiceFindings.h"
#include "daemon/probe/ProbeSession.h"
#include "daemon/probe/ProbeStatusFindings.h"

namespace restored::probe {
namespace {

Exchange answer(int status, std::string body, std::map<std::string, std::string> headers = {})
{
	Exchange e;
	e.response = dbs::HttpResponse{status, std::move(headers), std::move(body)};
	return e;
}

std::string task(const std::string &id, const std::string &status, long long finish, int dataProgress = 0)
{
	return "{\"RestoreTaskId\":\"" + id + "\",\"BackupPlanId\":\"plan1\",\"RestoreStatus\":\"" + status +
	       "\",\"RestoreTaskFinishTime\":" + std::to_string(finish) +
	       ",\"FullDataRestoreProgress\":" + std::to_string(dataProgress) + "}";
}

Exchange page(int pageNum, long long total, const std::vector<std::string> &items)
{
	std::string list;
	for (const auto &i : items)
		list += (list.empty() ? "" : ",") + i;
	return answer(200, "{\"RequestId\":\"r\",\"Success\":true,\"PageNum\":" + std::to_string(pageNum) +
				   ",\"PageSize\":100,\"TotalElements\":" + std::to_string(total) +
				   ",\"Items\":{\"RestoreTaskDetail\":[" + list + "]}}");
}

const std::string businessError =
	"{\"RequestId\":\"r\",\"Success\":false,\"ErrCode\":\"Param.NotFound\",\"ErrMessage\":\"no\",\"HttpStatusCode\":403}";

TEST(ProbeBody, ClassifiesEveryKindOfAnswer)
{
	EXPECT_EQ(classify(page(0, 0, {})), Answer::Ok);
	EXPECT_EQ(classify(answer(200, businessError)), Answer::BusinessError);
	EXPECT_EQ(classify(answer(403, businessError)), Answer::BusinessError);
	EXPECT_EQ(classify(answer(429, "Throttling.User: Request was denied")), Answer::Throttled);
	EXPECT_EQ(classify(answer(400, "{\"Code\":\"Throttling.Api\",\"Message\":\"m\"}")), Answer::Throttled);
	EXPECT_EQ(classify(answer(503, "{\"Code\":\"ServiceUnavailable\"}")), Answer::ServerError);
	EXPECT_EQ(classify(answer(400, "{\"Code\":\"SignatureDoesNotMatch\"}")), Answer::Refused);
	Exchange none;
	none.transportError = "Transport.Timeout: read";
	EXPECT_EQ(classify(none), Answer::NoAnswer);
	EXPECT_EQ(whyNoReading(none), "no answer (Transport.Timeout: read)");
	EXPECT_EQ(readBody(dbs::HttpResponse{400, {}, businessError}).shape(),
		  "json {ErrCode, ErrMessage, HttpStatusCode, RequestId, Success}");
}

TEST(ProbeListFindings, StatusesNameTheSuccessValueAndCountFinishTimes)
{
	const std::vector<Exchange> listing{page(0, 4,
						 {task("t1", "completed", 5, 100), task("t2", "running", 7, 30),
						  task("t3", "running", 0, 60), task("t4", "stop", 9)})};
	const Finding s = restoreStatuses(listing);
	ASSERT_TRUE(s.determined) << s.reading;
	EXPECT_EQ(s.reading, "success status seen: `completed`; statuses: completed 1, running 2, stop 1");
	EXPECT_EQ(s.fit, Fit::Yes);
	const auto &running = s.details.at("statuses").at("running").as_object();
	EXPECT_EQ(running.at("withFinishTime"), 1);
	EXPECT_EQ(running.at("progress").at("FullDataRestoreProgress").at("min"), 30);
	EXPECT_EQ(running.at("progress").at("FullDataRestoreProgress").at("max"), 60);

	const Finding f = finishTimeWhileRunning(listing);
	EXPECT_EQ(f.reading, "yes: 1 of 2 tasks in progress carry RestoreTaskFinishTime");
	EXPECT_EQ(f.details.at("notSuccessWithFinishTime"), 2);
}

TEST(ProbeListFindings, AnUnknownStatusDoesNotFitAndNoFinishedTaskIsUndetermined)
{
	const Finding odd = restoreStatuses({page(0, 1, {task("t1", "DONE_OK", 5)})});
	EXPECT_EQ(odd.fit, Fit::No);
	const Finding none = restoreStatuses({page(0, 1, {task("t1", "init", 0)})});
	EXPECT_FALSE(none.determined);
	EXPECT_EQ(none.reading, "undetermined (no finished task among 1); statuses: init 1");
	EXPECT_EQ(finishTimeWhileRunning({page(0, 1, {task("t1", "stop", 3)})}).reading,
		  "undetermined (no task in progress among 1)");
	const Finding throttled = restoreStatuses({answer(429, "Throttling: slow down")});
	EXPECT_EQ(throttled.reading, "undetermined (throttled (HTTP 429))");
}

TEST(ProbeListFindings, PageBaseFromTwoOneItemPages)
{
	const Exchange a0 = page(0, 2, {task("a", "init", 0)}), a1 = page(1, 2, {task("b", "init", 0)});
	EXPECT_EQ(pageBase(&a0, &a1, "").reading, "0-based");
	const Exchange b0 = page(1, 2, {task("a", "init", 0)}), b1 = page(1, 2, {task("a", "init", 0)});
	EXPECT_EQ(pageBase(&b0, &b1, "").reading, "1-based (0 read as 1)");
	EXPECT_EQ(pageBase(nullptr, nullptr, "fewer than 2 tasks on the plan").reading,
		  "undetermined (fewer than 2 tasks on the plan)");
}

TEST(ProbeListFindings, UnknownIdDroppedOrRefusedAndListLimits)
{
	const Exchange dropped = page(0, 1, {task("a", "init", 0)});
	EXPECT_EQ(unknownIdInList(&dropped, "a00000", "").reading, "dropped");
	const Exchange refused = answer(403, businessError);
	const Finding r = unknownIdInList(&refused, "a00000", "");
	EXPECT_EQ(r.reading, "refused: HTTP 403, ErrCode Param.NotFound, body json {ErrCode, ErrMessage, "
			     "HttpStatusCode, RequestId, Success}");

	std::vector<std::string> seven;
	for (int i = 0; i < 7; ++i)
		seven.push_back(task("t" + std::to_string(i), "init", 0));
	const Exchange capped = page(0, 7, seven);
	const Finding m = maxIdsPerList(&capped, 100, "");
	EXPECT_EQ(m.reading, "7 (a list of 100 ids got 7 answers, without an error)");
	EXPECT_EQ(m.details.at("limit"), 7);
	EXPECT_EQ(maxIdsPerList(&capped, 7, "").reading, "at least 7 (every one of the 7 known ids answered)");
}

TEST(ProbeServiceFindings, ErrorShapeStylesThrottlingClockAndEndpoint)
{
	Exchange error = answer(200, businessError);
	error.action = ReadAction::DescribeFullBackupList;
	EXPECT_EQ(errorShape(&error, "").reading,
		  "HTTP 200, Success false, ErrCode Param.NotFound, body json {ErrCode, "
		  "ErrMessage, HttpStatusCode, RequestId, Success}");

	Exchange v3 = page(0, 0, {}), get = answer(400, "{\"Code\":\"SignatureDoesNotMatch\"}"), post;
	get.style = dbs::SignatureStyle::V1Get;
	post.style = dbs::SignatureStyle::V1Post;
	post.transportError = "Transport.Reset: peer";
	const Finding styles = signatureStyles({v3, get, post}, dbs::SignatureStyle::V1Get);
	EXPECT_EQ(styles.reading,
		  "v3 accepted, v1-get rejected (HTTP 400, SignatureDoesNotMatch), v1-post undetermined "
		  "(no answer (Transport.Reset: peer))");
	EXPECT_EQ(styles.fit, Fit::No);
	EXPECT_FALSE(styles.determined);

	const Exchange throttled = answer(503, "{\"Code\":\"Throttling\"}", {{"x-acs-retry-after", "100"}});
	EXPECT_EQ(throttling({v3, throttled}).reading,
		  "HTTP 503, json body (Throttling), retry hint x-acs-retry-after");
	EXPECT_FALSE(throttling({v3}).determined);

	Exchange dated = answer(200, "{}", {{"date", "Sun, 06 Nov 1994 08:49:37 GMT"}});
	dated.sentAt = std::chrono::system_clock::time_point(std::chrono::seconds(784111777 - 120));
	dated.receivedAt = dated.sentAt;
	const Finding clock = clockOffset({v3, dated});
	EXPECT_EQ(clock.details.at("offsetMs"), 120500);
	EXPECT_EQ(clock.fit, Fit::Yes);
	EXPECT_FALSE(clockOffset({v3}).determined);

	EXPECT_EQ(endpoint({v3}, "https://dbs-api.cn-hangzhou.aliyuncs.com", "region map (cn-hangzhou)", "TLSv1.3")
			  .reading,
		  "https://dbs-api.cn-hangzhou.aliyuncs.com answered (TLSv1.3)");
	EXPECT_FALSE(endpoint({post}, "https://x", "api.endpoint", "unknown (no TCP connection)").determined);
}

TEST(ProbeRedactor, ReplacesIdsEverywhereWithStablePlaceholders)
{
	Redactor r;
	r.note("rt-1", "task");
	r.note("rt-10", "task");
	r.note("plan1", "plan");
	r.note("rt-1", "task");
	EXPECT_EQ(r.apply("rt-10 then rt-1 on plan1"), "task-2 then task-1 on plan-1");
	ProbeReport report;
	report.plan = "plan1";
	report.findings.push_back(pageBase(nullptr, nullptr, "plan1 has one task"));
	report.findings.back().details = {{"firstTask", "rt-10"}, {"rt-1", 1}};
	r.apply(report);
	EXPECT_EQ(report.plan, "plan-1");
	EXPECT_EQ(report.findings[0].reading, "undetermined (plan-1 has one task)");
	EXPECT_EQ(boost::json::serialize(report.findings[0].details), "{\"firstTask\":\"task-2\",\"task-1\":1}");
	EXPECT_TRUE(report.redacted);
}

TEST(ProbeReport, JsonAndTextCarryEveryFinding)
{
	ProbeReport report;
	report.endpoint = "http://127.0.0.1:1";
	report.accessKeyId = "key";
	report.callBudget = 30;
	report.callsMade = 2;
	report.callsByAction = {{"DescribeRestoreTaskList", 2}};
	report.findings.push_back(pageBase(nullptr, nullptr, "why"));
	const auto json = toJson(report);
	EXPECT_EQ(json.at("schema"), probeSchema);
	EXPECT_EQ(json.at("calls").at("made"), 2);
	EXPECT_EQ(json.at("findings").at(0).at("key"), "pageBase");
	EXPECT_EQ(json.at("findings").at(0).at("defaultsFit"), "unknown");
	const std::string text = toText(report);
	EXPECT_NE(text.find("Page base: undetermined (why)"), std::string::npos) << text;
	EXPECT_NE(text.find("calls: 2 of at most 30, DescribeRestoreTaskList 2"), std::string::npos) << text;
}

TEST(ProbeSession, AbsentIdsKeepTheShapeAndAvoidKnownIds)
{
	EXPECT_EQ(ProbeSession::absentIdLike("1abcdefgh123456", {}), "1abcdefgh000000");
	EXPECT_EQ(ProbeSession::absentIdLike("1abcdefgh123456", {"1abcdefgh000000"}), "1abcdefgh111111");
	EXPECT_EQ(ProbeSession::absentIdLike("rt", {}).size(), 10u);
}

} // namespace
} // namespace restored::probe
