// SPDX-License-Identifier: Apache-2.0
#include "emulator/IdempotencyCache.h"

#include <array>
#include <string_view>

#include "base/Sha256.h"

namespace emulator {

namespace {

constexpr std::array<std::string_view, 13> commonParams{"AccessKeyId",    "Action",           "ClientToken",
							"Format",         "OwnerId",          "RegionId",
							"SecurityToken",  "Signature",        "SignatureMethod",
							"SignatureNonce", "SignatureVersion", "Timestamp",
							"Version"};

std::string key(const std::string &keyId, const std::string &action, const std::string &token)
{
	return keyId + '\n' + action + '\n' + token;
}

} // namespace

std::string IdempotencyCache::fingerprint(const dbs::ParamMap &params)
{
	dbs::ParamMap business = params;
	for (auto name : commonParams)
		business.erase(std::string(name));
	return base::sha256Hex(dbs::encodeParams(business));
}

std::optional<std::variant<HttpResponse, IdempotencyCache::Mismatch>>
IdempotencyCache::lookup(const std::string &keyId, const std::string &action, const std::string &token,
			 const std::string &fp, std::int64_t wallNowMs) const
{
	auto it = entries_.find(key(keyId, action, token));
	if (it == entries_.end() || (ttlMs_ && wallNowMs - it->second.wallMs >= *ttlMs_))
		return std::nullopt;
	if (it->second.fingerprint != fp)
		return Mismatch{};
	return it->second.response;
}

void IdempotencyCache::remember(const std::string &keyId, const std::string &action, const std::string &token,
				const std::string &fp, const HttpResponse &response, std::int64_t wallNowMs)
{
	entries_.insert_or_assign(key(keyId, action, token), Entry{fp, response, wallNowMs});
}

} // namespace emulator
