// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace config {

// Typed reads of one field of a JSON object, for the decoders of the
// formats this program writes itself (JobSpecJson, HookSpecJson, the drill
// history's DrillRecordJson). A missing key throws std::invalid_argument
// naming it; a value of the wrong kind throws boost::json's
// boost::system::system_error. Pure.
const boost::json::value &jsonField(const boost::json::object &o, std::string_view key);
std::string jsonString(const boost::json::object &o, std::string_view key);
// An integer of milliseconds.
std::chrono::milliseconds jsonMilliseconds(const boost::json::object &o, std::string_view key);

} // namespace config
