// SPDX-License-Identifier: Apache-2.0
#include "daemon/MetricsService.h"

#include <stdexcept>

#include "daemon/os/JobEventLog.h"
#include "metrics/MetricsEndpoint.h"

namespace restored {

namespace {

constexpr int infoPriority = 6;

} // namespace

MetricsService::MetricsService(boost::asio::io_context &io, config::MetricsConfig config, Render render,
			       os::JobEventLog &events)
	: io_(io), config_(std::move(config)), render_(std::move(render)), events_(events), bindTimer_(io),
	  textfileTimer_(io)
{
	if (!config_.textfile.empty())
		textfile_.emplace(config_.textfile, textfileInterval, [] { return std::chrono::steady_clock::now(); });
}

MetricsService::~MetricsService() = default;

std::string MetricsService::start()
{
	std::string where;
	if (config_.listen) {
		if (listen())
			where = "http://" + config::ListenAddress{config_.listen->host, endpoint_->port()}.format() +
				"/metrics";
		else
			armBindRetry();
	}
	if (textfile_) {
		offerTextfile(false);
		armTextfile();
	}
	return where;
}

bool MetricsService::listen()
{
	try {
		endpoint_ = std::make_unique<metrics::MetricsEndpoint>(io_, config_.listen->host, config_.listen->port,
								       [this] { return render_(true); });
	} catch (const std::runtime_error &e) {
		// Logged when it first fails and when the reason changes, not
		// every bindRetry.
		if (bindError_ != e.what())
			events_.log(os::JobEventKind::Metrics, {},
				    std::string("metrics endpoint unavailable: ") + e.what() + "; retrying every " +
					    std::to_string(bindRetry.count()) + " s");
		bindError_ = e.what();
		return false;
	}
	endpoint_->start();
	if (!bindError_.empty())
		events_.log(os::JobEventKind::Metrics, {},
			    "metrics endpoint listening on " +
				    config::ListenAddress{config_.listen->host, endpoint_->port()}.format(),
			    infoPriority);
	bindError_.clear();
	return true;
}

void MetricsService::armBindRetry()
{
	bindTimer_.expires_after(bindRetry);
	bindTimer_.async_wait([this](const boost::system::error_code &ec) {
		if (ec || stopped_)
			return;
		if (!listen())
			armBindRetry();
	});
}

void MetricsService::armTextfile()
{
	textfileTimer_.expires_after(textfileInterval);
	textfileTimer_.async_wait([this](const boost::system::error_code &ec) {
		if (ec || stopped_)
			return;
		offerTextfile(false);
		armTextfile();
	});
}

void MetricsService::offerTextfile(bool force)
{
	auto result = textfile_->offer(render_(false), force);
	if (result == metrics::TextfileWriter::Result::Failed) {
		if (textfile_->error() != textfileError_)
			events_.log(os::JobEventKind::Metrics, {},
				    "metrics textfile not written: " + textfile_->error() + " (tried again every " +
					    std::to_string(textfileInterval.count()) + " s)");
		textfileError_ = textfile_->error();
	} else if (result == metrics::TextfileWriter::Result::Written && !textfileError_.empty()) {
		events_.log(os::JobEventKind::Metrics, {},
			    "metrics textfile written again: " + textfile_->path().string(), infoPriority);
		textfileError_.clear();
	}
}

void MetricsService::stop()
{
	if (stopped_)
		return;
	stopped_ = true;
	bindTimer_.cancel();
	textfileTimer_.cancel();
	if (endpoint_)
		endpoint_->stop();
	if (textfile_)
		offerTextfile(true);
}

} // namespace restored
