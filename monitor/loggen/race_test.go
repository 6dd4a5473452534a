//go:build race

package loggen

// raceEnabled: the race detector makes the heap lie and the generator
// fifty times slower, so the statistical tests run smaller.
const raceEnabled = true
