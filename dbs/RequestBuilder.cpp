// SPDX-License-Identifier: Apache-2.0
#include "dbs/RequestBuilder.h"

#include <chrono>

#include "base/Sha256.h"
#include "base/UtcTime.h"
#include "dbs/Acs3Signature.h"
#include "dbs/RpcSignature.h"

namespace dbs {

namespace {

HttpRequest buildV1(const RequestBuilder::Context &ctx, std::string_view action, ParamMap params, std::string ts,
		    std::string_view nonce)
{
	const bool post = ctx.style == SignatureStyle::V1Post;
	params["Action"] = std::string(action);
	params["Version"] = std::string(RequestBuilder::apiVersion);
	params["Format"] = "JSON";
	params["AccessKeyId"] = ctx.credentials.accessKeyId;
	params["SignatureMethod"] = "HMAC-SHA1";
	params["SignatureVersion"] = "1.0";
	params["SignatureNonce"] = std::string(nonce);
	params["Timestamp"] = std::move(ts);
	if (ctx.credentials.securityToken)
		params["SecurityToken"] = std::string(ctx.credentials.securityToken->reveal());
	params.erase("Signature");
	params["Signature"] = rpc::sign(post ? "POST" : "GET", params, ctx.credentials.accessKeySecret.reveal());

	HttpRequest r;
	r.headers = {{"host", ctx.endpoint.hostHeader()},
		     {"x-acs-action", std::string(action)},
		     {"x-acs-version", std::string(RequestBuilder::apiVersion)},
		     {"accept", "application/json"},
		     {"user-agent", ctx.userAgent}};
	if (post) {
		r.method = "POST";
		r.target = "/";
		r.body = encodeParams(params);
		r.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
	} else {
		r.method = "GET";
		r.target = "/?" + encodeParams(params);
	}
	return r;
}

HttpRequest buildV3(const RequestBuilder::Context &ctx, std::string_view action, ParamMap params, std::string ts,
		    std::string_view nonce)
{
	acs3::SignedRequest s;
	s.method = "POST";
	s.query = std::move(params);
	s.headers = {{"host", ctx.endpoint.hostHeader()},
		     {"x-acs-action", std::string(action)},
		     {"x-acs-version", std::string(RequestBuilder::apiVersion)},
		     {"x-acs-date", std::move(ts)},
		     {"x-acs-signature-nonce", std::string(nonce)},
		     {"x-acs-content-sha256", base::sha256Hex(s.body)}};
	if (ctx.credentials.securityToken) {
		s.headers["x-acs-security-token"] = std::string(ctx.credentials.securityToken->reveal());
		s.headers["x-acs-accesskey-id"] = ctx.credentials.accessKeyId;
	}
	std::string auth =
		acs3::authorization(s, ctx.credentials.accessKeyId, ctx.credentials.accessKeySecret.reveal());

	HttpRequest r;
	r.method = s.method;
	std::string query = encodeParams(s.query);
	r.target = query.empty() ? "/" : "/?" + query;
	for (auto &[name, value] : s.headers)
		r.headers.emplace_back(name, value);
	r.headers.emplace_back("authorization", std::move(auth));
	r.headers.emplace_back("accept", "application/json");
	r.headers.emplace_back("user-agent", ctx.userAgent);
	return r;
}

} // namespace

HttpRequest RequestBuilder::build(const Context &ctx, std::string_view action, ParamMap business,
				  std::chrono::system_clock::time_point now, std::string_view nonce)
{
	std::string ts = timestamp(now);
	if (ctx.style == SignatureStyle::V3)
		return buildV3(ctx, action, std::move(business), std::move(ts), nonce);
	return buildV1(ctx, action, std::move(business), std::move(ts), nonce);
}

std::string RequestBuilder::timestamp(std::chrono::system_clock::time_point t)
{
	return base::formatUtc(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

} // namespace dbs
