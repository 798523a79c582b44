// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace dbstest {

// Writes a fresh EC P-256 self-signed certificate and its key (PEM) made
// with the OpenSSL 3 API, for TLS tests against the emulator. subjectAltName
// is e.g. "DNS:localhost,IP:127.0.0.1". Throws std::runtime_error on failure.
void writeSelfSignedCert(const std::string &certPath, const std::string &keyPath, const std::string &subjectAltName);

} // namespace dbstest
