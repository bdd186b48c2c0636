@echo off
rem SAE Explorer launcher for Windows, written by the Maven build next to sae-explorer.jar and lib\.
setlocal
set "HERE=%~dp0"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" --add-modules jdk.incubator.vector %SAE_EXPLORER_OPTS% -jar "%HERE%sae-explorer.jar" %*
