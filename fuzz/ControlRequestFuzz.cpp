// SPDX-License-Identifier: Apache-2.0
#include "fuzz/FuzzInput.h"

#include <cstdlib>

#include "daemon/os/ControlProtocol.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	using namespace restored;
	auto parsed = restored::os::parseControlRequest(fuzz::asText(data, size));
	if (const auto *request = std::get_if<restored::os::ControlRequest>(&parsed)) {
		// An accepted request formats to a line that reads back the same.
		auto again = restored::os::parseControlRequest(restored::os::formatControlRequest(*request));
		const auto *back = std::get_if<restored::os::ControlRequest>(&again);
		if (!back || back->command != request->command || back->jobId != request->jobId)
			std::abort();
		return 0;
	}
	// A refusal, which quotes the peer's bytes, is still one JSON line that
	// the client reads back as the same error.
	const auto &refused = std::get<restored::os::ControlRequestError>(parsed);
	std::string line = restored::os::formatControlAnswer(restored::os::ControlAnswer::failure(refused.error, refused.message));
	auto answer = restored::os::parseControlAnswer(line);
	const auto *a = std::get_if<restored::os::ControlAnswer>(&answer);
	if (line.find('\n') != line.size() - 1 || !a || a->ok || a->error != refused.error ||
	    a->message != refused.message)
		std::abort();
	return 0;
}
