// SPDX-License-Identifier: Apache-2.0
#include "dbs/RpcSignature.h"

#include <gtest/gtest.h>

using dbs::ParamMap;

namespace {

// The documented DescribeRegions example (dbs-api.md §3.2, doc-detail/28139).
ParamMap documentedParams()
{
	return {
		{"Timestamp", "2016-02-23T12:46:24Z"},
		{"Format", "XML"},
		{"AccessKeyId", "testid"},
		{"Action", "DescribeRegions"},
		{"SignatureMethod", "HMAC-SHA1"},
		{"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
		{"Version", "2014-05-26"},
		{"SignatureVersion", "1.0"},
	};
}

} // namespace

TEST(RpcSignature, CanonicalQueryOfTheDocumentedExample)
{
	EXPECT_EQ(dbs::rpc::canonicalQuery(documentedParams()),
		  "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1"
		  "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
		  "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26");
}

TEST(RpcSignature, StringToSignOfTheDocumentedExample)
{
	EXPECT_EQ(dbs::rpc::stringToSign("GET", documentedParams()),
		  "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
		  "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
		  "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z"
		  "%26Version%3D2014-05-26");
}

TEST(RpcSignature, DocumentedGetSignature)
{
	EXPECT_EQ(dbs::rpc::sign("GET", documentedParams(), "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(RpcSignature, DerivedPostSignature)
{
	EXPECT_EQ(dbs::rpc::sign("POST", documentedParams(), "testsecret"), "MxbnVAM4w6sft9xjVpe/GCKueuk=");
}

TEST(RpcSignature, SignatureParameterIsExcludedFromTheCanonicalQuery)
{
	ParamMap withSig = documentedParams();
	withSig["Signature"] = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=";
	EXPECT_EQ(dbs::rpc::canonicalQuery(withSig), dbs::rpc::canonicalQuery(documentedParams()));
	EXPECT_EQ(dbs::rpc::sign("GET", withSig, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(RpcSignature, EmptyValuesAreSignedAsNameEquals)
{
	ParamMap p = documentedParams();
	p["SecurityToken"] = "";
	p["RegionId"] = "cn-hangzhou";
	EXPECT_NE(dbs::rpc::canonicalQuery(p).find("&RegionId=cn-hangzhou&SecurityToken=&"), std::string::npos);
	EXPECT_NE(dbs::rpc::sign("GET", p, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(RpcSignature, DifferentSecretGivesDifferentSignature)
{
	EXPECT_NE(dbs::rpc::sign("GET", documentedParams(), "testsecreT"),
		  dbs::rpc::sign("GET", documentedParams(), "testsecret"));
}
