// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "dbs/HttpConnection.h"

namespace dbs {

// Factory of HTTPS connections: TLS 1.2+, verify_peer, host name
// verification and SNI against the system trust store plus options.caFile.
// Throws std::runtime_error naming the CA file when it cannot be loaded (a
// startup error). Called once by HttpTransport on its constructing thread.
ConnectionFactory makeTlsConnectionFactory(boost::asio::any_io_executor ex, Endpoint endpoint,
					   TransportOptions options);

} // namespace dbs
