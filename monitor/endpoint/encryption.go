package endpoint

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

func checkDiskEncryption(ctx context.Context, sys System) outcome {
	switch sys.GOOS {
	case "windows":
		return encryptionWindows(ctx, sys)
	case "darwin":
		return encryptionDarwin(ctx, sys)
	case "linux":
		return encryptionLinux(ctx, sys)
	}
	return unsupported(CheckDiskEncryption)
}

// bitLockerScript asks Explorer's view of the system drive, which, unlike
// manage-bde and Get-BitLockerVolume, needs no administrator rights.
const bitLockerScript = `(New-Object -ComObject Shell.Application).NameSpace($env:SystemDrive + '\').Self.ExtendedProperty('System.Volume.BitLockerProtection')`

func encryptionWindows(ctx context.Context, sys System) outcome {
	out, err := sys.powershell(ctx, bitLockerScript)
	if err != nil {
		return result(monitor.CheckUnknown, "disk_encryption.unreadable", nil)
	}
	method := map[string]any{"method": "BitLocker"}
	// System.Volume.BitLockerProtection: 1 on, 2 off, 3 encrypting,
	// 4 decrypting, 5 suspended, 6 on and locked; empty or 0 when the
	// drive cannot have BitLocker (Windows Home).
	switch strings.TrimSpace(string(out)) {
	case "1", "6":
		return result(monitor.CheckOK, "disk_encryption.on", method)
	case "3":
		return result(monitor.CheckWarn, "disk_encryption.in_progress", method)
	case "5":
		return result(monitor.CheckWarn, "disk_encryption.suspended", method)
	case "2", "4":
		return result(monitor.CheckWarn, "disk_encryption.off", method)
	default:
		return result(monitor.CheckWarn, "disk_encryption.not_available", method)
	}
}

func encryptionDarwin(ctx context.Context, sys System) outcome {
	out, err := sys.Run.Run(ctx, "fdesetup", "status")
	if err != nil {
		return result(monitor.CheckUnknown, "disk_encryption.unreadable", nil)
	}
	method := map[string]any{"method": "FileVault"}
	s := string(out)
	switch {
	case strings.Contains(s, "Encryption in progress"):
		return result(monitor.CheckWarn, "disk_encryption.in_progress", method)
	case strings.Contains(s, "Decryption in progress"), strings.Contains(s, "FileVault is Off"):
		return result(monitor.CheckWarn, "disk_encryption.off", method)
	case strings.Contains(s, "FileVault is On"):
		return result(monitor.CheckOK, "disk_encryption.on", method)
	}
	return result(monitor.CheckUnknown, "disk_encryption.unreadable", nil)
}

// blockDevice is one node of `lsblk -J`.
type blockDevice struct {
	Name       string        `json:"name"`
	Type       string        `json:"type"`
	FSType     *string       `json:"fstype"`
	Mountpoint *string       `json:"mountpoint"`
	Children   []blockDevice `json:"children"`
}

// rootEncrypted reads `lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT` and reports
// whether the device mounted on / sits on a LUKS (dm-crypt) mapping; found
// is false when no device is mounted on /.
func rootEncrypted(out []byte) (encrypted, found bool, err error) {
	var tree struct {
		Devices []blockDevice `json:"blockdevices"`
	}
	if err := json.Unmarshal(out, &tree); err != nil {
		return false, false, err
	}
	var walk func(ds []blockDevice, underCrypt bool) (bool, bool)
	walk = func(ds []blockDevice, underCrypt bool) (bool, bool) {
		for _, d := range ds {
			crypt := underCrypt || d.Type == "crypt"
			if d.Mountpoint != nil && *d.Mountpoint == "/" {
				return crypt, true
			}
			if enc, ok := walk(d.Children, crypt); ok {
				return enc, true
			}
		}
		return false, false
	}
	encrypted, found = walk(tree.Devices, false)
	return encrypted, found, nil
}

func encryptionLinux(ctx context.Context, sys System) outcome {
	out, err := sys.Run.Run(ctx, "lsblk", "-J", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT")
	if err != nil {
		return result(monitor.CheckUnknown, "disk_encryption.unreadable", nil)
	}
	enc, found, err := rootEncrypted(out)
	if err != nil || !found {
		return result(monitor.CheckUnknown, "disk_encryption.unreadable", nil)
	}
	method := map[string]any{"method": "LUKS"}
	if enc {
		return result(monitor.CheckOK, "disk_encryption.on", method)
	}
	return result(monitor.CheckWarn, "disk_encryption.off", method)
}
