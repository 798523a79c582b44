// SPDX-License-Identifier: Apache-2.0
#include "emulator/Authenticator.h"

#include <chrono>
#include <cstdlib>

#include "dbs/Acs3Signature.h"
#include "dbs/RpcSignature.h"

namespace emulator {

namespace {

AuthFailure missing(const std::string &name)
{
	return {400, "MissingParameter",
		"The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied."};
}

AuthFailure mismatch(const std::string &stringToSign)
{
	return {400, "SignatureDoesNotMatch",
		"Specified signature is not matched with our calculation. server string to sign is:" + stringToSign};
}

std::string get(const dbs::ParamMap &m, const std::string &k)
{
	auto it = m.find(k);
	return it == m.end() ? std::string() : it->second;
}

std::string header(const std::map<std::string, std::string> &h, const std::string &k)
{
	auto it = h.find(k);
	return it == h.end() ? std::string() : it->second;
}

// Constant-time compare: the emulator is a test fixture, but a faithful one.
bool sameSecret(const std::string &a, const std::string &b)
{
	if (a.size() != b.size())
		return false;
	unsigned char diff = 0;
	for (std::size_t i = 0; i < a.size(); ++i)
		diff |= static_cast<unsigned char>(a[i] ^ b[i]);
	return diff == 0;
}

struct Acs3Authorization {
	std::string keyId;
	std::vector<std::string> signedHeaders;
	std::string signature;
};

std::optional<Acs3Authorization> parseAuthorization(const std::string &value)
{
	const std::string prefix = "ACS3-HMAC-SHA256 ";
	if (value.rfind(prefix, 0) != 0)
		return std::nullopt;
	Acs3Authorization a;
	std::string rest = value.substr(prefix.size());
	std::size_t pos = 0;
	while (pos <= rest.size()) {
		std::size_t comma = rest.find(',', pos);
		std::string part = rest.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
		while (!part.empty() && part.front() == ' ')
			part.erase(0, 1);
		std::size_t eq = part.find('=');
		if (eq != std::string::npos) {
			std::string k = part.substr(0, eq), v = part.substr(eq + 1);
			if (k == "Credential")
				a.keyId = v;
			else if (k == "Signature")
				a.signature = v;
			else if (k == "SignedHeaders") {
				std::size_t p = 0;
				while (p <= v.size()) {
					std::size_t semi = v.find(';', p);
					a.signedHeaders.push_back(
						v.substr(p, semi == std::string::npos ? std::string::npos : semi - p));
					if (semi == std::string::npos)
						break;
					p = semi + 1;
				}
			}
		}
		if (comma == std::string::npos)
			break;
		pos = comma + 1;
	}
	if (a.keyId.empty() || a.signature.empty() || a.signedHeaders.empty())
		return std::nullopt;
	return a;
}

} // namespace

Authenticator::Authenticator(const std::vector<AccessKeySpec> &keys)
{
	for (const auto &k : keys)
		keys_.emplace(k.id, k);
}

std::optional<std::int64_t> Authenticator::parseIsoUtc(const std::string &s)
{
	// yyyy-MM-ddTHH:mm:ss[.fff]Z
	if (s.size() < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
	    s.back() != 'Z')
		return std::nullopt;
	auto num = [&](std::size_t at, std::size_t len) -> int {
		int n = 0;
		for (std::size_t i = at; i < at + len; ++i) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			n = n * 10 + (s[i] - '0');
		}
		return n;
	};
	int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60)
		return std::nullopt;
	// The fraction is only checked, never summed: a long one overflowed the
	// int (found by fuzz/SignatureFuzz.cpp under UBSan).
	if (s.size() > 20) {
		if (s[19] != '.' || s.size() < 22)
			return std::nullopt;
		for (std::size_t i = 20; i + 1 < s.size(); ++i)
			if (s[i] < '0' || s[i] > '9')
				return std::nullopt;
	}
	using namespace std::chrono;
	year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
	if (!ymd.ok())
		return std::nullopt;
	auto t = sys_days{ymd} + hours{h} + minutes{mi} + seconds{se};
	return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

std::variant<std::string, AuthFailure> Authenticator::verify(const SignedCall &call, std::int64_t wallNowMs)
{
	// Forget nonces that can no longer be replayed: their timestamps would
	// fail the window check anyway (twice the window covers future skew).
	while (!nonceAge_.empty() && nonceAge_.front().first < wallNowMs - 2 * windowMs) {
		nonces_.erase(nonceAge_.front().second);
		nonceAge_.pop_front();
	}
	return call.v3 ? verifyV3(call, wallNowMs) : verifyV1(call, wallNowMs);
}

std::optional<AuthFailure> Authenticator::checkCommon(const AccessKeySpec &key, const std::string &timestamp,
						      const std::string &token, std::int64_t wallNowMs) const
{
	std::optional<std::int64_t> ts = parseIsoUtc(timestamp);
	if (!ts)
		return AuthFailure{400, "InvalidTimeStamp.Format",
				   "Specified time stamp or date value is not well formatted."};
	if (std::llabs(*ts - wallNowMs) > windowMs)
		return AuthFailure{400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."};
	// An empty SecurityToken is what the C++ SDK always sends; it means none.
	if (key.securityToken ? token != *key.securityToken : !token.empty())
		return AuthFailure{400, "InvalidSecurityToken.MismatchWithAccessKey",
				   "Specified SecurityToken mismatch with the AccessKey."};
	return std::nullopt;
}

std::optional<AuthFailure> Authenticator::spendNonce(const std::string &keyId, const std::string &nonce,
						     std::int64_t wallNowMs)
{
	std::string k = keyId + '\n' + nonce;
	if (!nonces_.insert(k).second)
		return AuthFailure{400, "SignatureNonceUsed", "Specified signature nonce was used already."};
	nonceAge_.emplace_back(wallNowMs, std::move(k));
	return std::nullopt;
}

std::variant<std::string, AuthFailure> Authenticator::verifyV1(const SignedCall &call, std::int64_t wallNowMs)
{
	for (const char *name : {"AccessKeyId", "Signature", "SignatureNonce", "Timestamp"})
		if (!call.params.count(name))
			return missing(name);
	const std::string keyId = get(call.params, "AccessKeyId");
	auto key = keys_.find(keyId);
	if (key == keys_.end())
		return AuthFailure{404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."};
	if (auto f = checkCommon(key->second, get(call.params, "Timestamp"), get(call.params, "SecurityToken"),
				 wallNowMs))
		return *f;
	std::string expected = dbs::rpc::sign(call.method, call.params, key->second.secret);
	if (!sameSecret(expected, get(call.params, "Signature")))
		return mismatch(dbs::rpc::stringToSign(call.method, call.params));
	if (auto f = spendNonce(keyId, get(call.params, "SignatureNonce"), wallNowMs))
		return *f;
	return keyId;
}

std::variant<std::string, AuthFailure> Authenticator::verifyV3(const SignedCall &call, std::int64_t wallNowMs)
{
	std::optional<Acs3Authorization> auth = parseAuthorization(header(call.headers, "authorization"));
	if (!auth)
		return AuthFailure{400, "IncompleteSignature",
				   "The request signature does not conform to Aliyun standards."};
	for (const char *name : {"x-acs-date", "x-acs-signature-nonce"})
		if (!call.headers.count(name))
			return missing(name);
	auto key = keys_.find(auth->keyId);
	if (key == keys_.end())
		return AuthFailure{404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."};
	if (auto f = checkCommon(key->second, header(call.headers, "x-acs-date"),
				 header(call.headers, "x-acs-security-token"), wallNowMs))
		return *f;
	dbs::acs3::SignedRequest r;
	r.method = call.method;
	r.query = call.queryOnly;
	r.body = call.body;
	for (const auto &name : auth->signedHeaders) {
		auto it = call.headers.find(name);
		if (it != call.headers.end())
			r.headers.emplace(name, it->second);
	}
	if (!sameSecret(dbs::acs3::signature(r, key->second.secret), auth->signature))
		return mismatch(dbs::acs3::stringToSign(r));
	if (auto f = spendNonce(auth->keyId, header(call.headers, "x-acs-signature-nonce"), wallNowMs))
		return *f;
	return auth->keyId;
}

} // namespace emulator
