// pydicom's test corpus against independent decoders: pydicom itself for native, deflated and
// RLE data (big-endian OW via dcmtk's dcmconv first, see pixel-reference.py); dcmtk (dcmdjpeg,
// dcmdjpls) and gdcm (gdcmconv --raw, OpenJPEG) for the JPEG family. Every case must be equal
// value for value, lossy JPEG and JPEG 2000 included (same codestream, same result as the
// reference decoder; colour JPEG converted to RGB as dcmdjpeg does).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPixels } from '../../../../electron/core/pixels/read-pixels';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../../../support/shared-data';
import { makeTempDir } from '../../../support/temp-dir';
import { compare, type ReferencePixels, type ReferenceTool, referenceDecode, referencePython } from './reference-decoders';

interface Case {
  file: string;
  tool: ReferenceTool;
  covers: string;
  modality?: boolean;
}

const CASES: Case[] = [
  { file: 'MR_small_bigendian.dcm', tool: 'pydicom', covers: 'explicit big endian, signed 16-bit' },
  { file: 'rtdose_expb.dcm', tool: 'pydicom', covers: 'big endian 32-bit, 15 frames' },
  { file: 'SC_rgb_expb_16bit_2frame.dcm', tool: 'pydicom', covers: 'big endian 16-bit RGB, 2 frames' },
  { file: 'SC_rgb_expb_32bit.dcm', tool: 'pydicom', covers: 'big endian 32-bit RGB' },
  { file: 'ExplVR_BigEnd.dcm', tool: 'pydicom', covers: 'big endian planar RGB' },
  { file: 'liver_expb.dcm', tool: 'pydicom', covers: 'big endian 1-bit, 3 frames' },
  { file: 'OBXXXX1A_expb_2frame.dcm', tool: 'dcmconv', covers: 'big endian palette (8-bit OW), 2 frames' },
  { file: 'gdcm-US-ALOKA-16_big.dcm', tool: 'dcmconv', covers: 'big endian segmented 16-bit palette' },
  { file: 'MR_small_implicit.dcm', tool: 'pydicom', covers: 'implicit VR little endian' },
  { file: 'rtdose.dcm', tool: 'pydicom', covers: 'implicit VR 32-bit unsigned, 15 frames' },
  { file: 'gdcm-US-ALOKA-16.dcm', tool: 'pydicom', covers: 'segmented 16-bit palette' },
  { file: 'image_dfl.dcm', tool: 'pydicom', covers: 'deflated explicit VR little endian' },
  { file: 'MR_small_RLE.dcm', tool: 'pydicom', covers: 'RLE signed 16-bit' },
  { file: 'emri_small_RLE.dcm', tool: 'pydicom', covers: 'RLE 12-bit in 16, 10 frames' },
  { file: 'SC_rgb_rle_2frame.dcm', tool: 'pydicom', covers: 'RLE 8-bit RGB, 2 frames' },
  { file: 'SC_rgb_rle_16bit.dcm', tool: 'pydicom', covers: 'RLE 16-bit RGB' },
  { file: 'SC_rgb_rle_32bit_2frame.dcm', tool: 'pydicom', covers: 'RLE 32-bit RGB, 2 frames' },
  { file: 'rtdose_rle.dcm', tool: 'pydicom', covers: 'RLE 32-bit, 15 frames' },
  { file: 'OBXXXX1A_rle_2frame.dcm', tool: 'pydicom', covers: 'RLE palette, 2 frames' },
  { file: 'JPEG-LL.dcm', tool: 'dcmdjpeg', covers: 'JPEG lossless SV1 signed 16-bit' },
  { file: 'JPGLosslessP14SV1_1s_1f_8b.dcm', tool: 'dcmdjpeg', covers: 'JPEG lossless SV1 8-bit' },
  { file: 'SC_rgb_jpeg_gdcm.dcm', tool: 'dcmdjpeg', covers: 'JPEG lossless RGB' },
  { file: 'JPEG-lossy.dcm', tool: 'dcmdjpeg', covers: 'JPEG extended 12-bit' },
  { file: 'SC_rgb_dcmtk_+eb+cy+np.dcm', tool: 'dcmdjpeg', covers: 'JPEG baseline YBR_FULL_422' },
  { file: 'SC_rgb_dcmtk_+eb+cy+n1.dcm', tool: 'dcmdjpeg', covers: 'JPEG baseline YBR_FULL' },
  { file: 'SC_rgb_dcmtk_+eb+cy+s2.dcm', tool: 'dcmdjpeg', covers: 'JPEG baseline YBR_FULL_422 (sampling 4:2:2)' },
  { file: 'SC_rgb_dcmtk_+eb+cr.dcm', tool: 'dcmdjpeg', covers: 'JPEG baseline RGB (no colour transform)' },
  { file: 'SC_rgb_jpeg_lossy_gdcm.dcm', tool: 'dcmdjpeg', covers: 'JPEG baseline RGB by gdcm' },
  { file: 'SC_rgb_small_odd_jpeg.dcm', tool: 'dcmdjpeg', covers: 'JPEG baseline 3×3 (odd size)' },
  { file: 'MR_small_jpeg_ls_lossless.dcm', tool: 'dcmdjpls', covers: 'JPEG-LS lossless signed' },
  { file: 'emri_small_jpeg_ls_lossless.dcm', tool: 'dcmdjpls', covers: 'JPEG-LS lossless, 10 frames' },
  { file: 'MR_small_jp2klossless.dcm', tool: 'gdcm', covers: 'JPEG 2000 lossless signed' },
  { file: 'emri_small_jpeg_2k_lossless.dcm', tool: 'gdcm', covers: 'JPEG 2000 lossless, 10 frames' },
  { file: 'JPEG2000.dcm', tool: 'gdcm', covers: 'JPEG 2000 lossy signed' },
  { file: 'SC_rgb_gdcm_KY.dcm', tool: 'gdcm', covers: 'JPEG 2000 RGB' },
  { file: 'US1_J2KR.dcm', tool: 'gdcm', covers: 'JPEG 2000 lossless YBR_RCT' },
  { file: 'color-pl.dcm', tool: 'pydicom', covers: 'RGB planar' },
  { file: 'color-px.dcm', tool: 'pydicom', covers: 'RGB interleaved' },
  { file: 'SC_ybr_full_uncompressed.dcm', tool: 'pydicom', covers: 'native YBR_FULL → RGB' },
  { file: 'SC_ybr_full_422_uncompressed.dcm', tool: 'pydicom', covers: 'native YBR_FULL_422 → RGB' },
  { file: 'OBXXXX1A.dcm', tool: 'pydicom', covers: 'palette 16-bit entries' },
  { file: 'OT-PAL-8-face.dcm', tool: 'pydicom', covers: 'palette without preamble or meta header (syntax inferred)' },
  { file: 'liver.dcm', tool: 'pydicom', covers: '1-bit, 3 frames' },
  { file: 'SC_rgb_32bit_2frame.dcm', tool: 'pydicom', covers: '32-bit RGB, 2 frames' },
  { file: 'CT_small.dcm', tool: 'pydicom', covers: 'signed CT, rescale to HU', modality: true },
  { file: 'mlut_18.dcm', tool: 'pydicom', covers: 'Modality LUT Sequence', modality: true },
  { file: 'emri_small.dcm', tool: 'pydicom', covers: 'multi-frame 12-bit in 16' },
  { file: 'eCT_Supplemental.dcm', tool: 'pydicom', covers: 'enhanced CT, 2 frames' },
  { file: 'MR-SIEMENS-DICOM-WithOverlays.dcm', tool: 'pydicom', covers: 'Bits Stored 12 of 16' },
];

const python = referencePython();
const corpus = (name: string) => sharedData('conformance', 'pydicom', name);
const key = (c: Case) => corpus(c.file) + (c.modality ? '#modality' : '');

describe.skipIf(!HAS_SHARED || !python)(`pydicom corpus vs reference decoders ${HAS_SHARED ? '' : SHARED_MISSING_REASON}`, () => {
  const temp = makeTempDir('yingdu-pydicom-');
  let references: Map<string, ReferencePixels>;

  beforeAll(() => {
    references = referenceDecode(
      python as string,
      CASES.map((c) => ({ file: corpus(c.file), tool: c.tool, modality: c.modality })),
      temp.dir,
    );
  });
  afterAll(() => temp.remove());

  it.each(CASES.map((c) => [c.covers, c] as const))('%s', async (_covers, c) => {
    const reference = references.get(key(c)) as ReferencePixels;
    const ours = await readPixels(readFileSync(corpus(c.file)), { modalityLut: c.modality });
    const expectedShape = reference.shape;
    const frames = ours.frames > 1 ? [ours.frames] : [];
    expect([...frames, ours.rows, ours.columns, ...(ours.samplesPerPixel > 1 ? [ours.samplesPerPixel] : [])]).toEqual(expectedShape);
    expect(ours.photometricInterpretation).toBe(reference.photometric);
    const diff = compare(ours.data, reference.values, 1);
    expect(diff.mismatches).toBe(0);
  });
});
