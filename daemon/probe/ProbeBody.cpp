// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeBody.h"

#include <algorithm>
#include <boost/json/parse.hpp>

namespace restored::probe {

std::string stringField(const boost::json::object &o, const char *name)
{
	auto it = o.find(name);
	return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}

std::optional<std::int64_t> numberField(const boost::json::object &o, const char *name)
{
	auto it = o.find(name);
	if (it == o.end())
		return std::nullopt;
	const auto &v = it->value();
	if (v.is_int64())
		return v.as_int64();
	if (v.is_uint64())
		return static_cast<std::int64_t>(v.as_uint64());
	if (v.is_double())
		return static_cast<std::int64_t>(v.as_double());
	if (v.is_string()) {
		try {
			return std::stoll(std::string(v.as_string()));
		} catch (const std::exception &) {
		}
	}
	return std::nullopt;
}

std::string BodyView::shape() const
{
	if (!json)
		return "text";
	std::vector<std::string> keys;
	for (const auto &kv : object)
		keys.emplace_back(kv.key());
	std::sort(keys.begin(), keys.end());
	std::string s = "json {";
	for (std::size_t i = 0; i < keys.size(); ++i)
		s += (i ? ", " : "") + keys[i];
	return s + "}";
}

BodyView readBody(const dbs::HttpResponse &r)
{
	BodyView b;
	boost::system::error_code ec;
	auto v = boost::json::parse(r.body, ec);
	if (ec || !v.is_object())
		return b;
	b.json = true;
	b.object = std::move(v.as_object());
	if (auto it = b.object.find("Success"); it != b.object.end()) {
		if (it->value().is_bool())
			b.success = it->value().as_bool();
		else if (it->value().is_string())
			b.success = it->value().as_string() == "true";
	}
	for (const char *field : {"ErrCode", "Code"}) {
		std::string code = stringField(b.object, field);
		if (!code.empty()) {
			b.codeField = field;
			b.code = std::move(code);
			b.message = stringField(b.object, field[0] == 'E' ? "ErrMessage" : "Message");
			break;
		}
	}
	return b;
}

Answer classify(const Exchange &e)
{
	if (!e.response)
		return Answer::NoAnswer;
	const dbs::HttpResponse &r = *e.response;
	const BodyView b = readBody(r);
	const bool throttleCode = b.json ? b.code.starts_with("Throttling")
					 : r.body.find("Throttling") != std::string::npos;
	if (throttleCode || r.status == 429)
		return Answer::Throttled;
	if (r.status >= 500)
		return Answer::ServerError;
	if (b.codeField == "ErrCode" && b.success == false)
		return Answer::BusinessError;
	if (r.status >= 200 && r.status < 300 && b.json && b.success != false)
		return Answer::Ok;
	return Answer::Refused;
}

std::string whyNoReading(const Exchange &e)
{
	if (e.skipped)
		return "not sent: the call budget was spent";
	if (!e.response)
		return "no answer (" + e.transportError + ")";
	const std::string status = "HTTP " + std::to_string(e.response->status);
	const BodyView b = readBody(*e.response);
	switch (classify(e)) {
	case Answer::Throttled: return "throttled (" + status + ")";
	case Answer::ServerError: return "server error (" + status + (b.code.empty() ? "" : ", " + b.code) + ")";
	case Answer::Ok: return "unexpected answer (" + status + ")";
	case Answer::BusinessError:
	case Answer::Refused:
	case Answer::NoAnswer: break;
	}
	return "refused (" + status + (b.code.empty() ? "" : ", " + b.code) + ")";
}

std::vector<boost::json::object> restoreItems(const BodyView &b)
{
	std::vector<boost::json::object> out;
	auto items = b.object.find("Items");
	if (items == b.object.end() || !items->value().is_object())
		return out;
	auto list = items->value().as_object().find("RestoreTaskDetail");
	if (list == items->value().as_object().end() || !list->value().is_array())
		return out;
	for (const auto &v : list->value().as_array())
		if (v.is_object())
			out.push_back(v.as_object());
	return out;
}

} // namespace restored::probe
