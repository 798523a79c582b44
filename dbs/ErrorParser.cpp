// SPDX-License-Identifier: Apache-2.0
#include "dbs/ErrorParser.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <boost/json/parse.hpp>

#include "base/Strings.h"
#include "dbs/HttpDate.h"

namespace dbs {

namespace {

// A hint of more than a day is not one a server means (and "Retry-After:
// 184467440737095516" overflowed the conversion to ms; found by
// fuzz/DbsResponseFuzz.cpp): such a value is ignored like a malformed one.
constexpr std::int64_t maxHintMs = 24 * 3600 * 1000;

std::optional<std::int64_t> parseNumber(std::string_view s, std::int64_t max)
{
	s = base::trim(s);
	std::int64_t v = 0;
	auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || v < 0 || v > max)
		return std::nullopt;
	return v;
}

std::optional<std::int64_t> parseMs(std::string_view s) { return parseNumber(s, maxHintMs); }

std::optional<std::int64_t> timeLeft(std::string_view header)
{
	while (!header.empty()) {
		std::size_t comma = header.find(',');
		std::string_view pair = header.substr(0, comma);
		header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
		std::size_t colon = pair.find(':');
		if (colon != std::string_view::npos && base::trim(pair.substr(0, colon)) == "TimeLeft")
			return parseMs(pair.substr(colon + 1));
	}
	return std::nullopt;
}

std::string stringField(const boost::json::object &o, std::string_view name)
{
	auto it = o.find(name);
	if (it != o.end() && it->value().is_string())
		return std::string(it->value().get_string());
	return {};
}

// Code/Message first (gateway), then ErrCode/ErrMessage (DBS).
void readCodeAndMessage(const boost::json::object &o, base::ApiError &e, bool dbsFirst)
{
	std::string code = stringField(o, "Code"), errCode = stringField(o, "ErrCode");
	std::string msg = stringField(o, "Message"), errMsg = stringField(o, "ErrMessage");
	if (dbsFirst) {
		std::swap(code, errCode);
		std::swap(msg, errMsg);
	}
	e.code = !code.empty() ? code : errCode;
	e.message = !msg.empty() ? msg : errMsg;
	e.requestId = stringField(o, "RequestId");
}

// A body we could not read as JSON that still says why: gateways and proxies
// answer flow control with text or HTML pages naming it.
bool mentionsThrottling(std::string_view body)
{
	constexpr std::string_view word = "throttling";
	auto it = std::search(body.begin(), body.end(), word.begin(), word.end(),
			      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
	return it != body.end();
}

// Retry-After: delta-seconds, or an HTTP-date measured against the
// response's own Date so that our clock's skew does not matter (no Date:
// ignored, a pure function has no "now").
std::optional<std::int64_t> retryAfterHeader(const std::map<std::string, std::string> &headers)
{
	auto it = headers.find("retry-after");
	if (it == headers.end())
		return std::nullopt;
	if (auto seconds = parseNumber(it->second, maxHintMs / 1000))
		return *seconds * 1000;
	auto date = headers.find("date");
	if (date == headers.end())
		return std::nullopt;
	auto at = parseHttpDate(base::trim(it->second)), now = parseHttpDate(base::trim(date->second));
	if (!at || !now)
		return std::nullopt;
	std::int64_t ms = std::max<std::int64_t>(0, std::chrono::milliseconds(*at - *now).count());
	if (ms > maxHintMs)
		return std::nullopt;
	return ms;
}

} // namespace

base::ApiError ErrorParser::fromHttpError(const HttpResponse &r)
{
	base::ApiError e;
	e.httpStatus = r.status;
	boost::system::error_code ec;
	auto v = boost::json::parse(r.body, ec);
	if (!ec && v.is_object())
		readCodeAndMessage(v.get_object(), e, false);
	if (e.code.empty()) {
		// Only a body we could not read may name throttling in prose; a JSON
		// body without a code is judged by its status alone.
		bool throttled = (ec || !v.is_object()) && mentionsThrottling(r.body);
		e.code = throttled ? "Throttling" : "HttpError";
		if (e.message.empty())
			e.message = "HTTP " + std::to_string(r.status) +
				    (throttled ? " with a non-JSON body naming throttling" : " without an error code");
	}
	e.errorClass = base::classifyError(e.code, r.status, false);
	e.retryAfter = retryAfter(r.headers);
	return e;
}

base::ApiError ErrorParser::fromFailedBody(const HttpResponse &r, const boost::json::object &body)
{
	base::ApiError e;
	e.httpStatus = r.status;
	readCodeAndMessage(body, e, true);
	if (e.code.empty())
		e.code = "Unknown";
	e.errorClass = base::classifyError(e.code, r.status, true);
	e.retryAfter = retryAfter(r.headers);
	return e;
}

base::ApiError ErrorParser::malformed(const HttpResponse &r, std::string code, std::string message,
				      std::string requestId)
{
	base::ApiError e;
	e.httpStatus = r.status;
	e.code = std::move(code);
	e.message = std::move(message);
	e.requestId = std::move(requestId);
	e.errorClass = base::classifyError(e.code, r.status, false);
	e.retryAfter = retryAfter(r.headers);
	return e;
}

std::optional<std::chrono::milliseconds> ErrorParser::retryAfter(const std::map<std::string, std::string> &headers)
{
	if (auto it = headers.find("x-acs-retry-after"); it != headers.end()) {
		if (auto ms = parseMs(it->second))
			return std::chrono::milliseconds(*ms);
	}
	if (auto ms = retryAfterHeader(headers))
		return std::chrono::milliseconds(*ms);
	std::optional<std::int64_t> best;
	for (const char *name : {"x-ratelimit-user-api", "x-ratelimit-user"}) {
		auto it = headers.find(name);
		if (it == headers.end())
			continue;
		if (auto ms = timeLeft(it->second))
			best = std::max(best.value_or(0), *ms);
	}
	if (best)
		return std::chrono::milliseconds(*best);
	return std::nullopt;
}

} // namespace dbs
