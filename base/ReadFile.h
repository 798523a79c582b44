// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>

namespace base {

// Why readFile() gave no text. The caller words it: each reader has its own
// message, and a config reader must say more than a state-file loader. A
// plain value, returned to the calling thread.
struct ReadFailure {
	enum class Kind {
		Open,       // open() failed; err says why
		NotRegular, // a directory, FIFO, socket or device; mode says which
		TooLarge,   // over maxBytes; size is what was found (fstat, or maxBytes + 1)
		Read,       // read() failed; err says why
	};
	Kind kind = Kind::Open;
	int err = 0;
	unsigned mode = 0; // st_mode
	std::size_t size = 0;
};

// Reads the whole regular file at path, from the calling thread, blocking
// only on the disk. With maxBytes, a file larger than that is refused from
// its fstat() size before a byte is read, and no more than maxBytes + 1
// bytes are ever read, so a file that grows meanwhile cannot blow the cap.
// A FIFO or device is refused without waiting for a writer.
std::variant<std::string, ReadFailure> readFile(const std::filesystem::path &path,
						std::optional<std::size_t> maxBytes = std::nullopt);

} // namespace base
