// dcmjs 0.51 decodes text with the character set named by (0008,0005) only in the stream where it
// read that element: every sequence item of explicit length is read from a fresh sub-stream
// (`ReadBufferStream.more`) that starts again with latin1. A UTF-8 (ISO_IR 192) file then reads
// back with every nested string as mojibake — e.g. a Chinese observer name inside an SR content
// item — and a de-identified or re-exported file would carry the damage on. PS3.5 §6.1.2.5.3: the
// character set of the dataset applies to its nested items unless an item names its own, which
// dcmjs still honours because the item's own (0008,0005) resets the sub-stream's decoder.
// Importing this module once, before any read, makes sub-streams inherit their parent's decoder.
import { data } from 'dcmjs';

interface DecodingStream {
  decoder: unknown;
  setDecoder(decoder: unknown): void;
  more(length: number): DecodingStream;
}

const proto = (data as unknown as { ReadBufferStream: { prototype: DecodingStream } }).ReadBufferStream.prototype;
const marker = Symbol.for('yingdu.dcmjs.inheritDecoder');
const patched = proto as DecodingStream & { [marker]?: true };
if (!patched[marker]) {
  const more = proto.more;
  proto.more = function (this: DecodingStream, length: number): DecodingStream {
    const sub = more.call(this, length);
    sub.setDecoder(this.decoder);
    return sub;
  };
  patched[marker] = true;
}
