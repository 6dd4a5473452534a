package loggen

import (
	"math"
	"math/bits"
)

// rng is a splitmix64 generator. The package keeps its own instead of
// math/rand so that a seed gives the same bytes on every Go release: the
// helpers below are the whole contract.
type rng struct{ s uint64 }

// newRNG derives an independent generator for one part of the output
// (a host, an attack, the calendar…) from the run's seed and a label, so
// adding a stream does not shift the numbers every other stream draws.
func newRNG(seed int64, label string, n int) *rng {
	h := uint64(seed) ^ 0x6a09e667f3bcc908
	for i := 0; i < len(label); i++ {
		h = mix64(h ^ uint64(label[i]))
	}
	h = mix64(h ^ uint64(n)*0x9e3779b97f4a7c15)
	return &rng{s: h}
}

func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) u64() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// float returns a number in [0, 1).
func (r *rng) float() float64 { return float64(r.u64()>>11) / (1 << 53) }

// intn returns a number in [0, n); n > 0.
func (r *rng) intn(n int) int {
	hi, _ := bits.Mul64(r.u64(), uint64(n))
	return int(hi)
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// exp returns an exponentially distributed number with mean 1.
func (r *rng) exp() float64 { return -math.Log(1 - r.float()) }

// norm returns a normally distributed number with mean 0 and deviation 1.
func (r *rng) norm() float64 {
	u := 1 - r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*r.float())
}

// logNormal returns a positive number whose logarithm is normal around
// log(median).
func (r *rng) logNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*r.norm())
}

// subsecond returns a random fraction of a second, in nanoseconds, for
// times planned in whole minutes: real clocks rarely show .000000000.
func (r *rng) subsecond() int64 { return int64(r.intn(int(second))) }

// jitter returns d scaled by a uniform factor in [1-f, 1+f].
func (r *rng) jitter(d int64, f float64) int64 {
	return int64(float64(d) * (1 - f + 2*f*r.float()))
}

// weighted picks an index with probability proportional to its weight.
func (r *rng) weighted(weights []float64, total float64) int {
	x := r.float() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}
