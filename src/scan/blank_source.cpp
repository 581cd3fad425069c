// The blank pages made on first use (see blank_source.hpp).
#include "scan/blank_source.hpp"

#include <spdlog/spdlog.h>

#include <exception>
#include <utility>

namespace quizscan {

BlankSource::BlankSource(std::function<BlankForm()> render, std::string what)
    : render_(std::move(render)), what_(std::move(what)) {}

const BlankForm* BlankSource::get() const {
    std::call_once(once_, [this] {
        try {
            blank_ = render_();
        } catch (const std::exception& e) {
            spdlog::warn("blank {} not rendered ({}): writing beside empty number boxes is not looked for", what_, e.what());
        }
    });
    return blank_ ? &*blank_ : nullptr;
}

}  // namespace quizscan
