#include "core/auth/SigV4.h"

#include <QCryptographicHash>
#include <QMap>
#include <QMessageAuthenticationCode>
#include <QUrl>
#include <algorithm>

namespace berth {
namespace {

    // AWS encodes everything but the unreserved characters, in upper-case hex.
    QByteArray awsEncode(const QByteArray& raw) { return raw.toPercentEncoding("-._~", {}, '%'); }

    QByteArray canonicalPath(const QByteArray& rawPath)
    {
        QList<QByteArray> out;
        const QList<QByteArray> segments = rawPath.split('/');
        for (const QByteArray& segment : segments) {
            if (segment.isEmpty() || segment == ".")
                continue; // empty segments collapse ("//"), "." goes
            if (segment == "..") {
                if (!out.isEmpty())
                    out.removeLast();
                continue;
            }
            out << awsEncode(QByteArray::fromPercentEncoding(segment));
        }
        QByteArray path = "/" + out.join('/');
        const bool trailing = rawPath.endsWith('/') || rawPath.endsWith("/.") || rawPath.endsWith("/..");
        if (trailing && path != "/")
            path += '/';
        return path;
    }

    QByteArray canonicalQuery(const QByteArray& rawQuery)
    {
        QList<std::pair<QByteArray, QByteArray>> pairs;
        for (const QByteArray& part : rawQuery.split('&')) {
            if (part.isEmpty())
                continue;
            const qsizetype eq = part.indexOf('=');
            const QByteArray name = eq < 0 ? part : part.left(eq);
            const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
            pairs.append({awsEncode(QByteArray::fromPercentEncoding(name)), awsEncode(QByteArray::fromPercentEncoding(value))});
        }
        std::sort(pairs.begin(), pairs.end());
        QList<QByteArray> joined;
        for (const auto& [name, value] : pairs)
            joined << name + '=' + value;
        return joined.join('&');
    }

    QByteArray trimmedValue(const QByteArray& value)
    {
        return value.simplified(); // trims and folds runs of whitespace (and folded lines) to one space
    }

    QByteArray hmac(const QByteArray& key, const QByteArray& data)
    {
        return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256);
    }

} // namespace

SigV4Signature signSigV4(const SigV4Request& request, const SigV4Key& key)
{
    QMap<QByteArray, QList<QByteArray>> headers;
    QByteArray amzDate;
    auto all = request.headers;
    if (!key.sessionToken.isEmpty())
        all.append({QByteArrayLiteral("X-Amz-Security-Token"), key.sessionToken.toUtf8()});
    for (const auto& [name, value] : all) {
        const QByteArray lower = name.toLower().trimmed();
        headers[lower] << trimmedValue(value);
        if (lower == "x-amz-date")
            amzDate = value.trimmed();
    }
    QByteArray canonicalHeaders;
    QList<QByteArray> names;
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        canonicalHeaders += it.key() + ':' + it.value().join(',') + '\n';
        names << it.key();
    }
    const QByteArray signedHeaders = names.join(';');
    const QByteArray payloadHash = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();

    SigV4Signature out;
    out.canonicalRequest = request.method + '\n' + canonicalPath(request.path) + '\n' + canonicalQuery(request.query) + '\n'
        + canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash;
    const QByteArray date = amzDate.left(8);
    const QByteArray scope = date + '/' + key.region.toUtf8() + '/' + key.service.toUtf8() + "/aws4_request";
    out.stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + scope + '\n'
        + QCryptographicHash::hash(out.canonicalRequest, QCryptographicHash::Sha256).toHex();
    QByteArray signingKey = hmac("AWS4" + key.secretAccessKey.toUtf8(), date);
    signingKey = hmac(signingKey, key.region.toUtf8());
    signingKey = hmac(signingKey, key.service.toUtf8());
    signingKey = hmac(signingKey, "aws4_request");
    const QByteArray signature = hmac(signingKey, out.stringToSign).toHex();
    out.authorization = "AWS4-HMAC-SHA256 Credential=" + key.accessKeyId.toUtf8() + '/' + scope + ", SignedHeaders=" + signedHeaders
        + ", Signature=" + signature;
    return out;
}

} // namespace berth
