// SPDX-License-Identifier: Apache-2.0
#include "dbs/JsonReader.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>

namespace dbs {

namespace {

std::optional<std::int64_t> asInt64(const boost::json::value &v)
{
	if (v.is_int64())
		return v.get_int64();
	if (v.is_uint64()) {
		if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
			return std::nullopt;
		return static_cast<std::int64_t>(v.get_uint64());
	}
	if (v.is_double()) {
		double d = v.get_double();
		if (std::trunc(d) != d || std::fabs(d) > 9.0e15)
			return std::nullopt;
		return static_cast<std::int64_t>(d);
	}
	if (v.is_string()) {
		const auto &s = v.get_string();
		std::int64_t out = 0;
		auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
		if (s.empty() || ec != std::errc() || ptr != s.data() + s.size())
			return std::nullopt;
		return out;
	}
	return std::nullopt;
}

std::optional<bool> asBool(const boost::json::value &v)
{
	if (v.is_bool())
		return v.get_bool();
	if (v.is_string()) {
		if (v.get_string() == "true")
			return true;
		if (v.get_string() == "false")
			return false;
	}
	return std::nullopt;
}

} // namespace

JsonReader::JsonReader(const boost::json::object &o, std::string path) : o_(o), path_(std::move(path)) {}

std::string JsonReader::pathOf(std::string_view field) const
{
	return path_.empty() ? std::string(field) : path_ + "." + std::string(field);
}

void JsonReader::record(std::string code, std::string problem)
{
	if (!problem_.empty())
		return;
	code_ = std::move(code);
	problem_ = std::move(problem);
}

void JsonReader::fail(std::string_view field, std::string_view expected)
{
	record("Response.BadType", pathOf(field) + ": expected " + std::string(expected));
}

void JsonReader::adopt(const JsonReader &nested)
{
	if (!nested.ok())
		record(nested.code_, nested.problem_);
}

const boost::json::value *JsonReader::find(std::string_view name, bool required)
{
	auto it = o_.find(name);
	if (it == o_.end() || it->value().is_null()) {
		if (required)
			record("Response.MissingField", pathOf(name) + ": expected a value, field missing");
		return nullptr;
	}
	return &it->value();
}

void JsonReader::required(std::string_view name, std::string &out)
{
	if (auto v = find(name, true)) {
		if (v->is_string())
			out = std::string(v->get_string());
		else
			fail(name, "a string");
	}
}

void JsonReader::optional(std::string_view name, std::string &out)
{
	if (auto v = find(name, false)) {
		if (v->is_string())
			out = std::string(v->get_string());
		else
			fail(name, "a string");
	}
}

void JsonReader::required(std::string_view name, std::int64_t &out)
{
	if (auto v = find(name, true)) {
		if (auto n = asInt64(*v))
			out = *n;
		else
			fail(name, "an integer");
	}
}

void JsonReader::optional(std::string_view name, std::int64_t &out)
{
	if (auto v = find(name, false)) {
		if (auto n = asInt64(*v))
			out = *n;
		else
			fail(name, "an integer");
	}
}

void JsonReader::narrow(std::string_view name, std::int64_t wide, int &out)
{
	if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max())
		fail(name, "a 32-bit integer");
	else
		out = static_cast<int>(wide);
}

void JsonReader::required(std::string_view name, int &out)
{
	std::int64_t wide = out;
	required(name, wide);
	narrow(name, wide, out);
}

void JsonReader::optional(std::string_view name, int &out)
{
	std::int64_t wide = out;
	optional(name, wide);
	narrow(name, wide, out);
}

void JsonReader::required(std::string_view name, bool &out)
{
	if (auto v = find(name, true)) {
		if (auto b = asBool(*v))
			out = *b;
		else
			fail(name, "a boolean");
	}
}

void JsonReader::optional(std::string_view name, bool &out)
{
	if (auto v = find(name, false)) {
		if (auto b = asBool(*v))
			out = *b;
		else
			fail(name, "a boolean");
	}
}

const boost::json::object *JsonReader::object(std::string_view name, bool required)
{
	auto v = find(name, required);
	if (!v)
		return nullptr;
	if (!v->is_object()) {
		fail(name, "an object");
		return nullptr;
	}
	return &v->get_object();
}

const boost::json::array *JsonReader::array(std::string_view name, bool required)
{
	auto v = find(name, required);
	if (!v)
		return nullptr;
	if (!v->is_array()) {
		fail(name, "an array");
		return nullptr;
	}
	return &v->get_array();
}

} // namespace dbs
