// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <variant>

#include "dbs/PercentEncoding.h"
#include "emulator/HttpMessage.h"

namespace emulator {

// ClientToken idempotency: (AccessKeyId, Action, ClientToken) maps to the
// first successful response and a fingerprint of the business parameters.
// Only successes are cached, so a retry after an error runs again. The
// service's token lifetime is undocumented: entries live for the dialect's
// token_ttl of wall time (by default for ever). Owned by ApiHandler; server
// thread only.
class IdempotencyCache
{
public:
	struct Mismatch {};

	// The parameters that define "the same request": everything but the
	// signature and common parameters (those change on every retry).
	static std::string fingerprint(const dbs::ParamMap &params);

	explicit IdempotencyCache(std::optional<std::int64_t> ttlMs = std::nullopt) : ttlMs_(ttlMs) {}

	// nullopt: not seen (or expired); HttpResponse: replay it; Mismatch:
	// same token, different parameters.
	std::optional<std::variant<HttpResponse, Mismatch>> lookup(const std::string &keyId, const std::string &action,
								   const std::string &token,
								   const std::string &fingerprint,
								   std::int64_t wallNowMs) const;
	// Replaces an expired entry of the same token.
	void remember(const std::string &keyId, const std::string &action, const std::string &token,
		      const std::string &fingerprint, const HttpResponse &response, std::int64_t wallNowMs);

private:
	struct Entry {
		std::string fingerprint; // a digest: may cover a password, never stored in clear
		HttpResponse response;
		std::int64_t wallMs = 0; // when it was remembered
	};
	std::optional<std::int64_t> ttlMs_;
	std::unordered_map<std::string, Entry> entries_;
};

} // namespace emulator
