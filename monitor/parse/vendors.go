package parse

import (
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/fortigate"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosutm"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosxg"
	"github.com/kizuki-app/kizuki/monitor/parse/yamaha"
)

// vendors lists every parser in detection order: formats with an
// unmistakable marker first, generic ones (CEF, iptables) last.
var vendors = []vendorParser{
	{monitor.VendorFortiGate, fortigate.Detect, fortigate.Parse},
	{monitor.VendorSophosXG, sophosxg.Detect, sophosxg.Parse},
	{monitor.VendorSophosUTM, sophosutm.Detect, sophosutm.Parse},
	{monitor.VendorYamahaRTX, yamaha.Detect, yamaha.Parse},
}
