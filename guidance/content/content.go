// Package content holds the texts of Kizuki's guidance as data: one TOML
// file per playbook (playbooks/<id>.toml) and per checklist
// (checklists/<id>.toml), Japanese first and English beside it. Package
// guidance reads and validates them; this package only embeds them.
package content

import "embed"

// FS holds playbooks/*.toml and checklists/*.toml.
//
//go:embed playbooks/*.toml checklists/*.toml
var FS embed.FS
