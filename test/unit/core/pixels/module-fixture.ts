// An Image Pixel Module for unit tests, overridable per case.
import type { ImagePixelModule } from '../../../../electron/core/pixels/image-pixel-module';

export function pixelModule(overrides: Partial<ImagePixelModule> = {}): ImagePixelModule {
  return {
    rows: 2,
    columns: 2,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    planarConfiguration: 0,
    numberOfFrames: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 0,
    pixelTag: '7FE00010',
    ...overrides,
  };
}
