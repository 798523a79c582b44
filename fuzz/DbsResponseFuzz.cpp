// SPDX-License-Identifier: Apache-2.0
// An HTTP answer from the network to the typed DBS responses and the
// classified errors. Input: byte 0 picks the parser, byte 1 the status,
// then "name: value" header lines up to an empty line, then the body.
#include "fuzz/FuzzInput.h"

#include <array>

#include "dbs/ErrorParser.h"
#include "dbs/ResponseParser.h"

namespace {

dbs::HttpResponse responseFrom(std::string_view in)
{
	static constexpr std::array statuses{200, 200, 200, 400, 403, 404, 409, 429, 500, 502, 503, 504, 302, 0, 999};
	dbs::HttpResponse r;
	r.status = statuses[static_cast<unsigned char>(in.empty() ? 0 : in[0]) % statuses.size()];
	in.remove_prefix(in.empty() ? 0 : 1);
	r.headers = fuzz::takeHeaders(in);
	r.body = std::string(in);
	return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	if (size < 1)
		return 0;
	std::string_view in = fuzz::asText(data, size);
	int which = static_cast<unsigned char>(in[0]) % 8;
	dbs::HttpResponse r = responseFrom(in.substr(1));
	using P = dbs::ResponseParser;
	switch (which) {
	case 0: (void)P::startBackupPlan(r); break;
	case 1: (void)P::startRestoreTask(r); break;
	case 2: (void)P::createRestoreTask(r); break;
	case 3: (void)P::describeRestoreTaskList(r); break;
	case 4: (void)P::describeFullBackupList(r); break;
	case 5: (void)P::describeJobErrorCode(r); break;
	case 6: (void)dbs::ErrorParser::fromHttpError(r); break;
	default: (void)dbs::ErrorParser::retryAfter(r.headers); break;
	}
	return 0;
}
