// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace restored::os {

// The control socket's wire format (docs/operations.md, "Control socket"):
// one request per connection, a single line of JSON such as
// {"command":"run-now","job":"nightly"}, answered by one JSON document on
// one line, after which the daemon closes the connection. Pure: the server
// and the client only move bytes.

// A request line longer than this, newline included, is refused unread: a
// well-formed request is under 100 bytes (a job id is at most 64).
inline constexpr std::size_t maxControlRequestBytes = 1024;

enum class ControlCommand { RunNow, Cancel, Status };

struct ControlRequest {
	ControlCommand command = ControlCommand::Status;
	std::string jobId; // empty only for a status of every job
};

// Why a request or a connection was refused; each is a stable `error`
// value on the wire.
enum class ControlError {
	Malformed,      // not one JSON object with the documented keys
	TooLarge,       // longer than maxControlRequestBytes
	UnknownCommand, // "command" is not run-now, cancel or status
	BadJobId,       // "job" is missing where needed, or not a valid job id
	UnknownJob,     // no job with this id
	AlreadyRunning, // run-now of a job that is running
	AlreadyQueued,  // run-now of a job that waits for a free slot
	NotRunning,     // cancel of a job that has no active run
	NotPermitted,   // the peer is neither root nor the daemon's user
	Busy,           // the daemon serves as many connections as it allows
	Timeout,        // the request did not arrive in time
	Internal,       // the daemon could not answer (logged there)
};

std::string_view toString(ControlError e);

// The daemon's answer. ok: `message` says what was done (empty for status),
// `status` holds the status document as JSON text (status only). Not ok:
// `error` and a `message` for people.
struct ControlAnswer {
	bool ok = false;
	ControlError error = ControlError::Internal;
	std::string message;
	std::string status;

	static ControlAnswer success(std::string message)
	{
		return {true, ControlError::Internal, std::move(message), {}};
	}
	static ControlAnswer failure(ControlError e, std::string message) { return {false, e, std::move(message), {}}; }
};

// The refusal of a request that could not be parsed.
struct ControlRequestError {
	ControlError error;
	std::string message;
};

// Parses one request line (without or with its '\n'). Never throws for bad
// input; a request is valid only as documented: an object with "command"
// and, as the command needs, "job", and no other key.
std::variant<ControlRequest, ControlRequestError> parseControlRequest(std::string_view line);

// The request line the client sends, '\n' included. The job id must be valid.
std::string formatControlRequest(const ControlRequest &request);

// The answer document, '\n' included. `status`, when set, must be a JSON
// document (the daemon's own status report); it is embedded as it is.
std::string formatControlAnswer(const ControlAnswer &answer);

// The client's reading of an answer: `status` comes back as compact JSON text.
std::variant<ControlAnswer, std::string> parseControlAnswer(std::string_view text);

} // namespace restored::os
