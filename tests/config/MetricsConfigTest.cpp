// SPDX-License-Identifier: Apache-2.0
// The main config's metrics section: both outputs off by default, strict
// values with file:line:column errors, and a non-loopback endpoint only
// when asked for by name.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/ListenAddress.h"
#include "config/MainConfig.h"

using config::ListenAddress;
using config::parseListenAddress;
using config::parseMainConfig;
using testing::HasSubstr;

namespace {

const char *const path = "/etc/dbs-restored/dbs-restored.yaml";

ListenAddress address(std::string_view text)
{
	auto r = parseListenAddress(text);
	if (auto *problem = std::get_if<std::string>(&r))
		throw std::runtime_error(*problem);
	return std::get<ListenAddress>(r);
}

std::string problem(std::string_view text)
{
	auto r = parseListenAddress(text);
	auto *p = std::get_if<std::string>(&r);
	return p ? *p : "";
}

TEST(ListenAddress, ParsesIpv4AndBracketedIpv6WithAPort)
{
	EXPECT_EQ(address("127.0.0.1:9612"), (ListenAddress{"127.0.0.1", 9612}));
	EXPECT_EQ(address("[::1]:9612"), (ListenAddress{"::1", 9612}));
	EXPECT_EQ(address("0.0.0.0:0"), (ListenAddress{"0.0.0.0", 0}));
	EXPECT_EQ(address("[::1]:9612").format(), "[::1]:9612");
	EXPECT_EQ(address("127.0.0.1:9612").format(), "127.0.0.1:9612");
}

TEST(ListenAddress, RefusesHostNamesUnbracketedIpv6AndBadPorts)
{
	EXPECT_THAT(problem("localhost:9612"), HasSubstr("not an IP address"));
	EXPECT_THAT(problem("::1:9612"), HasSubstr("not an IP address"));
	EXPECT_THAT(problem("[127.0.0.1]:9612"), HasSubstr("not an IP address"));
	EXPECT_THAT(problem("127.0.0.1"), HasSubstr("no port"));
	EXPECT_THAT(problem("127.0.0.1:"), HasSubstr("not a port number"));
	EXPECT_THAT(problem("127.0.0.1:65536"), HasSubstr("not a port number"));
	EXPECT_THAT(problem("127.0.0.1:-1"), HasSubstr("not a port number"));
	EXPECT_THAT(problem("127.0.0.1:96x"), HasSubstr("not a port number"));
}

TEST(ListenAddress, LoopbackIsTheWhole127NetAndIpv6One)
{
	EXPECT_TRUE(address("127.0.0.1:1").loopback());
	EXPECT_TRUE(address("127.200.3.4:1").loopback());
	EXPECT_TRUE(address("[::1]:1").loopback());
	EXPECT_FALSE(address("0.0.0.0:1").loopback());
	EXPECT_FALSE(address("10.0.0.5:1").loopback());
	EXPECT_FALSE(address("[::]:1").loopback());
	EXPECT_FALSE(address("[::ffff:10.0.0.5]:1").loopback());
}

TEST(MetricsConfig, IsOffByDefault)
{
	auto r = parseMainConfig("", path);
	ASSERT_TRUE(r.ok());
	EXPECT_FALSE(r.config->metrics.listen);
	EXPECT_TRUE(r.config->metrics.textfile.empty());
	EXPECT_FALSE(r.config->metrics.allowRemote);
}

TEST(MetricsConfig, ReadsListenAndAResolvedTextfile)
{
	auto r = parseMainConfig("metrics:\n  listen: 127.0.0.1:9612\n  textfile: prom/dbs-restored.prom\n", path);
	ASSERT_TRUE(r.ok()) << r.errors.front().format();
	EXPECT_EQ(r.config->metrics.listen, (ListenAddress{"127.0.0.1", 9612}));
	EXPECT_EQ(r.config->metrics.textfile, "/etc/dbs-restored/prom/dbs-restored.prom");
}

TEST(MetricsConfig, ANonLoopbackAddressNeedsAllowRemote)
{
	auto refused = parseMainConfig("metrics:\n  listen: 0.0.0.0:9612\n", path);
	ASSERT_EQ(refused.errors.size(), 1u);
	EXPECT_EQ(
		refused.errors[0].format(),
		std::string(path) +
			":2:11: 'listen' is not a loopback address: the endpoint has no authentication or TLS; expected "
			"127.0.0.1 or [::1], or 'allow_remote: true' to expose it on purpose");
	auto allowed = parseMainConfig("metrics:\n  listen: 0.0.0.0:9612\n  allow_remote: true\n", path);
	ASSERT_TRUE(allowed.ok());
	EXPECT_EQ(allowed.config->metrics.listen, (ListenAddress{"0.0.0.0", 9612}));
}

TEST(MetricsConfig, BadValuesAreReportedAtTheirPosition)
{
	auto r = parseMainConfig("metrics:\n  listen: localhost:9612\n  textfile: /tmp/m.txt\n  allow_remote: yes\n"
				 "  port: 9612\n",
				 path);
	ASSERT_EQ(r.errors.size(), 4u);
	std::vector<std::string> where;
	for (const auto &e : r.errors)
		where.push_back(std::to_string(e.line) + ":" + std::to_string(e.column) + " " + e.what);
	EXPECT_THAT(where, testing::Contains(HasSubstr("2:11 'listen' 'localhost' is not an IP address")));
	EXPECT_THAT(where, testing::Contains(HasSubstr("3:13 'textfile' does not end in .prom")));
	EXPECT_THAT(where, testing::Contains(HasSubstr("4:17")));
	EXPECT_THAT(where, testing::Contains(HasSubstr("5:3")));
}

} // namespace
