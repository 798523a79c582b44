// SPDX-License-Identifier: Apache-2.0
#include "daemon/ClientOptions.h"

namespace restored {

dbs::DbsClientOptions clientOptions(const config::MainConfig &c, dbs::Credentials credentials)
{
	dbs::DbsClientOptions o;
	o.endpoint = c.api.endpoint;
	o.region = c.api.region;
	o.credentials = std::move(credentials);
	switch (c.api.signature) {
	case config::ApiConfig::Signature::V3: o.signatureStyle = dbs::SignatureStyle::V3; break;
	case config::ApiConfig::Signature::V1Get: o.signatureStyle = dbs::SignatureStyle::V1Get; break;
	case config::ApiConfig::Signature::V1Post: o.signatureStyle = dbs::SignatureStyle::V1Post; break;
	}
	o.transport.connectTimeout = c.api.timeouts.connect;
	o.transport.readTimeout = c.api.timeouts.read;
	o.transport.totalTimeout = c.api.timeouts.total;
	o.transport.caFile = c.api.caFile;
	o.transport.maxQueued = 1000000; // the rate limiter is the real bound
	return o;
}

dbs::Endpoint endpointOf(const dbs::DbsClientOptions &o)
{
	return o.endpoint.empty() ? dbs::Endpoint::forRegion(o.region) : dbs::Endpoint::parse(o.endpoint);
}

} // namespace restored
