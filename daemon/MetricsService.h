// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "config/MainConfig.h"
#include "metrics/TextfileWriter.h"

namespace metrics {
class MetricsEndpoint;
}

namespace restored {

namespace os {
class JobEventLog;
} // namespace os

// The daemon's metrics outputs, as configured (both optional): the HTTP
// endpoint Prometheus scrapes, and the node_exporter textfile, offered the
// current text every textfileInterval and written only when it changed.
// Neither is allowed to stop a drill: an address that cannot be bound is
// logged (event `metrics`) and tried again every bindRetry; a textfile
// that cannot be written is logged once per distinct error and tried again
// at the next offer.
//
// Owned by the Daemon; every call on its io_context thread. `render`
// (MetricsSource::render) is called there too, with false for the textfile.
class MetricsService
{
public:
	using Render = std::function<std::string(bool withProcess)>;

	MetricsService(boost::asio::io_context &io, config::MetricsConfig config, Render render,
		       os::JobEventLog &events);
	~MetricsService();

	// Binds the endpoint (or schedules the retry) and starts the textfile's
	// timer. Returns what the daemon_started line reports: where the
	// endpoint listens ("http://127.0.0.1:9612/metrics"), or "".
	std::string start();
	// Closes the endpoint and writes the textfile a last time, whatever the
	// interval, so it shows how the daemon left things.
	void stop();

	static constexpr std::chrono::seconds textfileInterval{5};
	static constexpr std::chrono::seconds bindRetry{30};

private:
	bool listen();
	void armBindRetry();
	void armTextfile();
	void offerTextfile(bool force);

	boost::asio::io_context &io_;
	config::MetricsConfig config_;
	Render render_;
	os::JobEventLog &events_;
	std::unique_ptr<metrics::MetricsEndpoint> endpoint_;
	std::optional<metrics::TextfileWriter> textfile_;
	boost::asio::steady_timer bindTimer_;
	boost::asio::steady_timer textfileTimer_;
	std::string bindError_;     // the last one logged
	std::string textfileError_; // the last one logged
	bool stopped_ = false;
};

} // namespace restored
