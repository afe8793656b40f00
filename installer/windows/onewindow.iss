; Inno Setup script for the Windows counter PCs. Build the one-folder app first:
;   pyinstaller --noconfirm installer\onewindow.spec
; then:  iscc /DAppVersion=1.0.0 installer\windows\onewindow.iss
; Per-machine install under Program Files; the configuration stays per user
; (%LOCALAPPDATA%\onewindow\onewindow.toml) or is given by the ONEWINDOW_CONFIG variable.

#ifndef AppVersion
  #define AppVersion "1.0.0"
#endif

[Setup]
AppId={{6B0E2B1C-1D0A-4E55-9C1E-0E3B7A1F0D01}
AppName=OneWindow 一窗通办
AppVersion={#AppVersion}
AppPublisher=OneWindow
DefaultDirName={autopf}\OneWindow
DefaultGroupName=OneWindow 一窗通办
OutputBaseFilename=onewindow-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\onewindow\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\OneWindow 一窗通办"; Filename: "{app}\onewindow.exe"
Name: "{autodesktop}\OneWindow 一窗通办"; Filename: "{app}\onewindow.exe"

[Run]
Filename: "{app}\onewindow.exe"; Parameters: "init"; Flags: runhidden; Description: "Prepare the database"
