// SPDX-License-Identifier: Apache-2.0
#include "emulator/ApiHandler.h"

#include <boost/json/serialize.hpp>
#include <chrono>

#include "dbs/HttpDate.h"
#include "emulator/HostileReplies.h"
#include "emulator/StateReport.h"

namespace emulator {

namespace {

std::string header(const HttpRequest &r, const char *name)
{
	auto it = r.headers.find(name);
	return it == r.headers.end() ? std::string() : it->second;
}

std::string param(const dbs::ParamMap &p, const char *name)
{
	auto it = p.find(name);
	return it == p.end() ? std::string() : it->second;
}

// A DBS business error may come as HTTP 200 (business_error_status: 200);
// only the body tells it from a success then.
bool succeeded(const HttpResponse &r)
{
	return r.status == 200 && r.body.find("\"Success\":false") == std::string::npos;
}

std::string outcomeOf(const HttpResponse &r)
{
	if (succeeded(r))
		return "ok";
	return r.body.find("\"ErrCode\"") != std::string::npos ? "business_error" : "gateway_error";
}

} // namespace

ApiHandler::ApiHandler(const Fixture &fixture, EmulatorOptions options)
	: clock_(options.wallStartMs, options.timeScale), model_(fixture, clock_.simStartMs()),
	  auth_(fixture.accessKeys), faults_(std::move(options.faults), options.seed),
	  idempotency_(fixture.dialect.tokenTtlMs), actions_(model_, replies_)
{
	if (options.terminalStatus)
		model_.setTerminalStatus(*options.terminalStatus);
}

HttpResponse ApiHandler::handle(const HttpRequest &request, std::int64_t wallNowMs)
{
	std::string path = request.target.substr(0, request.target.find('?'));
	if (path.starts_with("/_emulator/")) {
		if (path == "/_emulator/state" && request.method == "GET")
			return Replies::json(200, state(wallNowMs));
		return Replies::json(404, boost::json::object{{"Message", "unknown emulator endpoint"}});
	}
	// Every gateway answer carries the wall-clock Date; clients (the probe)
	// read their clock offset from it.
	HttpResponse r = handleApi(request, wallNowMs);
	r.headers.emplace_back("Date", dbs::formatHttpDate(std::chrono::floor<std::chrono::seconds>(
					       std::chrono::sys_time<std::chrono::milliseconds>(
						       std::chrono::milliseconds(wallNowMs)))));
	return r;
}

HttpResponse ApiHandler::handleApi(const HttpRequest &request, std::int64_t wallNowMs)
{
	const std::string host = header(request, "host");
	const std::size_t q = request.target.find('?');
	const std::string path = request.target.substr(0, q);
	if (path != "/" || (request.method != "GET" && request.method != "POST"))
		return replies_.gatewayError(404, "InvalidAction.NotFound",
					     "Specified api is not found, please check your url and method.", host);

	SignedCall call;
	call.method = request.method;
	call.headers = request.headers;
	call.body = request.body;
	call.v3 = header(request, "authorization").starts_with("ACS3-HMAC-SHA256");
	if (q != std::string::npos)
		call.queryOnly = dbs::decodeParams(std::string_view(request.target).substr(q + 1), false);
	call.params = call.queryOnly;
	if (header(request, "content-type").starts_with("application/x-www-form-urlencoded"))
		for (auto &[k, v] : dbs::decodeParams(request.body, true))
			call.params.emplace(k, v);

	// V3 carries Action/Version only in headers; V1 clients (pop-core) send
	// both, and then the signed parameters are authoritative.
	std::string action = param(call.params, "Action");
	std::string version = param(call.params, "Version");
	if (action.empty())
		action = header(request, "x-acs-action");
	if (version.empty())
		version = header(request, "x-acs-version");
	if (action.empty())
		return replies_.gatewayError(
			400, "MissingParameter",
			"The input parameter \"Action\" that is mandatory for processing this request is not supplied.",
			host);

	stats_.received(action, wallNowMs);
	auto finish = [&](HttpResponse r, const std::string &outcome) {
		stats_.outcome(action, outcome);
		return r;
	};
	if (version.empty())
		return finish(
			replies_.gatewayError(
				400, "MissingParameter",
				"The input parameter \"Version\" that is mandatory for processing this request is not supplied.",
				host),
			"gateway_error");
	if (version != apiVersion)
		return finish(replies_.gatewayError(400, "InvalidVersion", "Specified parameter Version is not valid.",
						    host),
			      "gateway_error");
	if (!DbsActions::isKnownAction(action))
		return finish(replies_.gatewayError(404, "InvalidAction.NotFound",
						    "Specified api is not found, please check your url and method.",
						    host),
			      "gateway_error");

	auto who = auth_.verify(call, wallNowMs);
	if (auto *f = std::get_if<AuthFailure>(&who))
		return finish(replies_.gatewayError(f->httpStatus, f->code, f->message, host), "gateway_error");
	const std::string &keyId = std::get<std::string>(who);

	// Faults are drawn only for authenticated calls, so a probe with a bad
	// signature does not consume a scripted sequence.
	FaultDecision fault = faults_.next(action);
	switch (fault.kind) {
	case FaultKind::Throttling:
	case FaultKind::ThrottlingUser:
	case FaultKind::ThrottlingApi:
	case FaultKind::InternalError:
	case FaultKind::ServiceUnavailable:
		return finish(applyFault({}, fault, host), "fault_" + std::string(toString(fault.kind)));
	default: break;
	}

	const std::int64_t simNow = clock_.toSim(wallNowMs);
	const std::string token = param(call.params, "ClientToken");
	const bool idempotent = DbsActions::isIdempotent(action) && !token.empty();
	std::string fingerprint;
	std::string outcome;
	HttpResponse response;
	std::optional<std::variant<HttpResponse, IdempotencyCache::Mismatch>> seen;
	if (idempotent) {
		fingerprint = IdempotencyCache::fingerprint(call.params);
		seen = idempotency_.lookup(keyId, action, token, fingerprint, wallNowMs);
	}
	if (seen && std::holds_alternative<IdempotencyCache::Mismatch>(*seen)) {
		response = replies_.gatewayError(
			400, "IdempotentParameterMismatch",
			"The request uses the same client token as a previous, but non-identical request.", host);
		outcome = "gateway_error";
	} else if (seen) {
		response = std::get<HttpResponse>(*seen);
		outcome = "replayed";
	} else {
		response = actions_.run(action, call.params, simNow, host);
		if (action == "DescribeRestoreTaskList")
			stats_.describeIds(actions_.lastDescribeIdCount());
		if (idempotent && succeeded(response))
			idempotency_.remember(keyId, action, token, fingerprint, response, wallNowMs);
		outcome = outcomeOf(response);
	}
	if (fault.kind != FaultKind::Ok)
		outcome = "fault_" + std::string(toString(fault.kind));
	return finish(applyFault(std::move(response), fault, host), outcome);
}

HttpResponse ApiHandler::applyFault(HttpResponse r, const FaultDecision &f, const std::string &host)
{
	switch (f.kind) {
	case FaultKind::Ok: return r;
	case FaultKind::Throttling:
	case FaultKind::ThrottlingUser:
	case FaultKind::ThrottlingApi: {
		const char *code = f.kind == FaultKind::Throttling       ? "Throttling"
				   : f.kind == FaultKind::ThrottlingUser ? "Throttling.User"
									 : "Throttling.Api";
		const char *message = f.kind == FaultKind::Throttling ? "Request was denied due to flow control."
				      : f.kind == FaultKind::ThrottlingUser
					      ? "Request was denied due to user flow control."
					      : "Request was denied due to api flow control.";
		const ThrottleShape &shape = model_.dialect().throttle;
		const int status = f.throttleHttpStatus.value_or(shape.httpStatus);
		HttpResponse t = shape.textBody ? Replies::text(status, std::string(code) + ": " + message)
						: replies_.gatewayError(status, code, message, host);
		if (f.retryAfterMs && shape.retryHint) {
			t.headers.emplace_back("x-acs-retry-after", std::to_string(*f.retryAfterMs));
			t.headers.emplace_back("x-ratelimit-user-api",
					       "Limit:10,Remain:0,TimeLeft:" + std::to_string(*f.retryAfterMs));
		}
		return t;
	}
	case FaultKind::InternalError:
		return replies_.gatewayError(500, "InternalError",
					     "The request processing has failed due to some unknown error.", host);
	case FaultKind::ServiceUnavailable:
		return replies_.gatewayError(503, "ServiceUnavailable",
					     "The request has failed due to a temporary failure of the server.", host);
	case FaultKind::Delay:
		r.delivery = Delivery::Delay;
		r.delayMs = f.delayMs;
		return r;
	case FaultKind::Reset: r.delivery = Delivery::Reset; return r;
	case FaultKind::Lost: r.delivery = Delivery::Lost; return r;
	case FaultKind::Truncated: r.body.resize(r.body.size() / 2); return r;
	case FaultKind::HugeBody:
	case FaultKind::EndlessHeader:
	case FaultKind::Slowloris:
	case FaultKind::BadChunked:
	case FaultKind::JsonBomb:
	case FaultKind::OutOfRange: return hostileReply(std::move(r), f.kind);
	case FaultKind::Malformed:
		// Still looks like JSON to a human, but no parser accepts it.
		for (std::size_t at = r.body.find("\":"); at != std::string::npos; at = r.body.find("\":", at))
			r.body.replace(at, 2, "\"=");
		return r;
	}
	return r;
}

boost::json::object ApiHandler::state(std::int64_t wallNowMs) const
{
	return stateReport(model_, clock_, stats_, wallNowMs);
}

} // namespace emulator
