// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace httpd {
class HttpServer;
}

namespace metrics {

// The HTTP endpoint Prometheus scrapes: plain HTTP, `GET /metrics` only
// (ScrapeHandler.h), on the daemon's io_context, so a scrape sees the job
// table between two events and needs no lock. A scrape is rendered
// synchronously; at 10,000 jobs that costs well under the 50 ms budget
// (bench/RESULTS.md). What a scraper may cost the loop is bounded by
// `limits()`: a few connections, small requests, read and write timeouts.
//
// Owned by the daemon's MetricsService; all calls on the io_context's
// thread.
class MetricsEndpoint
{
public:
	// Binds now (port 0 picks a free port); throws std::runtime_error when
	// the address cannot be bound.
	MetricsEndpoint(boost::asio::io_context &io, const std::string &host, std::uint16_t port,
			std::function<std::string()> render);
	~MetricsEndpoint();

	std::uint16_t port() const;
	void start();
	void stop();

	static constexpr std::size_t maxConnections = 8;
	static constexpr std::uint32_t maxHeaderBytes = 8 * 1024;
	static constexpr std::uint64_t maxBodyBytes = 1024;
	static constexpr std::chrono::seconds readTimeout{10};
	// Tens of megabytes at 10,000 jobs, to a scraper on another host.
	static constexpr std::chrono::seconds writeTimeout{60};

private:
	std::unique_ptr<httpd::HttpServer> server_;
};

} // namespace metrics
