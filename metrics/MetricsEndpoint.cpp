// SPDX-License-Identifier: Apache-2.0
#include "metrics/MetricsEndpoint.h"

#include "httpd/HttpServer.h"
#include "metrics/ScrapeHandler.h"

namespace metrics {

MetricsEndpoint::MetricsEndpoint(boost::asio::io_context &io, const std::string &host, std::uint16_t port,
				 std::function<std::string()> render)
{
	httpd::ServerLimits limits;
	limits.maxConnections = maxConnections;
	limits.maxHeaderBytes = maxHeaderBytes;
	limits.maxBodyBytes = maxBodyBytes;
	limits.readTimeout = readTimeout;
	limits.writeTimeout = writeTimeout;
	server_ = std::make_unique<httpd::HttpServer>(
		io, host, port, std::nullopt,
		[render = std::move(render)](const httpd::HttpRequest &r) { return answerScrape(r, render); }, limits);
}

MetricsEndpoint::~MetricsEndpoint() = default;

std::uint16_t MetricsEndpoint::port() const { return server_->port(); }

void MetricsEndpoint::start() { server_->start(); }

void MetricsEndpoint::stop() { server_->stop(); }

} // namespace metrics
