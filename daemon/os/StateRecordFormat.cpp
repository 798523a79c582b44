// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/StateRecordFormat.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace restored::os {

std::string formatStateRecord(std::string_view jobId, const boost::json::value &payload)
{
	boost::json::object wrapper;
	wrapper["schema"] = StateStore::schemaVersion;
	wrapper["jobId"] = jobId;
	wrapper["payload"] = payload;
	std::string text = boost::json::serialize(wrapper);
	text.push_back('\n');
	return text;
}

std::variant<StateStore::Record, std::string> parseStateRecord(std::string_view text, std::string_view fileName)
{
	boost::system::error_code ec;
	boost::json::value v = boost::json::parse(text, ec);
	if (ec)
		return "invalid JSON: " + ec.message();
	const boost::json::object *o = v.if_object();
	if (!o)
		return std::string("not a JSON object");
	const boost::json::value *schema = o->if_contains("schema");
	if (!schema || !schema->is_int64() || schema->as_int64() != StateStore::schemaVersion)
		return std::string("missing or unsupported \"schema\" (expected 1)");
	const boost::json::value *id = o->if_contains("jobId");
	const boost::json::value *payload = o->if_contains("payload");
	if (!id || !id->is_string() || id->as_string().empty() || !payload)
		return std::string("missing \"jobId\" or \"payload\"");
	std::string jobId(id->as_string());
	if (StateStore::fileNameFor(jobId) != fileName)
		return std::string("\"jobId\" does not match the file name");
	return StateStore::Record{std::move(jobId), *payload};
}

} // namespace restored::os
