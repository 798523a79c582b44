// SPDX-License-Identifier: Apache-2.0
#include "dbs/TlsConnection.h"

#include <stdexcept>

#include "dbs/BeastConnection.h"

namespace dbs {

ConnectionFactory makeTlsConnectionFactory(boost::asio::any_io_executor ex, Endpoint endpoint, TransportOptions options)
{
	namespace ssl = boost::asio::ssl;
	auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
	ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
			 ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
	ctx->set_verify_mode(ssl::verify_peer);
	boost::system::error_code ec;
	if (options.useSystemTrustStore) {
		ctx->set_default_verify_paths(ec);
		if (ec)
			throw std::runtime_error("cannot load the system trust store: " + ec.message());
	}
	if (!options.caFile.empty()) {
		ctx->load_verify_file(options.caFile, ec);
		if (ec)
			throw std::runtime_error(options.caFile +
						 ":1:1: expected PEM CA certificates: " + ec.message());
	}
	using Stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
	return [ex, endpoint, options, ctx]() -> std::shared_ptr<HttpConnection> {
		return std::make_shared<beastconn::BeastConnection<Stream>>(ex, endpoint, options, ctx);
	};
}

} // namespace dbs
