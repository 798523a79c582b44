// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace config {

// The hooks of a job (`verify:`, `notify:`; docs/configuration.md), as read
// by config::readHooks() (config/HookReader.h). Plain values, part of the
// JobSpec: a run keeps the hooks it started with.

// A hook's command: argv[0] is an absolute path, run without a shell, so
// nothing in a job file is ever interpreted by one.
using HookCommand = std::vector<std::string>;

// Runs after the last restore succeeded; its exit code decides whether the
// restored data is good.
struct VerifyHook {
	enum class OnFailure { Fail, Warn };
	HookCommand command;
	std::chrono::milliseconds timeout{std::chrono::minutes(10)};
	OnFailure onFailure = OnFailure::Fail; // Warn: the run succeeds, the verdict is still recorded
};

// What a finished run can report; `notify: when:` picks which of them call
// the notify hook. The order is the canonical order of the spec's JSON.
enum class RunCondition { Succeeded, Failed, Cancelled, VerificationFailed, CouldNotVerify, RtoMissed };

// Runs after the run's final outcome; its own failure never changes it.
struct NotifyHook {
	HookCommand command;
	std::chrono::milliseconds timeout{std::chrono::minutes(1)};
	std::vector<RunCondition> when; // in enum order, no duplicates, never empty
};

// Every condition, in enum order.
const std::vector<RunCondition> &allRunConditions();
// `when:` when the key is absent: everything but a plain success.
std::vector<RunCondition> defaultNotifyWhen();
// "succeeded", "failed", "cancelled", "verification_failed", "could_not_verify", "rto_missed".
std::string_view toString(RunCondition c);
std::optional<RunCondition> runConditionFromString(std::string_view name);
// on_failure: "fail" or "warn".
std::string_view toString(VerifyHook::OnFailure f);
std::optional<VerifyHook::OnFailure> onFailureFromString(std::string_view name);

} // namespace config
