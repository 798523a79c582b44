// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace dbs {

// Reads typed fields out of one JSON object and remembers the first problem
// instead of throwing, so that ResponseParser reads like a field list and a
// garbled body can never crash the daemon. Lives on the caller's stack.
//
// Tolerance, mirroring the generated SDKs (Go tea's fuzzy JSON decoder):
// integers accept JSON integers, integral doubles and decimal strings
// ("1554560477000"); booleans accept true/false and "true"/"false"; strings
// accept only JSON strings. null counts as absent. Unknown fields are ignored.
class JsonReader
{
public:
	JsonReader(const boost::json::object &o, std::string path);

	void required(std::string_view name, std::string &out);
	void optional(std::string_view name, std::string &out);
	void required(std::string_view name, std::int64_t &out);
	void optional(std::string_view name, std::int64_t &out);
	void required(std::string_view name, int &out);
	void optional(std::string_view name, int &out);
	void required(std::string_view name, bool &out);
	void optional(std::string_view name, bool &out);

	// nullptr when absent (and, if required, records the problem) or mistyped.
	const boost::json::object *object(std::string_view name, bool required);
	const boost::json::array *array(std::string_view name, bool required);

	// Records a problem found by the caller (first one wins).
	void fail(std::string_view field, std::string_view expected);

	bool ok() const { return problem_.empty(); }
	// "Response.MissingField" or "Response.BadType".
	const std::string &code() const { return code_; }
	// "<path>.<field>: expected ..." (names only, never values).
	const std::string &problem() const { return problem_; }
	// Shares the first problem with a reader for a nested object.
	void adopt(const JsonReader &nested);
	std::string pathOf(std::string_view field) const;

private:
	const boost::json::value *find(std::string_view name, bool required);
	void record(std::string code, std::string problem);
	void narrow(std::string_view name, std::int64_t wide, int &out);

	const boost::json::object &o_;
	std::string path_;
	std::string code_;
	std::string problem_;
};

} // namespace dbs
