// SPDX-License-Identifier: Apache-2.0
#include "daemon/RegionRoutes.h"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "daemon/ApiRateLimiter.h"
#include "daemon/os/AsioClock.h"

namespace restored {
namespace {

dbs::DbsClientOptions options(std::string endpoint)
{
	dbs::DbsClientOptions o;
	o.endpoint = std::move(endpoint);
	o.region = "cn-hangzhou";
	o.credentials.accessKeyId = "LTAI5tTestKey";
	o.credentials.accessKeySecret = dbs::Secret("not-a-real-secret");
	return o;
}

TEST(RegionRoutes, EachRegionGetsItsOwnClientAndPollerAndTheDefaultRegionSharesTheDefault)
{
	boost::asio::io_context io;
	os::AsioClock clock(io.get_executor());
	ApiRateLimiter limiter(clock, 10, 10);
	RegionRoutes routes(clock, options(""), dbsClientsOn(io), limiter, std::chrono::milliseconds(200));
	EXPECT_EQ(&routes.client(""), &routes.client("cn-hangzhou"));
	EXPECT_EQ(&routes.poller(""), &routes.poller("cn-hangzhou"));
	EXPECT_NE(&routes.client(""), &routes.client("ap-southeast-1"));
	EXPECT_NE(&routes.poller(""), &routes.poller("ap-southeast-1"));
	EXPECT_EQ(&routes.client("ap-southeast-1"), &routes.client("ap-southeast-1"));
	EXPECT_NE(&routes.client("ap-southeast-1"), &routes.client("eu-central-1"));
	routes.stop();
}

TEST(RegionRoutes, AnExplicitEndpointServesEveryRegion)
{
	boost::asio::io_context io;
	os::AsioClock clock(io.get_executor());
	ApiRateLimiter limiter(clock, 10, 10);
	RegionRoutes routes(clock, options("http://127.0.0.1:9"), dbsClientsOn(io), limiter,
			    std::chrono::milliseconds(200));
	EXPECT_EQ(&routes.client("ap-southeast-1"), &routes.client(""));
	EXPECT_EQ(&routes.poller("eu-central-1"), &routes.poller(""));
	routes.stop();
}

} // namespace
} // namespace restored
