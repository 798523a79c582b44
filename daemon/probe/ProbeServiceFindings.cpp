// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeServiceFindings.h"

#include <cmath>
#include <cstdlib>

#include "daemon/probe/ProbeBody.h"
#include "daemon/probe/ProbeListFindings.h"
#include "dbs/HttpDate.h"

namespace restored::probe {

namespace {

const char *const errorDepend =
	"ErrorParser reads ErrCode/ErrMessage (or Code/Message) at any status: 400, 403 and 200 with "
	"Success:false are all business errors, reported with DBS's message";
const char *const styleDepend = "api.signature: every call the daemon makes is signed this way";
const char *const throttleDepend =
	"Throttling* codes (JSON or text, any status) and HTTP 429 are throttling: the daemon backs off further "
	"and waits for x-acs-retry-after, Retry-After or x-ratelimit TimeLeft when one is sent";
const char *const clockDepend =
	"requests are signed with this host's time; the gateway refuses one more than 15 minutes off "
	"(InvalidTimeStamp.Expired)";
const char *const endpointDepend = "api.endpoint, else the official SDK's endpoint for api.region";
const char *const jobErrorDepend =
	"a started task still in init, and a stopped one, are explained by DescribeJobErrorCode's ErrorCode "
	"and ErrorMessage";

Finding made(const char *key, const char *title, std::string reading, boost::json::object details,
	     const char *dependsOn, Fit fit, std::string note)
{
	Finding f;
	f.key = key;
	f.title = title;
	f.determined = true;
	f.reading = std::move(reading);
	f.details = std::move(details);
	f.dependsOn = dependsOn;
	f.fit = fit;
	f.fitNote = std::move(note);
	return f;
}

std::string header(const dbs::HttpResponse &r, const char *name)
{
	auto it = r.headers.find(name);
	return it == r.headers.end() ? std::string() : it->second;
}

} // namespace

Finding errorShape(const Exchange *call, const std::string &why)
{
	const char *key = "errorShape", *title = "Error shape";
	if (!call)
		return undetermined(key, title, why, errorDepend);
	const Answer a = classify(*call);
	if (a == Answer::Ok)
		return undetermined(key, title, "a plan id that cannot exist was answered as a plan", errorDepend);
	if (a != Answer::BusinessError && a != Answer::Refused)
		return undetermined(key, title, whyNoReading(*call), errorDepend);
	const BodyView b = readBody(*call->response);
	const int status = call->response->status;
	std::string success = b.success ? (*b.success ? "true" : "false") : "absent";
	boost::json::object details{{"action", actionName(call->action)},
				    {"httpStatus", status},
				    {"codeField", b.codeField},
				    {"code", b.code},
				    {"bodyShape", b.shape()}};
	details["success"] = b.success ? boost::json::value(*b.success) : boost::json::value(nullptr);
	return made(key, title,
		    "HTTP " + std::to_string(status) + ", Success " + success + ", " +
			    (b.code.empty() ? std::string("no code") : b.codeField + " " + b.code) + ", body " +
			    b.shape(),
		    std::move(details), errorDepend, b.code.empty() ? Fit::No : Fit::Yes,
		    b.code.empty() ? "no error code to report" : "classified by its code at any status");
}

Finding signatureStyles(const std::vector<Exchange> &calls, dbs::SignatureStyle configured)
{
	boost::json::object details;
	std::string reading;
	bool all = !calls.empty();
	Fit fit = Fit::Unknown;
	for (const auto &e : calls) {
		const Answer a = classify(e);
		std::string verdict;
		if (a == Answer::Ok || a == Answer::BusinessError)
			verdict = "accepted";
		else if (a == Answer::Refused)
			verdict = "rejected (HTTP " + std::to_string(e.response->status) + ", " +
				  readBody(*e.response).code + ")";
		else
			verdict = "undetermined (" + whyNoReading(e) + ")";
		all = all && verdict.rfind("undetermined", 0) != 0;
		if (e.style == configured && verdict == "accepted")
			fit = Fit::Yes;
		else if (e.style == configured && a == Answer::Refused)
			fit = Fit::No;
		details[styleName(e.style)] = verdict;
		reading += (reading.empty() ? "" : ", ") + std::string(styleName(e.style)) + " " + verdict;
	}
	Finding f = made("signatureStyles", "Signature styles", reading.empty() ? "undetermined (no call)" : reading,
			 std::move(details), styleDepend, fit, "configured: " + std::string(styleName(configured)));
	f.determined = all;
	return f;
}

Finding throttling(const std::vector<Exchange> &all)
{
	for (const auto &e : all) {
		if (classify(e) != Answer::Throttled)
			continue;
		const dbs::HttpResponse &r = *e.response;
		const BodyView b = readBody(r);
		boost::json::array hints;
		for (const char *h : {"x-acs-retry-after", "retry-after", "x-ratelimit-user-api", "x-ratelimit-user"})
			if (!header(r, h).empty())
				hints.push_back(boost::json::string(h));
		std::string code = b.json ? b.code : r.body.substr(0, r.body.find(':'));
		std::string reading =
			"HTTP " + std::to_string(r.status) + ", " + (b.json ? "json" : "text") + " body (" + code +
			"), " + (hints.empty() ? "no retry hint" : "retry hint " + std::string(hints[0].as_string()));
		return made("throttling", "Throttling", std::move(reading),
			    {{"action", actionName(e.action)},
			     {"httpStatus", r.status},
			     {"body", b.json ? "json" : "text"},
			     {"code", code},
			     {"retryHints", std::move(hints)}},
			    throttleDepend, Fit::Yes, "read at any status, with or without a hint");
	}
	return undetermined("throttling", "Throttling", "no call was throttled", throttleDepend);
}

Finding clockOffset(const std::vector<Exchange> &all)
{
	using namespace std::chrono;
	for (const auto &e : all) {
		if (!e.response)
			continue;
		auto date = dbs::parseHttpDate(header(*e.response, "date"));
		if (!date)
			continue;
		// The Date is whole seconds somewhere inside the exchange: compare
		// with its middle, and say the result is good to about a second.
		const auto middle = e.sentAt + (e.receivedAt - e.sentAt) / 2;
		const auto offset = duration_cast<milliseconds>(*date + milliseconds(500) - middle);
		const double seconds = static_cast<double>(offset.count()) / 1000.0;
		const bool fits = std::abs(offset.count()) < 5 * 60 * 1000;
		char text[64];
		std::snprintf(text, sizeof text, "%+.1f s (service minus this host, +/- 1 s)", seconds);
		return made(
			"clockOffset", "Clock offset", text,
			{{"offsetMs", offset.count()}, {"resolutionMs", 1000}, {"date", header(*e.response, "date")}},
			clockDepend, fits ? Fit::Yes : Fit::No,
			fits ? "well inside the 15 minutes the gateway allows" : "fix this host's time (NTP)");
	}
	return undetermined("clockOffset", "Clock offset", "no answer carried a Date header", clockDepend);
}

Finding endpoint(const std::vector<Exchange> &all, const std::string &url, const std::string &source,
		 const std::string &tls)
{
	for (const auto &e : all)
		if (e.response)
			return made("endpoint", "Endpoint", url + " answered (" + tls + ")",
				    {{"url", url}, {"source", source}, {"tls", tls}}, endpointDepend, Fit::Yes,
				    "from " + source);
	Finding f = undetermined("endpoint", "Endpoint",
				 all.empty() ? "no call" : url + " gave no answer: " + whyNoReading(all.front()),
				 endpointDepend);
	f.details = {{"url", url}, {"source", source}, {"tls", tls}};
	return f;
}

Finding jobErrorCode(const Exchange *call, const std::string &taskStatus, const std::string &why)
{
	const char *key = "jobErrorCode", *title = "DescribeJobErrorCode";
	if (!call)
		return undetermined(key, title, why, jobErrorDepend);
	if (classify(*call) != Answer::Ok)
		return undetermined(key, title, whyNoReading(*call), jobErrorDepend);
	const BodyView b = readBody(*call->response);
	boost::json::object item;
	if (auto it = b.object.find("Item"); it != b.object.end() && it->value().is_object())
		item = it->value().as_object();
	const std::string code = stringField(item, "ErrorCode"), state = stringField(item, "JobState");
	return made(key, title,
		    "for a task in `" + taskStatus + "`: ErrorCode `" + code + "`, JobState `" + state + "`",
		    {{"taskStatus", taskStatus},
		     {"errorCode", code},
		     {"jobState", state},
		     {"jobType", stringField(item, "JobType")},
		     {"hasErrorMessage", !stringField(item, "ErrorMessage").empty()}},
		    jobErrorDepend, Fit::Yes, "read as documented");
}

} // namespace restored::probe
