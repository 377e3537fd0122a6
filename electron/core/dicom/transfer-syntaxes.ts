// Transfer syntaxes the parser can read headers of (PS3.5 §10 and Annex A; PS3.6 Table A-1).
// Every encapsulated syntax has an Explicit VR Little Endian header (PS3.5 A.4), so the header
// parser needs only three facts per syntax: VR encoding, byte order, and whether the dataset is
// deflated or the pixel data encapsulated. Decoding the pixels is the volume builder's job.

export interface TransferSyntax {
  uid: string;
  name: string;
  explicitVR: boolean;
  littleEndian: boolean;
  /** The dataset after the meta header is a raw deflate stream (PS3.5 A.5). */
  deflated: boolean;
  /** Pixel Data is a sequence of fragments (PS3.5 A.4), not native samples. */
  encapsulated: boolean;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

const native = (uid: string, name: string, explicitVR: boolean, littleEndian: boolean, deflated = false): TransferSyntax => ({
  uid,
  name,
  explicitVR,
  littleEndian,
  deflated,
  encapsulated: false,
});
const encapsulated = (uid: string, name: string): TransferSyntax => ({
  uid,
  name,
  explicitVR: true,
  littleEndian: true,
  deflated: false,
  encapsulated: true,
});

const TABLE: TransferSyntax[] = [
  native(IMPLICIT_VR_LITTLE_ENDIAN, 'Implicit VR Little Endian', false, true),
  native(EXPLICIT_VR_LITTLE_ENDIAN, 'Explicit VR Little Endian', true, true),
  native('1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', true, true, true),
  native(EXPLICIT_VR_BIG_ENDIAN, 'Explicit VR Big Endian (retired)', true, false),
  encapsulated('1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)'),
  encapsulated('1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)'),
  encapsulated('1.2.840.10008.1.2.4.52', 'JPEG Extended (Process 3 & 5, retired)'),
  encapsulated('1.2.840.10008.1.2.4.53', 'JPEG Spectral Selection (retired)'),
  encapsulated('1.2.840.10008.1.2.4.55', 'JPEG Full Progression (retired)'),
  encapsulated('1.2.840.10008.1.2.4.57', 'JPEG Lossless (Process 14)'),
  encapsulated('1.2.840.10008.1.2.4.70', 'JPEG Lossless SV1 (Process 14, Selection Value 1)'),
  encapsulated('1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless'),
  encapsulated('1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless'),
  encapsulated('1.2.840.10008.1.2.4.90', 'JPEG 2000 Lossless'),
  encapsulated('1.2.840.10008.1.2.4.91', 'JPEG 2000'),
  encapsulated('1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component Lossless'),
  encapsulated('1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component'),
  encapsulated('1.2.840.10008.1.2.4.94', 'JPIP Referenced'),
  encapsulated('1.2.840.10008.1.2.4.95', 'JPIP Referenced Deflate'),
  encapsulated('1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile @ Main Level'),
  encapsulated('1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile @ High Level'),
  encapsulated('1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile'),
  encapsulated('1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile'),
  encapsulated('1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 High Profile For 2D Video'),
  encapsulated('1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 High Profile For 3D Video'),
  encapsulated('1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 Stereo High Profile'),
  encapsulated('1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile'),
  encapsulated('1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 Profile'),
  encapsulated('1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Lossless'),
  encapsulated('1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Lossless'),
  encapsulated('1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000'),
  encapsulated('1.2.840.10008.1.2.4.204', 'JPIP HTJ2K Referenced'),
  encapsulated('1.2.840.10008.1.2.4.205', 'JPIP HTJ2K Referenced Deflate'),
  encapsulated('1.2.840.10008.1.2.5', 'RLE Lossless'),
  encapsulated('1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian'),
  encapsulated('1.2.840.10008.1.2.8.1', 'Deflated Image Frame Compression'),
];

const BY_UID = new Map(TABLE.map((ts) => [ts.uid, ts]));

export function lookupTransferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid);
}

export const TRANSFER_SYNTAXES: readonly TransferSyntax[] = TABLE;
