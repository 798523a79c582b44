// SPDX-License-Identifier: Apache-2.0
// Replays a corpus through one target without libFuzzer: the regression
// test CI runs under ASan+UBSan (gcc), no new inputs generated. Arguments
// are files or directories (every regular file inside, in name order).
#include "fuzz/FuzzInput.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "base/ReadFile.h"

int main(int argc, char **argv)
{
	namespace fs = std::filesystem;
	std::vector<fs::path> inputs;
	for (int i = 1; i < argc; ++i) {
		if (fs::is_directory(argv[i])) {
			for (const auto &e : fs::directory_iterator(argv[i]))
				if (e.is_regular_file())
					inputs.push_back(e.path());
		} else {
			inputs.emplace_back(argv[i]);
		}
	}
	std::sort(inputs.begin(), inputs.end());
	if (inputs.empty()) {
		std::fprintf(stderr, "no corpus files given\n");
		return 1;
	}
	for (const auto &p : inputs) {
		auto read = base::readFile(p);
		if (!std::holds_alternative<std::string>(read)) {
			std::fprintf(stderr, "cannot read %s\n", p.c_str());
			return 1;
		}
		const std::string &bytes = std::get<std::string>(read);
		LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
	}
	std::printf("replayed %zu inputs\n", inputs.size());
	return 0;
}
