#pragma once

#include "core/registry/Manifest.h"
#include "core/scan/Sbom.h"
#include "core/scan/Vulnerabilities.h"
#include "core/trust/Signatures.h"

#include <QObject>
#include <functional>
#include <optional>

namespace berth {

class RegistryClient;

// Something that refers to an image: a referrer (OCI 1.1) or a cosign tag (.sig/.att/.sbom).
struct AttachedArtifact
{
    QString kind; // "signature", "attestation", "sbom", "vulnerability report", "artifact"
    QString digest;
    QString artifactType;
    QString tag; // for cosign's tag scheme
    qint64 size = 0;
};

// Everything Berth can say of an image's trust: what is attached, whether a signature verifies
// with the user's keys, and the vulnerability reports attached to it.
struct TrustSummary
{
    QString imageDigest;
    QList<AttachedArtifact> attached;
    std::optional<TrustResult> signature; // absent when no key was given
    QList<VulnerabilityReport> reports;
    QList<Sbom> sboms; // attached SPDX / CycloneDX documents
    QStringList problems; // reports or referrers that could not be read, in English
};

class TrustInspector final : public QObject
{
    Q_OBJECT
public:
    explicit TrustInspector(RegistryClient* client, QObject* parent = nullptr);
    // `imageDigest` is the digest of the manifest (or index) that signatures and referrers name.
    void inspect(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys, QObject* context,
                 std::function<void(Result<TrustSummary>)> done);

    // "signature", "attestation", "sbom", "vulnerability report" or "artifact".
    static QString kindOf(const Descriptor& referrer);

private:
    RegistryClient* m_client;
};

} // namespace berth
