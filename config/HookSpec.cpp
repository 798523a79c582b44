// SPDX-License-Identifier: Apache-2.0
#include "config/HookSpec.h"

#include <array>
#include <utility>

#include "config/NameTable.h"

namespace config {

namespace {

// One table for both directions, so a name cannot be added to one only.
constexpr std::array<std::pair<RunCondition, std::string_view>, 6> names{{
	{RunCondition::Succeeded, "succeeded"},
	{RunCondition::Failed, "failed"},
	{RunCondition::Cancelled, "cancelled"},
	{RunCondition::VerificationFailed, "verification_failed"},
	{RunCondition::CouldNotVerify, "could_not_verify"},
	{RunCondition::RtoMissed, "rto_missed"},
}};

constexpr std::array<std::pair<VerifyHook::OnFailure, std::string_view>, 2> onFailureNames{{
	{VerifyHook::OnFailure::Fail, "fail"},
	{VerifyHook::OnFailure::Warn, "warn"},
}};

} // namespace

const std::vector<RunCondition> &allRunConditions()
{
	static const std::vector<RunCondition> all = [] {
		std::vector<RunCondition> v;
		for (const auto &[c, name] : names)
			v.push_back(c);
		return v;
	}();
	return all;
}

std::vector<RunCondition> defaultNotifyWhen()
{
	std::vector<RunCondition> v;
	for (RunCondition c : allRunConditions())
		if (c != RunCondition::Succeeded)
			v.push_back(c);
	return v;
}

std::string_view toString(RunCondition c) { return nameOf(names, c); }

std::optional<RunCondition> runConditionFromString(std::string_view name) { return valueOf(names, name); }

std::string_view toString(VerifyHook::OnFailure f) { return nameOf(onFailureNames, f); }

std::optional<VerifyHook::OnFailure> onFailureFromString(std::string_view name)
{
	return valueOf(onFailureNames, name);
}

} // namespace config
