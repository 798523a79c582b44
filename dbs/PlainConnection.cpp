// SPDX-License-Identifier: Apache-2.0
#include "dbs/PlainConnection.h"

#include "dbs/BeastConnection.h"

namespace dbs {

ConnectionFactory makePlainConnectionFactory(boost::asio::any_io_executor ex, Endpoint endpoint,
					     TransportOptions options)
{
	return [ex, endpoint, options]() -> std::shared_ptr<HttpConnection> {
		return std::make_shared<beastconn::BeastConnection<boost::beast::tcp_stream>>(ex, endpoint, options,
											      nullptr);
	};
}

} // namespace dbs
