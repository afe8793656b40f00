; Inno Setup script: the Windows installer of the counter client (Inno Setup 6).
; Build on Windows, from the repository root, after the one-folder bundle:
;   make bundle            (or: .venv\Scripts\pyinstaller --noconfirm --distpath dist
;                                --workpath build\pyinstaller installer\onewindow.spec)
;   iscc /DAppVersion=<version> installer\windows\onewindow.iss
; where <version> is pyproject.toml's (python -c "import onewindow; print(onewindow.__version__)"
; prints it); the result is dist\onewindow-<version>-setup.exe.
;
; Per-machine install under Program Files (administrator rights). The program folder holds
; only the program: each clerk's data (training database, logs) and configuration
; (onewindow.toml) are in %LOCALAPPDATA%\onewindow\onewindow (platformdirs), or the
; configuration is the file named by ONEWINDOW_CONFIG, so an upgrade in place replaces the
; program and keeps both. Uninstalling removes the program and its shortcuts and leaves data
; and configuration unless the person uninstalling asks, when prompted, to remove their own.

#ifndef AppVersion
  #error Give the version from pyproject.toml: iscc /DAppVersion=<version> installer\windows\onewindow.iss
#endif

[Setup]
; The AppId never changes: it is what makes a newer installer an upgrade in place.
AppId={{6B0E2B1C-1D0A-4E55-9C1E-0E3B7A1F0D01}
AppName=OneWindow 一窗通办
AppVersion={#AppVersion}
AppVerName=OneWindow 一窗通办 {#AppVersion}
AppPublisher=OneWindow
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\OneWindow
DefaultGroupName=OneWindow 一窗通办
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\onewindow.exe
OutputDir=..\..\dist
OutputBaseFilename=onewindow-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\onewindow.ico
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
CloseApplications=yes
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
chinesesimplified.RemoveData=是否同时删除本机当前用户的一窗通办数据和配置（%1）？%n%n选择“否”将保留，重新安装后可继续使用。
english.RemoveData=Also remove this user's OneWindow data and configuration (%1)?%n%nChoose No to keep them for a later installation.
chinesesimplified.PrepareDatabase=准备数据库
english.PrepareDatabase=Prepare the database

[InstallDelete]
; An upgrade replaces the whole bundle: files of the old version must not linger beside it.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\onewindow\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\OneWindow 一窗通办"; Filename: "{app}\onewindow.exe"
Name: "{autodesktop}\OneWindow 一窗通办"; Filename: "{app}\onewindow.exe"

[Run]
Filename: "{app}\onewindow.exe"; Parameters: "init"; Flags: runhidden runasoriginaluser; Description: "{cm:PrepareDatabase}"

[UninstallDelete]
Type: filesandordirs; Name: "{app}"

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Data: String;
begin
  // Data stays unless asked: never in a silent uninstall, and only the uninstalling user's own.
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    Data := ExpandConstant('{localappdata}\onewindow');
    if DirExists(Data) and
       (MsgBox(FmtMessage(CustomMessage('RemoveData'), [Data]), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES) then
      DelTree(Data, True, True, True);
  end;
end;
