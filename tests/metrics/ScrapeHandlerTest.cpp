// SPDX-License-Identifier: Apache-2.0
// The endpoint answers GET /metrics with the 0.0.4 text format, and
// nothing else: 404 for other paths, 405 for other methods.

#include <gtest/gtest.h>

#include "metrics/ScrapeHandler.h"

namespace metrics {
namespace {

std::string header(const httpd::HttpResponse &r, const std::string &name)
{
	for (const auto &[n, v] : r.headers)
		if (n == name)
			return v;
	return {};
}

httpd::HttpResponse ask(const std::string &method, const std::string &target, int *renders)
{
	httpd::HttpRequest r;
	r.method = method;
	r.target = target;
	return answerScrape(r, [renders] {
		++*renders;
		return std::string("up 1\n");
	});
}

TEST(ScrapeHandler, GetMetricsReturnsTheExpositionWithItsContentType)
{
	int renders = 0;
	auto r = ask("GET", "/metrics", &renders);
	EXPECT_EQ(r.status, 200);
	EXPECT_EQ(r.body, "up 1\n");
	EXPECT_EQ(header(r, "Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
	EXPECT_EQ(ask("GET", "/metrics?name[]=up", &renders).status, 200);
	EXPECT_EQ(renders, 2);
}

TEST(ScrapeHandler, OtherPathsAre404WithoutRendering)
{
	int renders = 0;
	for (auto target : {"/", "/metrics/", "/metricsx", "/status", "/metrics/../etc"})
		EXPECT_EQ(ask("GET", target, &renders).status, 404) << target;
	EXPECT_EQ(renders, 0);
}

TEST(ScrapeHandler, OtherMethodsOnMetricsAre405WithAllowGet)
{
	int renders = 0;
	for (auto method : {"POST", "HEAD", "PUT", "DELETE", "OPTIONS"}) {
		auto r = ask(method, "/metrics", &renders);
		EXPECT_EQ(r.status, 405) << method;
		EXPECT_EQ(header(r, "Allow"), "GET");
	}
	EXPECT_EQ(renders, 0);
}

} // namespace
} // namespace metrics
