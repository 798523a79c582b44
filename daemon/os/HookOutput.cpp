// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/HookOutput.h"

#include <cassert>

namespace restored::os {

HookOutput::HookOutput(std::size_t maxLineBytes, std::size_t maxTotalBytes)
	: maxLineBytes_(maxLineBytes), budget_(maxTotalBytes)
{
	assert(maxLineBytes > 0);
}

std::optional<HookOutput::Line> HookOutput::emit(HookStream stream, Partial &p, bool newline)
{
	Line line{stream, std::move(p.text), p.cut};
	p = {};
	// The newline counts too, so an endless run of empty lines is bounded as well.
	std::size_t cost = line.text.size() + (newline ? 1 : 0);
	if (cost > budget_) {
		dropped_ += cost;
		budget_ = 0; // later, shorter lines would otherwise appear out of context
		return std::nullopt;
	}
	budget_ -= cost;
	return line;
}

std::vector<HookOutput::Line> HookOutput::feed(HookStream stream, std::string_view bytes)
{
	std::vector<Line> lines;
	Partial &p = partial_[stream == HookStream::Stdout ? 0 : 1];
	while (!bytes.empty()) {
		std::size_t nl = bytes.find('\n');
		std::string_view chunk = bytes.substr(0, nl);
		std::size_t room = maxLineBytes_ - p.text.size();
		if (chunk.size() > room) {
			dropped_ += chunk.size() - room;
			chunk = chunk.substr(0, room);
			p.cut = true;
		}
		p.text.append(chunk);
		if (nl == std::string_view::npos)
			break;
		if (auto line = emit(stream, p, true))
			lines.push_back(std::move(*line));
		bytes.remove_prefix(nl + 1);
	}
	return lines;
}

std::optional<HookOutput::Line> HookOutput::finish(HookStream stream)
{
	Partial &p = partial_[stream == HookStream::Stdout ? 0 : 1];
	if (p.text.empty() && !p.cut)
		return std::nullopt;
	return emit(stream, p, false);
}

} // namespace restored::os
