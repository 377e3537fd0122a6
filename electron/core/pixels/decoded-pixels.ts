// What pixel decoding hands to the viewer, the volume builder and the AI: the requested frame(s)
// as one typed array, row-major with samples interleaved, plus the value transforms (modality
// LUT, VOI windows / LUTs) as data. Colour is always delivered as RGB, interleaved.

export type PixelDtype = 'int16' | 'uint16' | 'uint8' | 'int32' | 'uint32' | 'float32';
export type PixelArray = Int16Array | Uint16Array | Uint8Array | Int32Array | Uint32Array | Float32Array;

/** Rescale Slope / Intercept (PS3.3 C.11.1.1.2); identity when the object has none. */
export interface Rescale {
  slope: number;
  intercept: number;
  /** Rescale Type (0028,1054), e.g. "HU"; empty when absent. */
  type: string;
}

/** One Window Center / Width pair with its explanation (PS3.3 C.11.2.1.2). */
export interface WindowPreset {
  center: number;
  width: number;
  explanation: string;
}

/** A lookup table from a LUT Descriptor + LUT Data (PS3.3 C.11.1.1.1 / C.11.2.1.1). */
export interface LookupTable {
  /** First stored value mapped; values below map to entry 0, above to the last entry. */
  firstMapped: number;
  bitsPerEntry: number;
  entries: Uint16Array;
  explanation: string;
}

export interface DecodedPixels {
  rows: number;
  columns: number;
  /** Frames in `data` (1 when one frame was requested). */
  frames: number;
  /** Number of Frames of the object, whatever was requested. */
  numberOfFrames: number;
  /** Zero-based index of the first frame in `data`. */
  firstFrame: number;
  samplesPerPixel: number;
  dtype: PixelDtype;
  /** Photometric interpretation of `data`: MONOCHROME1/2 or RGB (YBR and palette are converted). */
  photometricInterpretation: string;
  /** Photometric Interpretation (0028,0004) as stored in the object. */
  storedPhotometricInterpretation: string;
  /** Always 0: `data` is interleaved whatever the stored Planar Configuration (0028,0006). */
  planarConfiguration: 0;
  bitsAllocated: number;
  bitsStored: number;
  pixelRepresentation: 0 | 1;
  transferSyntaxUID: string;
  data: PixelArray;
  /** The rescale of the first frame in `data` (enhanced objects may rescale per frame). */
  rescale: Rescale;
  /** True when `data` holds output of the modality LUT (rescale or Modality LUT Sequence). */
  modalityLutApplied: boolean;
  windows: WindowPreset[];
  voiLut?: LookupTable[];
  modalityLut?: LookupTable;
}

export interface ReadPixelsOptions {
  /** Zero-based frame index; all frames when absent. */
  frame?: number;
  /** Apply the modality LUT (rescale or Modality LUT Sequence) to monochrome data. */
  modalityLut?: boolean;
}
