#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

namespace berth {

// A callback that is dropped once its context object is gone (a closed view); without a context
// it is called as it is. Every asynchronous core API wraps its callback with this.
template<typename... Args>
std::function<void(Args...)> guarded(QObject* context, std::function<void(Args...)> callback)
{
    if (!context)
        return callback;
    return [context = QPointer(context), callback = std::move(callback)](Args... values) {
        if (context)
            callback(std::move(values)...);
    };
}

} // namespace berth
