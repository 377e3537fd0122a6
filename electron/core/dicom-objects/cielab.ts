// sRGB → DICOM CIELab (PS3.3 C.10.7.1.1: L* 0..100 → 0..0xFFFF, a*/b* −128..127 → 0..0xFFFF),
// for Recommended Display CIELab Value of a segment; D65 white, the sRGB transfer curve.
export function rgbToDicomLab([r, g, b]: readonly [number, number, number]): [number, number, number] {
  const linear = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [R, G, B] = [linear(r), linear(g), linear(b)];
  const x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047;
  const y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
  const z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const L = 116 * f(y) - 16;
  const a = 500 * (f(x) - f(y));
  const bb = 200 * (f(y) - f(z));
  const scale = (v: number, lo: number, hi: number) => Math.max(0, Math.min(0xffff, Math.round(((v - lo) / (hi - lo)) * 0xffff)));
  return [scale(L, 0, 100), scale(a, -128, 127), scale(bb, -128, 127)];
}
