// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace restored::os {

enum class HookStream { Stdout, Stderr };

// Cuts a hook's stdout and stderr into lines, within two bounds: a line
// longer than maxLineBytes is cut there (the rest of it is dropped), and
// once maxTotalBytes have been handed out every later byte is dropped and
// only counted. A hook that prints without end therefore costs the daemon
// a bounded amount of journal, while the pipes are still drained so the
// hook never blocks on a full pipe. Pure; one per hook run, owned by its
// HookRunner (single-threaded).
class HookOutput
{
public:
	struct Line {
		HookStream stream = HookStream::Stdout;
		std::string text;       // without the newline; raw bytes (the logger escapes them)
		bool truncated = false; // the line was longer than maxLineBytes
	};

	HookOutput(std::size_t maxLineBytes, std::size_t maxTotalBytes);

	// The lines that `bytes`, read from `stream`, complete.
	std::vector<Line> feed(HookStream stream, std::string_view bytes);
	// At the end of `stream`: its last line when it did not end in a newline.
	std::optional<Line> finish(HookStream stream);
	// Bytes not handed out because of either bound (newlines included).
	std::uint64_t droppedBytes() const { return dropped_; }

private:
	struct Partial {
		std::string text;
		bool cut = false; // over maxLineBytes: dropping up to the next newline
	};

	std::optional<Line> emit(HookStream stream, Partial &p, bool newline);

	std::size_t maxLineBytes_;
	std::size_t budget_; // bytes that may still be handed out
	std::uint64_t dropped_ = 0;
	std::array<Partial, 2> partial_;
};

} // namespace restored::os
