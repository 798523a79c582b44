// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "dbs/Endpoint.h"
#include "dbs/TransportOptions.h"

namespace restored::probe {

// The TLS version an https endpoint negotiates ("TLSv1.3"), from one
// handshake of its own (no request is sent: it is not an API call), with
// the transport's trust settings and connect timeout. The pooled
// connections do not expose their session, and this keeps Beast out of
// the probe. Never throws: "unknown (why)" when the handshake fails.
// Blocking; called once by the --probe run before its calls.
std::string tlsVersion(const dbs::Endpoint &endpoint, const dbs::TransportOptions &options);

} // namespace restored::probe
