import { describe, expect, it } from 'vitest';
import { hasPart10Header, inferTransferSyntax, withPart10Header } from '../../../../electron/core/pixels/headerless-dataset';

describe('headerless datasets', () => {
  it('infers the transfer syntax from the first element, as dcmtk does', () => {
    // (0008,0005) CS "ISO_IR 100" in each encoding.
    expect(inferTransferSyntax(new Uint8Array([0x08, 0x00, 0x05, 0x00, 0x43, 0x53, 0x0a, 0x00]))).toBe('1.2.840.10008.1.2.1');
    expect(inferTransferSyntax(new Uint8Array([0x08, 0x00, 0x05, 0x00, 0x0a, 0x00, 0x00, 0x00]))).toBe('1.2.840.10008.1.2');
    expect(inferTransferSyntax(new Uint8Array([0x00, 0x08, 0x00, 0x05, 0x43, 0x53, 0x00, 0x0a]))).toBe('1.2.840.10008.1.2.2');
    expect(inferTransferSyntax(new TextEncoder().encode('%PDF-1.7 not dicom'))).toBeUndefined();
  });

  it('puts a preamble and a meta group naming the syntax in front of the dataset', () => {
    const dataset = new Uint8Array([0x08, 0x00, 0x05, 0x00, 0x0a, 0x00, 0x00, 0x00]);
    const file = withPart10Header(dataset, '1.2.840.10008.1.2');
    expect(hasPart10Header(file)).toBe(true);
    expect(new TextDecoder().decode(file.subarray(152, 170))).toBe('1.2.840.10008.1.2\0');
    expect(Array.from(file.subarray(file.length - dataset.length))).toEqual(Array.from(dataset));
  });
});
