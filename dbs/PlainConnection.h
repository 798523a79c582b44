// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "dbs/HttpConnection.h"

namespace dbs {

// Factory of plain-HTTP connections (only for a loopback endpoint, see
// Endpoint::parse). Called once by HttpTransport on its constructing thread.
ConnectionFactory makePlainConnectionFactory(boost::asio::any_io_executor ex, Endpoint endpoint,
					     TransportOptions options);

} // namespace dbs
