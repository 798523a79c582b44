// SPDX-License-Identifier: Apache-2.0
#include "tests/emulator/SignedRequests.h"

#include <chrono>

#include <boost/json/parse.hpp>

#include "base/Sha256.h"
#include "dbs/Acs3Signature.h"
#include "dbs/RpcSignature.h"

namespace emutest {

namespace {

std::string nextNonce()
{
	static std::uint64_t n = 0;
	return "test-nonce-" + std::to_string(++n);
}

} // namespace

std::string toString(Style s)
{
	switch (s) {
	case Style::V1Get: return "V1Get";
	case Style::V1Post: return "V1Post";
	case Style::V3: return "V3";
	}
	return "?";
}

std::string isoUtc(std::int64_t ms)
{
	using namespace std::chrono;
	sys_seconds t{seconds{ms / 1000}};
	auto days = floor<std::chrono::days>(t);
	year_month_day ymd{days};
	hh_mm_ss hms{t - days};
	char buf[32];
	std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(ymd.year()),
		      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
		      static_cast<long>(hms.hours().count()), static_cast<long>(hms.minutes().count()),
		      static_cast<long>(hms.seconds().count()));
	return buf;
}

emulator::HttpRequest signedRequest(Style style, const std::string &action, const dbs::ParamMap &business,
				    const Signer &signer, std::int64_t wallMs, CallOptions o)
{
	const std::string nonce = o.nonce.empty() ? nextNonce() : o.nonce;
	const std::string ts = isoUtc(o.timestampMs.value_or(wallMs));
	emulator::HttpRequest r;
	r.headers["host"] = o.host;
	if (style == Style::V3) {
		dbs::acs3::SignedRequest s;
		s.method = "POST";
		s.query = business;
		s.headers = {{"host", o.host},
			     {"x-acs-action", action},
			     {"x-acs-version", o.version},
			     {"x-acs-date", ts},
			     {"x-acs-signature-nonce", nonce},
			     {"x-acs-content-sha256", base::sha256Hex("")}};
		if (signer.securityToken)
			s.headers["x-acs-security-token"] = *signer.securityToken;
		r.method = "POST";
		r.target = "/?" + dbs::encodeParams(business);
		for (const auto &[k, v] : s.headers)
			r.headers[k] = v;
		r.headers["authorization"] = dbs::acs3::authorization(s, signer.keyId, signer.secret);
		return r;
	}
	dbs::ParamMap p = business;
	p["Action"] = action;
	p["Version"] = o.version;
	p["Format"] = "JSON";
	p["AccessKeyId"] = signer.keyId;
	p["SignatureMethod"] = "HMAC-SHA1";
	p["SignatureVersion"] = "1.0";
	p["SignatureNonce"] = nonce;
	p["Timestamp"] = ts;
	if (signer.securityToken)
		p["SecurityToken"] = *signer.securityToken;
	r.method = style == Style::V1Get ? "GET" : "POST";
	p["Signature"] = dbs::rpc::sign(r.method, p, signer.secret);
	if (style == Style::V1Get) {
		r.target = "/?" + dbs::encodeParams(p);
	} else {
		r.target = "/";
		r.headers["content-type"] = "application/x-www-form-urlencoded";
		r.body = dbs::encodeParams(p);
	}
	return r;
}

std::string toWire(const emulator::HttpRequest &r)
{
	std::string out = r.method + " " + r.target + " HTTP/1.1\r\n";
	for (const auto &[k, v] : r.headers)
		out += k + ": " + v + "\r\n";
	out += "content-length: " + std::to_string(r.body.size()) + "\r\n";
	out += "connection: close\r\n\r\n";
	out += r.body;
	return out;
}

boost::json::value parseJson(const std::string &body) { return boost::json::parse(body); }

} // namespace emutest
