// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "daemon/os/ControlHandler.h"
#include "daemon/os/ControlProtocol.h"

namespace restored::os {

// One accepted, authorised control connection: reads one request line
// (at most maxControlRequestBytes, within readTimeout), answers it through
// `answerer` and closes, the answer bounded by writeTimeout.
//
// Owned by its own pending operations (shared_from_this); the ControlServer
// keeps a weak reference to stop it. Runs on the socket's executor, which
// must be one thread. `answerer` is never called after stop().
class ControlConnection : public std::enable_shared_from_this<ControlConnection>
{
public:
	using Socket = boost::asio::local::stream_protocol::socket;
	using Answerer = std::function<ControlAnswer(const ControlRequest &, const ControlPeer &)>;

	ControlConnection(Socket socket, ControlPeer peer, Answerer answerer, std::chrono::milliseconds readTimeout,
			  std::chrono::milliseconds writeTimeout);

	void start();
	// Closes the connection without an answer (the daemon is stopping).
	void stop();

	// Answers a peer that is not served at all (refused, busy) and closes.
	// The send does not wait: a short answer fits a fresh socket's buffer,
	// and a peer that made it not fit gets nothing.
	static void refuse(Socket &socket, const ControlAnswer &answer);

private:
	enum class Phase { Reading, Writing, Done };

	void onRead(const boost::system::error_code &ec, std::size_t lineEnd);
	void onDeadline();
	void reply(const ControlAnswer &answer);
	void arm(std::chrono::milliseconds timeout);

	Socket socket_;
	boost::asio::steady_timer deadline_;
	ControlPeer peer_;
	Answerer answerer_;
	std::chrono::milliseconds readTimeout_;
	std::chrono::milliseconds writeTimeout_;
	Phase phase_ = Phase::Reading;
	std::string in_;
	std::string out_;
};

} // namespace restored::os
