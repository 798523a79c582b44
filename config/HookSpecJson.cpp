// SPDX-License-Identifier: Apache-2.0
#include "config/HookSpecJson.h"

#include <stdexcept>

#include <boost/json.hpp>

#include "config/JsonFields.h"

namespace config {

namespace json = boost::json;

namespace {

json::array commandToJson(const HookCommand &command)
{
	json::array a;
	for (const auto &arg : command)
		a.push_back(json::string(arg));
	return a;
}

HookCommand commandFromJson(const json::object &o)
{
	HookCommand argv;
	for (const auto &arg : jsonField(o, "command").as_array())
		argv.emplace_back(arg.as_string());
	if (argv.empty() || argv[0].rfind('/', 0) != 0)
		throw std::invalid_argument("job spec JSON: a hook command needs an absolute program path");
	return argv;
}

} // namespace

json::value toJson(const VerifyHook &hook)
{
	return json::object{
		{"command", commandToJson(hook.command)},
		{"timeout_ms", hook.timeout.count()},
		{"on_failure", toString(hook.onFailure)},
	};
}

json::value toJson(const NotifyHook &hook)
{
	json::array when;
	for (RunCondition c : hook.when)
		when.push_back(json::string(toString(c)));
	return json::object{
		{"command", commandToJson(hook.command)},
		{"timeout_ms", hook.timeout.count()},
		{"when", std::move(when)},
	};
}

VerifyHook verifyHookFromJson(const json::object &o)
{
	VerifyHook hook;
	hook.command = commandFromJson(o);
	hook.timeout = jsonMilliseconds(o, "timeout_ms");
	std::string onFailure = jsonString(o, "on_failure");
	auto parsed = onFailureFromString(onFailure);
	if (!parsed)
		throw std::invalid_argument("job spec JSON: bad on_failure '" + onFailure + "'");
	hook.onFailure = *parsed;
	return hook;
}

NotifyHook notifyHookFromJson(const json::object &o)
{
	NotifyHook hook;
	hook.command = commandFromJson(o);
	hook.timeout = jsonMilliseconds(o, "timeout_ms");
	for (const auto &w : jsonField(o, "when").as_array()) {
		auto c = runConditionFromString(w.as_string());
		if (!c)
			throw std::invalid_argument("job spec JSON: unknown notify condition");
		hook.when.push_back(*c);
	}
	if (hook.when.empty())
		throw std::invalid_argument("job spec JSON: notify without conditions");
	return hook;
}

} // namespace config
