// SPDX-License-Identifier: Apache-2.0
#include "dbs/Acs3Signature.h"

#include <gtest/gtest.h>

#include "base/Sha256.h"

using dbs::acs3::SignedRequest;

namespace {

constexpr const char *emptySha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The published RunInstances example (dbs-api.md §3.3).
SignedRequest publishedRequest()
{
	SignedRequest r;
	r.method = "POST";
	r.query = {{"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"}, {"RegionId", "cn-shanghai"}};
	r.headers = {
		{"host", "ecs.cn-shanghai.aliyuncs.com"},
		{"x-acs-action", "RunInstances"},
		{"x-acs-content-sha256", emptySha},
		{"x-acs-date", "2023-10-26T10:22:32Z"},
		{"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"},
		{"x-acs-version", "2014-05-26"},
		// Not signed: must not change anything below.
		{"accept", "application/json"},
		{"user-agent", "dbs-restored"},
	};
	return r;
}

} // namespace

TEST(Acs3Signature, EmptyBodyHash) { EXPECT_EQ(base::sha256Hex(""), emptySha); }

TEST(Acs3Signature, PublishedCanonicalRequest)
{
	EXPECT_EQ(dbs::acs3::canonicalRequest(publishedRequest()),
		  "POST\n"
		  "/\n"
		  "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
		  "host:ecs.cn-shanghai.aliyuncs.com\n"
		  "x-acs-action:RunInstances\n"
		  "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
		  "x-acs-date:2023-10-26T10:22:32Z\n"
		  "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n"
		  "x-acs-version:2014-05-26\n"
		  "\n"
		  "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
		  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Acs3Signature, PublishedHashSignatureAndAuthorization)
{
	SignedRequest r = publishedRequest();
	EXPECT_EQ(dbs::acs3::hashedCanonicalRequest(r),
		  "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
	EXPECT_EQ(dbs::acs3::stringToSign(r),
		  "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
	EXPECT_EQ(dbs::acs3::signature(r, "YourAccessKeySecret"),
		  "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
	EXPECT_EQ(dbs::acs3::authorization(r, "YourAccessKeyId", "YourAccessKeySecret"),
		  "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,"
		  "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;"
		  "x-acs-signature-nonce;x-acs-version,"
		  "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
}

TEST(Acs3Signature, HeaderValuesAreTrimmedAndNamesLowered)
{
	SignedRequest r = publishedRequest();
	r.headers.erase("host");
	r.headers["Host"] = "  ecs.cn-shanghai.aliyuncs.com ";
	EXPECT_EQ(dbs::acs3::signature(r, "YourAccessKeySecret"),
		  "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0");
}

TEST(Acs3Signature, ContentTypeIsSignedAndBodyIsHashed)
{
	SignedRequest r = publishedRequest();
	r.headers["content-type"] = "application/x-www-form-urlencoded";
	r.body = "a=1";
	EXPECT_EQ(dbs::acs3::signedHeaders(r), "content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;"
					       "x-acs-signature-nonce;x-acs-version");
	std::string cr = dbs::acs3::canonicalRequest(r);
	EXPECT_EQ(cr.substr(cr.rfind('\n') + 1), base::sha256Hex("a=1"));
}

TEST(Acs3Signature, QueryValuesArePercentEncoded)
{
	SignedRequest r;
	r.method = "GET";
	r.query = {{"RestoreObjects", "[{\"DBName\":\"a b*\"}]"}, {"Empty", ""}};
	r.headers = {{"host", "h"}};
	std::string cr = dbs::acs3::canonicalRequest(r);
	EXPECT_NE(cr.find("\nEmpty=&RestoreObjects=%5B%7B%22DBName%22%3A%22a%20b%2A%22%7D%5D\n"), std::string::npos)
		<< cr;
}
