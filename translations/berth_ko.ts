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
    <message>
        <source>Filter repositories (Ctrl+Shift+F)</source>
        <translation>저장소 필터 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Pulls left in the registry's current rate-limit window</source>
        <translation>레지스트리의 현재 요청 제한 구간에서 남은 풀 횟수</translation>
    </message>
    <message>
        <source>%v / %m tags</source>
        <translation>태그 %v / %m개</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Stop loading (Esc)</source>
        <translation>불러오기 중지 (Esc)</translation>
    </message>
    <message>
        <source>Filter tags or digests (Ctrl+F)</source>
        <translation>태그 또는 다이제스트 필터 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>정규 표현식</translation>
    </message>
    <message>
        <source>Kinds</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Show only some kinds of tags</source>
        <translation>일부 종류의 태그만 표시합니다</translation>
    </message>
    <message>
        <source>&amp;Filter Tags</source>
        <translation>태그 필터(&amp;F)</translation>
    </message>
    <message>
        <source>Filter &amp;Repositories</source>
        <translation>저장소 필터(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>Copy &amp;Pull Command</source>
        <translation>풀 명령 복사(&amp;P)</translation>
    </message>
    <message>
        <source>%1: %2 pulls left</source>
        <translation>%1: 풀 %2회 남음</translation>
    </message>
    <message>
        <source>%1: %2 of %3 pulls left</source>
        <translation>%1: 풀 %3회 중 %2회 남음</translation>
    </message>
    <message>
        <source>Select a tag to see its details.</source>
        <translation>자세한 내용을 보려면 태그를 선택하세요.</translation>
    </message>
    <message>
        <source>%1: loading stopped</source>
        <translation>%1: 불러오기가 중단되었습니다</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags, some could not be read (see their tooltips)</source>
        <translation><numerusform>%1: 태그 %n개, 일부는 읽을 수 없습니다 (도움말 풍선 참조)</numerusform></translation>
    </message>
    <message>
        <source>Not a valid regular expression: %1</source>
        <translation>올바른 정규 표현식이 아닙니다: %1</translation>
    </message>
    <message>
        <source>Copy Pull Command</source>
        <translation>풀 명령 복사</translation>
    </message>
    <message>
        <source>Copy Digest</source>
        <translation>다이제스트 복사</translation>
    </message>
    <message>
        <source>Copy Reference</source>
        <translation>참조 복사</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <source>Loading was cancelled; the tags shown so far stay. Press F5 to load again.</source>
        <translation>불러오기가 취소되었습니다. 지금까지 표시된 태그는 그대로 남습니다. 다시 불러오려면 F5를 누르세요.</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: 취소됨</translation>
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
    <name>berth::TagDetailsView</name>
    <message>
        <source>Copy pull command</source>
        <translation>풀 명령 복사</translation>
    </message>
    <message>
        <source>Copy digest</source>
        <translation>다이제스트 복사</translation>
    </message>
    <message>
        <source>Copy reference</source>
        <translation>참조 복사</translation>
    </message>
    <message>
        <source>docker pull NAME@DIGEST: pulls exactly this image, even if the tag moves</source>
        <translation>docker pull NAME@DIGEST: 태그가 바뀌어도 정확히 이 이미지를 가져옵니다</translation>
    </message>
    <message>
        <source>This tag is an index: pick the platform to show</source>
        <translation>이 태그는 인덱스입니다. 표시할 플랫폼을 고르세요</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>플랫폼:</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>단계</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>다이제스트</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>비율</translation>
    </message>
    <message>
        <source>Media type</source>
        <translation>미디어 유형</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>Manifest</source>
        <translation>매니페스트</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>History</source>
        <translation>빌드 기록</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Select a tag to see its details.</source>
        <translation>자세한 내용을 보려면 태그를 선택하세요.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>참조:</translation>
    </message>
    <message>
        <source>Digest:</source>
        <translation>다이제스트:</translation>
    </message>
    <message>
        <source>Media type:</source>
        <translation>미디어 유형:</translation>
    </message>
    <message>
        <source>Image manifest:</source>
        <translation>이미지 매니페스트:</translation>
    </message>
    <message>
        <source>Artifact type:</source>
        <translation>아티팩트 유형:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>참고:</translation>
    </message>
    <message>
        <source>A Docker schema 1 manifest (deprecated): Berth shows it but does not read it.</source>
        <translation>Docker 스키마 1 매니페스트(지원 중단): Berth는 표시만 하고 읽지 않습니다.</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>크기:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>생성 시각:</translation>
    </message>
    <message>
        <source>Command:</source>
        <translation>명령:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>사용자:</translation>
    </message>
    <message>
        <source>Working directory:</source>
        <translation>작업 디렉터리:</translation>
    </message>
    <message>
        <source>Ports:</source>
        <translation>포트:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>환경 변수:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>레이블:</translation>
    </message>
</context>
<context>
    <name>berth::TagTableModel</name>
    <message>
        <source>latest</source>
        <translation>latest</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>환경</translation>
    </message>
    <message>
        <source>date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <source>version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>git commit</source>
        <translation>git 커밋</translation>
    </message>
    <message>
        <source>other</source>
        <translation>기타</translation>
    </message>
    <message>
        <source>When Berth first saw this tag at this digest</source>
        <translation>Berth가 이 태그를 이 다이제스트로 처음 본 시각</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>다이제스트</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>처음 본 시각</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Platforms</source>
        <translation>플랫폼</translation>
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