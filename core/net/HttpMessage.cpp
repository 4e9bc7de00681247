#include "core/net/HttpMessage.h"

#include <QMetaObject>
#include <QObject>

namespace berth {

void HttpRequest::setHeader(const QByteArray& name, const QByteArray& value)
{
    removeHeader(name);
    headers.append({name, value});
}

void HttpRequest::removeHeader(const QByteArray& name)
{
    headers.removeIf([&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QList<QByteArray> HttpResponse::headerValues(QByteArrayView name) const
{
    QList<QByteArray> out;
    for (const auto& [key, value] : headers) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            out << value;
    }
    return out;
}

void FlowControl::resumeLater(QObject* context, const std::shared_ptr<FlowControl>& flow)
{
    QMetaObject::invokeMethod(
        context, [flow] {
            if (flow->resume)
                flow->resume();
        },
        Qt::QueuedConnection);
}

} // namespace berth
