// Authors as references print them, "Surname Initials", from the ways import formats write
// names: "Badwe, Rajendra A.", "Badwe, R. A.", "Liu R.", "Jean-Pierre" given names.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// The initials of given names: "Rajendra A." -> "RA", "J.-P." -> "JP", "Jean-Pierre" -> "JP",
// "RA" (already initials) -> "RA". Letters beyond ASCII are kept whole ("Élise" -> "É").
std::string initials_of(std::string_view given);

// "Surname Initials" from a surname and given names: ("Badwe", "Rajendra") -> "Badwe R".
// With no given names, the surname alone (a group: "Early Breast Cancer Trialists' Group").
std::string author_name(std::string_view surname, std::string_view given);

// One author as RIS and the like write it: "Badwe, Rajendra" and "Badwe, R." -> "Badwe R";
// "Liu R." and "Badwe RA" (surname then initials) -> "Liu R", "Badwe RA". A name with no
// comma and no trailing initials is kept as written (a group author).
std::string author_from_written(std::string_view written);

}  // namespace kb
