// SPDX-License-Identifier: Apache-2.0
#include "fuzz/FuzzInput.h"

#include <cstdlib>

#include "daemon/os/ControlProtocol.h"

namespace os = restored::os;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using namespace restored;
	auto parsed = os::parseControlRequest(fuzz::asText(data, size));
	if (const auto *request = std::get_if<os::ControlRequest>(&parsed)) {
		// An accepted request formats to a line that reads back the same.
		auto again = os::parseControlRequest(os::formatControlRequest(*request));
		const auto *back = std::get_if<os::ControlRequest>(&again);
		if (!back || back->command != request->command || back->jobId != request->jobId)
			std::abort();
		return 0;
	}
	// A refusal, which quotes the peer's bytes, is still one JSON line that
	// the client reads back as the same error.
	const auto &refused = std::get<os::ControlRequestError>(parsed);
	std::string line = os::formatControlAnswer(os::ControlAnswer::failure(refused.error, refused.message));
	auto answer = os::parseControlAnswer(line);
	const auto *a = std::get_if<os::ControlAnswer>(&answer);
	if (line.find('\n') != line.size() - 1 || !a || a->ok || a->error != refused.error ||
	    a->message != refused.message)
		std::abort();
	return 0;
}
