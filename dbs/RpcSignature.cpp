// SPDX-License-Identifier: Apache-2.0
#include "dbs/RpcSignature.h"

#include <string>

#include "dbs/Crypto.h"

namespace dbs::rpc {

std::string canonicalQuery(const ParamMap &params)
{
	ParamMap copy = params;
	copy.erase("Signature");
	return encodeParams(copy);
}

std::string stringToSign(std::string_view method, const ParamMap &params)
{
	std::string s(method);
	s += "&%2F&";
	s += percentEncode(canonicalQuery(params));
	return s;
}

std::string sign(std::string_view method, const ParamMap &params, std::string_view accessKeySecret)
{
	std::string key(accessKeySecret);
	key += '&';
	return crypto::base64(crypto::hmacSha1(key, stringToSign(method, params)));
}

} // namespace dbs::rpc
