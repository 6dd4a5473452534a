// Command iconsgen draws Kizuki's icons into assets/icons: one traffic-light
// icon per level, each a different shape as well as colour (green circle
// with a tick, yellow triangle with "!", red octagon with "×") so that the
// light never depends on colour vision, and the app icon.
//
// Run it with `go generate ./assets`.
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"golang.org/x/image/vector"
)

type point struct{ x, y float64 }

var (
	white  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	green  = color.RGBA{0x1e, 0x8e, 0x3e, 0xff}
	yellow = color.RGBA{0xf2, 0xb7, 0x05, 0xff}
	dark   = color.RGBA{0x3c, 0x2f, 0x00, 0xff}
	red    = color.RGBA{0xc6, 0x28, 0x28, 0xff}
	navy   = color.RGBA{0x1f, 0x2a, 0x44, 0xff}
	unlit  = color.RGBA{0x39, 0x46, 0x62, 0xff}
)

func main() {
	out := "icons"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	const size = 256
	icons := map[string]*image.RGBA{
		"green.png":  greenIcon(size),
		"yellow.png": yellowIcon(size),
		"red.png":    redIcon(size),
		"app.png":    appIcon(512),
	}
	for name, img := range icons {
		if err := writePNG(filepath.Join(out, name), img); err != nil {
			fmt.Fprintln(os.Stderr, "iconsgen:", err)
			os.Exit(1)
		}
	}
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return f.Close()
}

// fill draws the polygon pts (in pixels) in colour c over dst, antialiased.
func fill(dst *image.RGBA, c color.Color, polys ...[]point) {
	b := dst.Bounds()
	r := vector.NewRasterizer(b.Dx(), b.Dy())
	for _, pts := range polys {
		r.MoveTo(float32(pts[0].x), float32(pts[0].y))
		for _, p := range pts[1:] {
			r.LineTo(float32(p.x), float32(p.y))
		}
		r.ClosePath()
	}
	r.Draw(dst, b, image.NewUniform(c), image.Point{})
}

// regular returns an n-gon around (cx, cy) with radius rad, rotated by rot.
func regular(cx, cy, rad float64, n int, rot float64) []point {
	pts := make([]point, n)
	for i := range pts {
		a := rot + 2*math.Pi*float64(i)/float64(n)
		pts[i] = point{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
	}
	return pts
}

func circle(cx, cy, rad float64) []point { return regular(cx, cy, rad, 96, 0) }

// stroke returns a thick line from a to b as a quadrilateral.
func stroke(a, b point, width float64) []point {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	nx, ny := -dy/l*width/2, dx/l*width/2
	return []point{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}
}

func newImage(size int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	draw.Draw(img, img.Bounds(), image.Transparent, image.Point{}, draw.Src)
	return img
}

func greenIcon(size int) *image.RGBA {
	s := float64(size)
	img := newImage(size)
	fill(img, green, circle(s/2, s/2, s*0.47))
	w := s * 0.11
	fill(img, white,
		stroke(point{s * 0.27, s * 0.52}, point{s * 0.44, s * 0.69}, w),
		stroke(point{s * 0.41, s * 0.69}, point{s * 0.74, s * 0.33}, w))
	return img
}

func yellowIcon(size int) *image.RGBA {
	s := float64(size)
	img := newImage(size)
	fill(img, yellow, []point{{s * 0.5, s * 0.04}, {s * 0.97, s * 0.92}, {s * 0.03, s * 0.92}})
	fill(img, dark, []point{{s * 0.445, s * 0.32}, {s * 0.555, s * 0.32}, {s * 0.535, s * 0.66}, {s * 0.465, s * 0.66}})
	fill(img, dark, circle(s*0.5, s*0.77, s*0.06))
	return img
}

func redIcon(size int) *image.RGBA {
	s := float64(size)
	img := newImage(size)
	fill(img, red, regular(s/2, s/2, s*0.49, 8, math.Pi/8))
	w := s * 0.12
	fill(img, white,
		stroke(point{s * 0.31, s * 0.31}, point{s * 0.69, s * 0.69}, w),
		stroke(point{s * 0.69, s * 0.31}, point{s * 0.31, s * 0.69}, w))
	return img
}

// appIcon is a vertical traffic light on a rounded navy square.
func appIcon(size int) *image.RGBA {
	s := float64(size)
	img := newImage(size)
	fill(img, navy, roundedRect(s*0.04, s*0.04, s*0.96, s*0.96, s*0.2))
	fill(img, color.RGBA{0x10, 0x16, 0x26, 0xff}, roundedRect(s*0.32, s*0.1, s*0.68, s*0.9, s*0.12))
	lamps := []color.RGBA{red, yellow, green}
	for i, c := range lamps {
		cy := s * (0.24 + 0.26*float64(i))
		if i != 2 {
			c = unlit
		}
		fill(img, c, circle(s/2, cy, s*0.11))
	}
	return img
}

func roundedRect(x0, y0, x1, y1, r float64) []point {
	var pts []point
	corners := []struct{ cx, cy, start float64 }{
		{x1 - r, y0 + r, -math.Pi / 2}, {x1 - r, y1 - r, 0}, {x0 + r, y1 - r, math.Pi / 2}, {x0 + r, y0 + r, math.Pi},
	}
	for _, c := range corners {
		for i := 0; i <= 12; i++ {
			a := c.start + math.Pi/2*float64(i)/12
			pts = append(pts, point{c.cx + r*math.Cos(a), c.cy + r*math.Sin(a)})
		}
	}
	return pts
}
