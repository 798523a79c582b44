// SPDX-License-Identifier: Apache-2.0
#include "emulator/Dialect.h"

#include <array>
#include <utility>

#include "emulator/YamlReader.h"

namespace emulator {

namespace {

constexpr std::array<std::pair<AlreadyStarted, std::string_view>, 4> alreadyStartedNames{{
	{AlreadyStarted::InvalidStatus, "invalid_status"},
	{AlreadyStarted::InvalidJobId, "invalid_job_id"},
	{AlreadyStarted::InvalidParameterValid, "invalid_parameter_valid"},
	{AlreadyStarted::QuietSuccess, "quiet_success"},
}};

ThrottleShape parseThrottle(const YamlReader &y, const YAML::Node &t)
{
	ThrottleShape s;
	if (!t)
		return s;
	y.requireMap(t, "\"throttle\"");
	y.allowOnly(t, {"http_status", "body", "retry_hint"});
	if (t["http_status"])
		s.httpStatus = std::stoi(y.oneOf(t, "http_status", {"400", "429", "503"}));
	if (t["body"])
		s.textBody = y.oneOf(t, "body", {"json", "text"}) == "text";
	s.retryHint = y.boolOr(t, "retry_hint", s.retryHint);
	return s;
}

} // namespace

Dialect parseDialect(const YamlReader &y, const YAML::Node &m)
{
	Dialect d;
	if (!m)
		return d;
	y.requireMap(m, "\"dialect\"");
	y.allowOnly(m, {"success_status", "finish_time_while_running", "check_pass_phase", "already_started",
			"token_ttl", "business_error_status", "page_base", "unknown_ids_in_list",
			"max_ids_per_list", "throttle"});
	if (m["success_status"])
		d.successStatus = y.oneOf(m, "success_status", {"finish", "completed", "success"});
	d.finishTimeWhileRunning = y.boolOr(m, "finish_time_while_running", d.finishTimeWhileRunning);
	d.checkPassPhase = y.boolOr(m, "check_pass_phase", d.checkPassPhase);
	if (m["already_started"]) {
		std::string s = y.oneOf(m, "already_started",
				      {"invalid_status", "invalid_job_id", "invalid_parameter_valid", "quiet_success"});
		for (const auto &[value, name] : alreadyStartedNames)
			if (name == s)
				d.alreadyStarted = value;
	}
	if (m["token_ttl"] && !(m["token_ttl"].IsScalar() && m["token_ttl"].Scalar() == "never"))
		d.tokenTtlMs = y.durationMs(m, "token_ttl");
	if (m["business_error_status"])
		d.businessErrorStatus = std::stoi(y.oneOf(m, "business_error_status", {"400", "403", "200"}));
	if (m["page_base"])
		d.pageBase = std::stoi(y.oneOf(m, "page_base", {"0", "1"}));
	if (m["unknown_ids_in_list"])
		d.refuseUnknownIds = y.oneOf(m, "unknown_ids_in_list", {"drop", "refuse"}) == "refuse";
	d.maxIdsPerList = y.integerOr(m, "max_ids_per_list", d.maxIdsPerList);
	if (d.maxIdsPerList < 1 || d.maxIdsPerList > 100)
		y.fail(m["max_ids_per_list"], "\"max_ids_per_list\" between 1 and 100");
	d.throttle = parseThrottle(y, m["throttle"]);
	return d;
}

std::string_view toString(AlreadyStarted a)
{
	for (const auto &[value, name] : alreadyStartedNames)
		if (value == a)
			return name;
	return "?";
}

boost::json::object dialectJson(const Dialect &d)
{
	boost::json::object o;
	o["success_status"] = d.successStatus;
	o["finish_time_while_running"] = d.finishTimeWhileRunning;
	o["check_pass_phase"] = d.checkPassPhase;
	o["already_started"] = toString(d.alreadyStarted);
	o["token_ttl_ms"] = d.tokenTtlMs ? boost::json::value(*d.tokenTtlMs) : boost::json::value(nullptr);
	o["business_error_status"] = d.businessErrorStatus;
	o["page_base"] = d.pageBase;
	o["unknown_ids_in_list"] = d.refuseUnknownIds ? "refuse" : "drop";
	o["max_ids_per_list"] = d.maxIdsPerList;
	o["throttle"] = boost::json::object{{"http_status", d.throttle.httpStatus},
					    {"body", d.throttle.textBody ? "text" : "json"},
					    {"retry_hint", d.throttle.retryHint}};
	return o;
}

} // namespace emulator
