// SPDX-License-Identifier: Apache-2.0
#include "config/HookReader.h"

#include <algorithm>

#include "base/Strings.h"
#include "config/InputLimits.h"

namespace config {

using namespace std::chrono_literals;

namespace {

constexpr std::string_view commandExpected = "a list of an absolute program path and its arguments, such as "
					     "[/usr/lib/dbs-restored/hooks/verify-mysql, --min-rows, \"1000\"]";

// A loop, not std::views::transform: clang 14 (the fuzz build) cannot
// instantiate libstdc++ 12's views over this vector.
std::string conditionChoices()
{
	std::vector<std::string_view> names;
	for (RunCondition c : allRunConditions())
		names.push_back(toString(c));
	return base::join(names, ", ");
}

// The argv of a hook. No shell ever sees it, so the program must be named
// by its absolute path (there is no PATH lookup to rely on either).
std::optional<HookCommand> readCommand(YamlMap &m, const std::string &what)
{
	auto node = m.get("command");
	if (!node)
		return std::nullopt;
	Diagnostics &diag = m.diag();
	YAML::Mark at = markOf(*node, m.keyMark("command"));
	if (!node->IsSequence() || node->size() == 0) {
		diag.add(at,
			 "'command' in " + what + " is " +
				 (node->IsSequence() ? std::string("an empty list") : describeNode(*node)),
			 std::string(commandExpected));
		return std::nullopt;
	}
	if (node->size() > InputLimits::maxHookArguments) {
		diag.add(at,
			 "'command' in " + what + " has " + std::to_string(node->size()) +
				 " arguments, over the limit of " + std::to_string(InputLimits::maxHookArguments),
			 "at most " + std::to_string(InputLimits::maxHookArguments) + " arguments");
		return std::nullopt;
	}
	HookCommand argv;
	bool ok = true;
	for (const auto &item : *node) {
		if (!item.IsScalar()) {
			diag.add(markOf(item, at), "an argument of 'command' in " + what + " is " + describeNode(item),
				 "a string");
			ok = false;
		} else if (item.Scalar().find('\0') != std::string::npos) {
			// execve() would cut the argument there: what runs would not be what was written.
			diag.add(item.Mark(), "an argument of 'command' in " + what + " contains a NUL byte",
				 "text without NUL bytes");
			ok = false;
		} else {
			argv.push_back(item.Scalar());
		}
	}
	if (ok && argv[0].rfind('/', 0) != 0) {
		diag.add((*node)[0].Mark(),
			 "the program of 'command' in " + what + " is not an absolute path: '" + argv[0] + "'",
			 "an absolute path such as /usr/local/bin/page-oncall (no shell and no PATH lookup)");
		ok = false;
	}
	return ok ? std::optional<HookCommand>(std::move(argv)) : std::nullopt;
}

std::optional<std::vector<RunCondition>> readWhen(YamlMap &m)
{
	auto node = m.get("when");
	if (!node)
		return defaultNotifyWhen();
	Diagnostics &diag = m.diag();
	std::string expected = "a non-empty list of: " + conditionChoices();
	YAML::Mark at = markOf(*node, m.keyMark("when"));
	if (!node->IsSequence() || node->size() == 0) {
		diag.add(at,
			 "'when' in the notify hook is " +
				 (node->IsSequence() ? std::string("an empty list") : describeNode(*node)),
			 expected);
		return std::nullopt;
	}
	std::vector<RunCondition> seen;
	bool ok = true;
	for (const auto &item : *node) {
		auto c = item.IsScalar() ? runConditionFromString(item.Scalar()) : std::nullopt;
		if (!c) {
			diag.add(markOf(item, at),
				 "'when' in the notify hook lists " +
					 (item.IsScalar() ? "an unknown condition '" + item.Scalar() + "'"
							  : describeNode(item)),
				 expected);
			ok = false;
		} else if (std::find(seen.begin(), seen.end(), *c) != seen.end()) {
			diag.add(item.Mark(), "'when' in the notify hook lists '" + item.Scalar() + "' twice",
				 expected);
			ok = false;
		} else {
			seen.push_back(*c);
		}
	}
	if (!ok)
		return std::nullopt;
	// Canonical order, so reordering the list keeps the spec hash.
	std::sort(seen.begin(), seen.end());
	return seen;
}

// The keys every hook has: `command` (required) and `timeout`. nullopt
// when the hook cannot be used; its own keys are still read by the caller,
// so that every error in the section is reported at once.
template<class Hook>
std::optional<Hook> readHook(YamlMap &m, const std::string &what, std::chrono::milliseconds maxTimeout)
{
	if (!m.valid())
		return std::nullopt;
	m.require("command", commandExpected);
	Hook hook;
	auto command = readCommand(m, what);
	if (auto v = m.duration("timeout", 1s, maxTimeout))
		hook.timeout = *v;
	if (!command)
		return std::nullopt;
	hook.command = std::move(*command);
	return hook;
}

void readVerify(YamlMap &top, JobSpec &spec)
{
	YamlMap m(top, "verify", "the verify hook", {"command", "timeout", "on_failure"});
	auto hook = readHook<VerifyHook>(m, "the verify hook", 24h);
	auto onFailure = m.oneOf("on_failure", {"fail", "warn"});
	if (hook && onFailure)
		hook->onFailure = *onFailureFromString(*onFailure);
	spec.verify = std::move(hook);
}

void readNotify(YamlMap &top, JobSpec &spec)
{
	YamlMap m(top, "notify", "the notify hook", {"command", "timeout", "when"});
	auto hook = readHook<NotifyHook>(m, "the notify hook", 1h);
	auto when = m.valid() ? readWhen(m) : std::nullopt;
	if (hook && when) {
		hook->when = std::move(*when);
		spec.notify = std::move(hook);
	}
}

} // namespace

void readHooks(YamlMap &top, JobSpec &spec)
{
	if (top.has("verify"))
		readVerify(top, spec);
	if (top.has("notify"))
		readNotify(top, spec);
	if (auto v = top.duration("rto_objective", 1s, 24h * 365))
		spec.rtoObjective = *v;
	// Without steps (they had errors of their own) there is nothing to say.
	bool restores = std::any_of(spec.steps.begin(), spec.steps.end(),
				    [](const Step &s) { return std::holds_alternative<RestoreStep>(s.what); });
	if (spec.steps.empty() || restores)
		return;
	for (std::string_view key : {"verify", "rto_objective"}) {
		if (top.has(key))
			top.diag().add(top.keyMark(key),
				       "'" + std::string(key) + "' needs a restore step, and the job has none",
				       "a restore step in 'steps', or no '" + std::string(key) + "'");
	}
}

} // namespace config
