// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "config/HookSpec.h"

namespace config {

// The JSON form of a job's hooks, inside the spec's JSON (JobSpecJson.h):
// {"command": [...], "timeout_ms": N, "on_failure": "fail"|"warn"} for
// verify, {"command": [...], "timeout_ms": N, "when": [...]} for notify,
// keys in this fixed order (the spec hash depends on it).
boost::json::value toJson(const VerifyHook &hook);
boost::json::value toJson(const NotifyHook &hook);

// Inverses of toJson(); they throw like jobSpecFromJson() does
// (std::invalid_argument, or boost::system::system_error for a wrong type).
VerifyHook verifyHookFromJson(const boost::json::object &o);
NotifyHook notifyHookFromJson(const boost::json::object &o);

} // namespace config
