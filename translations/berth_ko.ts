<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>berth::AuditWindow</name>
    <message>
        <source>Audit Log</source>
        <translation>감사 로그</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>사용자</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>레지스트리</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>저장소</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>From</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>To</source>
        <translation>이후</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>&amp;Undo…</source>
        <translation>되돌리기(&amp;U)…</translation>
    </message>
    <message>
        <source>The audit log cannot be opened: %1</source>
        <translation>감사 로그를 열 수 없습니다: %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Berth has not changed any registry yet.</source>
        <translation>Berth가 아직 어떤 레지스트리도 변경하지 않았습니다.</translation>
    </message>
    <message>
        <source>%1 entries, newest first.</source>
        <translation>항목 %1개, 최신순.</translation>
    </message>
    <message>
        <source>%1 is not among the registries shown; add it first to undo this.</source>
        <translation>%1은(는) 표시된 레지스트리에 없습니다. 되돌리려면 먼저 추가하세요.</translation>
    </message>
    <message>
        <source>Point %1:%2 at %3 again?

This works while the registry still has the image&apos;s layers (until its garbage collection runs).</source>
        <translation>%1:%2이(가) 다시 %3을(를) 가리키게 할까요?

레지스트리에 이미지의 레이어가 남아 있는 동안(가비지 컬렉션 전까지)만 가능합니다.</translation>
    </message>
    <message>
        <source>Undo Deletion</source>
        <translation>삭제 되돌리기</translation>
    </message>
    <message>
        <source>Restoring %1:%2…</source>
        <translation>%1:%2을(를) 되돌리는 중…</translation>
    </message>
    <message>
        <source>Put the deleted tags back — every tag of the run (a retention apply) the selected entries belong to (Ctrl+Z)</source>
        <translation>삭제된 태그를 되돌립니다 — 선택한 항목이 속한 실행(보존 정책 적용 한 번)의 모든 태그(Ctrl+Z)</translation>
    </message>
    <message>
        <source>undone</source>
        <translation>되돌림</translation>
    </message>
    <message numerus="yes">
        <source>&amp;Undo %n Deletions…</source>
        <translation>
            <numerusform>삭제 %n건 되돌리기(&amp;U)…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back the %n tags this run deleted (%1)?

This works while the registry still has the images&apos; layers (until its garbage collection runs).</source>
        <translation>
            <numerusform>이번 실행에서 삭제한 태그 %n개(%1)를 되돌릴까요?

레지스트리에 이미지 레이어가 남아 있는 동안(가비지 컬렉션 전까지)만 가능합니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back %n tags.</source>
        <translation>
            <numerusform>태그 %n개를 되돌렸습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Put back %1 of %n tags; not restored: %2</source>
        <translation>
            <numerusform>태그 %n개 중 %1개를 되돌렸습니다. 되돌리지 못함: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1:%2 (%3)</source>
        <translation>%1:%2 (%3)</translation>
    </message>
</context>
<context>
    <name>berth::ChangesWindow</name>
    <message>
        <source>Changes — Berth</source>
        <translation>변경 사항 — Berth</translation>
    </message>
    <message>
        <source>When</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>저장소</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>다이제스트</translation>
    </message>
    <message>
        <source>Show earlier changes too</source>
        <translation>이전 변경 사항도 보기</translation>
    </message>
    <message>
        <source>Compare with Previous Digest</source>
        <translation>이전 다이제스트와 비교</translation>
    </message>
    <message>
        <source>What changed in the image when the tag moved (Ctrl+D)</source>
        <translation>태그가 옮겨질 때 이미지에서 바뀐 것 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Mark All as Seen</source>
        <translation>모두 확인함으로 표시</translation>
    </message>
    <message>
        <source>created</source>
        <translation>생성됨</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>옮겨짐</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>서명됨</translation>
    </message>
    <message>
        <source>signature removed</source>
        <translation>서명 제거됨</translation>
    </message>
    <message>
        <source>was %1</source>
        <translation>이전: %1</translation>
    </message>
    <message>
        <source>all watched repositories</source>
        <translation>지켜보는 모든 저장소</translation>
    </message>
    <message>
        <source>No changes in %1 since you last looked (%2).</source>
        <translation>마지막으로 확인한 뒤(%2) %1에 변경 사항이 없습니다.</translation>
    </message>
    <message>
        <source>No changes in %1 yet.</source>
        <translation>%1에 아직 변경 사항이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n changes in %1 since you last looked (%2):</source>
        <translation>
            <numerusform>마지막으로 확인한 뒤(%2) %1의 변경 사항 %n건:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes in %1:</source>
        <translation>
            <numerusform>%1의 변경 사항 %n건:</numerusform>
        </translation>
    </message>
    <message>
        <source>scan findings</source>
        <translation>스캔 결과</translation>
    </message>
    <message>
        <source>%1: %2 at or above %3</source>
        <translation>%1: %3 이상 %2건</translation>
    </message>
</context>
<context>
    <name>berth::CompareWindow</name>
    <message>
        <source>Compare %1 and %2</source>
        <translation>%1와(과) %2 비교</translation>
    </message>
    <message>
        <source>Reading both images…</source>
        <translation>두 이미지를 읽는 중…</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>In A</source>
        <translation>A에 있음</translation>
    </message>
    <message>
        <source>In B</source>
        <translation>B에 있음</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>변경</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <source>What</source>
        <translation>변경 내용</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>설정 항목</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>A: %1 — %2 compressed, %3 unpacked
B: %4 — %5 compressed, %6 unpacked
Layers: %7 shared, %8 only in A, %9 only in B. Files: %10 added, %11 removed, %12 changed.</source>
        <translation>A: %1 — 압축 %2, 압축 해제 %3
B: %4 — 압축 %5, 압축 해제 %6
레이어: 공유 %7개, A에만 %8개, B에만 %9개. 파일: 추가 %10개, 삭제 %11개, 변경 %12개.</translation>
    </message>
    <message>
        <source>added</source>
        <translation>추가됨</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>변경됨</translation>
    </message>
    <message>
        <source>Neither image has a dpkg or apk package database.</source>
        <translation>두 이미지 모두 dpkg나 apk 패키지 데이터베이스가 없습니다.</translation>
    </message>
    <message>
        <source>Show files whose only change is the modified time</source>
        <translation>수정 시각만 바뀐 파일도 보기</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;■ only in A (removed)&lt;/span&gt; &amp;nbsp; &lt;span style=&quot;color:#2e7d32&quot;&gt;■ only in B (added)&lt;/span&gt; &amp;nbsp; unmarked: in both</source>
        <translation>&lt;span style=&quot;color:#c62828&quot;&gt;■ A에만 있음(제거됨)&lt;/span&gt; &amp;nbsp; &lt;span style=&quot;color:#2e7d32&quot;&gt;■ B에만 있음(추가됨)&lt;/span&gt; &amp;nbsp; 표시 없음: 둘 다에 있음</translation>
    </message>
    <message numerus="yes">
        <source>Show the %n files whose only change is the modified time</source>
        <translation>
            <numerusform>수정 시각만 바뀐 파일 %n개도 보기</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::CopyDialog</name>
    <message>
        <source>Copy %1</source>
        <translation>%1 복사</translation>
    </message>
    <message>
        <source>The image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>All platforms (the index as it is)</source>
        <translation>모든 플랫폼 (인덱스 그대로)</translation>
    </message>
    <message>
        <source>With signatures and attachments (SBOMs, attestations, scan reports)</source>
        <translation>서명과 첨부물 포함 (SBOM, 증명, 스캔 보고서)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>원본:</translation>
    </message>
    <message>
        <source>To registry:</source>
        <translation>대상 레지스트리:</translation>
    </message>
    <message>
        <source>Repository:</source>
        <translation>저장소:</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>태그:</translation>
    </message>
    <message>
        <source>Platforms:</source>
        <translation>플랫폼:</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Give the copy a tag.</source>
        <translation>사본의 태그를 입력하세요.</translation>
    </message>
    <message>
        <source>%1 is not one of Berth&apos;s registries; add it first.</source>
        <translation>%1은(는) Berth에 추가된 레지스트리가 아닙니다. 먼저 추가하세요.</translation>
    </message>
    <message>
        <source>Finding out what %1 already has…</source>
        <translation>%1에 이미 있는 것을 확인하는 중…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was copied.</source>
        <translation>취소됨. 아무것도 복사되지 않았습니다.</translation>
    </message>
    <message>
        <source>Cancelled; nothing was tagged at the destination.</source>
        <translation>취소됨. 대상에 태그가 생기지 않았습니다.</translation>
    </message>
    <message>
        <source>The copy stopped, nothing was tagged: %1</source>
        <translation>복사가 중단되어 태그가 생기지 않았습니다: %1</translation>
    </message>
    <message>
        <source>Copied to %1:%2 (%3): %4 moved in %5 blobs, %6 blobs already there, %7 mounted; %8 attached artifacts along.</source>
        <translation>%1:%2(%3)에 복사함: 블롭 %5개로 %4 전송, %6개는 이미 있음, %7개 마운트, 첨부 아티팩트 %8개 함께 복사.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>, about %1 s left</source>
        <translation>, 약 %1초 남음</translation>
    </message>
    <message>
        <source>Everything is there already; pushing the manifests and the tag…</source>
        <translation>모든 블롭이 이미 있습니다. 매니페스트와 태그를 올리는 중…</translation>
    </message>
    <message>
        <source>%1 of %2 copied (%3/s)%4</source>
        <translation>%2 중 %1 복사됨 (%3/s)%4</translation>
    </message>
</context>
<context>
    <name>berth::FileTreeModel</name>
    <message>
        <source> (deletes %1)</source>
        <translation> (%1 삭제)</translation>
    </message>
    <message>
        <source> (hides the directory&apos;s lower contents)</source>
        <translation> (아래 레이어의 디렉터리 내용을 가림)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>권한</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
</context>
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
        <translation>
            <numerusform>%1: 저장소 %n개</numerusform>
        </translation>
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
    <message>
        <source>Filter repositories (Ctrl+Shift+F)</source>
        <translation>저장소 필터 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Pulls left in the registry&apos;s current rate-limit window</source>
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
        <translation>
            <numerusform>%1: 태그 %n개, 일부는 읽을 수 없습니다 (도움말 풍선 참조)</numerusform>
        </translation>
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
    <message>
        <source>&amp;Add Registry…</source>
        <translation>레지스트리 추가(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation>저장소 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation>저장소 열기</translation>
    </message>
    <message>
        <source>Select a registry in the sidebar first.</source>
        <translation>먼저 사이드바에서 레지스트리를 선택하세요.</translation>
    </message>
    <message>
        <source>Repository name, such as library/debian or myorg/app:</source>
        <translation>저장소 이름 (예: library/debian, myorg/app):</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a repository name.</source>
        <translation>&quot;%1&quot;은(는) 저장소 이름이 아닙니다.</translation>
    </message>
    <message>
        <source>Remove Registry</source>
        <translation>레지스트리 제거</translation>
    </message>
    <message>
        <source>Remove %1 from Berth and forget its saved password? Logins made with docker or podman stay.</source>
        <translation>Berth에서 %1을(를) 제거하고 저장된 비밀번호를 삭제할까요? docker나 podman으로 한 로그인은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>Add Registry…</source>
        <translation>레지스트리 추가…</translation>
    </message>
    <message>
        <source>Open Repository…</source>
        <translation>저장소 열기…</translation>
    </message>
    <message>
        <source>Repository name:</source>
        <translation>저장소 이름:</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>편집…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>고정 해제</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>고정</translation>
    </message>
    <message>
        <source>Copy Name</source>
        <translation>이름 복사</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Size over time</source>
        <translation>시간에 따른 크기</translation>
    </message>
    <message>
        <source>Co&amp;mpare Selected Tags</source>
        <translation>선택한 태그 비교(&amp;M)</translation>
    </message>
    <message>
        <source>Select two tags to compare (Ctrl+click).</source>
        <translation>비교할 태그 두 개를 선택하세요 (Ctrl+클릭).</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags, %2 stored (shared layers counted once)</source>
        <translation>
            <numerusform>%1: 태그 %n개, 저장 용량 %2 (공유 레이어는 한 번만 계산)</numerusform>
        </translation>
    </message>
    <message>
        <source>Compare Selected Tags</source>
        <translation>선택한 태그 비교</translation>
    </message>
    <message>
        <source>Point %1:%2 back at %3?

Everyone who pulls %2 from now on gets that image. The image it points at now stays in the registry under its digest.</source>
        <translation>%1:%2을(를) %3(으)로 되돌릴까요?

이제부터 %2을(를) 내려받는 모든 사람은 그 이미지를 받습니다. 지금 가리키는 이미지는 다이제스트로 레지스트리에 남습니다.</translation>
    </message>
    <message>
        <source>Restore Tag</source>
        <translation>태그 되돌리기</translation>
    </message>
    <message>
        <source>Could not restore %1: %2</source>
        <translation>%1을(를) 되돌리지 못했습니다: %2</translation>
    </message>
    <message>
        <source>%1 now points at %2</source>
        <translation>%1이(가) 이제 %2을(를) 가리킵니다</translation>
    </message>
    <message>
        <source>The key %1 could not be read.</source>
        <translation>키 %1을(를) 읽을 수 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n trusted keys for %1</source>
        <translation>
            <numerusform>%1의 신뢰하는 키 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Trusted Keys…</source>
        <translation>신뢰하는 키…</translation>
    </message>
    <message>
        <source>Public keys that sign images of %1</source>
        <translation>%1의 이미지에 서명하는 공개 키</translation>
    </message>
    <message>
        <source>Public keys (*.pub *.pem);;All files (*)</source>
        <translation>공개 키 (*.pub *.pem);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Check &amp;Trust of All Tags</source>
        <translation>모든 태그의 신뢰 확인(&amp;T)</translation>
    </message>
    <message>
        <source>%v / %m images checked</source>
        <translation>이미지 %v / %m개 확인</translation>
    </message>
    <message numerus="yes">
        <source>Checked %n images</source>
        <translation>
            <numerusform>이미지 %n개 확인함</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Retention Plan…</source>
        <translation>보존 계획(&amp;R)…</translation>
    </message>
    <message>
        <source>Open a repository and wait for its tags to load first.</source>
        <translation>먼저 저장소를 열고 태그를 모두 불러올 때까지 기다리세요.</translation>
    </message>
    <message>
        <source>&amp;Audit Log…</source>
        <translation>감사 로그(&amp;A)…</translation>
    </message>
    <message>
        <source>%1: the registry&apos;s push and pull dates could not be read: %2</source>
        <translation>%1: 레지스트리의 푸시·풀 날짜를 읽지 못했습니다: %2</translation>
    </message>
    <message>
        <source>The registry&apos;s tag history could not be read: %1</source>
        <translation>레지스트리의 태그 이력을 읽지 못했습니다: %1</translation>
    </message>
    <message>
        <source>Pulled: any time</source>
        <translation>가져온 시점: 전체</translation>
    </message>
    <message numerus="yes">
        <source>Not pulled for %n days</source>
        <translation>
            <numerusform>%n일 동안 가져오지 않음</numerusform>
        </translation>
    </message>
    <message>
        <source>Show only tags the registry says nobody pulled for this long (never pulled counts from the push)</source>
        <translation>레지스트리 기록상 이 기간 동안 아무도 가져오지 않은 태그만 표시합니다 (한 번도 가져오지 않았다면 푸시 시점부터 셉니다)</translation>
    </message>
    <message>
        <source>No tag matches the filter.</source>
        <translation>필터에 맞는 태그가 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n tags</source>
        <translation>
            <numerusform>태그 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n tags shown</source>
        <translation>
            <numerusform>태그 %n개 중 %1개 표시</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signature or attachment tags hidden (Kinds)</source>
        <translation>
            <numerusform>서명·첨부 태그 %n개 숨김(종류)</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a repository first.</source>
        <translation>먼저 저장소를 여세요.</translation>
    </message>
    <message>
        <source>Trust of all tags will be checked once the tags have loaded.</source>
        <translation>태그를 모두 불러오면 전체 태그의 신뢰를 확인합니다.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No registries yet.&lt;/b&gt; Add a self-hosted registry, Docker Hub, GHCR, Quay, Harbor, Amazon ECR or Artifact Registry. Berth also shows every registry you logged into with &lt;code&gt;docker login&lt;/code&gt; or &lt;code&gt;podman login&lt;/code&gt;; none was found in %1.</source>
        <translation>&lt;b&gt;아직 레지스트리가 없습니다.&lt;/b&gt; 자체 호스팅 레지스트리, Docker Hub, GHCR, Quay, Harbor, Amazon ECR 또는 Artifact Registry를 추가하세요. Berth는 &lt;code&gt;docker login&lt;/code&gt;이나 &lt;code&gt;podman login&lt;/code&gt;으로 로그인한 레지스트리도 모두 보여 주지만, %1에서는 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>Welcome to Berth</source>
        <translation>Berth에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>Two tags selected: Ctrl+D compares them (also in the right-click menu).</source>
        <translation>태그 두 개를 선택했습니다: Ctrl+D로 비교합니다(오른쪽 클릭 메뉴에도 있음).</translation>
    </message>
    <message>
        <source>Stop Watching</source>
        <translation>지켜보기 중지</translation>
    </message>
    <message>
        <source>Watch for Changes</source>
        <translation>변경 사항 지켜보기</translation>
    </message>
    <message>
        <source>Changes…</source>
        <translation>변경 사항…</translation>
    </message>
    <message>
        <source>Watching %1/%2: %3</source>
        <translation>%1/%2 지켜보는 중: %3</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>지켜보기(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Changes…</source>
        <translation>변경 사항(&amp;C)…</translation>
    </message>
    <message>
        <source>Changes in &amp;This Repository…</source>
        <translation>이 저장소의 변경 사항(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Watch This Repository</source>
        <translation>이 저장소 지켜보기(&amp;W)</translation>
    </message>
    <message>
        <source>Check &amp;Now</source>
        <translation>지금 확인(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Notify About</source>
        <translation>알림 받을 변경(&amp;N)</translation>
    </message>
    <message>
        <source>New Tags</source>
        <translation>새 태그</translation>
    </message>
    <message>
        <source>Moved Tags</source>
        <translation>옮겨진 태그</translation>
    </message>
    <message>
        <source>Deleted Tags</source>
        <translation>삭제된 태그</translation>
    </message>
    <message>
        <source>Signed Images</source>
        <translation>서명된 이미지</translation>
    </message>
    <message>
        <source>Removed Signatures</source>
        <translation>제거된 서명</translation>
    </message>
    <message>
        <source>Keep Running in the System &amp;Tray</source>
        <translation>시스템 트레이에서 계속 실행(&amp;T)</translation>
    </message>
    <message>
        <source>Closing the window keeps Berth watching, with notifications; quit from the tray icon.</source>
        <translation>창을 닫아도 Berth가 알림과 함께 계속 지켜봅니다. 끝내려면 트레이 아이콘에서 종료하세요.</translation>
    </message>
    <message>
        <source>This desktop shows no system tray.</source>
        <translation>이 데스크톱에는 시스템 트레이가 없습니다.</translation>
    </message>
    <message>
        <source>Show Berth</source>
        <translation>Berth 보이기</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Watching %1/%2 for changes every %3 minutes.</source>
        <translation>%1/%2의 변경 사항을 %3분마다 확인합니다.</translation>
    </message>
    <message>
        <source>%1/%2 is no longer watched.</source>
        <translation>%1/%2를 더 이상 지켜보지 않습니다.</translation>
    </message>
    <message>
        <source>New tag %1 in %2</source>
        <translation>%2에 새 태그 %1</translation>
    </message>
    <message>
        <source>%1:%2 is %3</source>
        <translation>%1:%2 = %3</translation>
    </message>
    <message>
        <source>%1 moved in %2</source>
        <translation>%2에서 %1이(가) 옮겨짐</translation>
    </message>
    <message>
        <source>%1:%2 now names %3 (was %4)</source>
        <translation>%1:%2 이제 %3 (이전: %4)</translation>
    </message>
    <message>
        <source>%1 deleted in %2</source>
        <translation>%2에서 %1 삭제됨</translation>
    </message>
    <message>
        <source>%1:%2 named %3</source>
        <translation>%1:%2 삭제 전: %3</translation>
    </message>
    <message>
        <source>Image signed in %1</source>
        <translation>%1의 이미지가 서명됨</translation>
    </message>
    <message>
        <source>%1@%2 has a signature</source>
        <translation>%1@%2에 서명이 있습니다</translation>
    </message>
    <message>
        <source>Signature removed in %1</source>
        <translation>%1의 서명이 제거됨</translation>
    </message>
    <message>
        <source>%1@%2 has no signature any more</source>
        <translation>%1@%2에 더 이상 서명이 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>%n changes in %1</source>
        <translation>
            <numerusform>%1의 변경 사항 %n건</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Berth&apos;s Changes window to see them.</source>
        <translation>Berth의 변경 사항 창에서 확인하세요.</translation>
    </message>
    <message>
        <source>Offline: %1. Berth has not listed any of its repositories yet.</source>
        <translation>오프라인: %1. Berth가 아직 이 레지스트리의 저장소를 나열한 적이 없습니다.</translation>
    </message>
    <message>
        <source>Offline: %1. Shown: the repositories Berth last listed, as of %2.</source>
        <translation>오프라인: %1. 표시된 것은 Berth가 %2에 마지막으로 나열한 저장소입니다.</translation>
    </message>
    <message>
        <source>Offline — as of %1: what Berth last saw of %2. %3</source>
        <translation>오프라인 — %1 기준: Berth가 마지막으로 본 %2입니다. %3</translation>
    </message>
    <message>
        <source>%1 (offline, as of %2)</source>
        <translation>%1 (오프라인, %2 기준)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags as Berth last saw them</source>
        <translation>
            <numerusform>%1: Berth가 마지막으로 본 태그 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan Findings</source>
        <translation>스캔 결과</translation>
    </message>
    <message>
        <source>Vulnerabilities in %1:%2</source>
        <translation>%1:%2의 취약점</translation>
    </message>
    <message>
        <source>The registry&apos;s scan of %1:%2 found %3 at or above %4.</source>
        <translation>레지스트리의 %1:%2 스캔에서 %4 이상 취약점 %3건이 발견되었습니다.</translation>
    </message>
    <message>
        <source>Copy &amp;To…</source>
        <translation>다른 곳으로 복사(&amp;T)…</translation>
    </message>
    <message>
        <source>Select a tag to copy.</source>
        <translation>복사할 태그를 선택하세요.</translation>
    </message>
    <message>
        <source>&amp;Promote…</source>
        <translation>승격(&amp;P)…</translation>
    </message>
    <message>
        <source>Select a tag to promote.</source>
        <translation>승격할 태그를 선택하세요.</translation>
    </message>
    <message>
        <source>Promote %1:%2</source>
        <translation>%1:%2 승격</translation>
    </message>
    <message>
        <source>Copied %1.</source>
        <translation>%1을(를) 복사했습니다.</translation>
    </message>
    <message>
        <source>Copy To…</source>
        <translation>다른 곳으로 복사…</translation>
    </message>
    <message>
        <source>Promote…</source>
        <translation>승격…</translation>
    </message>
    <message>
        <source>&amp;Mirror Rules…</source>
        <translation>미러 규칙(&amp;M)…</translation>
    </message>
    <message>
        <source>Read &amp;Every Image</source>
        <translation>모든 이미지 읽기(&amp;E)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tags as %2 lists them; an image is read when its tag is selected (each read counts as a pull), or all with View &gt; Read Every Image</source>
        <translation>
            <numerusform>%1: %2에 나열된 태그 %n개. 이미지는 태그를 선택할 때 읽습니다(읽을 때마다 풀 한 번으로 셉니다). 모두 읽으려면 보기 &gt; 모든 이미지 읽기</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>berth::MirrorRulesWindow</name>
    <message>
        <source>Mirror Rules — Berth</source>
        <translation>미러 규칙 — Berth</translation>
    </message>
    <message>
        <source>New</source>
        <translation>새로 만들기</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>A registry of the sidebar, and a namespace: registry.example/team</source>
        <translation>사이드바의 레지스트리와 네임스페이스: registry.example/team</translation>
    </message>
    <message>
        <source>Globs, separated by commas, relative to the source namespace: app*, tools/*</source>
        <translation>쉼표로 구분한 글롭, 원본 네임스페이스 기준: app*, tools/*</translation>
    </message>
    <message>
        <source>Globs, separated by commas: 1.*, latest</source>
        <translation>쉼표로 구분한 글롭: 1.*, latest</translation>
    </message>
    <message>
        <source>Instead of the globs: a regular expression</source>
        <translation>글롭 대신 정규식</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>With signatures and attachments</source>
        <translation>서명과 첨부물 포함</translation>
    </message>
    <message>
        <source>Save Rule</source>
        <translation>규칙 저장</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>원본:</translation>
    </message>
    <message>
        <source>Destination:</source>
        <translation>대상:</translation>
    </message>
    <message>
        <source>Repositories:</source>
        <translation>저장소:</translation>
    </message>
    <message>
        <source>Tags:</source>
        <translation>태그:</translation>
    </message>
    <message>
        <source>Tag regex:</source>
        <translation>태그 정규식:</translation>
    </message>
    <message>
        <source>Latest versions only:</source>
        <translation>최신 버전만:</translation>
    </message>
    <message>
        <source>Dry Run</source>
        <translation>시험 실행</translation>
    </message>
    <message>
        <source>What would be copied and how many bytes would move (Ctrl+R)</source>
        <translation>무엇이 복사되고 몇 바이트가 옮겨질지 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>원본</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>새 규칙</translation>
    </message>
    <message>
        <source>The rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot;.</source>
        <translation>&quot;%1&quot;을(를) 저장했습니다.</translation>
    </message>
    <message>
        <source>%1 is not one of Berth&apos;s registries; add it first.</source>
        <translation>%1은(는) Berth에 추가된 레지스트리가 아닙니다. 먼저 추가하세요.</translation>
    </message>
    <message>
        <source>Listing what the rule takes…</source>
        <translation>규칙에 해당하는 이미지를 나열하는 중…</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Finding out what would move…</source>
        <translation>옮겨질 것을 확인하는 중…</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>복사하는 중…</translation>
    </message>
    <message numerus="yes">
        <source>%n images: %1 in %2 blobs would move (blobs already there not counted).</source>
        <translation>
            <numerusform>이미지 %n개: 블롭 %2개, %1이(가) 옮겨질 예정 (이미 있는 블롭 제외).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images: %1 in %2 blobs moved.</source>
        <translation>
            <numerusform>이미지 %n개: 블롭 %2개, %1 옮김.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed.</source>
        <translation>
            <numerusform>%n개 실패.</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>not copied</source>
        <translation>복사 안 됨</translation>
    </message>
    <message>
        <source>up to date</source>
        <translation>최신 상태</translation>
    </message>
    <message>
        <source>would move %1 in %2 blobs</source>
        <translation>블롭 %2개, %1 옮길 예정</translation>
    </message>
    <message>
        <source>copied %1 in %2 blobs</source>
        <translation>블롭 %2개, %1 복사함</translation>
    </message>
</context>
<context>
    <name>berth::PolicyEditor</name>
    <message>
        <source>Retention Policy</source>
        <translation>보존 정책</translation>
    </message>
    <message>
        <source>ECR lifecycle policy: rules expire images, in priority order</source>
        <translation>ECR 수명 주기 정책: 규칙이 우선순위 순서대로 이미지를 만료시킵니다</translation>
    </message>
    <message>
        <source>Harbor retention: rules retain images, the rest are deleted</source>
        <translation>Harbor 보존: 규칙이 이미지를 유지하고 나머지는 삭제됩니다</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>종류:</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>우선순위</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>Tag Status</source>
        <translation>태그 상태</translation>
    </message>
    <message>
        <source>Tag Prefixes</source>
        <translation>태그 접두사</translation>
    </message>
    <message>
        <source>Tag Patterns</source>
        <translation>태그 패턴</translation>
    </message>
    <message>
        <source>Expire When</source>
        <translation>만료 조건</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>수</translation>
    </message>
    <message>
        <source>Prefixes and patterns are comma-separated; &apos;*&apos; in a pattern matches any run of characters. A tagged rule takes prefixes or patterns, not both; the rule for any image must have the highest priority number.</source>
        <translation>접두사와 패턴은 쉼표로 구분합니다. 패턴의 &apos;*&apos;는 임의의 문자열과 일치합니다. tagged 규칙은 접두사와 패턴 중 하나만 쓸 수 있으며, any 규칙은 우선순위 번호가 가장 커야 합니다.</translation>
    </message>
    <message>
        <source>Retain</source>
        <translation>유지</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>패턴</translation>
    </message>
    <message>
        <source>Untagged Too</source>
        <translation>태그 없는 이미지 포함</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>사용</translation>
    </message>
    <message>
        <source>Patterns are Harbor&apos;s doublestar patterns: &apos;**&apos; matches anything, &apos;?&apos; one character, {a,b} either.</source>
        <translation>패턴은 Harbor의 doublestar 패턴입니다: &apos;**&apos;는 모든 것, &apos;?&apos;는 한 문자, {a,b}는 둘 중 하나와 일치합니다.</translation>
    </message>
    <message>
        <source>&amp;Add Rule</source>
        <translation>규칙 추가(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove Rule</source>
        <translation>규칙 제거(&amp;R)</translation>
    </message>
    <message>
        <source>Use Policy</source>
        <translation>정책 사용</translation>
    </message>
    <message>
        <source>Import Retention Policy</source>
        <translation>보존 정책 가져오기</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Export Retention Policy</source>
        <translation>보존 정책 내보내기</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <source>untagged images after 14 days</source>
        <translation>14일이 지난 태그 없는 이미지</translation>
    </message>
    <message>
        <source>tagged</source>
        <translation>태그 있음</translation>
    </message>
    <message>
        <source>untagged</source>
        <translation>태그 없음</translation>
    </message>
    <message>
        <source>any</source>
        <translation>모두</translation>
    </message>
    <message>
        <source>more than N images</source>
        <translation>이미지가 N개를 넘을 때</translation>
    </message>
    <message>
        <source>pushed more than N days ago</source>
        <translation>푸시 후 N일이 지났을 때</translation>
    </message>
    <message>
        <source>the N most recently pushed</source>
        <translation>최근 푸시된 N개</translation>
    </message>
    <message>
        <source>those pushed within N days</source>
        <translation>N일 안에 푸시된 이미지</translation>
    </message>
    <message>
        <source>always</source>
        <translation>항상</translation>
    </message>
    <message>
        <source>matching</source>
        <translation>일치하는</translation>
    </message>
    <message>
        <source>not matching</source>
        <translation>일치하지 않는</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is not a policy Berth can use: %2</source>
        <translation>%1은(는) Berth가 사용할 수 있는 정책이 아닙니다: %2</translation>
    </message>
    <message>
        <source>Not exported: %1</source>
        <translation>내보내지 않았습니다: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Artifact Registry and Quay policies are planned as they are written; this editor writes ECR and Harbor rules.</source>
        <translation>Artifact Registry 및 Quay 정책은 작성된 그대로 계획에 쓰입니다. 이 편집기는 ECR 및 Harbor 규칙을 작성합니다.</translation>
    </message>
</context>
<context>
    <name>berth::RegistryDialog</name>
    <message>
        <source>Edit Registry</source>
        <translation>레지스트리 편집</translation>
    </message>
    <message>
        <source>Add Registry</source>
        <translation>레지스트리 추가</translation>
    </message>
    <message>
        <source>registry.example.com or localhost:5000</source>
        <translation>registry.example.com 또는 localhost:5000</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>주소(&amp;A):</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>익명</translation>
    </message>
    <message>
        <source>User name and password or token</source>
        <translation>사용자 이름과 비밀번호 또는 토큰</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>로그인(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>사용자(&amp;U):</translation>
    </message>
    <message>
        <source>Kept in the system keychain</source>
        <translation>시스템 키체인에 보관됩니다</translation>
    </message>
    <message>
        <source>&amp;Password or token:</source>
        <translation>비밀번호 또는 토큰(&amp;P):</translation>
    </message>
    <message>
        <source>Only for a registry with a private certificate authority</source>
        <translation>사설 인증 기관을 쓰는 레지스트리에만 필요합니다</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>CA certificates</source>
        <translation>CA 인증서</translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt);;All files (*)</source>
        <translation>PEM 파일 (*.pem *.crt);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>CA 파일(&amp;C):</translation>
    </message>
    <message>
        <source>Plain HTTP (no TLS)</source>
        <translation>일반 HTTP (TLS 없음)</translation>
    </message>
    <message>
        <source>Skip TLS certificate verification</source>
        <translation>TLS 인증서 검증 건너뛰기</translation>
    </message>
    <message>
        <source>Anyone on the network path could read your password and change the images you pull. Use only for a registry you control, and prefer a CA file.</source>
        <translation>네트워크 경로에 있는 누구나 비밀번호를 읽고 내려받는 이미지를 바꿀 수 있습니다. 직접 관리하는 레지스트리에만 사용하고, 가능하면 CA 파일을 쓰세요.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>연결 시험(&amp;T)</translation>
    </message>
    <message>
        <source>That is not a registry address. Write it as host or host:port, for example ghcr.io or localhost:5000.</source>
        <translation>레지스트리 주소가 아닙니다. host 또는 host:port 형식으로 쓰세요 (예: ghcr.io, localhost:5000).</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <source>Connected: the registry accepts this login.</source>
        <translation>연결됨: 레지스트리가 이 로그인을 받아들입니다.</translation>
    </message>
    <message>
        <source>Automatic (from the address)</source>
        <translation>자동 (주소로 판단)</translation>
    </message>
    <message>
        <source>OCI registry</source>
        <translation>OCI 레지스트리</translation>
    </message>
    <message>
        <source>Which registry&apos;s own API Berth uses beside the OCI one: namespaces, dates, deletion</source>
        <translation>Berth가 OCI API와 함께 사용할 레지스트리 고유 API: 네임스페이스, 날짜, 삭제</translation>
    </message>
    <message>
        <source>&amp;Registry family:</source>
        <translation>레지스트리 종류(&amp;R):</translation>
    </message>
    <message>
        <source>Usual place (https://api.github.com, https://hub.docker.com, …)</source>
        <translation>기본 위치 (https://api.github.com, https://hub.docker.com, …)</translation>
    </message>
    <message>
        <source>For GitHub Enterprise Server: https://HOST/api/v3</source>
        <translation>GitHub Enterprise Server의 경우: https://HOST/api/v3</translation>
    </message>
    <message>
        <source>A&amp;PI address:</source>
        <translation>API 주소(&amp;P):</translation>
    </message>
    <message>
        <source>Organisations to list beside your own, separated by spaces</source>
        <translation>내 네임스페이스 외에 나열할 조직 (공백으로 구분)</translation>
    </message>
    <message>
        <source>&amp;Organisations:</source>
        <translation>조직(&amp;O):</translation>
    </message>
    <message>
        <source>Connected. This registry is a %1: Berth will use its own API for it.</source>
        <translation>연결되었습니다. 이 레지스트리는 %1입니다. Berth가 이 레지스트리의 자체 API를 사용합니다.</translation>
    </message>
    <message>
        <source>Looking for AWS credentials…</source>
        <translation>AWS 자격 증명을 찾는 중…</translation>
    </message>
    <message>
        <source>No working ECR login: %1 Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE to a profile in ~/.aws/credentials or ~/.aws/config.</source>
        <translation>ECR 로그인을 할 수 없습니다: %1 AWS_ACCESS_KEY_ID와 AWS_SECRET_ACCESS_KEY를 설정하거나, AWS_PROFILE을 ~/.aws/credentials 또는 ~/.aws/config에 있는 프로필로 설정하세요.</translation>
    </message>
    <message>
        <source>Connected without a password: %1.</source>
        <translation>비밀번호 없이 연결되었습니다: %1.</translation>
    </message>
    <message>
        <source>no credentials</source>
        <translation>자격 증명 없음</translation>
    </message>
    <message>
        <source>Looking for Google credentials…</source>
        <translation>Google 자격 증명을 찾는 중…</translation>
    </message>
    <message>
        <source>No working Artifact Registry login: %1 Set GOOGLE_APPLICATION_CREDENTIALS to a service-account key, or run &apos;gcloud auth application-default login&apos;.</source>
        <translation>Artifact Registry 로그인을 할 수 없습니다: %1 GOOGLE_APPLICATION_CREDENTIALS를 서비스 계정 키 파일로 설정하거나 &apos;gcloud auth application-default login&apos;을 실행하세요.</translation>
    </message>
    <message>
        <source>Berth keeps passwords only in the desktop&apos;s keychain (the Secret Service: GNOME Keyring or KWallet), and none answers here, so the password cannot be saved.

Keep this login for this session only? Berth then forgets it when it closes; it is never written to disk.

(The keychain said: %1)</source>
        <translation>Berth는 비밀번호를 데스크톱 키체인(Secret Service: GNOME Keyring 또는 KWallet)에만 보관하는데, 여기서는 응답하는 키체인이 없어 비밀번호를 저장할 수 없습니다.

이 로그인을 이번 세션에만 유지할까요? Berth를 닫으면 잊으며, 디스크에는 절대 쓰지 않습니다.

(키체인 메시지: %1)</translation>
    </message>
    <message>
        <source>No Keychain</source>
        <translation>키체인 없음</translation>
    </message>
    <message>
        <source>The password was not saved: no keychain answers. Start the desktop&apos;s keyring, or keep the login for this session only.</source>
        <translation>비밀번호를 저장하지 않았습니다: 응답하는 키체인이 없습니다. 데스크톱 키링을 시작하거나 이번 세션에만 로그인을 유지하세요.</translation>
    </message>
</context>
<context>
    <name>berth::RegistryPolicyPane</name>
    <message>
        <source>Plan &amp;It</source>
        <translation>이 정책으로 계획(&amp;I)</translation>
    </message>
    <message>
        <source>Registry&apos;s &amp;Dry Run</source>
        <translation>레지스트리 모의 실행(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Write to Registry…</source>
        <translation>레지스트리에 쓰기(&amp;W)…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Registry policy:&lt;/b&gt;</source>
        <translation>&lt;b&gt;레지스트리 정책:&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Plan with the policy %1 runs on this repository</source>
        <translation>%1이(가) 이 저장소에서 실행하는 정책으로 계획합니다</translation>
    </message>
    <message>
        <source>Ask %1 for its own dry run of the policy in this window and compare it with Berth&apos;s plan</source>
        <translation>이 창의 정책을 %1이(가) 직접 모의 실행하게 하고 Berth의 계획과 비교합니다</translation>
    </message>
    <message>
        <source>Replace the policy %1 runs on this repository with the one in this window</source>
        <translation>%1이(가) 이 저장소에서 실행하는 정책을 이 창의 정책으로 바꿉니다</translation>
    </message>
    <message>
        <source>the registry&apos;s own policy</source>
        <translation>레지스트리 자체 정책</translation>
    </message>
    <message>
        <source>Reading the registry&apos;s own policy…</source>
        <translation>레지스트리 자체 정책을 읽는 중…</translation>
    </message>
    <message>
        <source>Could not read it: %1</source>
        <translation>읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>%1 runs no cleanup policy on this repository.</source>
        <translation>%1은(는) 이 저장소에서 정리 정책을 실행하지 않습니다.</translation>
    </message>
    <message>
        <source>%1 runs a policy Berth cannot read: %2</source>
        <translation>%1이(가) Berth가 읽을 수 없는 정책을 실행합니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 runs %n rule(s) here.</source>
        <translation>
            <numerusform>%1이(가) 여기서 규칙 %n개를 실행합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Last run %1.</source>
        <translation>마지막 실행 %1.</translation>
    </message>
    <message>
        <source>Dry-run mode: the registry only reports what it would delete.</source>
        <translation>모의 실행 모드: 레지스트리는 삭제할 대상을 보고만 합니다.</translation>
    </message>
    <message>
        <source>Waiting for the registry&apos;s dry run…</source>
        <translation>레지스트리의 모의 실행을 기다리는 중…</translation>
    </message>
    <message>
        <source>The registry&apos;s dry run failed: %1</source>
        <translation>레지스트리의 모의 실행이 실패했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>The registry&apos;s own dry run agrees with Berth&apos;s plan on all %n image(s).</source>
        <translation>
            <numerusform>레지스트리 자체 모의 실행이 이미지 %n개 모두에서 Berth의 계획과 일치합니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2): the registry %3, Berth %4 — %5</source>
        <translation>%1 (%2): 레지스트리는 %3, Berth는 %4 — %5</translation>
    </message>
    <message>
        <source>deletes it (rule %1)</source>
        <translation>삭제 (규칙 %1)</translation>
    </message>
    <message>
        <source>keeps it</source>
        <translation>유지</translation>
    </message>
    <message>
        <source>deletes it</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>%1: the registry deletes it; Berth does not list it</source>
        <translation>%1: 레지스트리는 삭제하지만 Berth 목록에는 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>The registry&apos;s own dry run differs from Berth&apos;s plan on %n image(s):</source>
        <translation>
            <numerusform>레지스트리 자체 모의 실행이 이미지 %n개에서 Berth의 계획과 다릅니다:</numerusform>
        </translation>
    </message>
    <message>
        <source>Load or write a policy in %1&apos;s own language first (Policy… or Edit Policy…).</source>
        <translation>먼저 %1 형식의 정책을 불러오거나 작성하세요 (정책… 또는 정책 편집…).</translation>
    </message>
    <message>
        <source>Replace the cleanup policy %1 runs on %2 with the one in this window? %1 will then delete by it on its own.</source>
        <translation>%1이(가) %2에서 실행하는 정리 정책을 이 창의 정책으로 바꿀까요? 이후 %1이(가) 이 정책에 따라 직접 삭제합니다.</translation>
    </message>
    <message>
        <source>Write Policy to Registry</source>
        <translation>레지스트리에 정책 쓰기</translation>
    </message>
    <message>
        <source>%1 now runs the policy in this window.</source>
        <translation>%1이(가) 이제 이 창의 정책을 실행합니다.</translation>
    </message>
    <message>
        <source>%1 refused the policy: %2</source>
        <translation>%1이(가) 정책을 거부했습니다: %2</translation>
    </message>
    <message>
        <source>The registry&apos;s own dry run removes %1 of %2 images; Berth&apos;s plan removes %3 of %4.</source>
        <translation>레지스트리 자체 모의 실행은 이미지 %2개 중 %1개를 삭제하고, Berth의 계획은 %4개 중 %3개를 삭제합니다.</translation>
    </message>
    <message>
        <source>Replace Policy</source>
        <translation>정책 교체</translation>
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
    <message>
        <source>Registries</source>
        <translation>레지스트리</translation>
    </message>
    <message>
        <source>The registry cannot be reached.</source>
        <translation>레지스트리에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <source>The secure connection failed; the registry&apos;s certificate is not trusted.</source>
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
        <source>The registry&apos;s answer could not be used.</source>
        <translation>레지스트리의 응답을 사용할 수 없습니다.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>자세한 내용: %1</translation>
    </message>
    <message>
        <source> (pinned)</source>
        <translation> (고정됨)</translation>
    </message>
    <message>
        <source>The system keychain is not available, so the password was not saved.</source>
        <translation>시스템 키체인을 사용할 수 없어 비밀번호를 저장하지 못했습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n repositories</source>
        <translation>
            <numerusform>%1: 저장소 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>OCI registry</source>
        <translation>OCI 레지스트리</translation>
    </message>
    <message>
        <source>pull</source>
        <translation>가져오기</translation>
    </message>
    <message>
        <source>push</source>
        <translation>푸시</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Your permissions here could not be read: %1</source>
        <translation>이 프로젝트의 권한을 읽을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>This login may do nothing here.</source>
        <translation>이 로그인은 여기서 아무 작업도 할 수 없습니다.</translation>
    </message>
    <message>
        <source>This login may: %1.</source>
        <translation>이 로그인으로 할 수 있는 작업: %1.</translation>
    </message>
    <message>
        <source>Checking what this login may do here…</source>
        <translation>이 로그인의 권한을 확인하는 중…</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (오프라인)</translation>
    </message>
    <message>
        <source> (watched for changes)</source>
        <translation> (변경 사항 지켜보는 중)</translation>
    </message>
</context>
<context>
    <name>berth::RepositoryChart</name>
    <message>
        <source>Image size by build date</source>
        <translation>빌드 날짜별 이미지 크기</translation>
    </message>
    <message>
        <source>%1: image size by build date</source>
        <translation>%1: 빌드 날짜별 이미지 크기</translation>
    </message>
    <message>
        <source>GB</source>
        <translation>GB</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>MB</translation>
    </message>
    <message>
        <source>kB</source>
        <translation>kB</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>생성 시각</translation>
    </message>
    <message>
        <source>Size (%1, compressed)</source>
        <translation>크기 (%1, 압축)</translation>
    </message>
</context>
<context>
    <name>berth::RetentionWindow</name>
    <message>
        <source>Retention Plan — %1</source>
        <translation>보존 계획 — %1</translation>
    </message>
    <message>
        <source>&amp;Policy…</source>
        <translation>정책(&amp;P)…</translation>
    </message>
    <message>
        <source>No policy loaded</source>
        <translation>불러온 정책 없음</translation>
    </message>
    <message>
        <source>Images with one of these tags (comma-separated) are never deleted</source>
        <translation>이 태그 중 하나가 붙은 이미지는 절대 삭제하지 않습니다 (쉼표로 구분)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Always keep tags:</source>
        <translation>항상 유지할 태그:</translation>
    </message>
    <message>
        <source>USD per GB-month:</source>
        <translation>GB·월당 USD:</translation>
    </message>
    <message>
        <source>All images</source>
        <translation>모든 이미지</translation>
    </message>
    <message>
        <source>To keep</source>
        <translation>유지 대상</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>표시:</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>규칙:</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>다이제스트</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>푸시 시각</translation>
    </message>
    <message>
        <source>Date From</source>
        <translation>날짜 출처</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>규칙</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Checking whether this login may delete…</source>
        <translation>이 로그인으로 삭제할 수 있는지 확인하는 중…</translation>
    </message>
    <message>
        <source>&amp;Apply…</source>
        <translation>적용(&amp;A)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Open Lifecycle Policy</source>
        <translation>수명 주기 정책 열기</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Deleting here would fail: %1</source>
        <translation>여기서는 삭제가 실패합니다: %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is not a valid lifecycle policy: %2</source>
        <translation>%1은(는) 올바른 수명 주기 정책이 아닙니다: %2</translation>
    </message>
    <message>
        <source>Any rule</source>
        <translation>모든 규칙</translation>
    </message>
    <message>
        <source>Rule %1</source>
        <translation>규칙 %1</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>규칙 %1: %2</translation>
    </message>
    <message>
        <source>No rule</source>
        <translation>규칙 없음</translation>
    </message>
    <message>
        <source>delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>keep</source>
        <translation>유지</translation>
    </message>
    <message>
        <source>(untagged)</source>
        <translation>(태그 없음)</translation>
    </message>
    <message>
        <source>build date</source>
        <translation>빌드 날짜</translation>
    </message>
    <message>
        <source>registry</source>
        <translation>레지스트리</translation>
    </message>
    <message>
        <source>first seen</source>
        <translation>처음 본 시각</translation>
    </message>
    <message>
        <source>Dry run: %1 of %2 images would be deleted, freeing %3 once the registry&apos;s garbage collection runs. A distribution registry frees space only after its garbage collection.</source>
        <translation>모의 실행: 이미지 %2개 중 %1개가 삭제되며, 레지스트리의 가비지 컬렉션이 실행되면 %3이(가) 확보됩니다. distribution 레지스트리는 가비지 컬렉션 후에만 공간을 돌려줍니다.</translation>
    </message>
    <message>
        <source>At %1 USD per GB-month that saves %2 USD a month.</source>
        <translation>GB·월당 %1 USD 기준으로 매달 %2 USD를 절약합니다.</translation>
    </message>
    <message>
        <source>Would be left without their image: %1</source>
        <translation>이미지 없이 남게 될 항목: %1</translation>
    </message>
    <message>
        <source>Apply Retention Plan</source>
        <translation>보존 계획 적용</translation>
    </message>
    <message>
        <source>The audit log cannot be opened, so nothing was deleted: %1</source>
        <translation>감사 로그를 열 수 없어 아무것도 삭제하지 않았습니다: %1</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>skipped: tag moved</source>
        <translation>건너뜀: 태그가 옮겨짐</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>허용되지 않음</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2개 중 %1개</translation>
    </message>
    <message>
        <source>Keep signed images</source>
        <translation>서명된 이미지 유지</translation>
    </message>
    <message>
        <source>%1 (Harbor retention: images no rule retains are deleted)</source>
        <translation>%1 (Harbor 보존: 어떤 규칙도 유지하지 않는 이미지는 삭제됨)</translation>
    </message>
    <message>
        <source>%1 (ECR lifecycle policy)</source>
        <translation>%1 (ECR 수명 주기 정책)</translation>
    </message>
    <message>
        <source>&amp;Edit Policy…</source>
        <translation>정책 편집(&amp;E)…</translation>
    </message>
    <message>
        <source>Write or change the rules here, and import or export ECR and Harbor JSON (Ctrl+E)</source>
        <translation>여기서 규칙을 작성하거나 바꾸고, ECR 및 Harbor JSON을 가져오거나 내보냅니다 (Ctrl+E)</translation>
    </message>
    <message>
        <source>Reading the registry&apos;s push times…</source>
        <translation>레지스트리의 푸시 시각을 읽는 중…</translation>
    </message>
    <message>
        <source>The registry&apos;s push times could not be read (%1), so ages count from build dates.</source>
        <translation>레지스트리의 푸시 시각을 읽을 수 없어(%1) 빌드 날짜를 기준으로 기간을 계산합니다.</translation>
    </message>
    <message>
        <source>This registry does not report push times: ages count from build dates, else from when Berth first saw an image.</source>
        <translation>이 레지스트리는 푸시 시각을 알려 주지 않습니다. 빌드 날짜를, 없으면 Berth가 이미지를 처음 본 시각을 기준으로 기간을 계산합니다.</translation>
    </message>
    <message>
        <source>Ages count from the push times the registry reports.</source>
        <translation>레지스트리가 알려 준 푸시 시각을 기준으로 기간을 계산합니다.</translation>
    </message>
    <message>
        <source>edited policy</source>
        <translation>편집한 정책</translation>
    </message>
    <message>
        <source>last used policy</source>
        <translation>마지막으로 사용한 정책</translation>
    </message>
    <message>
        <source>%1 (Artifact Registry cleanup: Keep policies win over Delete)</source>
        <translation>%1 (Artifact Registry 정리: Keep 정책이 Delete보다 우선)</translation>
    </message>
    <message>
        <source>E&amp;xport Plan…</source>
        <translation>계획 내보내기(&amp;X)…</translation>
    </message>
    <message>
        <source>Save this dry run as JSON for review; &apos;berthctl retention apply --plan&apos; applies exactly it</source>
        <translation>검토용으로 이 모의 실행을 JSON으로 저장합니다. &apos;berthctl retention apply --plan&apos;은 정확히 이 계획만 적용합니다</translation>
    </message>
    <message>
        <source>Export Plan</source>
        <translation>계획 내보내기</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 파일 (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>An ECR lifecycle policy, a Harbor retention policy, an Artifact Registry cleanup policy file or Quay auto-prune policies (JSON)</source>
        <translation>ECR 수명 주기 정책, Harbor 보존 정책, Artifact Registry 정리 정책 파일 또는 Quay 자동 정리 정책 (JSON)</translation>
    </message>
    <message>
        <source>%1 (Quay auto-prune: tags are pruned, an image goes with its last tag)</source>
        <translation>%1 (Quay 자동 정리: 태그를 정리하며, 마지막 태그와 함께 이미지도 삭제됨)</translation>
    </message>
    <message>
        <source>untag</source>
        <translation>태그 제거</translation>
    </message>
    <message>
        <source>Removed: %1; the image stays</source>
        <translation>제거: %1, 이미지는 남음</translation>
    </message>
    <message>
        <source>Images that stay but lose some tags (tag-only deletion): %1.</source>
        <translation>남지만 일부 태그를 잃는 이미지 (태그만 삭제): %1개.</translation>
    </message>
    <message>
        <source>tags removed</source>
        <translation>태그 제거됨</translation>
    </message>
    <message>
        <source>To delete or untag</source>
        <translation>삭제 또는 태그 제거 대상</translation>
    </message>
    <message>
        <source>Untagged images that tags pointed to before, as Berth saw them: %1.</source>
        <translation>Berth가 본 대로, 전에 태그가 가리켰던 태그 없는 이미지: %1개.</translation>
    </message>
    <message>
        <source>%1 removes tags, not images by digest: an image stays until %1&apos;s own cleanup.</source>
        <translation>%1은(는) 다이제스트로 이미지를 지우지 않고 태그를 지웁니다: 이미지는 %1의 자체 정리 때까지 남습니다.</translation>
    </message>
    <message>
        <source>Deleting an image removes every tag on it; space returns after the registry&apos;s garbage collection.</source>
        <translation>이미지를 삭제하면 그 이미지의 모든 태그가 함께 지워지며, 공간은 레지스트리의 가비지 컬렉션 후에 돌아옵니다.</translation>
    </message>
    <message>
        <source>This login may delete in this repository. %1</source>
        <translation>이 로그인으로 이 저장소에서 삭제할 수 있습니다. %1</translation>
    </message>
    <message>
        <source>Not possible here: %1</source>
        <translation>여기서는 할 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n images from %1, with the %2 tags that point at them (%3)?</source>
        <translation>
            <numerusform>%1에서 이미지 %n개와 이를 가리키는 태그 %2개(%3)를 삭제할까요?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n tags from %1 (%2)? The images stay.</source>
        <translation>
            <numerusform>%1에서 태그 %n개(%2)를 제거할까요? 이미지는 남습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more images lose some tags and stay.</source>
        <translation>
            <numerusform>이미지 %n개는 일부 태그만 잃고 남습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Each tag is read again first; an image whose tag moved since this plan is skipped. The manifests are kept on this computer so the audit log can put the tags back (all at once) while their layers still exist.</source>
        <translation>먼저 각 태그를 다시 읽습니다. 이 계획 이후 태그가 옮겨진 이미지는 건너뜁니다. 매니페스트는 이 컴퓨터에 보관되므로 레이어가 남아 있는 동안 감사 로그에서 태그를 (한 번에) 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n images</source>
        <translation>
            <numerusform>이미지 %n개 삭제함</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tags</source>
        <translation>
            <numerusform>태그 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n images lost some tags and stay</source>
        <translation>
            <numerusform>이미지 %n개는 일부 태그만 잃고 남음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped or failed (see Result)</source>
        <translation>
            <numerusform>%n개 건너뜀 또는 실패(결과 참고)</numerusform>
        </translation>
    </message>
    <message>
        <source>Space returns after the registry&apos;s garbage collection runs. The audit log puts this run&apos;s tags back in one step.</source>
        <translation>공간은 레지스트리의 가비지 컬렉션 후에 돌아옵니다. 감사 로그에서 이번 실행의 태그를 한 번에 되돌릴 수 있습니다.</translation>
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
    <message>
        <source>The merged filesystem a container sees, or one layer&apos;s own files</source>
        <translation>컨테이너가 보는 병합된 파일 시스템, 또는 한 레이어의 파일</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>표시:</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Every digest this tag has pointed to while Berth was watching (newest last).</source>
        <translation>Berth가 지켜보는 동안 이 태그가 가리킨 모든 다이제스트 (최신이 마지막).</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>처음 본 시각</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>마지막으로 본 시각</translation>
    </message>
    <message>
        <source>Restore Tag to This Digest…</source>
        <translation>이 다이제스트로 태그 되돌리기…</translation>
    </message>
    <message>
        <source>Point the tag back at the selected image (a retag; the registry keeps both images)</source>
        <translation>태그가 선택한 이미지를 다시 가리키게 합니다 (재태깅이며, 레지스트리는 두 이미지를 모두 보관합니다)</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Reading the layers…</source>
        <translation>레이어를 읽는 중…</translation>
    </message>
    <message>
        <source>current</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>All layers merged</source>
        <translation>모든 레이어 병합</translation>
    </message>
    <message>
        <source>Layer %1: %2 (%3)</source>
        <translation>레이어 %1: %2 (%3)</translation>
    </message>
    <message numerus="yes">
        <source>%n files; %1 compressed, %2 unpacked.</source>
        <translation>
            <numerusform>파일 %n개; 압축 %1, 압축 해제 %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wasted: %1 in files later layers overwrite or delete, such as %2.</source>
        <translation>낭비: 이후 레이어가 덮어쓰거나 삭제한 파일이 %1을(를) 차지합니다 (예: %2).</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Digest or tag</source>
        <translation>다이제스트 또는 태그</translation>
    </message>
    <message>
        <source>Artifact type</source>
        <translation>아티팩트 유형</translation>
    </message>
    <message>
        <source>Filter vulnerabilities by ID or package</source>
        <translation>ID나 패키지로 취약점 필터</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV로 내보내기…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSON으로 내보내기…</translation>
    </message>
    <message>
        <source>Export Vulnerabilities</source>
        <translation>취약점 내보내기</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1을(를) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>신뢰</translation>
    </message>
    <message>
        <source>Looking for signatures and reports…</source>
        <translation>서명과 보고서를 찾는 중…</translation>
    </message>
    <message>
        <source>Signatures were not checked.</source>
        <translation>서명을 확인하지 않았습니다.</translation>
    </message>
    <message>
        <source>No trusted keys are set for this registry: signatures are listed but not verified (right-click the registry, Trusted Keys…).</source>
        <translation>이 레지스트리에 신뢰하는 키가 설정되지 않았습니다. 서명은 표시되지만 검증되지 않습니다 (레지스트리를 마우스 오른쪽 버튼으로 누르고 신뢰하는 키… 선택).</translation>
    </message>
    <message>
        <source>✔ Signature verified by %1.</source>
        <translation>✔ %1(으)로 서명이 검증되었습니다.</translation>
    </message>
    <message>
        <source>Not signed: no cosign signature was found for this image.</source>
        <translation>서명 없음: 이 이미지의 cosign 서명을 찾지 못했습니다.</translation>
    </message>
    <message>
        <source>✘ Signed, but no signature verifies with the trusted keys: %1</source>
        <translation>✘ 서명되어 있지만 신뢰하는 키로 검증되는 서명이 없습니다: %1</translation>
    </message>
    <message>
        <source>Nothing is attached to this image.</source>
        <translation>이 이미지에 첨부된 것이 없습니다.</translation>
    </message>
    <message>
        <source>No vulnerability report is attached.</source>
        <translation>첨부된 취약점 보고서가 없습니다.</translation>
    </message>
    <message>
        <source>Vulnerabilities: %1</source>
        <translation>취약점: %1</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>버전</translation>
    </message>
    <message>
        <source>License</source>
        <translation>라이선스</translation>
    </message>
    <message>
        <source>Package URL</source>
        <translation>패키지 URL</translation>
    </message>
    <message numerus="yes">
        <source>Software bill of materials (%1): %n packages</source>
        <translation>
            <numerusform>소프트웨어 자재 명세서 (%1): 패키지 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan Here…</source>
        <translation>여기서 검사…</translation>
    </message>
    <message>
        <source>Run trivy or grype on this machine against this image</source>
        <translation>이 컴퓨터에서 trivy나 grype로 이 이미지를 검사합니다</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>검사 중…</translation>
    </message>
    <message>
        <source>Scanning: %1</source>
        <translation>검사 중: %1</translation>
    </message>
    <message>
        <source>The local scan did not finish: %1</source>
        <translation>로컬 검사를 마치지 못했습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 found %n findings.</source>
        <translation>
            <numerusform>%1이(가) %n건을 찾았습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message numerus="yes">
        <source>%n attached</source>
        <translation>
            <numerusform>첨부 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Every digest this tag has pointed to, as %1 recorded it (newest last).</source>
        <translation>이 태그가 가리켰던 모든 다이제스트, %1의 기록 그대로 (최신이 마지막).</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>종료</translation>
    </message>
    <message>
        <source>Scan by Registry</source>
        <translation>레지스트리로 스캔</translation>
    </message>
    <message>
        <source>Asking the registry to scan this image…</source>
        <translation>레지스트리에 이 이미지 스캔을 요청하는 중…</translation>
    </message>
    <message>
        <source>Ask %1&apos;s own scanner to scan this image; its report shows here once done</source>
        <translation>%1 자체 스캐너에 이 이미지 스캔을 요청합니다. 완료되면 보고서가 여기에 표시됩니다</translation>
    </message>
    <message>
        <source>The registry started scanning (%1); reopen the tag later for its report.</source>
        <translation>레지스트리가 스캔을 시작했습니다 (%1). 나중에 태그를 다시 열어 보고서를 확인하세요.</translation>
    </message>
    <message>
        <source>The registry did not start a scan: %1</source>
        <translation>레지스트리가 스캔을 시작하지 않았습니다: %1</translation>
    </message>
    <message>
        <source>Signed keyless by %1. Keyless signatures are not verified offline (that needs Fulcio and the transparency log), and no trusted key verifies a signature.</source>
        <translation>%1이(가) 키 없이(keyless) 서명했습니다. 키 없는 서명은 오프라인에서 검증하지 않으며(Fulcio와 투명성 로그가 필요합니다), 신뢰하는 키로 검증되는 서명이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>No findings in the attached report (%1).</source>
        <translation>
            <numerusform>첨부된 보고서(%1)에 발견 사항이 없습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Layers (%1)</source>
        <translation>레이어(%1)</translation>
    </message>
    <message>
        <source>Files (%1)</source>
        <translation>파일(%1)</translation>
    </message>
    <message>
        <source>The platform is chosen on the Overview tab</source>
        <translation>플랫폼은 개요 탭에서 고릅니다</translation>
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
    <message>
        <source>What deleting this tag alone would free after the registry&apos;s garbage collection</source>
        <translation>이 태그만 삭제했을 때 레지스트리의 가비지 컬렉션 후 확보되는 용량</translation>
    </message>
    <message>
        <source>Unique</source>
        <translation>고유 크기</translation>
    </message>
    <message>
        <source>not signed</source>
        <translation>서명 없음</translation>
    </message>
    <message>
        <source>invalid</source>
        <translation>유효하지 않음</translation>
    </message>
    <message>
        <source>signed (unchecked)</source>
        <translation>서명됨 (미확인)</translation>
    </message>
    <message>
        <source>no report</source>
        <translation>보고서 없음</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>attachment</source>
        <translation>첨부물</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>서명</translation>
    </message>
    <message>
        <source>Vulnerabilities</source>
        <translation>취약점</translation>
    </message>
    <message>
        <source>verified (%1)</source>
        <translation>검증됨 (%1)</translation>
    </message>
    <message>
        <source>digest mismatch</source>
        <translation>다이제스트 불일치</translation>
    </message>
    <message>
        <source>When the registry says this tag was last pushed</source>
        <translation>레지스트리가 알려 준 이 태그의 마지막 푸시 시각</translation>
    </message>
    <message>
        <source>Not pulled since the registry started counting</source>
        <translation>레지스트리가 집계를 시작한 뒤로 풀된 적 없음</translation>
    </message>
    <message>
        <source>When the registry says this tag was last pulled</source>
        <translation>레지스트리가 알려 준 이 태그의 마지막 풀 시각</translation>
    </message>
    <message>
        <source>Pushed</source>
        <translation>푸시 시각</translation>
    </message>
    <message>
        <source>Last pulled</source>
        <translation>마지막 풀</translation>
    </message>
    <message>
        <source>keyless (not verified)</source>
        <translation>키 없는 서명(검증 안 됨)</translation>
    </message>
    <message>
        <source>The image is not read yet: select the tag to read it</source>
        <translation>이미지를 아직 읽지 않았습니다. 태그를 선택하면 읽습니다</translation>
    </message>
</context>
<context>
    <name>berth::VulnerabilityModel</name>
    <message>
        <source>Critical</source>
        <translation>심각</translation>
    </message>
    <message>
        <source>High</source>
        <translation>높음</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>낮음</translation>
    </message>
    <message>
        <source>Negligible</source>
        <translation>무시 가능</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>심각도</translation>
    </message>
    <message>
        <source>Vulnerability</source>
        <translation>취약점</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>패키지</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>설치된 버전</translation>
    </message>
    <message>
        <source>Fixed in</source>
        <translation>수정된 버전</translation>
    </message>
    <message>
        <source>CVSS</source>
        <translation>CVSS</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
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
    <message>
        <source>Connect to CONNECT_HOST:CONNECT_PORT when a URL names HOST:PORT, as curl does (TLS still checks HOST); repeatable. Also BERTH_CONNECT_TO.</source>
        <translation>URL이 HOST:PORT를 가리킬 때 CONNECT_HOST:CONNECT_PORT로 연결합니다(curl과 같음, TLS는 여전히 HOST를 확인). 여러 번 지정 가능. BERTH_CONNECT_TO로도 지정.</translation>
    </message>
    <message>
        <source>Show this repository and tag once the registries have loaded (REPO:TAG).</source>
        <translation>레지스트리를 불러온 뒤 이 저장소와 태그를 보여 줍니다(REPO:TAG).</translation>
    </message>
    <message>
        <source>With --screenshots: the tag to compare the opened one with.</source>
        <translation>--screenshots와 함께: 연 태그와 비교할 태그.</translation>
    </message>
    <message>
        <source>Open --open, save the main window, the Trust, Files and Timeline tabs, the size chart and the comparison as PNG files in DIR, then quit.</source>
        <translation>--open으로 연 뒤 메인 창, 신뢰·파일·타임라인 탭, 크기 차트와 비교 화면을 DIR에 PNG 파일로 저장하고 종료합니다.</translation>
    </message>
</context>
</TS>
