// SPDX-License-Identifier: Apache-2.0
#include "dbs/RequestBuilder.h"

#include <gtest/gtest.h>

#include "base/Sha256.h"
#include "dbs/Acs3Signature.h"
#include "dbs/RpcSignature.h"

using dbs::HttpRequest;
using dbs::ParamMap;
using dbs::RequestBuilder;
using dbs::SignatureStyle;

namespace {

constexpr const char *secret = "demo-secret-not-for-production";
constexpr const char *token = "sts-token-xyz";
// 2023-10-26T10:22:32Z
const auto fixedNow = std::chrono::system_clock::time_point(std::chrono::seconds(1698315752));

RequestBuilder::Context context(SignatureStyle style, bool withToken)
{
	RequestBuilder::Context c;
	c.endpoint = dbs::Endpoint::parse("http://127.0.0.1:18080");
	c.credentials.accessKeyId = "LTAI5tDemoAccessKey01";
	c.credentials.accessKeySecret = dbs::Secret(secret);
	if (withToken)
		c.credentials.securityToken = dbs::Secret(token);
	c.style = style;
	c.userAgent = "test";
	return c;
}

std::string header(const HttpRequest &r, const std::string &name)
{
	for (const auto &[n, v] : r.headers) {
		if (n == name)
			return v;
	}
	return "<absent>";
}

const ParamMap business{{"RestoreTaskId", "rtdemoexisting01"}, {"ClientToken", "tok 1*"}};

} // namespace

TEST(RequestBuilder, TimestampIsIso8601Utc) { EXPECT_EQ(RequestBuilder::timestamp(fixedNow), "2023-10-26T10:22:32Z"); }

TEST(RequestBuilder, V1GetPutsEverythingInTheQueryAndVerifies)
{
	HttpRequest r = RequestBuilder::build(context(SignatureStyle::V1Get, true), "StartRestoreTask", business,
					      fixedNow, "nonce-1");
	EXPECT_EQ(r.method, "GET");
	EXPECT_TRUE(r.body.empty());
	ASSERT_EQ(r.target.substr(0, 2), "/?");
	ParamMap q = dbs::decodeParams(r.target.substr(2), false);
	EXPECT_EQ(q["Action"], "StartRestoreTask");
	EXPECT_EQ(q["Version"], "2019-03-06");
	EXPECT_EQ(q["Format"], "JSON");
	EXPECT_EQ(q["AccessKeyId"], "LTAI5tDemoAccessKey01");
	EXPECT_EQ(q["SignatureMethod"], "HMAC-SHA1");
	EXPECT_EQ(q["SignatureVersion"], "1.0");
	EXPECT_EQ(q["SignatureNonce"], "nonce-1");
	EXPECT_EQ(q["Timestamp"], "2023-10-26T10:22:32Z");
	EXPECT_EQ(q["SecurityToken"], token);
	EXPECT_EQ(q["RestoreTaskId"], "rtdemoexisting01");
	EXPECT_EQ(q["ClientToken"], "tok 1*");
	EXPECT_EQ(q["Signature"], dbs::rpc::sign("GET", q, secret));
	EXPECT_EQ(header(r, "host"), "127.0.0.1:18080");
	EXPECT_EQ(header(r, "authorization"), "<absent>");
}

TEST(RequestBuilder, V1PostPutsEverythingInAFormBody)
{
	HttpRequest r = RequestBuilder::build(context(SignatureStyle::V1Post, false), "StartRestoreTask", business,
					      fixedNow, "nonce-2");
	EXPECT_EQ(r.method, "POST");
	EXPECT_EQ(r.target, "/");
	EXPECT_EQ(header(r, "content-type"), "application/x-www-form-urlencoded");
	ParamMap f = dbs::decodeParams(r.body, true);
	EXPECT_EQ(f.count("SecurityToken"), 0u);
	EXPECT_EQ(f["ClientToken"], "tok 1*");
	EXPECT_EQ(f["Signature"], dbs::rpc::sign("POST", f, secret));
	EXPECT_NE(f["Signature"], dbs::rpc::sign("GET", f, secret));
}

TEST(RequestBuilder, V3SignsHeadersAndKeepsActionOutOfTheQuery)
{
	HttpRequest r = RequestBuilder::build(context(SignatureStyle::V3, true), "StartRestoreTask", business, fixedNow,
					      "nonce-3");
	EXPECT_EQ(r.method, "POST");
	EXPECT_TRUE(r.body.empty());
	ParamMap q = dbs::decodeParams(r.target.substr(2), false);
	EXPECT_EQ(q, business);
	EXPECT_EQ(header(r, "x-acs-action"), "StartRestoreTask");
	EXPECT_EQ(header(r, "x-acs-version"), "2019-03-06");
	EXPECT_EQ(header(r, "x-acs-date"), "2023-10-26T10:22:32Z");
	EXPECT_EQ(header(r, "x-acs-signature-nonce"), "nonce-3");
	EXPECT_EQ(header(r, "x-acs-content-sha256"), base::sha256Hex(""));
	EXPECT_EQ(header(r, "x-acs-security-token"), token);
	EXPECT_EQ(header(r, "host"), "127.0.0.1:18080");

	// Re-verify the way a server would: rebuild the signed request from
	// what went on the wire.
	dbs::acs3::SignedRequest s;
	s.method = r.method;
	s.query = q;
	for (const auto &[n, v] : r.headers)
		s.headers[n] = v;
	s.headers.erase("authorization");
	EXPECT_EQ(header(r, "authorization"), dbs::acs3::authorization(s, "LTAI5tDemoAccessKey01", secret));
	EXPECT_NE(header(r, "authorization")
			  .find("SignedHeaders=host;x-acs-accesskey-id;x-acs-action;"
				"x-acs-content-sha256;x-acs-date;x-acs-security-token;"
				"x-acs-signature-nonce;x-acs-version,"),
		  std::string::npos)
		<< header(r, "authorization");
}

TEST(RequestBuilder, NoRequestEverContainsTheSecret)
{
	for (auto style : {SignatureStyle::V3, SignatureStyle::V1Get, SignatureStyle::V1Post}) {
		HttpRequest r =
			RequestBuilder::build(context(style, false), "StartRestoreTask", business, fixedNow, "n");
		std::string all = r.target + r.body;
		for (const auto &[n, v] : r.headers)
			all += n + v;
		EXPECT_EQ(all.find(secret), std::string::npos);
	}
}
