#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

namespace berth {

// A callback that is dropped once its context object is gone (a closed view); without a context
// it is called as it is. Every asynchronous core API wraps its callback with this.
template<typename Arg>
std::function<void(Arg)> guarded(QObject* context, std::function<void(Arg)> callback)
{
    if (!context)
        return callback;
    return [context = QPointer(context), callback = std::move(callback)](Arg value) {
        if (context)
            callback(std::move(value));
    };
}

} // namespace berth
