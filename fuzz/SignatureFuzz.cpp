// SPDX-License-Identifier: Apache-2.0
// The emulator's signature verification, fed directly: byte 0 picks V1 or
// V3, then the method line, "name: value" header lines up to an empty line,
// the query string line, and the body.
#include "fuzz/FuzzInput.h"

#include "dbs/PercentEncoding.h"
#include "emulator/Authenticator.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	static const std::vector<emulator::AccessKeySpec> keys{
		{fuzz::accessKeyId, fuzz::accessKeySecret, std::nullopt},
		{"STSkey", "sts-secret", std::string("sts-token-value")},
	};
	std::string_view in = fuzz::asText(data, size);
	if (in.empty())
		return 0;
	emulator::SignedCall call;
	call.v3 = in.front() & 1;
	in.remove_prefix(1);
	call.method = std::string(fuzz::takeField(in));
	call.headers = fuzz::takeHeaders(in);
	call.queryOnly = dbs::decodeParams(fuzz::takeField(in), false);
	call.params = call.queryOnly;
	call.body = std::string(in);
	emulator::Authenticator auth(keys);
	(void)auth.verify(call, 1'795'996'800'000);
	if (auto ts = call.params.find("Timestamp"); ts != call.params.end())
		(void)emulator::Authenticator::parseIsoUtc(ts->second);
	return 0;
}
