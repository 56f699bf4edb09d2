// Somtoday's free-text onderwijssoort → the roster's level vocabulary.
#pragma once

#include <string>

namespace somtoday {

// One of vmbo-bb, vmbo-kb, vmbo-gl, vmbo-tl, havo, vwo, isk, pro, or "other" when the text is
// not recognised (schools name their onderwijssoorten themselves).
std::string level_from_onderwijssoort(const std::string& onderwijssoort);

}  // namespace somtoday
