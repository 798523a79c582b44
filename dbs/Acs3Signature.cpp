// SPDX-License-Identifier: Apache-2.0
#include "dbs/Acs3Signature.h"

#include <algorithm>
#include <vector>

#include "base/Hex.h"
#include "base/Sha256.h"
#include "base/Strings.h"
#include "dbs/Crypto.h"

namespace dbs::acs3 {

namespace {

constexpr std::string_view algorithm = "ACS3-HMAC-SHA256";

bool isSigned(std::string_view lowerName)
{
	return lowerName == "host" || lowerName == "content-type" || lowerName.starts_with("x-acs-");
}

// Sorted (lower-case name, trimmed value) pairs of the signed headers. The
// header map is documented as lower-case already; lowering again keeps a
// caller's slip from producing a signature the server cannot reproduce.
std::vector<std::pair<std::string, std::string>> signedPairs(const SignedRequest &r)
{
	std::vector<std::pair<std::string, std::string>> out;
	for (const auto &[name, value] : r.headers) {
		std::string n = base::lower(name);
		if (isSigned(n))
			out.emplace_back(std::move(n), std::string(base::trim(value)));
	}
	std::sort(out.begin(), out.end());
	return out;
}

} // namespace

std::string signedHeaders(const SignedRequest &r)
{
	std::string out;
	for (const auto &[name, value] : signedPairs(r)) {
		if (!out.empty())
			out += ';';
		out += name;
	}
	return out;
}

std::string canonicalRequest(const SignedRequest &r)
{
	std::string out = r.method;
	out += '\n';
	out += r.canonicalUri;
	out += '\n';
	out += encodeParams(r.query);
	out += '\n';
	for (const auto &[name, value] : signedPairs(r)) {
		out += name;
		out += ':';
		out += value;
		out += '\n';
	}
	out += '\n';
	out += signedHeaders(r);
	out += '\n';
	out += base::sha256Hex(r.body);
	return out;
}

std::string hashedCanonicalRequest(const SignedRequest &r) { return base::sha256Hex(canonicalRequest(r)); }

std::string stringToSign(const SignedRequest &r)
{
	std::string out(algorithm);
	out += '\n';
	out += hashedCanonicalRequest(r);
	return out;
}

std::string signature(const SignedRequest &r, std::string_view accessKeySecret)
{
	return base::hexLower(crypto::hmacSha256(accessKeySecret, stringToSign(r)));
}

std::string authorization(const SignedRequest &r, std::string_view accessKeyId, std::string_view accessKeySecret)
{
	std::string out(algorithm);
	out += " Credential=";
	out += accessKeyId;
	out += ",SignedHeaders=";
	out += signedHeaders(r);
	out += ",Signature=";
	out += signature(r, accessKeySecret);
	return out;
}

} // namespace dbs::acs3
