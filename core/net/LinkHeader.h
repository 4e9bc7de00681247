#pragma once

#include <QByteArray>
#include <QList>
#include <QUrl>

namespace berth {

// The target of rel="next" in RFC 8288 Link headers, resolved against `base`; empty if none.
QUrl nextPageLink(const QList<QByteArray>& linkHeaders, const QUrl& base);

} // namespace berth
