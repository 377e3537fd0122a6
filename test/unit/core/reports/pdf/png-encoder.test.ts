// The key-image PNG encoder: a structurally valid PNG (signature, chunk CRCs) whose pixels Python's
// zlib and struct read back exactly (python3 is the reference decoder here, independent of node:zlib).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../../../electron/core/reports/pdf/png-encoder';
import { seededRandom } from '../../../../support/seeded-random';

const DECODE = `
import sys, struct, zlib, binascii
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
pos, idat, ihdr = 8, b'', None
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    assert struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])[0] == binascii.crc32(kind + body), kind
    if kind == b'IHDR': ihdr = struct.unpack('>IIBBBBB', body)
    if kind == b'IDAT': idat += body
    pos += 12 + n
w, h = ihdr[0], ihdr[1]
raw = zlib.decompress(idat)
rows = [raw[y * (w * 3 + 1):(y + 1) * (w * 3 + 1)] for y in range(h)]
assert all(r[0] == 0 for r in rows)
sys.stdout.write(' '.join(map(str, ihdr)) + '\\n' + b''.join(r[1:] for r in rows).hex())
`;

describe('encodePng', () => {
  it('writes RGB pixels a reference decoder reads back exactly', () => {
    const random = seededRandom(7);
    const [width, height] = [37, 11];
    const rgb = Uint8Array.from({ length: width * height * 3 }, () => Math.floor(random() * 256));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yingdu-png-'));
    try {
      const file = path.join(dir, 'x.png');
      writeFileSync(file, encodePng(width, height, rgb));
      const [header, hex] = execFileSync('python3', ['-c', DECODE, file], { encoding: 'utf8' }).split('\n');
      expect(header).toBe(`${width} ${height} 8 2 0 0 0`);
      expect(hex).toBe(Buffer.from(rgb).toString('hex'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => encodePng(4, 4, new Uint8Array(10))).toThrow(RangeError);
  });
});
