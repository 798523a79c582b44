// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "dbs/PercentEncoding.h"
#include "emulator/Fixture.h"

namespace emulator {

// A rejected request, in the gateway's words.
struct AuthFailure {
	int httpStatus = 400;
	std::string code;
	std::string message;
};

// What the authenticator needs from a request. Params are the merged query
// and form body; queryOnly is what a V3 signature covers.
struct SignedCall {
	std::string method;
	dbs::ParamMap params;
	dbs::ParamMap queryOnly;
	std::map<std::string, std::string> headers; // lower-case names
	std::string body;
	bool v3 = false;
};

// Verifies V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256) signatures the way the
// gateway does: key lookup, timestamp within 15 minutes of the real wall
// clock, signature, STS token, nonce reuse. Remembers nonces, so it is
// stateful. Owned by ApiHandler; server thread only.
class Authenticator
{
public:
	static constexpr std::int64_t windowMs = 15 * 60'000;

	explicit Authenticator(const std::vector<AccessKeySpec> &keys);

	// On success returns the AccessKeyId; the nonce is then spent.
	std::variant<std::string, AuthFailure> verify(const SignedCall &call, std::int64_t wallNowMs);

	// "2026-11-22T15:04:05Z" (optionally with .fff) to epoch ms.
	static std::optional<std::int64_t> parseIsoUtc(const std::string &s);

private:
	std::variant<std::string, AuthFailure> verifyV1(const SignedCall &call, std::int64_t wallNowMs);
	std::variant<std::string, AuthFailure> verifyV3(const SignedCall &call, std::int64_t wallNowMs);
	std::optional<AuthFailure> checkCommon(const AccessKeySpec &key, const std::string &timestamp,
					       const std::string &token, std::int64_t wallNowMs) const;
	std::optional<AuthFailure> spendNonce(const std::string &keyId, const std::string &nonce,
					      std::int64_t wallNowMs);

	std::unordered_map<std::string, AccessKeySpec> keys_;
	std::unordered_set<std::string> nonces_;                    // keyId + '\n' + nonce
	std::deque<std::pair<std::int64_t, std::string>> nonceAge_; // for expiry, oldest first
};

} // namespace emulator
