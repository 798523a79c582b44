// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/ControlConnection.h"

#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

namespace restored::os {

namespace asio = boost::asio;

ControlConnection::ControlConnection(Socket socket, ControlPeer peer, Answerer answerer,
				     std::chrono::milliseconds readTimeout, std::chrono::milliseconds writeTimeout)
	: socket_(std::move(socket)), deadline_(socket_.get_executor()), peer_(peer), answerer_(std::move(answerer)),
	  readTimeout_(readTimeout), writeTimeout_(writeTimeout)
{}

void ControlConnection::start()
{
	arm(readTimeout_);
	// The buffer's maximum makes read_until fail with not_found once it is
	// full without a newline: an oversized request is never held whole.
	asio::async_read_until(socket_, asio::dynamic_buffer(in_, maxControlRequestBytes), '\n',
			       [self = shared_from_this()](const boost::system::error_code &ec, std::size_t n) {
				       self->onRead(ec, n);
			       });
}

void ControlConnection::stop()
{
	phase_ = Phase::Done;
	boost::system::error_code ignored;
	deadline_.cancel();
	socket_.close(ignored);
}

void ControlConnection::refuse(Socket &socket, const ControlAnswer &answer)
{
	std::string text = formatControlAnswer(answer);
	[[maybe_unused]] auto sent =
		::send(socket.native_handle(), text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
	boost::system::error_code ignored;
	socket.shutdown(Socket::shutdown_both, ignored);
	socket.close(ignored);
}

void ControlConnection::arm(std::chrono::milliseconds timeout)
{
	deadline_.expires_after(timeout);
	deadline_.async_wait([self = shared_from_this()](const boost::system::error_code &ec) {
		// A deadline moved on (reading -> writing) may still complete
		// without an error: only the current expiry counts.
		if (!ec && self->deadline_.expiry() <= asio::steady_timer::clock_type::now())
			self->onDeadline();
	});
}

void ControlConnection::onDeadline()
{
	if (phase_ == Phase::Reading) {
		spdlog::info("control socket: no complete request from uid {} (pid {}) within {} ms", peer_.uid,
			     peer_.pid, readTimeout_.count());
		reply(ControlAnswer::failure(ControlError::Timeout, "no complete request line within " +
									    std::to_string(readTimeout_.count()) +
									    " ms"));
	} else if (phase_ == Phase::Writing) {
		stop();
	}
}

void ControlConnection::onRead(const boost::system::error_code &ec, std::size_t lineEnd)
{
	if (phase_ != Phase::Reading)
		return; // timed out or stopped meanwhile
	std::string_view line;
	if (!ec) {
		line = std::string_view(in_).substr(0, lineEnd);
	} else if (ec == asio::error::eof && !in_.empty()) {
		line = in_; // the client half-closed after a line without '\n'
	} else if (ec == asio::error::not_found) {
		reply(ControlAnswer::failure(ControlError::TooLarge, "the request is longer than " +
									     std::to_string(maxControlRequestBytes) +
									     " bytes"));
		return;
	} else {
		stop(); // closed without a request, or an I/O error: nobody to answer
		return;
	}
	auto parsed = parseControlRequest(line);
	if (const auto *refused = std::get_if<ControlRequestError>(&parsed)) {
		spdlog::info("control socket: refused a request from uid {} (pid {}): {}", peer_.uid, peer_.pid,
			     refused->message);
		reply(ControlAnswer::failure(refused->error, refused->message));
		return;
	}
	ControlAnswer answer;
	try {
		answer = answerer_(std::get<ControlRequest>(parsed), peer_);
	} catch (const std::exception &e) {
		// The boundary: a failed answer is this client's problem only.
		spdlog::error("control socket: cannot answer uid {} (pid {}): {}", peer_.uid, peer_.pid, e.what());
		answer = ControlAnswer::failure(ControlError::Internal, "the daemon could not answer (see its log)");
	}
	reply(answer);
}

void ControlConnection::reply(const ControlAnswer &answer)
{
	phase_ = Phase::Writing;
	boost::system::error_code ignored;
	socket_.cancel(ignored); // a read still pending (timeout) completes as aborted
	out_ = formatControlAnswer(answer);
	arm(writeTimeout_);
	asio::async_write(socket_, asio::buffer(out_),
			  [self = shared_from_this()](const boost::system::error_code &, std::size_t) {
				  if (self->phase_ != Phase::Writing)
					  return;
				  boost::system::error_code ignored;
				  self->socket_.shutdown(Socket::shutdown_both, ignored);
				  self->stop();
			  });
}

} // namespace restored::os
