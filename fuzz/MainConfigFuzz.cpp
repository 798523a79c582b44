// SPDX-License-Identifier: Apache-2.0
#include "fuzz/FuzzInput.h"

#include "config/MainConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto r = config::parseMainConfig(fuzz::asText(data, size), "/fuzz/dbs-restored.yaml");
	for (const auto &e : r.errors)
		(void)e.format();
	return 0;
}
