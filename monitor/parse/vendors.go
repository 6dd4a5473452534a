package parse

// vendors lists every parser in detection order: formats with an
// unmistakable marker first, generic ones (CEF, iptables) last.
var vendors = []vendorParser{}
