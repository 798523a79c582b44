// SPDX-License-Identifier: Apache-2.0
// Gateway checks, for each of the three request shapes: every way a
// request can fail authentication must produce the service's code, status
// and message.
#include <gtest/gtest.h>

#include "tests/emulator/SignedRequests.h"
#include "tests/emulator/TestFixture.h"

using namespace emutest;
namespace json = boost::json;

namespace {

class AuthenticationTest : public ::testing::TestWithParam<Style>
{
protected:
	emulator::ApiHandler api_ = makeHandler();

	emulator::HttpResponse call(const std::string &action, dbs::ParamMap p, Signer s = {}, CallOptions o = {},
				    std::int64_t now = t0)
	{
		return api_.handle(signedRequest(GetParam(), action, p, s, now, o), now);
	}

	static std::string code(const emulator::HttpResponse &r)
	{
		return std::string(parseJson(r.body).as_object().at("Code").as_string());
	}
};

const dbs::ParamMap describe{{"RestoreTaskId", "rtdemoexisting01"}};

TEST_P(AuthenticationTest, CorrectlySignedRequestSucceeds)
{
	auto r = call("DescribeRestoreTaskList", describe);
	ASSERT_EQ(r.status, 200) << r.body;
	auto o = parseJson(r.body).as_object();
	EXPECT_EQ(o.at("Success").as_bool(), true);
	EXPECT_EQ(o.at("HttpStatusCode").as_int64(), 200);
	EXPECT_EQ(o.at("Items").at("RestoreTaskDetail").as_array().size(), 1u);
	bool json = false;
	for (const auto &[k, v] : r.headers)
		json = json || (k == "Content-Type" && v == "application/json;charset=utf-8");
	EXPECT_TRUE(json);
}

TEST_P(AuthenticationTest, WrongSecretIsSignatureDoesNotMatchWithStringToSign)
{
	Signer wrong;
	wrong.secret = "not-the-secret";
	auto r = call("DescribeRestoreTaskList", describe, wrong);
	EXPECT_EQ(r.status, 400);
	auto o = parseJson(r.body).as_object();
	EXPECT_EQ(o.at("Code").as_string(), "SignatureDoesNotMatch");
	std::string msg(o.at("Message").as_string());
	const std::string prefix = "Specified signature is not matched with our calculation. server string to sign is:";
	ASSERT_EQ(msg.rfind(prefix, 0), 0u) << msg;
	EXPECT_NE(msg.find(GetParam() == Style::V3 ? "ACS3-HMAC-SHA256\n" : "&%2F&"), std::string::npos);
	EXPECT_EQ(msg.find("not-the-secret"), std::string::npos);
	for (const char *k : {"RequestId", "HostId", "Recommend"})
		EXPECT_TRUE(o.contains(k)) << k;
}

TEST_P(AuthenticationTest, TimestampSixteenMinutesOffIsExpired)
{
	CallOptions past;
	past.timestampMs = t0 - 16 * 60'000;
	auto r = call("DescribeRestoreTaskList", describe, {}, past);
	EXPECT_EQ(r.status, 400);
	EXPECT_EQ(code(r), "InvalidTimeStamp.Expired");
	CallOptions future;
	future.timestampMs = t0 + 16 * 60'000;
	EXPECT_EQ(code(call("DescribeRestoreTaskList", describe, {}, future)), "InvalidTimeStamp.Expired");
	CallOptions near;
	near.timestampMs = t0 - 14 * 60'000;
	EXPECT_EQ(call("DescribeRestoreTaskList", describe, {}, near).status, 200);
}

TEST_P(AuthenticationTest, TimestampIsCheckedAgainstWallClockNotSimulatedTime)
{
	emulator::EmulatorOptions o;
	o.timeScale = 3600; // an hour of sim time per wall second
	emulator::ApiHandler fast = makeHandler(o);
	const std::int64_t now = t0 + 10'000; // ten sim hours later
	auto r = fast.handle(signedRequest(GetParam(), "DescribeRestoreTaskList", describe, {}, now), now);
	EXPECT_EQ(r.status, 200) << r.body;
}

TEST_P(AuthenticationTest, ReusedNonceIsRejected)
{
	CallOptions o;
	o.nonce = "same-nonce";
	EXPECT_EQ(call("DescribeRestoreTaskList", describe, {}, o).status, 200);
	auto r = call("DescribeRestoreTaskList", describe, {}, o, t0 + 1000);
	EXPECT_EQ(r.status, 400);
	EXPECT_EQ(code(r), "SignatureNonceUsed");
}

TEST_P(AuthenticationTest, NonceOfBadSignatureIsNotSpent)
{
	CallOptions o;
	o.nonce = "retry-me";
	Signer wrong;
	wrong.secret = "nope";
	EXPECT_EQ(code(call("DescribeRestoreTaskList", describe, wrong, o)), "SignatureDoesNotMatch");
	EXPECT_EQ(call("DescribeRestoreTaskList", describe, {}, o).status, 200);
}

TEST_P(AuthenticationTest, UnknownAccessKeyIsNotFound404)
{
	Signer s;
	s.keyId = "LTAI5tNoSuchKey";
	auto r = call("DescribeRestoreTaskList", describe, s);
	EXPECT_EQ(r.status, 404);
	EXPECT_EQ(code(r), "InvalidAccessKeyId.NotFound");
}

TEST_P(AuthenticationTest, MissingRequiredParameterNamesIt)
{
	auto r = call("StartRestoreTask", {});
	EXPECT_EQ(r.status, 400);
	auto o = parseJson(r.body).as_object();
	EXPECT_EQ(o.at("Code").as_string(), "MissingParameter");
	EXPECT_EQ(
		o.at("Message").as_string(),
		"The input parameter \"RestoreTaskId\" that is mandatory for processing this request is not supplied.");
}

TEST_P(AuthenticationTest, UnknownActionIsNotFound404)
{
	auto r = call("DescribeNothing", {});
	EXPECT_EQ(r.status, 404);
	EXPECT_EQ(code(r), "InvalidAction.NotFound");
}

TEST_P(AuthenticationTest, WrongVersionIsInvalidVersion)
{
	CallOptions o;
	o.version = "2014-05-26";
	auto r = call("DescribeRestoreTaskList", describe, {}, o);
	EXPECT_EQ(r.status, 400);
	EXPECT_EQ(code(r), "InvalidVersion");
}

TEST_P(AuthenticationTest, SecurityTokenMustMatchTheKeysToken)
{
	Signer sts;
	sts.keyId = "STSkey";
	sts.secret = "sts-secret";
	sts.securityToken = "sts-token-value";
	EXPECT_EQ(call("DescribeRestoreTaskList", describe, sts).status, 200);
	sts.securityToken = "other-token";
	EXPECT_EQ(code(call("DescribeRestoreTaskList", describe, sts)), "InvalidSecurityToken.MismatchWithAccessKey");
	sts.securityToken.reset();
	EXPECT_EQ(code(call("DescribeRestoreTaskList", describe, sts)), "InvalidSecurityToken.MismatchWithAccessKey");
}

TEST_P(AuthenticationTest, AnyHostIsAccepted)
{
	CallOptions o;
	o.host = "dbs-api.cn-hangzhou.aliyuncs.com";
	EXPECT_EQ(call("DescribeRestoreTaskList", describe, {}, o).status, 200);
}

INSTANTIATE_TEST_SUITE_P(AllStyles, AuthenticationTest, ::testing::Values(Style::V1Get, Style::V1Post, Style::V3),
			 [](const auto &info) { return toString(info.param); });

TEST(AuthenticationV1, QueryAndFormBodyAreMerged)
{
	auto api = makeHandler();
	// Signed over all params; Action and Version travel in the query, the rest in the body.
	auto r = signedRequest(Style::V1Post, "DescribeRestoreTaskList", describe, {}, t0);
	auto params = dbs::decodeParams(r.body, true);
	dbs::ParamMap query{{"Action", params.at("Action")}, {"Version", params.at("Version")}};
	params.erase("Action");
	params.erase("Version");
	r.target = "/?" + dbs::encodeParams(query);
	r.body = dbs::encodeParams(params);
	auto resp = api.handle(r, t0);
	EXPECT_EQ(resp.status, 200) << resp.body;
}

TEST(AuthenticationV3, MissingDateHeaderIsMissingParameter)
{
	auto api = makeHandler();
	auto r = signedRequest(Style::V3, "DescribeRestoreTaskList", describe, {}, t0);
	r.headers.erase("x-acs-date");
	auto resp = api.handle(r, t0);
	EXPECT_EQ(resp.status, 400);
	auto o = parseJson(resp.body).as_object();
	EXPECT_EQ(o.at("Code").as_string(), "MissingParameter");
	EXPECT_NE(std::string(o.at("Message").as_string()).find("\"x-acs-date\""), std::string::npos);
}

TEST(AuthenticationV3, TamperedQueryIsSignatureDoesNotMatch)
{
	auto api = makeHandler();
	auto r = signedRequest(Style::V3, "DescribeRestoreTaskList", describe, {}, t0);
	r.target = "/?RestoreTaskId=rtdemofail01";
	auto resp = api.handle(r, t0);
	EXPECT_NE(resp.body.find("SignatureDoesNotMatch"), std::string::npos);
}

// Found by fuzz/SignatureFuzz.cpp (corpus signature/long-fraction): the
// fraction of a timestamp was summed into an int, which overflowed.
TEST(AuthenticationTimestamp, ALongFractionIsCheckedNotSummed)
{
	using emulator::Authenticator;
	EXPECT_EQ(Authenticator::parseIsoUtc("2026-11-30T00:00:00.13333333333333333333Z"),
		  Authenticator::parseIsoUtc("2026-11-30T00:00:00Z"));
	EXPECT_EQ(Authenticator::parseIsoUtc("2026-11-30T00:00:00.123Z"), 1'795'996'800'000);
	EXPECT_FALSE(Authenticator::parseIsoUtc("2026-11-30T00:00:00.12a3Z").has_value());
	EXPECT_FALSE(Authenticator::parseIsoUtc("2026-11-30T00:00:00.Z").has_value());
}

} // namespace
