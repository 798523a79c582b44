// SPDX-License-Identifier: Apache-2.0
// The shapes a refusal may take (dbs-readings.md, "Business errors"): the
// DBS body {Success:false, ErrCode, ErrMessage, HttpStatusCode} on 400, 403
// or 200, and the seeds' success bodies that carry an ErrCode anyway.
#include "dbs/ResponseParser.h"

#include <gtest/gtest.h>

using base::ErrorClass;
using dbs::HttpResponse;
using dbs::ResponseParser;

namespace {

HttpResponse refusal(int status, const char *code)
{
	return HttpResponse{status,
			    {},
			    std::string(R"({"RequestId":"B","Success":false,"ErrCode":")") + code +
				    R"(","ErrMessage":"refused","HttpStatusCode":)" + std::to_string(status) + "}"};
}

} // namespace

TEST(BusinessError, RefusalOn400And403IsPermanentWithItsCode)
{
	for (int status : {400, 403}) {
		auto o = ResponseParser::startRestoreTask(refusal(status, "InvalidJobId"));
		ASSERT_FALSE(o.ok()) << status;
		EXPECT_EQ(o.error().code, "InvalidJobId");
		EXPECT_EQ(o.error().message, "refused");
		EXPECT_EQ(o.error().requestId, "B");
		EXPECT_EQ(o.error().httpStatus, status);
		EXPECT_EQ(o.error().errorClass, ErrorClass::Permanent);
	}
	auto forbidden = ResponseParser::describeRestoreTaskList(refusal(403, "Request.Forbidden"));
	ASSERT_FALSE(forbidden.ok());
	EXPECT_EQ(forbidden.error().code, "Request.Forbidden");
}

TEST(BusinessError, SuccessFalseOn200IsAnErrorForEveryAction)
{
	auto r = refusal(200, "InvalidParameterValid");
	auto check = [](const base::ApiError &e) {
		EXPECT_EQ(e.code, "InvalidParameterValid");
		EXPECT_EQ(e.errorClass, ErrorClass::Business);
		EXPECT_EQ(e.httpStatus, 200);
		EXPECT_FALSE(e.retryable());
	};
	check(ResponseParser::startBackupPlan(r).error());
	check(ResponseParser::startRestoreTask(r).error());
	check(ResponseParser::createRestoreTask(r).error());
	check(ResponseParser::describeRestoreTaskList(r).error());
	check(ResponseParser::describeFullBackupList(r).error());
	check(ResponseParser::describeJobErrorCode(r).error());
	EXPECT_FALSE(ResponseParser::startRestoreTask(r).ok());
}

TEST(BusinessError, SuccessTrueWithAnErrCodeIsASuccess)
{
	// As in the seeds' sample responses.
	HttpResponse r{200,
		       {},
		       R"({"RequestId":"S","Success":true,"ErrCode":"Param.NotFound",)"
		       R"("ErrMessage":"The specified parameter is not found.","HttpStatusCode":200,)"
		       R"("RestoreTaskId":"rt1"})"};
	auto o = ResponseParser::startRestoreTask(r);
	ASSERT_TRUE(o.ok()) << o.error().code;
	EXPECT_EQ(o.value().restoreTaskId, "rt1");
	EXPECT_EQ(o.value().envelope.errCode, "Param.NotFound");

	HttpResponse list{200,
			  {},
			  R"({"RequestId":"S","Success":true,"ErrCode":"Param.NotFound","PageNum":0,)"
			  R"("PageSize":100,"TotalElements":0,"TotalPages":0,"Items":{"RestoreTaskDetail":[]}})"};
	auto l = ResponseParser::describeRestoreTaskList(list);
	ASSERT_TRUE(l.ok()) << l.error().code;
	EXPECT_TRUE(l.value().items.empty());
}
