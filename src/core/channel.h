// The ways an answer reaches a survey: by mail (paper), phone, online or face to face.
#pragma once

#include <optional>
#include <string_view>

#include "core/message.h"

namespace manyi {

enum class Channel { kMail, kPhone, kOnline, kFaceToFace };

inline constexpr Channel kAllChannels[] = {Channel::kMail, Channel::kPhone, Channel::kOnline, Channel::kFaceToFace};

/// The key stored in the project file and accepted on the command line ("face-to-face").
std::string_view ChannelKey(Channel channel);
/// Parses a key as written by ChannelKey (case-insensitive); nullopt for anything else.
std::optional<Channel> ParseChannel(std::string_view key);
/// The channel's name for people.
Message ChannelLabel(Channel channel);

}  // namespace manyi
