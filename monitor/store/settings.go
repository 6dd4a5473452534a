package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// DefaultRetentionDays is how long received logs are kept unless the owner
// chooses otherwise: a year, so that an incident found late can still be
// traced back.
const DefaultRetentionDays = 365

// DefaultMaxDBMB is the database's size cap in MiB unless the owner
// chooses otherwise: about a year of a busy office's security events, and
// small beside any current disk. The archive is not counted.
const DefaultMaxDBMB = 4096

// QuietHours is a daily span, in minutes after local midnight, in which no
// desktop notification pops up. From after To spans midnight (22:00–07:00).
type QuietHours struct {
	On   bool `json:"on"`
	From int  `json:"from"`
	To   int  `json:"to"`
}

// Contains reports whether t (in its own location) falls in the quiet span.
func (q QuietHours) Contains(t time.Time) bool {
	if !q.On || q.From == q.To {
		return false
	}
	m := t.Hour()*60 + t.Minute()
	if q.From < q.To {
		return m >= q.From && m < q.To
	}
	return m >= q.From || m < q.To
}

// Settings are the owner's choices, kept in the database so that the tray
// app and the command line share them.
type Settings struct {
	// CompanyName is shown in reports and the window.
	CompanyName string
	// Gear is the UTM or router the owner said they have; "" for none or
	// not known.
	Gear monitor.Vendor
	// Onboarded is set once the first-run wizard is finished or skipped.
	Onboarded bool
	// Quiet is when notifications stay quiet.
	Quiet QuietHours
	// Language is "ja", "en", or "" for the system's.
	Language string
	// RetentionDays is how long received logs are kept: stored events,
	// traffic aggregates and archive files older than this are deleted;
	// findings are kept.
	RetentionDays int
	// MaxDBMB caps the database, in MiB: the light turns yellow near it,
	// and past it the oldest events are deleted early (the archive keeps
	// them for the retention period).
	MaxDBMB int
}

// DefaultSettings are the settings of a fresh install.
func DefaultSettings() Settings {
	return Settings{RetentionDays: DefaultRetentionDays, MaxDBMB: DefaultMaxDBMB, Quiet: QuietHours{From: 22 * 60, To: 7 * 60}}
}

// settingFields maps each stored key to its field, so that load and save
// cannot disagree.
func settingFields(s *Settings) map[string]any {
	return map[string]any{
		"company_name":   &s.CompanyName,
		"gear":           &s.Gear,
		"onboarded":      &s.Onboarded,
		"quiet_hours":    &s.Quiet,
		"language":       &s.Language,
		"retention_days": &s.RetentionDays,
		"max_db_mb":      &s.MaxDBMB,
	}
}

// Settings returns the stored settings over the defaults. Keys this build
// does not know (written by a newer one) are ignored.
func (s *Store) Settings(ctx context.Context) (Settings, error) {
	out := DefaultSettings()
	fields := settingFields(&out)
	rows, err := s.db.QueryContext(ctx, `SELECT key, value FROM settings`)
	if err != nil {
		return out, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return out, fmt.Errorf("read settings: %w", err)
		}
		if f, ok := fields[key]; ok {
			if err := json.Unmarshal([]byte(value), f); err != nil {
				return out, fmt.Errorf("read setting %s: %w", key, err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("read settings: %w", err)
	}
	return out, nil
}

// SaveSettings stores every setting in one transaction.
func (s *Store) SaveSettings(ctx context.Context, set Settings) error {
	if set.RetentionDays < 1 {
		return fmt.Errorf("save settings: retention of %d days", set.RetentionDays)
	}
	if set.MaxDBMB < 1 {
		return fmt.Errorf("save settings: database cap of %d MiB", set.MaxDBMB)
	}
	for _, m := range []int{set.Quiet.From, set.Quiet.To} {
		if m < 0 || m >= 24*60 {
			return fmt.Errorf("save settings: quiet hours minute %d out of the day", m)
		}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	defer tx.Rollback()
	now := time.Now().UnixMilli()
	for key, f := range settingFields(&set) {
		b, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("save setting %s: %w", key, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated = excluded.updated`,
			key, string(b), now); err != nil {
			return fmt.Errorf("save setting %s: %w", key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("save settings: %w", err)
	}
	return nil
}
