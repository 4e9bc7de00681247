#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <utility>

namespace berth {

// AWS Signature Version 4 (header-based), for the ECR API. Paths are normalised (no S3 here).
struct SigV4Request
{
    QByteArray method;
    QByteArray path; // as on the request line, before normalisation
    QByteArray query; // raw, without '?'
    QList<std::pair<QByteArray, QByteArray>> headers; // must include Host and X-Amz-Date
    QByteArray body;
};

struct SigV4Key
{
    QString accessKeyId;
    QString secretAccessKey;
    QString region; // "us-east-1"
    QString service; // "ecr"
    QString sessionToken; // temporary credentials: sent and signed as X-Amz-Security-Token
};

struct SigV4Signature
{
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray authorization; // the Authorization header value
};

SigV4Signature signSigV4(const SigV4Request& request, const SigV4Key& key);

} // namespace berth
