// cosign's simple-signing payloads, checked against a real key (the signature rarely matches, so
// the payload's reading is what runs; a fixture's valid pair is in the corpus).
#include "FuzzInput.h"
#include "core/trust/Signatures.h"

#include <QFile>

namespace {
const QList<berth::PublicKey>& keys()
{
    static const QList<berth::PublicKey> loaded = [] {
        QFile pem(QStringLiteral(BERTH_FIXTURES_DIR "/cosign/cosign.pub"));
        pem.open(QIODevice::ReadOnly);
        const auto key = berth::PublicKey::fromPem(pem.readAll(), QStringLiteral("cosign.pub"));
        return key ? QList<berth::PublicKey>{*key} : QList<berth::PublicKey>{};
    }();
    return loaded;
}
} // namespace

BERTH_FUZZ_TARGET
{
    const QByteArray input = berth::fuzz::bytes(data, size);
    // The first line is the base64 signature, the rest the payload.
    const qsizetype newline = input.indexOf('\n');
    const QByteArray signature = newline < 0 ? QByteArray() : input.left(newline);
    const QByteArray payload = newline < 0 ? input : input.mid(newline + 1);
    (void)berth::checkSimpleSigning(payload, QString::fromLatin1(signature),
                                    QStringLiteral("sha256:87ce0a5df8fb4b0cc1ba0b1bab5e2fa6b3fbc4d2b3e1ef51f1ba0c4e0fbe0d2b"), keys());
    (void)berth::PublicKey::fromPem(input, QStringLiteral("fuzzed.pem"));
    return 0;
}
