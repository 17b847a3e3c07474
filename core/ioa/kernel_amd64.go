//go:build amd64 && !purego

package ioa

// On amd64 with AVX and FMA3 (checked at start-up with CPUID and XGETBV), the
// 4×2 tile runs in assembly on 4-wide vectors with fused multiply-adds
// (kernel_amd64.s): 8 vector accumulators, 6 loads per 32 multiply-adds. The
// sums then round differently from the pure-Go kernel (fused products,
// 4 partial sums per accumulator): results agree to rounding. Build with
// -tags purego to use the pure-Go kernels everywhere.

//go:noescape
func dot4x2fma(y0, y1, y2, y3, f0, f1 *float64, n int, acc *[32]float64)

func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

func xgetbv() (eax, edx uint32)

// hasFMA reports AVX + FMA3 with the OS saving YMM state.
var hasFMA = func() bool {
	max, _, _, _ := cpuid(0, 0)
	if max < 1 {
		return false
	}
	_, _, ecx, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if ecx&fma == 0 || ecx&osxsave == 0 || ecx&avx == 0 {
		return false
	}
	xcr0, _ := xgetbv()
	return xcr0&6 == 6 // XMM and YMM state enabled
}()

// dot4x2 returns the 8 dot products of y0..y3 with f0, f1.
func dot4x2(y0, y1, y2, y3, f0, f1 []float64) (s00, s01, s10, s11, s20, s21, s30, s31 float64) {
	n := len(f0)
	if !hasFMA || n < 8 {
		return dot4x2Go(y0, y1, y2, y3, f0, f1)
	}
	y0, y1, y2, y3, f1 = y0[:n], y1[:n], y2[:n], y3[:n], f1[:n]
	n4 := n &^ 3
	var acc [32]float64
	dot4x2fma(&y0[0], &y1[0], &y2[0], &y3[0], &f0[0], &f1[0], n4, &acc)
	s := func(o int) float64 { return (acc[o] + acc[o+1]) + (acc[o+2] + acc[o+3]) }
	s00, s01, s10, s11, s20, s21, s30, s31 = s(0), s(4), s(8), s(12), s(16), s(20), s(24), s(28)
	for l := n4; l < n; l++ {
		a, b := f0[l], f1[l]
		s00 += y0[l] * a
		s01 += y0[l] * b
		s10 += y1[l] * a
		s11 += y1[l] * b
		s20 += y2[l] * a
		s21 += y2[l] * b
		s30 += y3[l] * a
		s31 += y3[l] * b
	}
	return
}
