package parse

import (
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/ciscoasa"
	"github.com/kizuki-app/kizuki/monitor/parse/fortigate"
	"github.com/kizuki-app/kizuki/monitor/parse/sonicwall"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosutm"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosxg"
	"github.com/kizuki-app/kizuki/monitor/parse/watchguard"
	"github.com/kizuki-app/kizuki/monitor/parse/yamaha"
)

// vendors lists every parser in detection order: formats with an
// unmistakable marker first, generic ones (CEF, iptables) last.
var vendors = []vendorParser{
	{monitor.VendorFortiGate, fortigate.Detect, fortigate.Parse},
	{monitor.VendorSophosXG, sophosxg.Detect, sophosxg.Parse},
	{monitor.VendorSophosUTM, sophosutm.Detect, sophosutm.Parse},
	{monitor.VendorSonicWall, sonicwall.Detect, sonicwall.Parse},
	{monitor.VendorWatchGuard, watchguard.Detect, watchguard.Parse},
	{monitor.VendorCiscoASA, ciscoasa.Detect, ciscoasa.Parse},
	{monitor.VendorYamahaRTX, yamaha.Detect, yamaha.Parse},
}
