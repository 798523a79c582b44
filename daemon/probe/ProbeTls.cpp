// SPDX-License-Identifier: Apache-2.0
#include "daemon/probe/ProbeTls.h"

#include <memory>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/Fd.h"

namespace restored::probe {

namespace {

// Non-blocking connect bounded by `ms`; the socket stays non-blocking so
// that the handshake's waits are bounded by poll() too.
bool connectWithin(base::Fd &s, const addrinfo *ai, int ms)
{
	s.reset(::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol));
	if (!s.valid())
		return false;
	if (::connect(s.get(), ai->ai_addr, ai->ai_addrlen) != 0) {
		pollfd p{s.get(), POLLOUT, 0};
		int err = 0;
		socklen_t len = sizeof err;
		if (::poll(&p, 1, ms) != 1 || ::getsockopt(s.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0)
			return false;
	}
	return true;
}

std::string sslError()
{
	unsigned long e = ERR_get_error();
	if (!e)
		return "handshake failed";
	char buf[256];
	ERR_error_string_n(e, buf, sizeof buf);
	return buf;
}

} // namespace

std::string tlsVersion(const dbs::Endpoint &endpoint, const dbs::TransportOptions &options)
{
	addrinfo hints{};
	hints.ai_socktype = SOCK_STREAM;
	addrinfo *found = nullptr;
	if (::getaddrinfo(endpoint.host.c_str(), std::to_string(endpoint.port).c_str(), &hints, &found) != 0 || !found)
		return "unknown (the host name does not resolve)";
	std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
	const int ms = static_cast<int>(options.connectTimeout.count());
	base::Fd s;
	if (!connectWithin(s, list.get(), ms))
		return "unknown (no TCP connection)";
	std::unique_ptr<SSL_CTX, decltype(&::SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), &::SSL_CTX_free);
	if (!ctx)
		return "unknown (" + sslError() + ")";
	if (options.useSystemTrustStore)
		SSL_CTX_set_default_verify_paths(ctx.get());
	if (!options.caFile.empty() && SSL_CTX_load_verify_locations(ctx.get(), options.caFile.c_str(), nullptr) != 1)
		return "unknown (the CA file cannot be read)";
	SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
	std::unique_ptr<SSL, decltype(&::SSL_free)> ssl(SSL_new(ctx.get()), &::SSL_free);
	if (!ssl)
		return "unknown (" + sslError() + ")";
	SSL_set_tlsext_host_name(ssl.get(), endpoint.host.c_str());
	SSL_set1_host(ssl.get(), endpoint.host.c_str());
	SSL_set_fd(ssl.get(), s.get());
	// SSL_connect on a non-blocking socket: wait for readiness, bounded.
	for (int rounds = 0; rounds < 100; ++rounds) {
		int rc = SSL_connect(ssl.get());
		if (rc == 1) {
			std::string version = SSL_get_version(ssl.get());
			SSL_shutdown(ssl.get());
			return version;
		}
		int want = SSL_get_error(ssl.get(), rc);
		if (want != SSL_ERROR_WANT_READ && want != SSL_ERROR_WANT_WRITE)
			return "unknown (" + sslError() + ")";
		pollfd p{s.get(), static_cast<short>(want == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), 0};
		if (::poll(&p, 1, ms) != 1)
			return "unknown (the handshake timed out)";
	}
	return "unknown (the handshake did not finish)";
}

} // namespace restored::probe
