// SPDX-License-Identifier: Apache-2.0
#include "fuzz/FuzzInput.h"

#include <stdexcept>

#include "dbs/Credentials.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	try {
		(void)dbs::Credentials::parse(fuzz::asText(data, size), "/fuzz/dbs-access-key");
	} catch (const std::runtime_error &) {
		// The documented way to refuse a file.
	}
	return 0;
}
