// SPDX-License-Identifier: Apache-2.0
// Every shape of flow control the DBS docs allow (dbs-readings.md,
// "Throttling"): a Throttling* code on 400/429/503, plain-text bodies, and
// retry hints present or absent.
#include "dbs/ErrorParser.h"

#include <gtest/gtest.h>

#include "dbs/HttpDate.h"
#include "dbs/ResponseParser.h"

using base::ErrorClass;
using dbs::ErrorParser;
using dbs::HttpResponse;
using namespace std::chrono_literals;

namespace {

struct CodeOnStatus {
	int status;
	const char *code;
};

class ThrottlingCode : public testing::TestWithParam<CodeOnStatus>
{};

} // namespace

TEST_P(ThrottlingCode, IsThrottledWhateverTheStatusAndShape)
{
	auto [status, code] = GetParam();
	HttpResponse gateway{status,
			     {},
			     std::string(R"({"RequestId":"T","Code":")") + code +
				     R"(","Message":"Request was denied due to flow control."})"};
	HttpResponse dbsShape{status,
			      {},
			      std::string(R"({"RequestId":"T","Success":false,"ErrCode":")") + code +
				      R"(","ErrMessage":"m","HttpStatusCode":)" + std::to_string(status) + "}"};
	for (const auto &r : {gateway, dbsShape}) {
		auto o = dbs::ResponseParser::startRestoreTask(r);
		ASSERT_FALSE(o.ok());
		EXPECT_EQ(o.error().code, code);
		EXPECT_EQ(o.error().errorClass, ErrorClass::Throttled);
		EXPECT_EQ(o.error().httpStatus, status);
		EXPECT_FALSE(o.error().retryAfter.has_value()); // hints are optional
	}
}

INSTANTIATE_TEST_SUITE_P(CodesAndStatuses, ThrottlingCode,
			 testing::Values(CodeOnStatus{400, "Throttling"}, CodeOnStatus{400, "Throttling.User"},
					 CodeOnStatus{400, "Throttling.Api"}, CodeOnStatus{429, "Throttling"},
					 CodeOnStatus{429, "Throttling.User"}, CodeOnStatus{429, "Throttling.Api"},
					 CodeOnStatus{503, "Throttling"}, CodeOnStatus{503, "Throttling.User"},
					 CodeOnStatus{503, "Throttling.Api"}, CodeOnStatus{200, "Throttling.User"}));

TEST(Throttling, A429WithATextOrHtmlBodyIsThrottledNeverPermanent)
{
	for (const char *body : {"Too Many Requests", "<html><body>429 Too Many Requests</body></html>", ""}) {
		auto e = ErrorParser::fromHttpError(HttpResponse{429, {}, body});
		EXPECT_EQ(e.errorClass, ErrorClass::Throttled) << body;
		EXPECT_TRUE(e.retryable());
	}
	// A JSON 429 with a code we do not know is still push-back.
	auto e = ErrorParser::fromHttpError(
		HttpResponse{429, {}, R"({"RequestId":"X","Code":"Quota.Exceeded","Message":"m"})"});
	EXPECT_EQ(e.errorClass, ErrorClass::Throttled);
	EXPECT_EQ(e.code, "Quota.Exceeded");
}

TEST(Throttling, A503WithATextBodyIsTransientOrThrottled)
{
	auto plain = ErrorParser::fromHttpError(HttpResponse{503, {}, "Service Unavailable"});
	EXPECT_EQ(plain.code, "HttpError");
	EXPECT_EQ(plain.errorClass, ErrorClass::Transient);
	auto named =
		ErrorParser::fromHttpError(HttpResponse{503, {}, "<html>Throttling: request rate too high</html>"});
	EXPECT_EQ(named.code, "Throttling");
	EXPECT_EQ(named.errorClass, ErrorClass::Throttled);
}

TEST(Throttling, ATextBodyNamingThrottlingOn400IsThrottled)
{
	auto e = ErrorParser::fromHttpError(HttpResponse{400, {}, "Request was denied: THROTTLING.User in effect"});
	EXPECT_EQ(e.code, "Throttling");
	EXPECT_EQ(e.errorClass, ErrorClass::Throttled);
	EXPECT_EQ(e.message, "HTTP 400 with a non-JSON body naming throttling");
}

TEST(Throttling, OtherTextBodiesAreClassifiedByStatusAsBefore)
{
	EXPECT_EQ(ErrorParser::fromHttpError(HttpResponse{400, {}, "Bad Request"}).errorClass, ErrorClass::Permanent);
	EXPECT_EQ(ErrorParser::fromHttpError(HttpResponse{403, {}, "<html>Forbidden</html>"}).errorClass,
		  ErrorClass::Permanent);
	EXPECT_EQ(ErrorParser::fromHttpError(HttpResponse{502, {}, "<html>Bad Gateway</html>"}).errorClass,
		  ErrorClass::Transient);
	// A JSON body's own words are not evidence; only its code is.
	auto e = ErrorParser::fromHttpError(
		HttpResponse{400, {}, R"({"RequestId":"X","Code":"InvalidParameter","Message":"Throttling"})"});
	EXPECT_EQ(e.errorClass, ErrorClass::Permanent);
}

TEST(Throttling, RetryAfterInSecondsOrAsAnHttpDate)
{
	EXPECT_EQ(ErrorParser::retryAfter({{"retry-after", "3"}}), 3000ms);
	EXPECT_EQ(ErrorParser::retryAfter({{"retry-after", "Tue, 01 Dec 2026 10:00:05 GMT"},
					   {"date", "Tue, 01 Dec 2026 10:00:00 GMT"}}),
		  5000ms);
	// A date in the past means "now".
	EXPECT_EQ(ErrorParser::retryAfter({{"retry-after", "Tue, 01 Dec 2026 09:59:00 GMT"},
					   {"date", "Tue, 01 Dec 2026 10:00:00 GMT"}}),
		  0ms);
	// Without the server's Date there is nothing to measure the date against.
	EXPECT_FALSE(ErrorParser::retryAfter({{"retry-after", "Tue, 01 Dec 2026 10:00:05 GMT"}}).has_value());
	EXPECT_FALSE(ErrorParser::retryAfter({{"retry-after", "later"}}).has_value());
}

TEST(Throttling, HintsArePickedInOrderOfPrecision)
{
	std::map<std::string, std::string> all{{"x-acs-retry-after", "250"},
					       {"retry-after", "2"},
					       {"x-ratelimit-user-api", "Limit:1,Remain:0,TimeLeft:900"}};
	EXPECT_EQ(ErrorParser::retryAfter(all), 250ms);
	all.erase("x-acs-retry-after");
	EXPECT_EQ(ErrorParser::retryAfter(all), 2000ms);
	all.erase("retry-after");
	EXPECT_EQ(ErrorParser::retryAfter(all), 900ms);
}

TEST(Throttling, A429CarriesItsRetryAfter)
{
	auto e =
		ErrorParser::fromHttpError(HttpResponse{429, {{"retry-after", "7"}}, "<html>Too Many Requests</html>"});
	EXPECT_EQ(e.errorClass, ErrorClass::Throttled);
	EXPECT_EQ(e.retryAfter, 7000ms);
}

TEST(HttpDate, ParsesImfFixdate)
{
	using namespace std::chrono;
	auto t = dbs::parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
	ASSERT_TRUE(t.has_value());
	EXPECT_EQ(t->time_since_epoch().count(), 784111777);
	for (auto bad :
	     {"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 31 Feb 1994 08:49:37 GMT",
	      "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC", ""}) {
		EXPECT_FALSE(dbs::parseHttpDate(bad).has_value()) << bad;
	}
}

TEST(HttpDate, FormatsWhatItParses)
{
	const std::chrono::sys_seconds t{std::chrono::seconds(784111777)};
	EXPECT_EQ(dbs::formatHttpDate(t), "Sun, 06 Nov 1994 08:49:37 GMT");
	const std::chrono::sys_seconds leap{std::chrono::seconds(1709164800)}; // 2024-02-29
	EXPECT_EQ(dbs::parseHttpDate(dbs::formatHttpDate(leap)), leap);
}
