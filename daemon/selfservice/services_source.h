// How request handlers reach the live configuration: the daemon swaps Services on a reload, so
// a handler asks for the current one on every request and keeps it for that request only.
#pragma once

#include <functional>
#include <memory>

namespace lobsync::app {
class Services;
}

namespace lobsync::selfservice {

using ServicesSource = std::function<std::shared_ptr<app::Services>()>;

}  // namespace lobsync::selfservice
