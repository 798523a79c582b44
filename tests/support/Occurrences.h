// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace testsupport {

// How many times what occurs in text, overlaps included: how the tests of
// generated text (the HTML report, its chart) count the elements they
// expect. Pure.
std::size_t countOccurrences(std::string_view text, std::string_view what);

} // namespace testsupport
