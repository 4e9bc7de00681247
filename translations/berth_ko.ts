<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>berth::MainWindow</name>
    <message>
        <source>Berth</source>
        <translation>Berth</translation>
    </message>
    <message>
        <source>Filter repositories (Ctrl+F)</source>
        <translation>저장소 필터 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Select a repository to see its tags.</source>
        <translation>태그를 보려면 저장소를 선택하세요.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n repositories</source>
        <translation><numerusform>%1: 저장소 %n개</numerusform></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>필터(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Cancel Loading</source>
        <translation>불러오기 취소(&amp;C)</translation>
    </message>
    <message>
        <source>Loading tags of %1…</source>
        <translation>%1의 태그를 불러오는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags</source>
        <translation><numerusform>%1: 태그 %n개</numerusform></translation>
    </message>
</context>
<context>
    <name>berth::RegistryTreeModel</name>
    <message>
        <source>%1 (loading…)</source>
        <translation>%1 (불러오는 중…)</translation>
    </message>
    <message>
        <source>%1 (failed)</source>
        <translation>%1 (실패)</translation>
    </message>
    <message numerus="yes">
        <source>%n repositories</source>
        <translation><numerusform>저장소 %n개</numerusform></translation>
    </message>
    <message>
        <source>Registries</source>
        <translation>레지스트리</translation>
    </message>
    <message>
        <source>The registry cannot be reached.</source>
        <translation>레지스트리에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>The secure connection failed; the registry's certificate is not trusted.</source>
        <translation>보안 연결에 실패했습니다. 레지스트리의 인증서를 신뢰할 수 없습니다.</translation>
    </message>
    <message>
        <source>The registry needs a valid login.</source>
        <translation>레지스트리에 올바른 로그인이 필요합니다.</translation>
    </message>
    <message>
        <source>Not found on the registry.</source>
        <translation>레지스트리에서 찾을 수 없습니다.</translation>
    </message>
    <message>
        <source>Your login may not do this.</source>
        <translation>현재 로그인으로는 이 작업을 할 수 없습니다.</translation>
    </message>
    <message>
        <source>The registry limits requests; try again later.</source>
        <translation>레지스트리가 요청 수를 제한하고 있습니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The registry does not support this.</source>
        <translation>레지스트리가 이 기능을 지원하지 않습니다.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
    <message>
        <source>The registry's answer could not be used.</source>
        <translation>레지스트리의 응답을 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>자세한 내용: %1</translation>
    </message>
</context>
<context>
    <name>berth::TagListModel</name>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Browse container registries.</source>
        <translation>컨테이너 레지스트리를 탐색합니다.</translation>
    </message>
    <message>
        <source>Show this registry (host[:port]); repeatable.</source>
        <translation>이 레지스트리를 표시합니다 (host[:port]). 여러 번 지정할 수 있습니다.</translation>
    </message>
    <message>
        <source>Trust the CA certificates in this PEM file.</source>
        <translation>이 PEM 파일의 CA 인증서를 신뢰합니다.</translation>
    </message>
    <message>
        <source>Save the main window as PNG once the registries have loaded, then quit.</source>
        <translation>레지스트리를 모두 불러오면 주 창을 PNG로 저장하고 종료합니다.</translation>
    </message>
</context>
</TS>