// One ONNX Runtime inference in its own process, so its peak memory is its own: the benchmark
// (inference-bench.ts) starts it per model. Usage: onnx-run-child.ts MODEL.onnx SHA256 INPUT.f32
// D H W LABELS.u8 — input float32 [1,1,D,H,W], writes argmax labels, prints one JSON line:
// {seconds, provider, rssBeforeMb, peakRssMb}.
import { readFileSync, writeFileSync } from 'node:fs';
import { createModelSession } from '../../../electron/core/inference/runtime/model-session';
import { argmaxLabels } from '../../integration/native-models/sample-volume';

async function main() {
  const [modelPath, sha, inputPath, d, h, w, labelsPath] = process.argv.slice(2);
  if (!modelPath || !sha || !inputPath || !labelsPath) throw new Error('usage: onnx-run-child.ts MODEL SHA INPUT D H W LABELS');
  const dims = [1, 1, Number(d), Number(h), Number(w)];
  const data = new Float32Array(readFileSync(inputPath).buffer.slice(0));
  const rssBefore = process.memoryUsage().rss;
  const session = await createModelSession(modelPath, sha);
  const started = performance.now();
  const out = await session.run({ input: { dims, data } });
  const seconds = (performance.now() - started) / 1000;
  const logits = out.output;
  if (!logits) throw new Error('the model produced no "output"');
  writeFileSync(labelsPath, argmaxLabels(logits.data, logits.dims[1] ?? 1));
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds: Number(seconds.toFixed(2)), provider: session.provider, rssBeforeMb: Math.round(rssBefore / 2 ** 20), peakRssMb: Math.round(peakRssMb) })}\n`);
  await session.release();
}

void main();
