// SPDX-License-Identifier: Apache-2.0
#include "tests/emulator/TlsProbe.h"

#include <memory>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "tests/support/RawHttp.h"

namespace emutest {

namespace {

std::runtime_error sslError(const std::string &what)
{
	char buf[256] = "";
	ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
	return std::runtime_error(what + ": " + buf);
}

} // namespace

std::string tlsGet(int port, const std::string &path, const std::string &caFile, std::chrono::milliseconds timeout)
{
	std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()), SSL_CTX_free);
	if (!ctx || SSL_CTX_load_verify_locations(ctx.get(), caFile.c_str(), nullptr) != 1)
		throw sslError("loading the CA file");
	SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);

	int fd = testsupport::connectLoopback(port);
	timeval tv{static_cast<time_t>(timeout.count() / 1000),
		   static_cast<suseconds_t>((timeout.count() % 1000) * 1000)};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), SSL_free);
	SSL_set_fd(ssl.get(), fd);
	X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), "127.0.0.1");
	std::string out;
	try {
		if (SSL_connect(ssl.get()) != 1)
			throw sslError("TLS handshake");
		std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
		if (SSL_write(ssl.get(), req.data(), static_cast<int>(req.size())) <= 0)
			throw sslError("TLS write");
		char buf[16384];
		for (int i = 0; i < 10'000; ++i) { // bounded: a reply is far smaller
			int n = SSL_read(ssl.get(), buf, sizeof buf);
			if (n <= 0)
				break;
			out.append(buf, static_cast<std::size_t>(n));
		}
	} catch (...) {
		close(fd);
		throw;
	}
	close(fd);
	return out;
}

} // namespace emutest
