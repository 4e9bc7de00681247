<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en_US">
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message numerus="yes">
        <source>%1: %n tags</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
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
    <message numerus="yes">
        <source>%n repositories</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
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
</context>
</TS>
