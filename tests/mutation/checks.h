// One well-formed answer per input, for every decoder of outside input. Shared by the seeded
// mutation tests (tests/mutation/*_test.cpp, in ctest) and the coverage-guided fuzz targets
// (fuzz/, `./dev fuzz`). Each check returns "" when the decoder's answer is well formed, else
// what is wrong; the decoders themselves must never throw (the checks do not catch).
//
//  - command JSON (codec::parse_command): a command that prints as valid JSON and parses
//    back to itself, or INVALID_COMMAND with a non-empty, valid UTF-8 reason whose JSON
//    rejection line is valid too;
//  - event JSON (codec::event_from_json): an event that round-trips, or a non-empty valid
//    UTF-8 message;
//  - Cap'n Proto envelopes (codec::decode_event, decode_header and projections::EventReader):
//    the three agree (a record one accepts the others accept, with the same event), an
//    accepted record re-encodes to a record that decodes the same, errors are non-empty
//    valid UTF-8;
//  - scenario files (sim::parse_scenario): a scenario, or an error with a message.
#pragma once

#include <string>
#include <string_view>

namespace callwatch::mutation {

[[nodiscard]] std::string check_command(std::string_view line);
[[nodiscard]] std::string check_event_json(std::string_view text);
[[nodiscard]] std::string check_envelope(std::string_view bytes);
[[nodiscard]] std::string check_scenario(std::string_view text);

}  // namespace callwatch::mutation
