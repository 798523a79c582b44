// SPDX-License-Identifier: Apache-2.0
#include "emulator/FaultPlan.h"

#include <array>
#include <fstream>
#include <sstream>
#include <utility>

#include "emulator/YamlReader.h"

namespace emulator {

namespace {

constexpr std::array<std::pair<FaultKind, std::string_view>, 17> names{{
	{FaultKind::Ok, "ok"},
	{FaultKind::Throttling, "throttle"},
	{FaultKind::ThrottlingUser, "throttle_user"},
	{FaultKind::ThrottlingApi, "throttle_api"},
	{FaultKind::InternalError, "internal_error"},
	{FaultKind::ServiceUnavailable, "unavailable"},
	{FaultKind::Delay, "delay"},
	{FaultKind::Reset, "reset"},
	{FaultKind::Truncated, "truncated"},
	{FaultKind::Malformed, "malformed"},
	{FaultKind::Lost, "lost"},
	{FaultKind::HugeBody, "huge_body"},
	{FaultKind::EndlessHeader, "endless_header"},
	{FaultKind::Slowloris, "slowloris"},
	{FaultKind::BadChunked, "bad_chunked"},
	{FaultKind::JsonBomb, "json_bomb"},
	{FaultKind::OutOfRange, "out_of_range"},
}};

std::string allNames()
{
	std::string s;
	for (const auto &[k, n] : names)
		s += std::string(s.empty() ? "" : ", ") + std::string(n);
	return s;
}

std::vector<FaultKind> parseKinds(const YamlReader &y, const YAML::Node &v, const char *key)
{
	if (!v.IsSequence() || v.size() == 0)
		y.fail(v, std::string("\"") + key + "\" to be a non-empty list of fault kinds");
	std::vector<FaultKind> out;
	for (const auto &item : v) {
		std::optional<FaultKind> k;
		if (item.IsScalar())
			k = faultKindFromString(item.Scalar());
		if (!k)
			y.fail(item, "a fault kind, one of " + allNames());
		out.push_back(*k);
	}
	return out;
}

FaultRule parseRule(const YamlReader &y, const YAML::Node &r)
{
	y.requireMap(r, "a fault rule");
	y.allowOnly(r, {"action", "sequence", "then", "probability", "kinds", "http_status",
			"retry_after_ms", "delay_ms"});
	FaultRule rule;
	if (r["sequence"])
		rule.sequence = parseKinds(y, r["sequence"], "sequence");
	if (r["then"]) {
		std::string then = y.string(r, "then");
		if (then == "ok")
			rule.after = AfterSequence::Ok;
		else if (then == "repeat")
			rule.after = AfterSequence::Repeat;
		else
			y.fail(r["then"], "\"then\" to be ok or repeat");
	}
	if (r["probability"]) {
		rule.probability = y.fractionOr(r, "probability", 0);
		if (!r["kinds"])
			y.fail(r, "\"kinds\" next to \"probability\"");
		rule.kinds = parseKinds(y, r["kinds"], "kinds");
	} else if (r["kinds"]) {
		y.fail(r["kinds"], "\"probability\" next to \"kinds\"");
	}
	if (rule.sequence.empty() && rule.kinds.empty())
		y.fail(r, "\"sequence\" or \"probability\" with \"kinds\"");
	if (r["http_status"]) {
		std::int64_t status = y.integerOr(r, "http_status", 0);
		if (status < 400 || status > 599)
			y.fail(r["http_status"], "\"http_status\" between 400 and 599");
		rule.throttleHttpStatus = static_cast<int>(status);
	}
	if (r["retry_after_ms"]) {
		std::int64_t ms = y.integerOr(r, "retry_after_ms", 0);
		if (ms < 0)
			y.fail(r["retry_after_ms"], "\"retry_after_ms\" >= 0");
		rule.retryAfterMs = ms;
	}
	rule.delayMs = y.integerOr(r, "delay_ms", rule.delayMs);
	if (rule.delayMs < 0 || rule.delayMs > 3'600'000)
		y.fail(r["delay_ms"], "\"delay_ms\" between 0 and 3600000");
	return rule;
}

} // namespace

std::string_view toString(FaultKind k)
{
	for (const auto &[kind, name] : names)
		if (kind == k)
			return name;
	return "?";
}

std::optional<FaultKind> faultKindFromString(std::string_view s)
{
	for (const auto &[kind, name] : names)
		if (name == s)
			return kind;
	return std::nullopt;
}

FaultPlan parseFaultPlan(const std::string &text, const std::string &fileName)
{
	YamlReader y(fileName);
	YAML::Node root = y.parse(text);
	y.requireMap(root, "the faults file");
	y.allowOnly(root, {"faults"});
	YAML::Node list = root["faults"];
	if (!list || !list.IsSequence())
		y.fail(list ? list : root, "\"faults\" to be a list of rules");
	FaultPlan plan;
	for (const auto &r : list) {
		std::string action = y.string(r, "action");
		FaultRule rule = parseRule(y, r);
		if (!plan.rules.emplace(action, std::move(rule)).second)
			y.fail(r["action"], "one rule per action, \"" + action + "\" is repeated");
	}
	return plan;
}

FaultPlan loadFaultPlan(const std::string &path)
{
	std::ifstream in(path);
	if (!in)
		throw ConfigError(path + ":1:1: expected a readable faults file");
	std::stringstream ss;
	ss << in.rdbuf();
	return parseFaultPlan(ss.str(), path);
}

} // namespace emulator
