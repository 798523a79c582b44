// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace config {

// An enum's names for the text formats, in one table per enum, so that a
// name cannot be added for one direction only:
//   constexpr std::array<std::pair<Color, std::string_view>, 2> colorNames{{...}};
//   nameOf(colorNames, c) / valueOf(colorNames, "red") / namesOf(colorNames). Pure.
template<class Enum, std::size_t N>
constexpr std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N> &names, Enum value)
{
	for (const auto &[v, name] : names)
		if (v == value)
			return name;
	return "unknown";
}

template<class Enum, std::size_t N>
constexpr std::optional<Enum> valueOf(const std::array<std::pair<Enum, std::string_view>, N> &names,
				      std::string_view name)
{
	for (const auto &[v, n] : names)
		if (n == name)
			return v;
	return std::nullopt;
}

// The names alone, in table order: the "one of: ..." of an error message.
template<class Enum, std::size_t N>
constexpr std::array<std::string_view, N> namesOf(const std::array<std::pair<Enum, std::string_view>, N> &names)
{
	std::array<std::string_view, N> out{};
	for (std::size_t i = 0; i < N; ++i)
		out[i] = names[i].second;
	return out;
}

} // namespace config
