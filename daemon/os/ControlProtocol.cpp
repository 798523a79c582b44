// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/ControlProtocol.h"

#include <array>
#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <cassert>
#include <optional>

#include "config/JobFileParser.h"
#include "config/NameTable.h"
#include "config/SafeText.h"

namespace restored::os {

namespace json = boost::json;

namespace {

constexpr std::array<std::pair<ControlError, std::string_view>, 12> errorNames{{
	{ControlError::Malformed, "malformed"},
	{ControlError::TooLarge, "too-large"},
	{ControlError::UnknownCommand, "unknown-command"},
	{ControlError::BadJobId, "bad-job-id"},
	{ControlError::UnknownJob, "unknown-job"},
	{ControlError::AlreadyRunning, "already-running"},
	{ControlError::AlreadyQueued, "already-queued"},
	{ControlError::NotRunning, "not-running"},
	{ControlError::NotPermitted, "not-permitted"},
	{ControlError::Busy, "busy"},
	{ControlError::Timeout, "timeout"},
	{ControlError::Internal, "internal"},
}};

constexpr std::array<std::pair<ControlCommand, std::string_view>, 3> commandNames{{
	{ControlCommand::RunNow, "run-now"},
	{ControlCommand::Cancel, "cancel"},
	{ControlCommand::Status, "status"},
}};

ControlRequestError refuse(ControlError e, std::string message) { return {e, std::move(message)}; }

// A value from the request, quoted safely for a message (it may hold any
// bytes a peer sent, up to maxControlRequestBytes).
std::string shown(std::string_view text)
{
	constexpr std::size_t limit = 80;
	std::string s = config::escapeForDisplay(text.substr(0, limit));
	return "'" + s + (text.size() > limit ? "...'" : "'");
}

// A basic_parser handler that keeps nothing: the parser alone checks that
// a text is one JSON document, with no tree to build and free.
struct JsonChecker {
	using ec_t = boost::system::error_code;
	static constexpr std::size_t max_object_size = std::size_t(-1);
	static constexpr std::size_t max_array_size = std::size_t(-1);
	static constexpr std::size_t max_key_size = std::size_t(-1);
	static constexpr std::size_t max_string_size = std::size_t(-1);
	bool on_document_begin(ec_t &) { return true; }
	bool on_document_end(ec_t &) { return true; }
	bool on_array_begin(ec_t &) { return true; }
	bool on_array_end(std::size_t, ec_t &) { return true; }
	bool on_object_begin(ec_t &) { return true; }
	bool on_object_end(std::size_t, ec_t &) { return true; }
	bool on_string_part(json::string_view, std::size_t, ec_t &) { return true; }
	bool on_string(json::string_view, std::size_t, ec_t &) { return true; }
	bool on_key_part(json::string_view, std::size_t, ec_t &) { return true; }
	bool on_key(json::string_view, std::size_t, ec_t &) { return true; }
	bool on_number_part(json::string_view, ec_t &) { return true; }
	bool on_int64(std::int64_t, json::string_view, ec_t &) { return true; }
	bool on_uint64(std::uint64_t, json::string_view, ec_t &) { return true; }
	bool on_double(double, json::string_view, ec_t &) { return true; }
	bool on_bool(bool, ec_t &) { return true; }
	bool on_null(ec_t &) { return true; }
	bool on_comment_part(json::string_view, ec_t &) { return true; }
	bool on_comment(json::string_view, ec_t &) { return true; }
};

bool isOneJsonObject(std::string_view text)
{
	if (text.empty() || text.front() != '{')
		return false;
	json::basic_parser<JsonChecker> parser{json::parse_options{}};
	boost::system::error_code ec;
	const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
	return !ec && parser.done() && used == text.size();
}

// The daemon's answer to a status request, {"ok":true,"status":DOC}, with
// DOC in boost.json's compact form (StatusReport.h): DOC is taken as it
// is, checked but never parsed into a tree and written out again (3.5 MB
// at 10,000 jobs; bench/RESULTS.md). Anything else: nullopt.
std::optional<std::string_view> statusDocument(std::string_view text)
{
	constexpr std::string_view head = "{\"ok\":true,\"status\":";
	if (!text.starts_with(head))
		return std::nullopt;
	text.remove_prefix(head.size());
	if (text.ends_with('\n'))
		text.remove_suffix(1);
	if (!text.ends_with('}'))
		return std::nullopt;
	text.remove_suffix(1);
	if (!isOneJsonObject(text))
		return std::nullopt;
	return text;
}

} // namespace

std::string_view toString(ControlError e)
{
	std::string_view name = config::nameOf(errorNames, e);
	assert(name != "unknown" && "a ControlError without a name");
	return name == "unknown" ? "internal" : name;
}

std::variant<ControlRequest, ControlRequestError> parseControlRequest(std::string_view line)
{
	if (line.size() > maxControlRequestBytes)
		return refuse(ControlError::TooLarge,
			      "the request is longer than " + std::to_string(maxControlRequestBytes) + " bytes");
	json::parse_options options;
	options.max_depth = 4; // the request is one flat object
	boost::system::error_code ec;
	json::value v = json::parse(line, ec, {}, options);
	if (ec || !v.is_object())
		return refuse(ControlError::Malformed,
			      "the request is not one JSON object such as {\"command\":\"status\"}");
	const json::object &obj = v.get_object();
	for (const auto &kv : obj)
		if (kv.key() != "command" && kv.key() != "job")
			return refuse(ControlError::Malformed,
				      "unknown key " + shown(kv.key()) + " (a request has \"command\" and \"job\")");
	const json::value *command = obj.if_contains("command");
	const json::value *job = obj.if_contains("job");
	if (!command || !command->is_string())
		return refuse(ControlError::Malformed, "the request has no \"command\" string");
	if (job && !job->is_string())
		return refuse(ControlError::BadJobId, "\"job\" is not a string");

	ControlRequest request;
	auto known = config::valueOf(commandNames, command->get_string());
	if (!known)
		return refuse(ControlError::UnknownCommand,
			      "unknown command " + shown(command->get_string()) + " (run-now, cancel or status)");
	request.command = *known;
	if (job)
		request.jobId = job->get_string();
	if (!job && request.command != ControlCommand::Status)
		return refuse(ControlError::BadJobId,
			      std::string(config::nameOf(commandNames, *known)) + " needs a \"job\"");
	if (job && !config::isValidJobId(request.jobId))
		return refuse(ControlError::BadJobId, shown(request.jobId) + " is not a valid job id");
	return request;
}

std::string formatControlRequest(const ControlRequest &request)
{
	assert(request.jobId.empty() ? request.command == ControlCommand::Status : config::isValidJobId(request.jobId));
	json::object obj;
	obj["command"] = config::nameOf(commandNames, request.command);
	if (!request.jobId.empty())
		obj["job"] = request.jobId;
	return json::serialize(obj) + "\n";
}

std::string formatControlAnswer(const ControlAnswer &answer)
{
	json::object obj;
	obj["ok"] = answer.ok;
	if (!answer.ok)
		obj["error"] = toString(answer.error);
	if (!answer.message.empty() || !answer.ok)
		obj["message"] = answer.message;
	std::string text = json::serialize(obj);
	if (answer.ok && !answer.status.empty()) {
		// Spliced in as text, in one copy: the report is written job by job
		// and never held as a JSON tree (StatusReport.h); at 10,000 jobs it
		// is 3.5 MB.
		constexpr std::string_view key = ",\"status\":";
		text.reserve(text.size() + key.size() + answer.status.size() + 2);
		text.pop_back();
		text += key;
		text += answer.status;
		text += '}';
	}
	text += '\n';
	return text;
}

std::variant<ControlAnswer, std::string> parseControlAnswer(std::string_view text)
{
	if (auto document = statusDocument(text)) {
		ControlAnswer answer;
		answer.ok = true;
		answer.status = std::string(*document);
		return answer;
	}
	boost::system::error_code ec;
	json::value v = json::parse(text, ec);
	if (ec || !v.is_object())
		return std::string("the daemon's answer is not a JSON object");
	const json::object &obj = v.get_object();
	const json::value *ok = obj.if_contains("ok");
	if (!ok || !ok->is_bool())
		return std::string("the daemon's answer has no \"ok\"");
	ControlAnswer answer;
	answer.ok = ok->get_bool();
	if (const auto *m = obj.if_contains("message"); m && m->is_string())
		answer.message = m->get_string();
	if (answer.ok) {
		if (const auto *s = obj.if_contains("status"))
			answer.status = json::serialize(*s);
		return answer;
	}
	const auto *e = obj.if_contains("error");
	auto named = e && e->is_string() ? config::valueOf(errorNames, e->get_string()) : std::nullopt;
	// A newer daemon's error this client does not know is still an error.
	answer.error = named.value_or(ControlError::Internal);
	return answer;
}

} // namespace restored::os
