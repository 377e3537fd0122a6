import { describe, expect, it } from 'vitest';
import { encapsulatedFrames as fragmentsPerFrame, type EncapsulatedLayout } from '../../../../electron/core/pixels/encapsulated-frames';
import { concat } from '../../../../electron/core/pixels/pixel-dataset';

const encapsulatedFrames = (layout: EncapsulatedLayout) => fragmentsPerFrame(layout).map(concat);

const jpeg = (id: number) => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, id, 0]);
const tail = (id: number) => new Uint8Array([id, id, id, id, 0xff, 0xd9]);

describe('encapsulated frames (PS3.5 A.4)', () => {
  it('starts a new frame at each fragment that opens with a JPEG SOI when there is no offset table', () => {
    const frames = encapsulatedFrames({ parts: [jpeg(1), tail(1), jpeg(2), tail(2), tail(3)], numberOfFrames: 2, marker: 'jpeg' });
    expect(frames.map((f) => f.length)).toEqual([14, 20]);
  });

  it('follows the Extended Offset Table, counting 8 header bytes per fragment (A.4.1)', () => {
    const parts = [jpeg(1), tail(1), jpeg(2), tail(2)];
    const table = new Uint8Array(16);
    new DataView(table.buffer).setBigUint64(8, BigInt(8 + 8 + 8 + 6), true);
    const frames = encapsulatedFrames({ parts, numberOfFrames: 2, extendedOffsets: table, marker: 'none' });
    expect(Array.from(frames[1] as Uint8Array)).toEqual([...jpeg(2), ...tail(2)]);
  });

  it('joins every fragment of a single-frame image', () => {
    expect(encapsulatedFrames({ parts: [jpeg(1), tail(1)], numberOfFrames: 1, marker: 'jpeg' })[0]?.length).toBe(14);
  });

  it('refuses fewer fragments than frames, or fragments it cannot assign', () => {
    expect(() => encapsulatedFrames({ parts: [jpeg(1)], numberOfFrames: 2, marker: 'jpeg' })).toThrow(expect.objectContaining({ code: 'DECODE_FAILED' }));
    expect(() => encapsulatedFrames({ parts: [jpeg(1), tail(1), tail(2)], numberOfFrames: 2, marker: 'jpeg' })).toThrow(/Basic Offset Table is empty/);
  });
});
