// SPDX-License-Identifier: Apache-2.0
// The metrics endpoint over real loopback sockets: a scrape, 404 and 405,
// and the limits a scraper cannot pass (connections, request size, read
// timeout), all answered on one io_context thread as in the daemon.

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <future>
#include <gtest/gtest.h>
#include <memory>
#include <thread>
#include <vector>

#include "httpd/HttpServer.h"
#include "metrics/MetricsEndpoint.h"
#include "tests/support/RawHttp.h"

namespace metrics {
namespace {

using namespace std::chrono_literals;
using testsupport::RawConnection;
using testsupport::RawEnd;
using testsupport::rawExchange;

const std::string scrape = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

// The daemon's loop, on a thread of the test.
class Loop
{
public:
	Loop() : guard_(io_.get_executor()) {}
	~Loop()
	{
		guard_.reset();
		boost::asio::post(io_, [this] { io_.stop(); });
		if (thread_.joinable())
			thread_.join();
	}
	void run()
	{
		thread_ = std::thread([this] { io_.run(); });
	}
	// Runs f on the loop and waits for it: objects the loop uses are
	// created and destroyed there.
	template<class F>
	void on(F f)
	{
		std::promise<void> done;
		boost::asio::post(io_, [&] {
			f();
			done.set_value();
		});
		done.get_future().wait();
	}
	boost::asio::io_context io_;

private:
	boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
	std::thread thread_;
};

class MetricsEndpointTest : public ::testing::Test
{
protected:
	void SetUp() override
	{
		endpoint_ = std::make_unique<MetricsEndpoint>(loop_.io_, "127.0.0.1", 0,
							      [] { return std::string("dbs_restored_up 1\n"); });
		port_ = endpoint_->port();
		endpoint_->start();
		loop_.run();
	}
	void TearDown() override
	{
		loop_.on([this] {
			endpoint_->stop();
			endpoint_.reset();
		});
	}

	Loop loop_;
	std::unique_ptr<MetricsEndpoint> endpoint_;
	int port_ = 0;
};

TEST_F(MetricsEndpointTest, AScrapeGetsTheExpositionAndItsContentType)
{
	auto r = rawExchange(port_, scrape, 5s);
	EXPECT_EQ(r.status(), 200) << r.bytes;
	EXPECT_EQ(r.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
	EXPECT_EQ(r.body(), "dbs_restored_up 1\n");
}

TEST_F(MetricsEndpointTest, OtherPathsAndMethodsAreRefused)
{
	auto notFound = rawExchange(port_, "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 5s);
	EXPECT_EQ(notFound.status(), 404);
	auto post = rawExchange(
		port_, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", 5s);
	EXPECT_EQ(post.status(), 405);
	EXPECT_EQ(post.header("allow"), "GET");
}

TEST_F(MetricsEndpointTest, AnOversizedRequestIsClosedUnanswered)
{
	std::string bigHeader = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Pad: " +
				std::string(MetricsEndpoint::maxHeaderBytes, 'a') + "\r\n\r\n";
	auto r = rawExchange(port_, bigHeader, 5s);
	EXPECT_NE(r.end, RawEnd::Timeout);
	EXPECT_EQ(r.status(), 0) << r.bytes;

	std::string bigBody = "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: " +
			      std::to_string(MetricsEndpoint::maxBodyBytes + 1) + "\r\n\r\n" +
			      std::string(MetricsEndpoint::maxBodyBytes + 1, 'b');
	r = rawExchange(port_, bigBody, 5s);
	EXPECT_NE(r.end, RawEnd::Timeout);
	EXPECT_EQ(r.status(), 0) << r.bytes;
}

TEST_F(MetricsEndpointTest, AConnectionBeyondTheCapIsClosedAtOnceAndAFreedSlotServesAgain)
{
	std::vector<std::unique_ptr<RawConnection>> idle;
	for (std::size_t i = 0; i < MetricsEndpoint::maxConnections; ++i)
		idle.push_back(std::make_unique<RawConnection>(port_));
	// Accepted in order: the first eight hold the slots, one more is closed.
	auto refused = rawExchange(port_, "", 5s);
	EXPECT_NE(refused.end, RawEnd::Timeout);
	EXPECT_TRUE(refused.bytes.empty());

	// The held connections are still served; one of them ends with its
	// answer (Connection: close), which frees its slot before the server
	// accepts anything else.
	auto answered = idle.front()->roundTrip(scrape, 5s);
	EXPECT_EQ(answered.status(), 200) << answered.bytes;
	EXPECT_EQ(idle.front()->roundTrip("", 5s).end, RawEnd::Closed);
	auto again = rawExchange(port_, scrape, 5s);
	EXPECT_EQ(again.status(), 200) << again.bytes;
}

// The limits themselves, on httpd's server with a short read timeout: a
// client that never finishes its request is closed, not waited for.
TEST(HttpServerLimits, AClientThatStallsMidRequestIsClosedAfterTheReadTimeout)
{
	Loop loop;
	httpd::ServerLimits limits;
	limits.readTimeout = 200ms;
	auto server = std::make_unique<httpd::HttpServer>(
		loop.io_, "127.0.0.1", 0, std::nullopt,
		[](const httpd::HttpRequest &) { return httpd::HttpResponse{}; }, limits);
	int port = server->port();
	server->start();
	loop.run();
	// Closed by the server's timer, long before the client's own 10 s deadline.
	auto r = rawExchange(port, "GET /metrics HTTP/1.1\r\nHost: x\r\n", 10s);
	EXPECT_NE(r.end, RawEnd::Timeout);
	EXPECT_EQ(r.status(), 0);
	loop.on([&] { server.reset(); });
}

} // namespace
} // namespace metrics
