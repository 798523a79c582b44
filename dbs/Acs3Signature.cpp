// SPDX-License-Identifier: Apache-2.0
#include "dbs/Acs3Signature.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "dbs/Crypto.h"

namespace dbs::acs3 {

namespace {

constexpr std::string_view algorithm = "ACS3-HMAC-SHA256";

std::string lower(std::string_view s)
{
	std::string out(s);
	std::transform(out.begin(), out.end(), out.begin(),
		       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
	return out;
}

std::string_view trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
		s.remove_suffix(1);
	return s;
}

bool isSigned(std::string_view lowerName)
{
	return lowerName == "host" || lowerName == "content-type" ||
	       lowerName.substr(0, 6) == "x-acs-";
}

// Sorted (lower-case name, trimmed value) pairs of the signed headers. The
// header map is documented as lower-case already; lowering again keeps a
// caller's slip from producing a signature the server cannot reproduce.
std::vector<std::pair<std::string, std::string>> signedPairs(const SignedRequest &r)
{
	std::vector<std::pair<std::string, std::string>> out;
	for (const auto &[name, value] : r.headers) {
		std::string n = lower(name);
		if (isSigned(n))
			out.emplace_back(std::move(n), std::string(trim(value)));
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
	out += sha256Hex(r.body);
	return out;
}

std::string hashedCanonicalRequest(const SignedRequest &r)
{
	return sha256Hex(canonicalRequest(r));
}

std::string stringToSign(const SignedRequest &r)
{
	std::string out(algorithm);
	out += '\n';
	out += hashedCanonicalRequest(r);
	return out;
}

std::string signature(const SignedRequest &r, std::string_view accessKeySecret)
{
	return crypto::hexLower(crypto::hmacSha256(accessKeySecret, stringToSign(r)));
}

std::string authorization(const SignedRequest &r, std::string_view accessKeyId,
			  std::string_view accessKeySecret)
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

std::string sha256Hex(std::string_view data)
{
	return crypto::hexLower(crypto::sha256(data));
}

} // namespace dbs::acs3
