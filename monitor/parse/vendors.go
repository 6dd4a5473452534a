package parse

import (
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/cef"
	"github.com/kizuki-app/kizuki/monitor/parse/ciscoasa"
	"github.com/kizuki-app/kizuki/monitor/parse/fortigate"
	"github.com/kizuki-app/kizuki/monitor/parse/iptables"
	"github.com/kizuki-app/kizuki/monitor/parse/mikrotik"
	"github.com/kizuki-app/kizuki/monitor/parse/paloalto"
	"github.com/kizuki-app/kizuki/monitor/parse/pfsense"
	"github.com/kizuki-app/kizuki/monitor/parse/sonicwall"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosutm"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosxg"
	"github.com/kizuki-app/kizuki/monitor/parse/watchguard"
	"github.com/kizuki-app/kizuki/monitor/parse/yamaha"
)

// vendors lists every parser in detection order: formats with an
// unmistakable marker first; pfSense (which also claims plain sshd and
// strongSwan lines), CEF and iptables, the generic ones, last.
var vendors = []vendorParser{
	{monitor.VendorFortiGate, fortigate.Detect, fortigate.Parse},
	{monitor.VendorSophosXG, sophosxg.Detect, sophosxg.Parse},
	{monitor.VendorSophosUTM, sophosutm.Detect, sophosutm.Parse},
	{monitor.VendorSonicWall, sonicwall.Detect, sonicwall.Parse},
	{monitor.VendorWatchGuard, watchguard.Detect, watchguard.Parse},
	{monitor.VendorCiscoASA, ciscoasa.Detect, ciscoasa.Parse},
	{monitor.VendorPaloAlto, paloalto.Detect, paloalto.Parse},
	{monitor.VendorMikroTik, mikrotik.Detect, mikrotik.Parse},
	{monitor.VendorYamahaRTX, yamaha.Detect, yamaha.Parse},
	{monitor.VendorPfSense, pfsense.Detect, pfsense.Parse},
	{monitor.VendorCEF, cef.Detect, cef.Parse},
	{monitor.VendorIPTables, iptables.Detect, iptables.Parse},
}
