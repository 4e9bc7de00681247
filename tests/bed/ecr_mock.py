#!/usr/bin/env python3
"""An Amazon ECR API stand-in built from ECR's own API description (botocore service-2.json).

Serves the JSON 1.1 protocol at POST /: the X-Amz-Target must name an operation that
service-2.json defines, and the SigV4 signature must verify with the test key. It answers
DescribeImageScanFindings in two pages (nextToken) with findings made from the Harbor report
fixture, for the repository and digest it is told about, and DescribeImages over a repository of
2,500 images (ECR_MOCK_IMAGES=N for another number) (the told digest pushed at 2026-01-01T00:00:00.5Z, each further one a day earlier) in
pages of maxResults (default 100, at most 1000), plus one referrer (subjectManifestDigest); other
operations answer UnsupportedOperation. The SigV4 signature is checked as AWS checks it (scope of
today, this region and service ecr; Host and X-Amz-Date signed; at most 15 minutes off), and a
refusal is InvalidSignatureException with AWS's reason.

For what moto lacks, the lifecycle policy preview: the repository "team/lifecycle" (and its twin
"team/lifecycle-gui", for the GUI tests) holds 200
images (prod-, beta- and dev- tags and untagged ones, pushed seven hours apart), takes
PutLifecyclePolicy / GetLifecyclePolicy, and previews a policy with an evaluator of its own,
written from tests/fixtures/ecr/LIFECYCLE_SEMANTICS.md (every rule selects over the whole
repository, rules are applied in priority order, an image selected by a higher-priority rule is
never expired by a lower one). GetLifecyclePolicyPreview answers IN_PROGRESS once, then the result
in pages of maxResults.

  ecr_mock.py PORT FIXTURES_DIR ACCESS_KEY SECRET_KEY REPOSITORY DIGEST
"""
import calendar
import fnmatch
import hashlib
import hmac
import http.server
import json
import os
import sys
import time


REGION = os.environ.get("ECR_MOCK_REGION", "us-east-1")  # the region this endpoint serves


def sign(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def main():
    port, fixtures, access, secret, repository, digest = sys.argv[1:7]
    service = json.load(open(f"{fixtures}/ecr/service-2.json"))
    prefix = service["metadata"]["targetPrefix"]
    operations = set(service["operations"])
    report = json.load(open(f"{fixtures}/harbor/vulnerability-report-v1.1.scanner-spec-readme.json"))
    findings = [{"name": v["id"], "description": v.get("description", ""), "uri": (v.get("links") or [""])[0],
                 "severity": v["severity"].upper(),
                 "attributes": [{"key": "package_name", "value": v["package"]}, {"key": "package_version", "value": v["version"]}]}
                for v in report["vulnerabilities"]]
    findings.append({"name": "CVE-0000-BERTH", "severity": "INFORMATIONAL", "description": "second page"})

    first_push = 1767225600.5  # 2026-01-01T00:00:00.5Z
    count = int(os.environ.get("ECR_MOCK_IMAGES", "2500"))  # the benchmark asks for more
    images = [{"registryId": "123456789012", "repositoryName": repository,
               "imageDigest": digest if i == 0 else "sha256:" + hashlib.sha256(f"image-{i}".encode()).hexdigest(),
               "imageTags": [f"build-{count - i}"], "imageSizeInBytes": 1000 + i,
               "imagePushedAt": first_push - i * 86400, "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json"}
              for i in range(count)]
    # and a signature attached to the first: a referrer, which a client must not count as an image
    images.append({"registryId": "123456789012", "repositoryName": repository, "imageDigest": "sha256:" + "5" * 64,
                   "imagePushedAt": first_push, "subjectManifestDigest": digest,
                   "artifactMediaType": "application/vnd.dev.sigstore.bundle.v0.3+json"})

    lifecycle_repos = ("team/lifecycle", "team/lifecycle-gui")
    lifecycle_images = []
    for i in range(200):
        kind = "untagged" if i % 10 == 0 else ("prod", "beta", "dev")[i % 3]
        tags = [] if kind == "untagged" else [f"{kind}-{200 - i}"] + ([f"beta-x{200 - i}"] if kind == "dev" else [])
        lifecycle_images.append({"registryId": "123456789012",
                                 "imageDigest": "sha256:" + hashlib.sha256(f"lifecycle-{i}".encode()).hexdigest(),
                                 "imageTags": tags, "imageSizeInBytes": 5000 + i, "imagePushedAt": first_push - i * 7 * 3600,
                                 "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json"})
    policies = {}  # repository -> lifecycle policy text
    previews = {}  # repository -> [polls left before COMPLETE, results]

    def preview(policy_text, now):
        """Which images ECR would expire, as LIFECYCLE_SEMANTICS.md describes the evaluation."""
        rules = sorted(json.loads(policy_text)["rules"], key=lambda r: r["rulePriority"])

        def selects(rule, image):
            sel, tags = rule["selection"], image["imageTags"]
            if sel["tagStatus"] == "untagged":
                return not tags
            if sel["tagStatus"] == "any":
                return True
            if not tags:
                return False
            if "tagPrefixList" in sel:
                return all(any(t.startswith(p) for t in tags) for p in sel["tagPrefixList"])
            return all(any(fnmatch.fnmatchcase(t, p) for t in tags) for p in sel.get("tagPatternList", []))

        claimed, results = set(), []
        for rule in rules:
            sel = rule["selection"]
            selected = sorted((im for im in lifecycle_images if selects(rule, im)), key=lambda im: -im["imagePushedAt"])
            if sel["countType"] == "imageCountMoreThan":
                candidates = selected[sel["countNumber"]:]
            else:
                candidates = [im for im in selected if now - im["imagePushedAt"] > sel["countNumber"] * 86400]
            for im in candidates:
                if im["imageDigest"] not in claimed:
                    results.append({"imageDigest": im["imageDigest"], "imageTags": im["imageTags"], "imagePushedAt": im["imagePushedAt"],
                                    "action": {"type": "EXPIRE"}, "appliedRulePriority": rule["rulePriority"], "storageClass": "STANDARD"})
            claimed.update(im["imageDigest"] for im in selected)  # selected by this rule: no lower rule may expire it
        return results

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/x-amz-json-1.1")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def fail(self, status, kind, message):
            self.reply(status, {"__type": f"com.amazonaws.ecr#{kind}", "message": message})

        def lifecycle(self, operation, request):
            lifecycle_repo = request.get("repositoryName")
            if lifecycle_repo not in lifecycle_repos:
                return self.fail(400, "RepositoryNotFoundException", f"The repository with name '{lifecycle_repo}' does not exist")
            if operation == "PutLifecyclePolicy":
                policies[lifecycle_repo] = request["lifecyclePolicyText"]
                return self.reply(200, {"registryId": "123456789012", "repositoryName": lifecycle_repo, "lifecyclePolicyText": policies[lifecycle_repo]})
            if operation == "GetLifecyclePolicy":
                if lifecycle_repo not in policies:
                    return self.fail(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository")
                return self.reply(200, {"registryId": "123456789012", "repositoryName": lifecycle_repo, "lifecyclePolicyText": policies[lifecycle_repo]})
            if operation == "StartLifecyclePolicyPreview":
                text = request.get("lifecyclePolicyText") or policies.get(lifecycle_repo)
                if not text:
                    return self.fail(400, "LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the repository")
                previews[lifecycle_repo] = [1, preview(text, time.time())]
                return self.reply(200, {"registryId": "123456789012", "repositoryName": lifecycle_repo, "status": "IN_PROGRESS"})
            # GetLifecyclePolicyPreview
            state = previews.get(lifecycle_repo)
            if state is None:
                return self.fail(400, "LifecyclePolicyPreviewNotFoundException", "There is no preview for the repository")
            if state[0] > 0:
                state[0] -= 1
                return self.reply(200, {"status": "IN_PROGRESS", "previewResults": []})
            size = request.get("maxResults", 100)
            if not 1 <= size <= 100:
                return self.fail(400, "InvalidParameterException", "maxResults must be between 1 and 100")
            start = int(request.get("nextToken") or 0)
            answer = {"status": "COMPLETE", "previewResults": state[1][start:start + size],
                      "summary": {"expiringImageTotalCount": len(state[1])}}
            if start + size < len(state[1]):
                answer["nextToken"] = str(start + size)
            return self.reply(200, answer)

        def describe_images(self, request):
            if request.get("repositoryName") in lifecycle_repos:
                return self.reply(200, {"imageDetails": [dict(im, repositoryName=request["repositoryName"]) for im in lifecycle_images]})
            if request.get("repositoryName") != repository:
                return self.fail(400, "RepositoryNotFoundException", f"The repository with name '{request.get('repositoryName')}' does not exist")
            size = request.get("maxResults", 100)
            if not 1 <= size <= 1000:
                return self.fail(400, "InvalidParameterException", "maxResults must be between 1 and 1000")
            start = int(request.get("nextToken") or 0)
            answer = {"imageDetails": images[start:start + size]}
            if start + size < len(images):
                answer["nextToken"] = str(start + size)
            self.reply(200, answer)

        def signature_problem(self, body):
            """What AWS would refuse in the request's SigV4 signature, in AWS's words; None when it
            verifies. The scope must be today's, this region's and ECR's; Host and X-Amz-Date must be
            signed; the time within 15 minutes of ours; the signature the test key's."""
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("AWS4-HMAC-SHA256 "):
                return "Missing Authentication Token"
            try:
                fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
                credential = fields["Credential"].split("/")
                signed = fields["SignedHeaders"].split(";")
                signature = fields["Signature"]
            except (KeyError, ValueError):
                return "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'"
            if len(credential) != 5 or credential[4] != "aws4_request":
                return "Credential should be scoped to a valid terminator: 'aws4_request'"
            if credential[0] != access:
                return "The security token included in the request is invalid"
            date, region, svc = credential[1], credential[2], credential[3]
            if region != REGION:
                return f"Credential should be scoped to a valid region, not '{region}'"
            if svc != "ecr":
                return "Credential should be scoped to correct service: 'ecr'"
            if "host" not in signed or "x-amz-date" not in signed:
                return "'Host' and 'X-Amz-Date' must be signed headers"
            amz_date = self.headers.get("X-Amz-Date", "")
            try:
                when = calendar.timegm(time.strptime(amz_date, "%Y%m%dT%H%M%SZ"))
            except ValueError:
                return f"Invalid X-Amz-Date: {amz_date!r}"
            if amz_date[:8] != date:
                return f"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{date}' != '{amz_date[:8]}'"
            if abs(time.time() - when) > 15 * 60:
                return f"Signature expired: {amz_date} is now earlier than the allowed 15 minutes"
            canonical_headers = "".join(f"{h}:{' '.join(self.headers.get(h, '').split())}\n" for h in signed)
            canonical = "\n".join(["POST", "/", "", canonical_headers, fields["SignedHeaders"], hashlib.sha256(body).hexdigest()])
            scope = f"{date}/{region}/{svc}/aws4_request"
            to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
            key = sign(sign(sign(sign(("AWS4" + secret).encode(), date), region), svc), "aws4_request")
            if not hmac.compare_digest(hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest(), signature):
                return "The request signature we calculated does not match the signature you provided."
            return None

        def do_GET(self):
            # What AWS answers an unsigned GET: also how the test bed sees that the server is up.
            self.fail(401, "MissingAuthenticationTokenException", "Missing Authentication Token")

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
            target = self.headers.get("X-Amz-Target", "")
            operation = target[len(prefix) + 1:] if target.startswith(prefix + ".") else ""
            if operation not in operations:
                return self.fail(400, "UnknownOperationException", f"unknown operation {target}")
            problem = self.signature_problem(body)
            if problem:
                return self.fail(403, "InvalidSignatureException", problem)
            if operation == "DescribeImages":
                return self.describe_images(json.loads(body or b"{}"))
            if operation == "DescribeRepositories":
                names = [repository, *lifecycle_repos]
                return self.reply(200, {"repositories": [{"registryId": "123456789012", "repositoryName": n,
                                                          "repositoryUri": f"123456789012.dkr.ecr.us-east-1.amazonaws.com/{n}"} for n in names]})
            if operation in ("PutLifecyclePolicy", "GetLifecyclePolicy", "StartLifecyclePolicyPreview", "GetLifecyclePolicyPreview"):
                return self.lifecycle(operation, json.loads(body or b"{}"))
            if operation != "DescribeImageScanFindings":
                return self.fail(400, "UnsupportedOperation", f"the stand-in does not serve {operation}")
            request = json.loads(body or b"{}")
            if request.get("repositoryName") != repository or request.get("imageId", {}).get("imageDigest") != digest:
                return self.fail(400, "ImageNotFoundException", "The image requested does not exist in the specified repository.")
            first = request.get("nextToken") is None
            page = findings[:-1] if first else findings[-1:]
            answer = {"registryId": request.get("registryId", "123456789012"), "repositoryName": repository,
                      "imageId": request["imageId"], "imageScanStatus": {"status": "COMPLETE", "description": "The scan was completed successfully."},
                      "imageScanFindings": {"findings": page}}
            if first:
                answer["nextToken"] = "page-2"
            self.reply(200, answer)

    http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()


if __name__ == "__main__":
    main()
