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

	for (auto url : {"http://10.0.0.1", "http://dbs-api.cn-hangzhou.aliyuncs.com",
			 "http://[::2]", "http://localhost.example.com", "http://128.0.0.1"}) {
		EXPECT_NE(parseError(url).find("plain http is only allowed to a loopback host"),
			  std::string::npos)
			<< url;
	}
}

TEST(Endpoint, RejectsAnythingButSchemeHostPort)
{
	for (auto url : {"ftp://host", "https://", "host:443",
			 "https://host/path", "https://host/?a=b", "https://host#f", "https://host:0",
			 "not a url", ""}) {
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
