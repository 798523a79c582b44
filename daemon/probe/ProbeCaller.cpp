// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeCaller.h"

#include <boost/asio/io_context.hpp>

#include "daemon/ClientOptions.h"
#include "dbs/Crypto.h"

namespace restored::probe {

ProbeCaller::ProbeCaller(boost::asio::io_context &io, const dbs::DbsClientOptions &options,
			 const config::RateLimit &rate, int budget)
	: io_(io), ctx_{endpointOf(options), options.credentials, options.signatureStyle, options.userAgent + " probe"},
	  configured_(options.signatureStyle), transport_(io, ctx_.endpoint, options.transport),
	  clock_(io.get_executor()), limiter_(clock_, rate.requestsPerSecond, rate.burst), budget_(budget)
{}

Exchange ProbeCaller::call(ReadAction action, dbs::ParamMap params, std::optional<dbs::SignatureStyle> style)
{
	Exchange e;
	e.action = action;
	e.style = style.value_or(configured_);
	e.params = std::move(params);
	if (made_ >= budget_) {
		e.skipped = true;
		all_.push_back(e);
		return e;
	}
	++made_;
	++byAction_[std::string(actionName(action))];
	dbs::RequestBuilder::Context ctx = ctx_;
	ctx.style = e.style;
	std::optional<dbs::Outcome<dbs::HttpResponse>> result;
	limiter_.submit([&] {
		e.sentAt = std::chrono::system_clock::now();
		transport_.send(dbs::RequestBuilder::build(ctx, actionName(action), e.params, e.sentAt,
							   dbs::crypto::randomHex(16)),
				[&](dbs::Outcome<dbs::HttpResponse> o) { result.emplace(std::move(o)); });
	});
	io_.restart();
	while (!result && io_.run_one() > 0) {
	}
	e.receivedAt = std::chrono::system_clock::now();
	if (!result)
		e.transportError = "Local.NoAnswer: the call ended without a callback";
	else if (result->ok())
		e.response = std::move(result->value());
	else if (result->error().httpStatus != 0)
		e.transportError = result->error().code + ": HTTP " + std::to_string(result->error().httpStatus);
	else
		e.transportError = result->error().code + ": " + result->error().message;
	all_.push_back(e);
	return e;
}

} // namespace restored::probe
