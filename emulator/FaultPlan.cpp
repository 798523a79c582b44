// SPDX-License-Identifier: Apache-2.0
#include "emulator/FaultPlan.h"

#include <array>
#include <utility>

#include "base/Strings.h"
#include "config/NameTable.h"
#include "config/YamlMap.h"
#include "emulator/InputFile.h"

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

std::string allNames() { return base::join(config::namesOf(names), ", "); }

// A server hint of more than a day is ignored by the client anyway.
constexpr std::int64_t maxRetryAfterMs = 24 * 3600 * 1000;
constexpr std::int64_t maxDelayMs = 3'600'000;

std::optional<std::vector<FaultKind>> readKinds(config::YamlMap &r, std::string_view key)
{
	const std::string expected = "a non-empty list of fault kinds, one of: " + allNames();
	auto list = r.list(key, expected);
	if (!list)
		return std::nullopt;
	if (list->size() == 0) {
		r.diag().add(r.keyMark(key), "'" + std::string(key) + "' in a fault rule is an empty list", expected);
		return std::nullopt;
	}
	std::vector<FaultKind> out;
	for (const auto &item : *list) {
		std::optional<FaultKind> k;
		if (item.IsScalar())
			k = faultKindFromString(item.Scalar());
		if (k)
			out.push_back(*k);
		else
			r.diag().add(item.Mark(),
				     "unknown fault kind " +
					     (item.IsScalar() ? "'" + item.Scalar() + "'"
							      : config::describeNode(item)) +
					     " in '" + std::string(key) + "'",
				     "one of: " + allNames());
	}
	if (out.size() != list->size())
		return std::nullopt;
	return out;
}

FaultRule readRule(config::YamlMap &r)
{
	FaultRule rule;
	rule.sequence = readKinds(r, "sequence").value_or(rule.sequence);
	if (auto then = r.oneOf("then", {"ok", "repeat"}))
		rule.after = *then == "repeat" ? AfterSequence::Repeat : AfterSequence::Ok;
	rule.probability = r.number("probability", 0, 1).value_or(rule.probability);
	rule.kinds = readKinds(r, "kinds").value_or(rule.kinds);
	if (r.has("probability") != r.has("kinds"))
		r.diag().add(r.keyMark(r.has("probability") ? "probability" : "kinds"),
			     "'probability' and 'kinds' go together in a fault rule", "both of them, or neither");
	else if (!r.has("sequence") && !r.has("probability"))
		r.diag().add(r.mark(), "a fault rule with nothing to inject",
			     "'sequence', or 'probability' with 'kinds'");
	if (auto status = r.integer("http_status", 400, 599))
		rule.throttleHttpStatus = static_cast<int>(*status);
	if (auto ms = r.integer("retry_after_ms", 0, maxRetryAfterMs))
		rule.retryAfterMs = *ms;
	rule.delayMs = r.integer("delay_ms", 0, maxDelayMs).value_or(rule.delayMs);
	return rule;
}

void readFaultPlan(const YAML::Node &doc, config::Diagnostics &diag, FaultPlan &plan)
{
	constexpr std::string_view expected = "a list of fault rules";
	config::YamlMap root(doc, "the faults file", diag, {"faults"});
	if (!root.require("faults", expected))
		return;
	auto list = root.list("faults", expected);
	for (const auto &node : list.value_or(YAML::Node())) {
		config::YamlMap r(node, "a fault rule", diag,
				  {"action", "sequence", "then", "probability", "kinds", "http_status",
				   "retry_after_ms", "delay_ms"});
		if (!r.valid())
			continue;
		r.require("action", "an API action name, or '*' for every action without a rule");
		auto action = r.string("action");
		FaultRule rule = readRule(r);
		if (action && !plan.rules.emplace(*action, std::move(rule)).second)
			diag.add(r.get("action")->Mark(), "a second rule for action '" + *action + "'",
				 "one rule per action");
	}
}

} // namespace

std::string_view toString(FaultKind k) { return config::nameOf(names, k); }

std::optional<FaultKind> faultKindFromString(std::string_view s) { return config::valueOf(names, s); }

FaultPlan parseFaultPlan(const std::string &text, const std::string &fileName)
{
	FaultPlan plan;
	readYamlText(text, fileName,
		     [&](const YAML::Node &doc, config::Diagnostics &diag) { readFaultPlan(doc, diag, plan); });
	return plan;
}

FaultPlan loadFaultPlan(const std::string &path)
{
	FaultPlan plan;
	readYamlFile(path, [&](const YAML::Node &doc, config::Diagnostics &diag) { readFaultPlan(doc, diag, plan); });
	return plan;
}

} // namespace emulator
