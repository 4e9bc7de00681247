<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
<context>
    <name>berth::AuditWindow</name>
    <message>
        <source>Audit Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log cannot be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berth has not changed any registry yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries, newest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not among the registries shown; add it first to undo this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point %1:%2 at %3 again?

This works while the registry still has the image&apos;s layers (until its garbage collection runs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo Deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring %1:%2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the deleted tags back — every tag of the run (a retention apply) the selected entries belong to (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Undo %n Deletions…</source>
        <translation>
            <numerusform>&amp;Undo %n Deletion…</numerusform>
            <numerusform>&amp;Undo %n Deletions…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back the %n tags this run deleted (%1)?

This works while the registry still has the images&apos; layers (until its garbage collection runs).</source>
        <translation>
            <numerusform>Put back the %n tag this run deleted (%1)?

This works while the registry still has the images&apos; layers (until its garbage collection runs).</numerusform>
            <numerusform>Put back the %n tags this run deleted (%1)?

This works while the registry still has the images&apos; layers (until its garbage collection runs).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back %n tags.</source>
        <translation>
            <numerusform>Put back %n tag.</numerusform>
            <numerusform>Put back %n tags.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back %1 of %n tags; not restored: %2</source>
        <translation>
            <numerusform>Put back %1 of %n tag; not restored: %2</numerusform>
            <numerusform>Put back %1 of %n tags; not restored: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1:%2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::ChangesWindow</name>
    <message>
        <source>Changes — Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show earlier changes too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with Previous Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed in the image when the tag moved (Ctrl+D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark All as Seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signature removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all watched repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes in %1 since you last looked (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes in %1 yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n changes in %1 since you last looked (%2):</source>
        <translation>
            <numerusform>%n change in %1 since you last looked (%2):</numerusform>
            <numerusform>%n changes in %1 since you last looked (%2):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes in %1:</source>
        <translation>
            <numerusform>%n change in %1:</numerusform>
            <numerusform>%n changes in %1:</numerusform>
        </translation>
    </message>
    <message>
        <source>scan findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 at or above %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::CompareWindow</name>
    <message>
        <source>Compare %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading both images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A: %1 — %2 compressed, %3 unpacked
B: %4 — %5 compressed, %6 unpacked
Layers: %7 shared, %8 only in A, %9 only in B. Files: %10 added, %11 removed, %12 changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither image has a dpkg or apk package database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show files whose only change is the modified time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;■ only in A (removed)&lt;/span&gt; &amp;nbsp; &lt;span style=&quot;color:#2e7d32&quot;&gt;■ only in B (added)&lt;/span&gt; &amp;nbsp; unmarked: in both</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Show the %n files whose only change is the modified time</source>
        <translation>
            <numerusform>Show the %n file whose only change is the modified time</numerusform>
            <numerusform>Show the %n files whose only change is the modified time</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::CopyDialog</name>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All platforms (the index as it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With signatures and attachments (SBOMs, attestations, scan reports)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To registry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the copy a tag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not one of Berth&apos;s registries; add it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding out what %1 already has…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; nothing was tagged at the destination.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy stopped, nothing was tagged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied to %1:%2 (%3): %4 moved in %5 blobs, %6 blobs already there, %7 mounted; %8 attached artifacts along.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything is there already; pushing the manifests and the tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 copied (%3/s)%4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::FileTreeModel</name>
    <message>
        <source> (deletes %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (hides the directory&apos;s lower contents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::MainWindow</name>
    <message>
        <source>Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a repository to see its tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n repositories</source>
        <translation>
            <numerusform>%1: %n repository</numerusform>
            <numerusform>%1: %n repositories</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading tags of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter repositories (Ctrl+Shift+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulls left in the registry&apos;s current rate-limit window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v / %m tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop loading (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter tags or digests (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only some kinds of tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter &amp;Repositories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Pull Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 pulls left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 pulls left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a tag to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: loading stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags, some could not be read (see their tooltips)</source>
        <translation>
            <numerusform>%1: %n tag, some could not be read (see their tooltips)</numerusform>
            <numerusform>%1: %n tags, some could not be read (see their tooltips)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not a valid regular expression: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Pull Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading was cancelled; the tags shown so far stay. Press F5 to load again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a registry in the sidebar first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository name, such as library/debian or myorg/app:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a repository name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from Berth and forget its saved password? Logins made with docker or podman stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare Selected Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select two tags to compare (Ctrl+click).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags, %2 stored (shared layers counted once)</source>
        <translation>
            <numerusform>%1: %n tag, %2 stored (shared layers counted once)</numerusform>
            <numerusform>%1: %n tags, %2 stored (shared layers counted once)</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare Selected Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point %1:%2 back at %3?

Everyone who pulls %2 from now on gets that image. The image it points at now stays in the registry under its digest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now points at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key %1 could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n trusted keys for %1</source>
        <translation>
            <numerusform>%n trusted key for %1</numerusform>
            <numerusform>%n trusted keys for %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Trusted Keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public keys that sign images of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public keys (*.pub *.pem);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;Trust of All Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v / %m images checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Checked %n images</source>
        <translation>
            <numerusform>Checked %n image</numerusform>
            <numerusform>Checked %n images</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Retention Plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a repository and wait for its tags to load first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit Log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the registry&apos;s push and pull dates could not be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s tag history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pulled: any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Not pulled for %n days</source>
        <translation>
            <numerusform>Not pulled for %n day</numerusform>
            <numerusform>Not pulled for %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Show only tags the registry says nobody pulled for this long (never pulled counts from the push)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tag matches the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n tags</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n tags shown</source>
        <translation>
            <numerusform>%1 of %n tag shown</numerusform>
            <numerusform>%1 of %n tags shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signature or attachment tags hidden (Kinds)</source>
        <translation>
            <numerusform>%n signature or attachment tag hidden (Kinds)</numerusform>
            <numerusform>%n signature or attachment tag hidden (Kinds)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a repository first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust of all tags will be checked once the tags have loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;No registries yet.&lt;/b&gt; Add a self-hosted registry, Docker Hub, GHCR, Quay, Harbor, Amazon ECR or Artifact Registry. Berth also shows every registry you logged into with &lt;code&gt;docker login&lt;/code&gt; or &lt;code&gt;podman login&lt;/code&gt;; none was found in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two tags selected: Ctrl+D compares them (also in the right-click menu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop Watching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch for Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching %1/%2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes in &amp;This Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Watch This Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notify About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed Signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep Running in the System &amp;Tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps Berth watching, with notifications; quit from the tray icon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop shows no system tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching %1/%2 for changes every %3 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 is no longer watched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New tag %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 is %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 moved in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 now names %3 (was %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2 named %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image signed in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1@%2 has a signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature removed in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1@%2 has no signature any more</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n changes in %1</source>
        <translation>
            <numerusform>%n change in %1</numerusform>
            <numerusform>%n changes in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Berth&apos;s Changes window to see them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: %1. Berth has not listed any of its repositories yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: %1. Shown: the repositories Berth last listed, as of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline — as of %1: what Berth last saw of %2. %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (offline, as of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags as Berth last saw them</source>
        <translation>
            <numerusform>%1: %n tag as Berth last saw it</numerusform>
            <numerusform>%1: %n tags as Berth last saw them</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vulnerabilities in %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s scan of %1:%2 found %3 at or above %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a tag to copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promote…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a tag to promote.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promote %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promote…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mirror Rules…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read &amp;Every Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags as %2 lists them; an image is read when its tag is selected (each read counts as a pull), or all with View &gt; Read Every Image</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::MirrorRulesWindow</name>
    <message>
        <source>Mirror Rules — Berth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A registry of the sidebar, and a namespace: registry.example/team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Globs, separated by commas, relative to the source namespace: app*, tools/*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Globs, separated by commas: 1.*, latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instead of the globs: a regular expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With signatures and attachments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag regex:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest versions only:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What would be copied and how many bytes would move (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not one of Berth&apos;s registries; add it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing what the rule takes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding out what would move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n images: %1 in %2 blobs would move (blobs already there not counted).</source>
        <translation>
            <numerusform>%n image: %1 in %2 blobs would move (blobs already there not counted).</numerusform>
            <numerusform>%n images: %1 in %2 blobs would move (blobs already there not counted).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images: %1 in %2 blobs moved.</source>
        <translation>
            <numerusform>%n image: %1 in %2 blobs moved.</numerusform>
            <numerusform>%n images: %1 in %2 blobs moved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed.</source>
        <translation>
            <numerusform>%n failed.</numerusform>
            <numerusform>%n failed.</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would move %1 in %2 blobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copied %1 in %2 blobs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::PolicyEditor</name>
    <message>
        <source>Retention Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ECR lifecycle policy: rules expire images, in priority order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Harbor retention: rules retain images, the rest are deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag Prefixes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag Patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expire When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prefixes and patterns are comma-separated; &apos;*&apos; in a pattern matches any run of characters. A tagged rule takes prefixes or patterns, not both; the rule for any image must have the highest priority number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untagged Too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patterns are Harbor&apos;s doublestar patterns: &apos;**&apos; matches anything, &apos;?&apos; one character, {a,b} either.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Retention Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Retention Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untagged images after 14 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untagged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than N images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pushed more than N days ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the N most recently pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>those pushed within N days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not matching</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a policy Berth can use: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifact Registry and Quay policies are planned as they are written; this editor writes ECR and Harbor rules.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RegistryDialog</name>
    <message>
        <source>Edit Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registry.example.com or localhost:5000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name and password or token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for a registry with a private certificate authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain HTTP (no TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip TLS certificate verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone on the network path could read your password and change the images you pull. Use only for a registry you control, and prefer a CA file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not a registry address. Write it as host or host:port, for example ghcr.io or localhost:5000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: the registry accepts this login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (from the address)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCI registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which registry&apos;s own API Berth uses beside the OCI one: namespaces, dates, deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Registry family:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usual place (https://api.github.com, https://hub.docker.com, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For GitHub Enterprise Server: https://HOST/api/v3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;PI address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisations to list beside your own, separated by spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Organisations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected. This registry is a %1: Berth will use its own API for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for AWS credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No working ECR login: %1 Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE to a profile in ~/.aws/credentials or ~/.aws/config.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected without a password: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for Google credentials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No working Artifact Registry login: %1 Set GOOGLE_APPLICATION_CREDENTIALS to a service-account key, or run &apos;gcloud auth application-default login&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berth keeps passwords only in the desktop&apos;s keychain (the Secret Service: GNOME Keyring or KWallet), and none answers here, so the password cannot be saved.

Keep this login for this session only? Berth then forgets it when it closes; it is never written to disk.

(The keychain said: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Keychain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password was not saved: no keychain answers. Start the desktop&apos;s keyring, or keep the login for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RegistryPolicyPane</name>
    <message>
        <source>Plan &amp;It</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registry&apos;s &amp;Dry Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Write to Registry…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Registry policy:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan with the policy %1 runs on this repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask %1 for its own dry run of the policy in this window and compare it with Berth&apos;s plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the policy %1 runs on this repository with the one in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the registry&apos;s own policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the registry&apos;s own policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read it: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs no cleanup policy on this repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs a policy Berth cannot read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 runs %n rule(s) here.</source>
        <translation>
            <numerusform>%1 runs %n rule here.</numerusform>
            <numerusform>%1 runs %n rules here.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last run %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry-run mode: the registry only reports what it would delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the registry&apos;s dry run…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s dry run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The registry&apos;s own dry run agrees with Berth&apos;s plan on all %n image(s).</source>
        <translation>
            <numerusform>The registry&apos;s own dry run agrees with Berth&apos;s plan on all %n image.</numerusform>
            <numerusform>The registry&apos;s own dry run agrees with Berth&apos;s plan on all %n images.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): the registry %3, Berth %4 — %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deletes it (rule %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keeps it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deletes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the registry deletes it; Berth does not list it</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The registry&apos;s own dry run differs from Berth&apos;s plan on %n image(s):</source>
        <translation>
            <numerusform>The registry&apos;s own dry run differs from Berth&apos;s plan on %n image:</numerusform>
            <numerusform>The registry&apos;s own dry run differs from Berth&apos;s plan on %n images:</numerusform>
        </translation>
    </message>
    <message>
        <source>Load or write a policy in %1&apos;s own language first (Policy… or Edit Policy…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the cleanup policy %1 runs on %2 with the one in this window? %1 will then delete by it on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write Policy to Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now runs the policy in this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the policy: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s own dry run removes %1 of %2 images; Berth&apos;s plan removes %3 of %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace Policy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RegistryTreeModel</name>
    <message>
        <source>%1 (loading…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry cannot be reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secure connection failed; the registry&apos;s certificate is not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry needs a valid login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found on the registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your login may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry limits requests; try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry does not support this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s answer could not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (pinned)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system keychain is not available, so the password was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n repositories</source>
        <translation>
            <numerusform>%1: %n repository</numerusform>
            <numerusform>%1: %n repositories</numerusform>
        </translation>
    </message>
    <message>
        <source>OCI registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>push</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your permissions here could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This login may do nothing here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This login may: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking what this login may do here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (watched for changes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RepositoryChart</name>
    <message>
        <source>Image size by build date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: image size by build date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size (%1, compressed)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::RetentionWindow</name>
    <message>
        <source>Retention Plan — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No policy loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images with one of these tags (comma-separated) are never deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always keep tags:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USD per GB-month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking whether this login may delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Lifecycle Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting here would fail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid lifecycle policy: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(untagged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>build date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: %1 of %2 images would be deleted, freeing %3 once the registry&apos;s garbage collection runs. A distribution registry frees space only after its garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At %1 USD per GB-month that saves %2 USD a month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would be left without their image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply Retention Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log cannot be opened, so nothing was deleted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped: tag moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep signed images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Harbor retention: images no rule retains are deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (ECR lifecycle policy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Policy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write or change the rules here, and import or export ECR and Harbor JSON (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the registry&apos;s push times…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry&apos;s push times could not be read (%1), so ages count from build dates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This registry does not report push times: ages count from build dates, else from when Berth first saw an image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ages count from the push times the registry reports.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>edited policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last used policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Artifact Registry cleanup: Keep policies win over Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport Plan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this dry run as JSON for review; &apos;berthctl retention apply --plan&apos; applies exactly it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ECR lifecycle policy, a Harbor retention policy, an Artifact Registry cleanup policy file or Quay auto-prune policies (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Quay auto-prune: tags are pruned, an image goes with its last tag)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>untag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed: %1; the image stays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images that stay but lose some tags (tag-only deletion): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tags removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To delete or untag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untagged images that tags pointed to before, as Berth saw them: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removes tags, not images by digest: an image stays until %1&apos;s own cleanup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting an image removes every tag on it; space returns after the registry&apos;s garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This login may delete in this repository. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not possible here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n images from %1, with the %2 tags that point at them (%3)?</source>
        <translation>
            <numerusform>Delete %n image from %1, with the %2 tags that point at it (%3)?</numerusform>
            <numerusform>Delete %n images from %1, with the %2 tags that point at them (%3)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n tags from %1 (%2)? The images stay.</source>
        <translation>
            <numerusform>Remove %n tag from %1 (%2)? The image stays.</numerusform>
            <numerusform>Remove %n tags from %1 (%2)? The images stay.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more images lose some tags and stay.</source>
        <translation>
            <numerusform>%n more image loses some tags and stays.</numerusform>
            <numerusform>%n more images lose some tags and stay.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each tag is read again first; an image whose tag moved since this plan is skipped. The manifests are kept on this computer so the audit log can put the tags back (all at once) while their layers still exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n images</source>
        <translation>
            <numerusform>Deleted %n image</numerusform>
            <numerusform>Deleted %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tags</source>
        <translation>
            <numerusform>%n tag</numerusform>
            <numerusform>%n tags</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images lost some tags and stay</source>
        <translation>
            <numerusform>%n image lost some tags and stays</numerusform>
            <numerusform>%n images lost some tags and stay</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped or failed (see Result)</source>
        <translation>
            <numerusform>%n skipped or failed (see Result)</numerusform>
            <numerusform>%n skipped or failed (see Result)</numerusform>
        </translation>
    </message>
    <message>
        <source>Space returns after the registry&apos;s garbage collection runs. The audit log puts this run&apos;s tags back in one step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::TagDetailsView</name>
    <message>
        <source>Copy pull command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>docker pull NAME@DIGEST: pulls exactly this image, even if the tag moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tag is an index: pick the platform to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a tag to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Media type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image manifest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifact type:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A Docker schema 1 manifest (deprecated): Berth shows it but does not read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merged filesystem a container sees, or one layer&apos;s own files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every digest this tag has pointed to while Berth was watching (newest last).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Tag to This Digest…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point the tag back at the selected image (a retag; the registry keeps both images)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the layers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All layers merged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n files; %1 compressed, %2 unpacked.</source>
        <translation>
            <numerusform>%n file; %1 compressed, %2 unpacked.</numerusform>
            <numerusform>%n files; %1 compressed, %2 unpacked.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wasted: %1 in files later layers overwrite or delete, such as %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest or tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Artifact type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter vulnerabilities by ID or package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Vulnerabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for signatures and reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signatures were not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trusted keys are set for this registry: signatures are listed but not verified (right-click the registry, Trusted Keys…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Signature verified by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed: no cosign signature was found for this image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Signed, but no signature verifies with the trusted keys: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is attached to this image.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vulnerability report is attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vulnerabilities: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Software bill of materials (%1): %n packages</source>
        <translation>
            <numerusform>Software bill of materials (%1): %n package</numerusform>
            <numerusform>Software bill of materials (%1): %n packages</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run trivy or grype on this machine against this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local scan did not finish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 found %n findings.</source>
        <translation>
            <numerusform>%1 found %n finding.</numerusform>
            <numerusform>%1 found %n findings.</numerusform>
        </translation>
    </message>
    <message>
        <source>image</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n attached</source>
        <translation>
            <numerusform>%n attached</numerusform>
            <numerusform>%n attached</numerusform>
        </translation>
    </message>
    <message>
        <source>Every digest this tag has pointed to, as %1 recorded it (newest last).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan by Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the registry to scan this image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask %1&apos;s own scanner to scan this image; its report shows here once done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry started scanning (%1); reopen the tag later for its report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registry did not start a scan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed keyless by %1. Keyless signatures are not verified offline (that needs Fulcio and the transparency log), and no trusted key verifies a signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No findings in the attached report (%1).</source>
        <translation>
            <numerusform>No findings in the attached report (%1).</numerusform>
            <numerusform>No findings in the attached reports (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>Layers (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The platform is chosen on the Overview tab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::TagTableModel</name>
    <message>
        <source>latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>git commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When Berth first saw this tag at this digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What deleting this tag alone would free after the registry&apos;s garbage collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unique</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>signed (unchecked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>digest mismatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the registry says this tag was last pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not pulled since the registry started counting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the registry says this tag was last pulled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last pulled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keyless (not verified)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image is not read yet: select the tag to read it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>berth::VulnerabilityModel</name>
    <message>
        <source>Critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vulnerability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CVSS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse container registries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this registry (host[:port]); repeatable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the CA certificates in this PEM file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the main window as PNG once the registries have loaded, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to CONNECT_HOST:CONNECT_PORT when a URL names HOST:PORT, as curl does (TLS still checks HOST); repeatable. Also BERTH_CONNECT_TO.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this repository and tag once the registries have loaded (REPO:TAG).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --screenshots: the tag to compare the opened one with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open --open, save the main window, the Trust, Files and Timeline tabs, the size chart and the comparison as PNG files in DIR, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
