// SPDX-License-Identifier: Apache-2.0
// A job file from jobs.d: anyone with write access there controls it.
#include "fuzz/FuzzInput.h"

#include "config/JobFileParser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto r = config::parseJobText(fuzz::asText(data, size), "/fuzz/jobs.d/job.yaml", {});
	for (const auto &e : r.errors)
		(void)e.format();
	return 0;
}
