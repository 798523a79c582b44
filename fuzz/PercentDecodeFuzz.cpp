// SPDX-License-Identifier: Apache-2.0
// Query strings and form bodies, as the emulator decodes requests.
#include "fuzz/FuzzInput.h"

#include <cstdlib>

#include "dbs/PercentEncoding.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	std::string_view in = fuzz::asText(data, size);
	(void)dbs::percentDecode(in, true);
	// Encoding is total and decoding inverts it, for any bytes.
	if (dbs::percentDecode(dbs::percentEncode(in), false) != in)
		std::abort();
	auto params = dbs::decodeParams(in, true);
	if (dbs::decodeParams(dbs::encodeParams(params), false) != params)
		std::abort();
	return 0;
}
