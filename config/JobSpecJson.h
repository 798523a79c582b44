// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/json/value.hpp>

#include "config/JobSpec.h"

namespace config {

// JSON form of a JobSpec, for the daemon's state file: a restarted daemon
// continues a run with the definition the run started with, not with
// whatever the job file says now. Durations are integer milliseconds, keys
// snake_case, and a password appears only as its SecretRef (kind + name or
// path), never as a value (a JobSpec has no password to begin with).
// Object keys are emitted in a fixed order, so serialize(toJson(s)) is
// canonical; computeSpecHash() relies on that.
boost::json::value toJson(const JobSpec &spec);

// Inverse of toJson(). Throws std::invalid_argument (or boost::system::system_error
// for a wrong JSON type) on anything toJson() would not have produced.
JobSpec jobSpecFromJson(const boost::json::value &json);

// Hex SHA-256 of the canonical JSON of spec, excluding sourceFile and
// specHash themselves: touching or moving a file keeps the hash, any change
// of meaning (including a changed default it inherits) changes it.
std::string computeSpecHash(const JobSpec &spec);

} // namespace config
