// SPDX-License-Identifier: Apache-2.0
#include "dbs/ErrorParser.h"

#include <gtest/gtest.h>

#include "dbs/ResponseParser.h"

using base::ErrorClass;
using dbs::ErrorParser;
using dbs::HttpResponse;
using dbs::ResponseParser;
using namespace std::chrono_literals;

TEST(ErrorParser, GatewayErrorShape)
{
	HttpResponse r{400,
		       {},
		       R"({"RequestId":"G1","HostId":"dbs-api.cn-hangzhou.aliyuncs.com",)"
		       R"("Code":"SignatureDoesNotMatch","Message":"Specified signature is not matched",)"
		       R"("Recommend":"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch"})"};
	auto o = ResponseParser::startRestoreTask(r);
	ASSERT_FALSE(o.ok());
	EXPECT_EQ(o.error().code, "SignatureDoesNotMatch");
	EXPECT_EQ(o.error().message, "Specified signature is not matched");
	EXPECT_EQ(o.error().requestId, "G1");
	EXPECT_EQ(o.error().httpStatus, 400);
	EXPECT_EQ(o.error().errorClass, ErrorClass::Permanent);
	EXPECT_FALSE(o.error().retryAfter.has_value());
}

TEST(ErrorParser, DbsErrorShapeOnNon2xx)
{
	HttpResponse r{403,
		       {},
		       R"({"RequestId":"D1","Success":false,"ErrCode":"Request.Forbidden",)"
		       R"("ErrMessage":"Have no Permissions","HttpStatusCode":403})"};
	auto o = ResponseParser::describeRestoreTaskList(r);
	ASSERT_FALSE(o.ok());
	EXPECT_EQ(o.error().code, "Request.Forbidden");
	EXPECT_EQ(o.error().message, "Have no Permissions");
	EXPECT_EQ(o.error().requestId, "D1");
	EXPECT_EQ(o.error().errorClass, ErrorClass::Permanent);
}

TEST(ErrorParser, SuccessFalseOn200IsBusiness)
{
	HttpResponse r{200,
		       {},
		       R"({"RequestId":"B1","Success":false,"ErrCode":"InvalidJobId",)"
		       R"("ErrMessage":"job not found","HttpStatusCode":200})"};
	auto o = ResponseParser::startRestoreTask(r);
	ASSERT_FALSE(o.ok());
	EXPECT_EQ(o.error().code, "InvalidJobId");
	EXPECT_EQ(o.error().requestId, "B1");
	EXPECT_EQ(o.error().errorClass, ErrorClass::Business);
	EXPECT_EQ(o.error().httpStatus, 200);
}

TEST(ErrorParser, ClassesFollowCodeAndStatus)
{
	struct Case {
		int status;
		const char *code;
		ErrorClass cls;
	};
	const Case cases[] = {
		{400, "Throttling.User", ErrorClass::Throttled},
		{503, "ServiceUnavailable", ErrorClass::Transient},
		{500, "InternalError", ErrorClass::Transient},
		{400, "InvalidTimeStamp.Expired", ErrorClass::Clock},
		{404, "InvalidAccessKeyId.NotFound", ErrorClass::Permanent},
		{400, "IdempotentParameterMismatch", ErrorClass::Permanent},
	};
	for (const auto &c : cases) {
		HttpResponse r{
			c.status, {}, std::string(R"({"RequestId":"X","Code":")") + c.code + R"(","Message":"m"})"};
		EXPECT_EQ(ErrorParser::fromHttpError(r).errorClass, c.cls) << c.code;
	}
}

TEST(ErrorParser, NonJsonErrorBodiesStillClassify)
{
	auto e502 = ErrorParser::fromHttpError(HttpResponse{502, {}, "<html>Bad Gateway</html>"});
	EXPECT_EQ(e502.code, "HttpError");
	EXPECT_EQ(e502.errorClass, ErrorClass::Transient);
	EXPECT_EQ(e502.message, "HTTP 502 without an error code");
	auto e404 = ErrorParser::fromHttpError(HttpResponse{404, {}, ""});
	EXPECT_EQ(e404.errorClass, ErrorClass::Permanent);
	auto truncated = ErrorParser::fromHttpError(HttpResponse{503, {}, R"({"Code":"Serv)"});
	EXPECT_EQ(truncated.errorClass, ErrorClass::Transient);
}

TEST(ErrorParser, RetryAfterFromAcsHeader)
{
	EXPECT_EQ(ErrorParser::retryAfter({{"x-acs-retry-after", "1500"}}), 1500ms);
	EXPECT_EQ(ErrorParser::retryAfter({{"x-acs-retry-after", " 20 "}}), 20ms);
	EXPECT_FALSE(ErrorParser::retryAfter({{"x-acs-retry-after", "soon"}}).has_value());
	EXPECT_FALSE(ErrorParser::retryAfter({{"x-acs-retry-after", "-5"}}).has_value());
	EXPECT_FALSE(ErrorParser::retryAfter({}).has_value());
	// x-acs-retry-after wins over the rate-limit headers.
	EXPECT_EQ(ErrorParser::retryAfter(
			  {{"x-acs-retry-after", "7"}, {"x-ratelimit-user-api", "Limit:10,Remain:0,TimeLeft:900"}}),
		  7ms);
}

// Found by fuzz/DbsResponseFuzz.cpp (corpus retry-after-overflow): a huge
// Retry-After overflowed the conversion to milliseconds (UBSan). A hint
// over a day is ignored like a malformed one, in every header.
TEST(ErrorParser, HintsOverADayAreIgnoredNotOverflowed)
{
	EXPECT_FALSE(ErrorParser::retryAfter({{"retry-after", "184467440737095516"}}).has_value());
	EXPECT_FALSE(ErrorParser::retryAfter({{"retry-after", "86401"}}).has_value());
	EXPECT_EQ(ErrorParser::retryAfter({{"retry-after", "86400"}}), 86'400'000ms);
	EXPECT_FALSE(ErrorParser::retryAfter({{"x-acs-retry-after", "86400001"}}).has_value());
	EXPECT_FALSE(ErrorParser::retryAfter({{"x-ratelimit-user", "TimeLeft:9223372036854775807"}}).has_value());
	EXPECT_FALSE(ErrorParser::retryAfter({{"retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"},
					      {"date", "Mon, 30 Nov 2026 00:00:00 GMT"}})
			     .has_value());
}

TEST(ErrorParser, RetryAfterFromRateLimitHeaders)
{
	EXPECT_EQ(ErrorParser::retryAfter({{"x-ratelimit-user-api", "Limit:10,Remain:0,TimeLeft:900,Reset:1"}}), 900ms);
	EXPECT_EQ(ErrorParser::retryAfter(
			  {{"x-ratelimit-user", "TimeLeft:300"}, {"x-ratelimit-user-api", "Limit:10, TimeLeft: 1200"}}),
		  1200ms);
	EXPECT_FALSE(ErrorParser::retryAfter({{"x-ratelimit-user", "Limit:10,Remain:3"}}).has_value());
	EXPECT_FALSE(ErrorParser::retryAfter({{"x-ratelimit-user", "TimeLeft:"}}).has_value());
}

TEST(ErrorParser, ThrottledErrorCarriesRetryAfter)
{
	HttpResponse r{
		400,
		{{"x-ratelimit-user-api", "Limit:1,Remain:0,TimeLeft:2500"}},
		R"({"RequestId":"T","Code":"Throttling.Api","Message":"Request was denied due to api flow control."})"};
	auto o = ResponseParser::startBackupPlan(r);
	ASSERT_FALSE(o.ok());
	EXPECT_EQ(o.error().errorClass, ErrorClass::Throttled);
	EXPECT_EQ(o.error().retryAfter, 2500ms);
	EXPECT_TRUE(o.error().retryable());
}
