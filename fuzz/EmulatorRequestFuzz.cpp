// SPDX-License-Identifier: Apache-2.0
// One request to the emulator's pure handler: method and target lines,
// "name: value" headers up to an empty line, then the body. When the first
// byte is '!', the query is re-signed (V1) with the fixture's key, so the
// fuzzer gets past the signature check into the actions.
#include "fuzz/FuzzInput.h"

#include <string>

#include "dbs/PercentEncoding.h"
#include "dbs/RpcSignature.h"
#include "emulator/ApiHandler.h"
#include "emulator/Fixture.h"
#include "tests/emulator/TestFixture.h"

namespace {

constexpr std::int64_t wallNowMs = 1'795'996'800'000; // 2026-11-30T00:00:00Z

std::string resign(const std::string &method, const std::string &target)
{
	auto q = target.find('?');
	auto params = dbs::decodeParams(
		q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1), false);
	params.erase("Signature");
	params["AccessKeyId"] = fuzz::accessKeyId;
	params["Timestamp"] = "2026-11-30T00:00:00Z";
	params.emplace("SignatureMethod", "HMAC-SHA1");
	params.emplace("SignatureVersion", "1.0");
	params.emplace("SignatureNonce", "fuzz-nonce");
	params["Signature"] = dbs::rpc::sign(method, params, fuzz::accessKeySecret);
	return "/?" + dbs::encodeParams(params);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	static const emulator::Fixture fixture = emulator::parseFixture(emutest::testFixtureYaml, "fuzz-fixture.yaml");
	std::string_view in = fuzz::asText(data, size);
	bool sign = !in.empty() && in.front() == '!';
	if (sign)
		in.remove_prefix(1);
	emulator::HttpRequest request;
	request.method = std::string(fuzz::takeField(in));
	request.target = std::string(fuzz::takeField(in));
	request.headers = fuzz::takeHeaders(in);
	request.body = std::string(in);
	if (sign)
		request.target = resign(request.method, request.target);
	emulator::EmulatorOptions options;
	options.wallStartMs = wallNowMs;
	emulator::ApiHandler handler(fixture, options);
	(void)handler.handle(request, wallNowMs);
	// A second call reaches the idempotency cache and the nonce check.
	(void)handler.handle(request, wallNowMs + 1000);
	return 0;
}
