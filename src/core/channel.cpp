// Channel keys and labels.
#include "core/channel.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace manyi {

std::string_view ChannelKey(Channel channel) {
  switch (channel) {
    case Channel::kMail: return "mail";
    case Channel::kPhone: return "phone";
    case Channel::kOnline: return "online";
    case Channel::kFaceToFace: return "face-to-face";
  }
  return "online";
}

std::optional<Channel> ParseChannel(std::string_view key) {
  std::string lower(key);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (Channel c : kAllChannels)
    if (ChannelKey(c) == lower) return c;
  return std::nullopt;
}

Message ChannelLabel(Channel channel) {
  switch (channel) {
    case Channel::kMail: return Message(N_("mail"));
    case Channel::kPhone: return Message(N_("phone"));
    case Channel::kOnline: return Message(N_("online"));
    case Channel::kFaceToFace: return Message(N_("face to face"));
  }
  return Message(N_("online"));
}

}  // namespace manyi
