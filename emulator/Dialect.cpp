// SPDX-License-Identifier: Apache-2.0
#include "emulator/Dialect.h"

#include <array>
#include <chrono>
#include <utility>

#include "config/NameTable.h"
#include "config/YamlMap.h"

namespace emulator {

namespace {

constexpr std::array<std::pair<AlreadyStarted, std::string_view>, 4> alreadyStartedNames{{
	{AlreadyStarted::InvalidStatus, "invalid_status"},
	{AlreadyStarted::InvalidJobId, "invalid_job_id"},
	{AlreadyStarted::InvalidParameterValid, "invalid_parameter_valid"},
	{AlreadyStarted::QuietSuccess, "quiet_success"},
}};

// parseDuration's own ceiling.
constexpr std::chrono::milliseconds maxTokenTtl{3650LL * 24 * 3600 * 1000};

ThrottleShape readThrottle(config::YamlMap &dialect)
{
	ThrottleShape s;
	config::YamlMap t(dialect, "throttle", "the dialect's throttle", {"http_status", "body", "retry_hint"});
	if (!t.valid())
		return s;
	if (auto v = t.oneOf("http_status", {"400", "429", "503"}))
		s.httpStatus = std::stoi(*v);
	if (auto v = t.oneOf("body", {"json", "text"}))
		s.textBody = *v == "text";
	s.retryHint = t.boolean("retry_hint").value_or(s.retryHint);
	return s;
}

} // namespace

Dialect readDialect(config::YamlMap &fixture)
{
	Dialect d;
	if (!fixture.has("dialect"))
		return d;
	config::YamlMap m(fixture, "dialect", "the dialect",
			  {"success_status", "finish_time_while_running", "check_pass_phase", "already_started",
			   "token_ttl", "business_error_status", "page_base", "unknown_ids_in_list", "max_ids_per_list",
			   "throttle"});
	if (!m.valid())
		return d;
	d.successStatus = m.oneOf("success_status", {"finish", "completed", "success"}).value_or(d.successStatus);
	d.finishTimeWhileRunning = m.boolean("finish_time_while_running").value_or(d.finishTimeWhileRunning);
	d.checkPassPhase = m.boolean("check_pass_phase").value_or(d.checkPassPhase);
	if (auto s = m.oneOf("already_started",
			     {"invalid_status", "invalid_job_id", "invalid_parameter_valid", "quiet_success"}))
		d.alreadyStarted = config::valueOf(alreadyStartedNames, *s).value_or(d.alreadyStarted);
	auto ttl = m.get("token_ttl");
	if (ttl && !(ttl->IsScalar() && ttl->Scalar() == "never")) {
		if (auto t = m.duration("token_ttl", std::chrono::milliseconds(0), maxTokenTtl))
			d.tokenTtlMs = t->count();
	}
	if (auto s = m.oneOf("business_error_status", {"400", "403", "200"}))
		d.businessErrorStatus = std::stoi(*s);
	if (auto s = m.oneOf("page_base", {"0", "1"}))
		d.pageBase = std::stoi(*s);
	if (auto s = m.oneOf("unknown_ids_in_list", {"drop", "refuse"}))
		d.refuseUnknownIds = *s == "refuse";
	d.maxIdsPerList = m.integer("max_ids_per_list", 1, 100).value_or(d.maxIdsPerList);
	if (m.has("throttle"))
		d.throttle = readThrottle(m);
	return d;
}

std::string_view toString(AlreadyStarted a) { return config::nameOf(alreadyStartedNames, a); }

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
