// SPDX-License-Identifier: Apache-2.0
#include "dbs/Endpoint.h"

#include <stdexcept>

#include <gtest/gtest.h>

using dbs::Endpoint;

namespace {

std::string parseError(std::string_view url)
{
	try {
		Endpoint::parse(url);
	} catch (const std::invalid_argument &e) {
		return e.what();
	}
	return "no error";
}

} // namespace

TEST(Endpoint, DefaultIsTheRegionalHttpsEndpoint)
{
	Endpoint e = Endpoint::forRegion("cn-hangzhou");
	EXPECT_TRUE(e.tls);
	EXPECT_EQ(e.host, "dbs-api.cn-hangzhou.aliyuncs.com");
	EXPECT_EQ(e.port, 443);
	EXPECT_EQ(e.hostHeader(), "dbs-api.cn-hangzhou.aliyuncs.com");
	EXPECT_EQ(e.url(), "https://dbs-api.cn-hangzhou.aliyuncs.com");
}

TEST(Endpoint, ParsesHttpsWithAndWithoutPort)
{
	Endpoint a = Endpoint::parse("https://dbs-api.cn-shanghai.aliyuncs.com");
	EXPECT_TRUE(a.tls);
	EXPECT_EQ(a.port, 443);
	Endpoint b = Endpoint::parse("HTTPS://Example.COM:8443/");
	EXPECT_EQ(b.host, "example.com");
	EXPECT_EQ(b.port, 8443);
	EXPECT_EQ(b.hostHeader(), "example.com:8443");
}

TEST(Endpoint, PlainHttpOnlyToLoopback)
{
	Endpoint a = Endpoint::parse("http://127.0.0.1:8080");
	EXPECT_FALSE(a.tls);
	EXPECT_EQ(a.host, "127.0.0.1");
	EXPECT_EQ(a.hostHeader(), "127.0.0.1:8080");
	EXPECT_EQ(Endpoint::parse("http://127.8.9.10").port, 80);
	EXPECT_EQ(Endpoint::parse("http://localhost:1").host, "localhost");
	Endpoint v6 = Endpoint::parse("http://[::1]:9000");
	EXPECT_EQ(v6.host, "::1");
	EXPECT_EQ(v6.hostHeader(), "[::1]:9000");

	for (auto url : {"http://10.0.0.1", "http://dbs-api.cn-hangzhou.aliyuncs.com", "http://[::2]",
			 "http://localhost.example.com", "http://128.0.0.1"}) {
		EXPECT_NE(parseError(url).find("plain http is only allowed to a loopback host"), std::string::npos)
			<< url;
	}
}

TEST(Endpoint, RejectsAnythingButSchemeHostPort)
{
	for (auto url : {"ftp://host", "https://", "host:443", "https://host/path", "https://host/?a=b",
			 "https://host#f", "https://host:0", "not a url", ""}) {
		EXPECT_NE(parseError(url).find("endpoint '"), std::string::npos) << url;
	}
	EXPECT_EQ(parseError("https://user:pw@host"), "endpoint: expected no user information");
	EXPECT_NE(parseError("https://host/path").find("expected no path"), std::string::npos);
}

TEST(Endpoint, LoopbackDetection)
{
	EXPECT_TRUE(Endpoint::isLoopbackHost("127.0.0.1"));
	EXPECT_TRUE(Endpoint::isLoopbackHost("127.255.255.254"));
	EXPECT_TRUE(Endpoint::isLoopbackHost("::1"));
	EXPECT_TRUE(Endpoint::isLoopbackHost("LocalHost"));
	EXPECT_FALSE(Endpoint::isLoopbackHost("0.0.0.0"));
	EXPECT_FALSE(Endpoint::isLoopbackHost("192.168.1.1"));
	EXPECT_FALSE(Endpoint::isLoopbackHost("localhost2"));
}

namespace {

struct RegionEndpoint {
	const char *region;
	const char *host;
};

class SdkEndpointMap : public testing::TestWithParam<RegionEndpoint>
{};

} // namespace

// Every entry of the official Go SDK's EndpointMap (alibabacloud-go/dbs-20190306,
// client/client.go, commit 4b79487).
TEST_P(SdkEndpointMap, RegionGoesWhereTheOfficialSdkSendsIt)
{
	Endpoint e = Endpoint::forRegion(GetParam().region);
	EXPECT_EQ(e.host, GetParam().host);
	EXPECT_TRUE(e.tls);
	EXPECT_EQ(e.port, 443);
}

INSTANTIATE_TEST_SUITE_P(ServedFromHangzhou, SdkEndpointMap,
			 testing::Values(RegionEndpoint{"cn-qingdao", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-beijing", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-zhangjiakou", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-hangzhou", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-shanghai", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-shenzhen", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-hongkong", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"us-west-1", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"us-east-1", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-hangzhou-finance", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-shanghai-finance-1", "dbs-api.cn-hangzhou.aliyuncs.com"},
					 RegionEndpoint{"cn-shenzhen-finance-1", "dbs-api.cn-hangzhou.aliyuncs.com"}));

INSTANTIATE_TEST_SUITE_P(OwnEndpoint, SdkEndpointMap,
			 testing::Values(RegionEndpoint{"cn-chengdu", "dbs-api.cn-chengdu.aliyuncs.com"},
					 RegionEndpoint{"cn-huhehaote", "dbs-api.cn-huhehaote.aliyuncs.com"},
					 RegionEndpoint{"ap-southeast-1", "dbs-api.ap-southeast-1.aliyuncs.com"},
					 RegionEndpoint{"ap-southeast-2", "dbs-api.ap-southeast-2.aliyuncs.com"},
					 RegionEndpoint{"ap-southeast-3", "dbs-api.ap-southeast-3.aliyuncs.com"},
					 RegionEndpoint{"ap-southeast-5", "dbs-api.ap-southeast-5.aliyuncs.com"},
					 RegionEndpoint{"ap-northeast-1", "dbs-api.ap-northeast-1.aliyuncs.com"},
					 RegionEndpoint{"eu-central-1", "dbs-api.eu-central-1.aliyuncs.com"},
					 RegionEndpoint{"ap-south-1", "dbs-api.ap-south-1.aliyuncs.com"},
					 RegionEndpoint{"eu-west-1", "dbs-api.eu-west-1.aliyuncs.com"},
					 RegionEndpoint{"me-east-1", "dbs-api.me-east-1.aliyuncs.com"}));

TEST(Endpoint, AnUnmappedRegionGetsItsOwnRegionalHost)
{
	EXPECT_EQ(Endpoint::forRegion("cn-wulanchabu").host, "dbs-api.cn-wulanchabu.aliyuncs.com");
	// The map matches whole ids only.
	EXPECT_EQ(Endpoint::forRegion("cn-beijing-2").host, "dbs-api.cn-beijing-2.aliyuncs.com");
}
