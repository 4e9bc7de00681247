#include "core/trust/TrustInspector.h"

#include "core/base/Guarded.h"
#include "core/providers/Provider.h"
#include "core/registry/Digest.h"
#include "core/registry/RegistryClient.h"
#include "core/trust/SigstoreBundle.h"

namespace berth {

TrustInspector::TrustInspector(RegistryClient* client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
}

QString TrustInspector::kindOf(const Descriptor& referrer)
{
    const QString t = referrer.artifactType.toLower();
    // A Sigstore bundle: cosign sign's statement (or a bare message signature) is a signature,
    // any other predicate an attestation.
    if (isSigstoreBundleMediaType(t)) {
        const QString predicate = referrer.annotations.value(QStringLiteral("dev.sigstore.bundle.predicateType"));
        const QString content = referrer.annotations.value(QStringLiteral("dev.sigstore.bundle.content"));
        return predicate.isEmpty() ? (content == u"dsse-envelope" ? QStringLiteral("attestation") : QStringLiteral("signature"))
            : predicate == kCosignSignPredicateType ? QStringLiteral("signature")
                                                    : QStringLiteral("attestation");
    }
    if (t == kCosignSignatureArtifactType || t.contains(QLatin1String("signature")) || t.contains(QLatin1String("cosign.simplesigning")) || t.contains(QLatin1String("notary")))
        return QStringLiteral("signature");
    if (t.contains(QLatin1String("spdx")) || t.contains(QLatin1String("cyclonedx")) || t.contains(QLatin1String("sbom")))
        return QStringLiteral("sbom");
    if (t.contains(QLatin1String("in-toto")) || t.contains(QLatin1String("attestation")) || t.contains(QLatin1String("dsse")))
        return QStringLiteral("attestation");
    if (t.contains(QLatin1String("trivy")) || t.contains(QLatin1String("grype")) || t.contains(QLatin1String("vuln"))
        || t.contains(QLatin1String("sarif")) || t.contains(QLatin1String("scan")) || t.contains(QLatin1String("report")))
        return QStringLiteral("vulnerability report");
    return QStringLiteral("artifact");
}

void TrustInspector::inspect(const QString& repository, const QString& imageDigest, const QList<PublicKey>& keys, QObject* context,
                             std::function<void(Result<TrustSummary>)> done)
{
    done = guarded<Result<TrustSummary>>(context, std::move(done));
    auto summary = std::make_shared<TrustSummary>();
    summary->imageDigest = imageDigest;
    // Three strands run at once (the signature check joins once the referrers are listed); the
    // last to finish delivers.
    auto pending = std::make_shared<int>(3);
    auto failed = std::make_shared<bool>(false);
    auto settle = [summary, pending, failed, done] {
        if (--*pending == 0 && !*failed)
            done(*summary);
    };
    auto fail = [failed, done](const Error& error) {
        if (!*failed) {
            *failed = true;
            done(std::unexpected(error));
        }
    };

    // 1. Referrers, the reports among them, and the signature checked with the user's keys (which
    //    reads the same referrers, so they are listed once).
    m_client->listReferrers(repository, imageDigest, {}, context, [this, repository, imageDigest, keys, summary, pending, settle, fail,
                                                                   context = QPointer(context)](Result<QList<Descriptor>> referrers) {
        if (!referrers) {
            fail(referrers.error());
            return;
        }
        if (!keys.isEmpty()) {
            *pending += 1;
            auto* verifier = new CosignVerifier(m_client, this);
            verifier->verify(repository, imageDigest, keys, *referrers, context, [summary, settle, fail, verifier](Result<TrustResult> trust) {
                verifier->deleteLater();
                if (!trust) {
                    fail(trust.error());
                    return;
                }
                summary->signature = *trust;
                settle();
            });
        }
        for (const Descriptor& d : *referrers) {
            const QString kind = kindOf(d);
            summary->attached << AttachedArtifact{kind, d.digest, d.artifactType, {}, d.size};
            if (kind != u"vulnerability report" && kind != u"sbom")
                continue;
            const bool isSbom = kind == u"sbom";
            *pending += 1;
            m_client->fetchManifest(repository, d.digest, context, [this, repository, summary, pending, settle, context, isSbom](Result<Manifest> artifact) {
                if (!artifact) {
                    summary->problems << QStringLiteral("a report could not be read: %1").arg(artifact.error().message);
                    settle();
                    return;
                }
                *pending += int(artifact->layers.size());
                for (const Descriptor& layer : artifact->layers) {
                    m_client->fetchBlobBytes(repository, layer.digest, kMaxReportBytes, context, [summary, settle, isSbom](Result<QByteArray> bytes) {
                        if (!bytes)
                            summary->problems << QStringLiteral("a report could not be read: %1").arg(bytes.error().message);
                        else if (isSbom) {
                            if (auto sbom = parseSbom(*bytes))
                                summary->sboms << *sbom;
                            else
                                summary->problems << QStringLiteral("an attached SBOM does not parse: %1").arg(sbom.error().message);
                        } else if (auto report = parseVulnerabilityReport(*bytes))
                            summary->reports << *report;
                        else
                            summary->problems << QStringLiteral("an attached report does not parse: %1").arg(report.error().message);
                        settle();
                    });
                }
                settle();
            });
        }
        settle();
    });

    // 2. cosign's tag scheme.
    const QString base = digestAsTag(imageDigest);
    auto tagsPending = std::make_shared<int>(3);
    for (const auto& [kind, suffix] : {std::pair{QStringLiteral("signature"), QStringLiteral(".sig")},
                                       std::pair{QStringLiteral("attestation"), QStringLiteral(".att")},
                                       std::pair{QStringLiteral("sbom"), QStringLiteral(".sbom")}}) {
        m_client->headManifest(repository, base + suffix, context, [summary, tagsPending, settle, kind, tag = base + suffix](Result<ManifestHead> head) {
            if (head)
                summary->attached << AttachedArtifact{kind, head->digest, {}, tag, head->size};
            if (--*tagsPending == 0)
                settle();
        });
    }

    // 3. The registry's own scans (Harbor's, ECR's), through its family's API.
    Provider* provider = createProvider(m_client, this);
    provider->scanReport(repository, imageDigest, context, [provider, summary, settle](Result<std::optional<VulnerabilityReport>> report) {
        provider->deleteLater();
        if (!report)
            summary->problems << QStringLiteral("The registry's scan could not be read: %1").arg(describe(report.error()));
        else if (*report)
            summary->reports << **report;
        settle();
    });
}

} // namespace berth
