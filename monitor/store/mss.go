package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// MSSProvider is the managed security service this device is enrolled
// with. Its token and signing key are secrets and are not here (package
// secrets keeps them).
type MSSProvider struct {
	// Name is the provider's name, the Origin of its findings.
	Name string `json:"name"`
	// URL is the base URL of the provider's API.
	URL string `json:"url"`
	// KeyID names the key the provider signs with.
	KeyID string `json:"key_id"`
	// Heartbeat is the owner's consent to tell the provider, every few
	// minutes, that Kizuki runs and what colour its light is.
	Heartbeat bool `json:"heartbeat"`
	// Cursor is where the notification feed was last read up to.
	Cursor string `json:"cursor,omitempty"`
	// Enrolled is when the device was enrolled.
	Enrolled time.Time `json:"enrolled"`
	// LastContact is when the provider last answered with valid, signed
	// data; zero if never.
	LastContact time.Time `json:"last_contact,omitzero"`
}

// PutMSSProvider records the enrolment with p, replacing any earlier one.
// The cursor starts afresh: a new enrolment is a new feed. Findings and the
// ids of notifications already seen stay, so nothing is shown twice.
func (s *Store) PutMSSProvider(ctx context.Context, p MSSProvider) error {
	if p.Name == "" || p.URL == "" || p.KeyID == "" {
		return errors.New("record mss provider: name, url and key id are required")
	}
	_, err := s.db.ExecContext(ctx, `INSERT OR REPLACE INTO mss_provider
		(id, name, url, key_id, heartbeat, cursor, enrolled, last_contact) VALUES (1, ?, ?, ?, ?, '', ?, 0)`,
		p.Name, p.URL, p.KeyID, boolInt(p.Heartbeat), millis(p.Enrolled))
	if err != nil {
		return fmt.Errorf("record mss provider %s: %w", p.Name, err)
	}
	return nil
}

// MSSProvider returns the provider this device is enrolled with, or an
// error wrapping ErrNotFound.
func (s *Store) MSSProvider(ctx context.Context) (MSSProvider, error) {
	var (
		p                        MSSProvider
		hb                       int
		enrolled, lastContactMil int64
	)
	err := s.db.QueryRowContext(ctx, `SELECT name, url, key_id, heartbeat, cursor, enrolled, last_contact
		FROM mss_provider WHERE id = 1`).Scan(&p.Name, &p.URL, &p.KeyID, &hb, &p.Cursor, &enrolled, &lastContactMil)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("mss provider: %w", ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("mss provider: %w", err)
	}
	p.Heartbeat, p.Enrolled, p.LastContact = hb != 0, fromMillis(enrolled), fromMillis(lastContactMil)
	return p, nil
}

// SetMSSHeartbeat records the owner's consent to heartbeats (on) or its
// withdrawal, keeping the enrolment and its cursor.
func (s *Store) SetMSSHeartbeat(ctx context.Context, on bool) error {
	res, err := s.db.ExecContext(ctx, `UPDATE mss_provider SET heartbeat = ? WHERE id = 1`, boolInt(on))
	if err != nil {
		return fmt.Errorf("set mss heartbeat: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set mss heartbeat: %w", ErrNotFound)
	}
	return nil
}

// DeleteMSSProvider forgets the enrolment, as when the owner leaves the
// provider. The provider's findings, the ids of its notifications and the
// refusals stay: they are the record of what happened, and a later
// enrolment with the same provider shows nothing twice.
func (s *Store) DeleteMSSProvider(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM mss_provider WHERE id = 1`); err != nil {
		return fmt.Errorf("delete mss provider: %w", err)
	}
	return nil
}

// MSSCursor returns where the notification feed was read up to; "" from
// the start.
func (s *Store) MSSCursor(ctx context.Context) (string, error) {
	p, err := s.MSSProvider(ctx)
	if err != nil {
		return "", err
	}
	return p.Cursor, nil
}

// MarkMSSContact records that the provider answered with valid data at at.
func (s *Store) MarkMSSContact(ctx context.Context, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE mss_provider SET last_contact = max(last_contact, ?) WHERE id = 1`,
		millis(at)); err != nil {
		return fmt.Errorf("record mss contact: %w", err)
	}
	return nil
}

// AddMSSReject counts one refused input from the provider.
func (s *Store) AddMSSReject(ctx context.Context, reason string, at time.Time) error {
	return s.AddMSSRejects(ctx, reason, 1, at)
}

// AddMSSRejects counts n refused inputs, the last at at.
func (s *Store) AddMSSRejects(ctx context.Context, reason string, n int64, at time.Time) error {
	if _, err := s.db.ExecContext(ctx, `INSERT INTO mss_rejects (reason, count, last_at) VALUES (?, ?, ?)
		ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count, last_at = max(last_at, excluded.last_at)`,
		reason, n, millis(at)); err != nil {
		return fmt.Errorf("count mss reject %s: %w", reason, err)
	}
	return nil
}

// MSSHealth returns what the traffic light needs to know about the MSS
// connection, or nil when the device is not enrolled.
func (s *Store) MSSHealth(ctx context.Context) (*monitor.MSSHealth, error) {
	p, err := s.MSSProvider(ctx)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	h := &monitor.MSSHealth{Provider: p.Name, Enrolled: p.Enrolled, LastContact: p.LastContact, Rejects: map[string]monitor.MSSReject{}}
	rows, err := s.db.QueryContext(ctx, `SELECT reason, count, last_at FROM mss_rejects`)
	if err != nil {
		return nil, fmt.Errorf("read mss rejects: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			reason string
			r      monitor.MSSReject
			last   int64
		)
		if err := rows.Scan(&reason, &r.Count, &last); err != nil {
			return nil, fmt.Errorf("read mss rejects: %w", err)
		}
		r.Last = fromMillis(last)
		h.Rejects[reason] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read mss rejects: %w", err)
	}
	return h, nil
}

// ApplyMSSNotice applies a checked notification in one transaction: it
// creates, revises or closes the provider's finding, keeps the provider's
// texts, remembers the notification's id and moves the cursor past it. A
// notification whose id was seen before changes nothing but the cursor and
// returns applied false: nothing is shown twice.
func (s *Store) ApplyMSSNotice(ctx context.Context, n monitor.MSSNotice) (change monitor.MSSChange, applied bool, err error) {
	provider := n.Finding.Origin
	if provider == "" || n.ID == "" || n.Finding.Subject == "" || n.Finding.Rule == "" {
		return change, false, errors.New("apply mss notice: provider, id, finding uid and rule are required")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return change, false, fmt.Errorf("apply mss notice %s: %w", n.ID, err)
	}
	defer tx.Rollback()
	var seen int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM mss_notifications WHERE provider = ? AND id = ?`,
		provider, n.ID).Scan(&seen); err != nil {
		return change, false, fmt.Errorf("apply mss notice %s: %w", n.ID, err)
	}
	if seen == 0 {
		change, err = applyNotice(ctx, tx, n)
		if err != nil {
			return change, false, fmt.Errorf("apply mss notice %s: %w", n.ID, err)
		}
		if err := insertNotification(ctx, tx, provider, n); err != nil {
			return change, false, fmt.Errorf("apply mss notice %s: %w", n.ID, err)
		}
	}
	if err := advanceCursor(ctx, tx, n.Cursor, n.Received); err != nil {
		return change, false, fmt.Errorf("apply mss notice %s: %w", n.ID, err)
	}
	if err := tx.Commit(); err != nil {
		return change, false, fmt.Errorf("apply mss notice %s: %w", n.ID, err)
	}
	return change, seen == 0, nil
}

// SkipMSSNotice passes over an authentic (validly signed) notification
// whose content Kizuki cannot use: it is counted under reason, remembered
// as seen and the cursor moves past it, so that one bad notification does
// not hold back the ones after it. Unsigned or badly signed input is never
// skipped this way: it is refused and fetched again.
func (s *Store) SkipMSSNotice(ctx context.Context, provider, id, cursor, reason string, payload []byte, at time.Time) error {
	if provider == "" || id == "" || reason == "" {
		return errors.New("skip mss notice: provider, id and reason are required")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("skip mss notice %s: %w", id, err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `INSERT INTO mss_notifications (id, provider, cursor, rejected, payload, received)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, id, provider, cursor, reason, string(payload), millis(at))
	if err != nil {
		return fmt.Errorf("skip mss notice %s: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO mss_rejects (reason, count, last_at) VALUES (?, 1, ?)
			ON CONFLICT (reason) DO UPDATE SET count = count + 1, last_at = max(last_at, excluded.last_at)`,
			reason, millis(at)); err != nil {
			return fmt.Errorf("skip mss notice %s: %w", id, err)
		}
	}
	if err := advanceCursor(ctx, tx, cursor, at); err != nil {
		return fmt.Errorf("skip mss notice %s: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("skip mss notice %s: %w", id, err)
	}
	return nil
}

func insertNotification(ctx context.Context, tx *sql.Tx, provider string, n monitor.MSSNotice) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mss_notifications
		(id, provider, cursor, finding_uid, activity, payload, received) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		n.ID, provider, n.Cursor, n.Finding.Subject, int(n.Activity), string(n.Payload), millis(n.Received))
	if err != nil {
		return fmt.Errorf("remember notification: %w", err)
	}
	return nil
}

func advanceCursor(ctx context.Context, tx *sql.Tx, cursor string, at time.Time) error {
	if cursor == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE mss_provider SET cursor = ?, last_contact = max(last_contact, ?) WHERE id = 1`,
		cursor, millis(at))
	if err != nil {
		return fmt.Errorf("move cursor: %w", err)
	}
	return nil
}

// applyNotice creates or changes the provider's finding for n.
func applyNotice(ctx context.Context, tx *sql.Tx, n monitor.MSSNotice) (monitor.MSSChange, error) {
	f := n.Finding
	f.FirstSeen, f.LastSeen = fromMillis(millis(f.FirstSeen)), fromMillis(millis(f.LastSeen))
	f.Evidence = mergeEvidence(monitor.Evidence{}, f.Evidence)
	change := monitor.MSSChange{Notice: n}

	var (
		findingID int64
		reported  string
	)
	err := tx.QueryRowContext(ctx, `SELECT finding_id, reported_state FROM mss_findings WHERE provider = ? AND uid = ?`,
		f.Origin, f.Subject).Scan(&findingID, &reported)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		f.State = monitor.StateOpen
		if n.Activity == monitor.MSSClose {
			// Closed before Kizuki saw it open: kept as history.
			f.State = monitor.StateResolved
		}
		if f, err = insertFinding(ctx, tx, f); err != nil {
			return change, err
		}
		change.New, reported = true, string(f.State)
	case err != nil:
		return change, fmt.Errorf("look up finding %s: %w", f.Subject, err)
	default:
		old, err := scanFinding(tx.QueryRowContext(ctx, `SELECT `+findingColumns+` FROM findings WHERE id = ?`, findingID))
		if err != nil {
			return change, fmt.Errorf("read finding %d: %w", findingID, err)
		}
		f.ID, f.State = old.ID, old.State
		f.FirstSeen = minTime(old.FirstSeen, f.FirstSeen)
		f.LastSeen = maxTime(old.LastSeen, f.LastSeen)
		switch {
		case n.Activity == monitor.MSSClose:
			f.State = monitor.StateResolved
			reported = string(f.State)
		case !old.State.Active():
			// The provider revised a finding that was closed: it is news again.
			f.State = monitor.StateOpen
			reported = string(f.State)
		case f.Severity > old.Severity:
			// Worse than what the owner acknowledged: news again.
			f.State = monitor.StateOpen
		}
		if err := updateMSSFinding(ctx, tx, f); err != nil {
			return change, err
		}
	}
	title, _ := json.Marshal(n.Title)
	desc, _ := json.Marshal(n.Desc)
	rem, _ := json.Marshal(n.Remediation)
	_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO mss_findings
		(provider, uid, finding_id, notification, title, description, remediation, reported_state, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.Origin, f.Subject, f.ID, n.ID, string(title), string(desc), string(rem),
		reported, millis(n.Received))
	if err != nil {
		return change, fmt.Errorf("record finding texts: %w", err)
	}
	change.Finding = f
	return change, nil
}

// updateMSSFinding writes the provider's view of a finding: unlike local
// evidence, which only grows, the provider may lower the severity or
// rewrite the evidence.
func updateMSSFinding(ctx context.Context, tx *sql.Tx, f monitor.Finding) error {
	ev, err := json.Marshal(f.Evidence)
	if err != nil {
		return fmt.Errorf("encode evidence: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE findings SET rule = ?, severity = ?, first_seen = ?, last_seen = ?,
		count = ?, evidence = ?, state = ?, playbook = ?, updated = ? WHERE id = ?`,
		f.Rule, f.Severity.String(), millis(f.FirstSeen), millis(f.LastSeen), f.Count, string(ev),
		string(f.State), f.Playbook, time.Now().UnixMilli(), f.ID)
	if err != nil {
		return fmt.Errorf("update finding %d: %w", f.ID, err)
	}
	return nil
}

// PendingMSSAcks returns the provider's findings whose state the owner
// changed since it was last reported to (or by) the provider.
func (s *Store) PendingMSSAcks(ctx context.Context) ([]monitor.MSSAck, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.provider, m.uid, m.notification, f.state
		FROM mss_findings m JOIN findings f ON f.id = m.finding_id
		WHERE f.state != m.reported_state ORDER BY m.updated, m.uid`)
	if err != nil {
		return nil, fmt.Errorf("list mss acks: %w", err)
	}
	defer rows.Close()
	var out []monitor.MSSAck
	for rows.Next() {
		var a monitor.MSSAck
		var state string
		if err := rows.Scan(&a.Provider, &a.FindingUID, &a.Notification, &state); err != nil {
			return nil, fmt.Errorf("list mss acks: %w", err)
		}
		a.State = monitor.FindingState(state)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list mss acks: %w", err)
	}
	return out, nil
}

// MarkMSSAcked records that the provider was told the finding's state.
func (s *Store) MarkMSSAcked(ctx context.Context, a monitor.MSSAck) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE mss_findings SET reported_state = ? WHERE provider = ? AND uid = ?`,
		string(a.State), a.Provider, a.FindingUID); err != nil {
		return fmt.Errorf("record mss ack of %s: %w", a.FindingUID, err)
	}
	return nil
}

// MSSFinding is a finding raised by the provider with the provider's texts.
type MSSFinding struct {
	monitor.Finding
	// UID is the provider's id of the finding.
	UID         string          `json:"uid"`
	Title       monitor.MSSText `json:"title"`
	Desc        monitor.MSSText `json:"desc"`
	Remediation monitor.MSSText `json:"remediation"`
}

// MSSFindings returns the provider's findings that are active, most
// severe and most recent first.
func (s *Store) MSSFindings(ctx context.Context) ([]MSSFinding, error) {
	active, err := s.ActiveFindings(ctx)
	if err != nil {
		return nil, err
	}
	var out []MSSFinding
	for _, f := range active {
		mf, err := s.MSSFindingOf(ctx, f)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, mf)
	}
	return out, nil
}

// MSSFindingOf returns f with the provider's texts, or an error wrapping
// ErrNotFound when f was not raised by the provider.
func (s *Store) MSSFindingOf(ctx context.Context, f monitor.Finding) (MSSFinding, error) {
	mf := MSSFinding{Finding: f}
	var title, desc, rem string
	err := s.db.QueryRowContext(ctx, `SELECT uid, title, description, remediation FROM mss_findings WHERE finding_id = ?`,
		f.ID).Scan(&mf.UID, &title, &desc, &rem)
	if errors.Is(err, sql.ErrNoRows) {
		return mf, fmt.Errorf("mss finding %d: %w", f.ID, ErrNotFound)
	}
	if err != nil {
		return mf, fmt.Errorf("mss finding %d: %w", f.ID, err)
	}
	for _, t := range []struct {
		text string
		into *monitor.MSSText
	}{{title, &mf.Title}, {desc, &mf.Desc}, {rem, &mf.Remediation}} {
		if err := json.Unmarshal([]byte(t.text), t.into); err != nil {
			return mf, fmt.Errorf("mss finding %d: decode texts: %w", f.ID, err)
		}
	}
	return mf, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func minTime(a, b time.Time) time.Time {
	if b.IsZero() || (!a.IsZero() && a.Before(b)) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
