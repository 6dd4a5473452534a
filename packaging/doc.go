// Package packaging holds no code: its tests check the installers that
// `make package` writes to dist/ (the .deb's contents and systemd unit,
// the Linux archive, the Windows executable's headers and resources).
// The per-OS files the installers carry are in its sub-folders.
package packaging
