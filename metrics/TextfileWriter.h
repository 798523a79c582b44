// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace metrics {

// Keeps one node_exporter textfile (`*.prom`) up to date, by its
// collector's rules: the text goes to NAME.$$ (this process's pid) in the
// same directory and is renamed over NAME, so node_exporter never reads
// half a file. A write happens only when the text changed, and at most once
// per `minInterval`: a daemon that changes every second still costs the
// disk one rename every few seconds. The file is mode 0644 whatever the
// umask (the unit's is 0077), since node_exporter runs as another user;
// metrics hold no secret.
//
// Owned by the daemon's MetricsService; used only on its io_context thread.
// The clock is injected so the spacing is tested without waiting.
class TextfileWriter
{
public:
	using Clock = std::function<std::chrono::steady_clock::time_point()>;

	enum class Result { Written, Unchanged, TooSoon, Failed };

	TextfileWriter(std::filesystem::path path, std::chrono::milliseconds minInterval, Clock now);

	// Offers the current text. `force` (at shutdown) ignores the interval
	// but not the comparison. On Failed, error() says why (errno text with
	// the path); the next offer tries again.
	Result offer(const std::string &text, bool force = false);
	const std::string &error() const { return error_; }
	// A changed text is waiting for the interval to pass.
	bool pending() const { return pending_; }
	const std::filesystem::path &path() const { return path_; }

private:
	bool write(const std::string &text);

	std::filesystem::path path_;
	std::chrono::milliseconds minInterval_;
	Clock now_;
	// A hash, not a copy: at 10,000 jobs the text is tens of megabytes.
	std::optional<std::size_t> writtenHash_;
	std::optional<std::chrono::steady_clock::time_point> writtenAt_;
	bool pending_ = false;
	std::string error_;
};

} // namespace metrics
