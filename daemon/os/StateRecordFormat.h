// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include <boost/json/value.hpp>

#include "daemon/os/StateStore.h"

namespace restored::os {

// The wrapper of one state file, both ways (docs/state-file.md):
// {"schema": 1, "jobId": "...", "payload": <value>} and a newline. The
// payload is opaque here; a job's is a JobRecord. Pure; split from
// StateStore so a fuzzer reaches the reader without a directory.

// The file's text for jobId's payload.
std::string formatStateRecord(std::string_view jobId, const boost::json::value &payload);

// One state file's text to its record, or the reason it cannot be used
// (invalid JSON, foreign schema, an id that is not the one its file name
// encodes).
std::variant<StateStore::Record, std::string> parseStateRecord(std::string_view text, std::string_view fileName);

} // namespace restored::os
