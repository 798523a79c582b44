// SPDX-License-Identifier: Apache-2.0
#include "config/JsonFields.h"

#include <stdexcept>

namespace config {

const boost::json::value &jsonField(const boost::json::object &o, std::string_view key)
{
	const boost::json::value *f = o.if_contains(key);
	if (!f)
		throw std::invalid_argument("JSON lacks '" + std::string(key) + "'");
	return *f;
}

std::string jsonString(const boost::json::object &o, std::string_view key)
{
	return std::string(jsonField(o, key).as_string());
}

std::chrono::milliseconds jsonMilliseconds(const boost::json::object &o, std::string_view key)
{
	return std::chrono::milliseconds(jsonField(o, key).as_int64());
}

} // namespace config
